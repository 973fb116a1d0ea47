// Package source reads posts from every input format the library supports
// into one platform-neutral model, [Post], without ever losing a record
// silently.
//
// # Model and contract
//
// A [Source] yields posts as an iter.Seq2[Post, error]: a non-nil error is
// always the final pair, cancellation yields ctx.Err(), and a source
// returns promptly once the consumer stops. [Func], [FromSlice], [FromNext],
// [Merge] (by time, with iter.Pull2, no goroutines) and [Collect] are the
// helpers; package sourcetest is the conformance suite every source in
// this repository passes. Coordinates are orb.Point [lon, lat] WGS84,
// times are UTC.
//
// # Formats
//
// Every decoder is a [*Decoder] made by a constructor of the shape
// NewX(r io.Reader, opts *Options); [NewCSV] takes the column mapping,
// a [*CSVOptions], as a third argument. It reads in constant memory (feeds
// excepted), counts what it does in [Stats] and implements [Source]; it is
// single-use: a second Posts call yields [ErrConsumed].
//
//	constructor        format name          input
//	NewNDJSON          ndjson               the library's own schema, one Post per line (schema/post.schema.json); Encoder writes it
//	NewTwitterV1       twitter-v1           API v1.1 statuses: NDJSON (streaming, research archives), a JSON array (REST page), account-archive tweets.js
//	NewTwitterV2       twitter-v2           API v2: NDJSON of tweets, of pages {data, includes{users, places, tweets}}, of stream lines
//	NewMastodon        mastodon             Mastodon API Status JSON: a JSON array (timeline page) or NDJSON
//	NewBluesky         bluesky-jetstream    Bluesky Jetstream events, NDJSON; app.bsky.feed.post creates are posts
//	NewOpen311JSON     open311-json         Open311 GeoReport v2 service requests, JSON array or NDJSON
//	NewOpen311XML      open311-xml          Open311 GeoReport v2 service requests, XML
//	NewFeed            feed                 RSS 2.0, RSS 1.0 and Atom (gofeed), whole document
//	NewCSV             csv                  CSV with a header row and a declared column mapping (CSVOptions)
//
// # Field mapping
//
// Each constructor's documentation has the full mapping; in short (a dash
// means the format has no such field, "pseud." a keyed pseudonym):
//
//	Post field      ndjson     twitter-v1                  twitter-v2                     mastodon              bluesky                 open311               feed                  csv
//	ID              id         id_str                      id                             id                    pseud.(did)/rkey        service_request_id    guid / id / link      id column
//	Kind            kind       repost/reply/quote          referenced_tweets              reblog/in_reply_to    reply / embed quote     report                article               kind column
//	URL             url        x.com/i/web/status/<id>     x.com/i/web/status/<id>        url (raw only)        (raw only)              -                     link                  url column*
//	Text            text       extended_tweet.full_text,   note_tweet.text, text          content (HTML→text)   record.text             description           title + summary       text column
//	                           full_text, text
//	Lang            lang       lang                        lang                           language              langs[0]                -                     language, xml:lang    lang column
//	Created         created    created_at                  created_at                     created_at            record.createdAt        requested_datetime    pubDate / published   created (TimeLayout)
//	Author.Key      key        pseud.(user.id_str)         pseud.(author_id)              pseud.(account.acct)  pseud.(did)             pseud.(account_id)    pseud.(byline)        pseud.(author_id/author)
//	Author.Location location   user.location               user location                  -                     -                     -                     -                     author_location
//	Author.Followers followers user.followers_count        user public_metrics            account.followers     -                     -                     -                     followers
//	Author.Verified verified   user.verified               user verified                  -                     -                     -                     -                     verified
//	Author.Official official   verified_type government    verified_type government       -                     -                     -                     -                     -
//	Geo             geo        coordinates [lon,lat]       geo.coordinates [lon,lat]      -                     -                     long, lat             georss:point          lon, lat columns
//	Place           place      place + bounding_box        includes.places + bbox         -                     -                     address               -                     place column
//	Engagement      engagement retweet/favorite/reply/     public_metrics                 reblogs/favourites/   -                     -                     -                     likes, reposts,
//	                           quote_count                                                replies_count                                                                         replies, quotes
//	Ref             ref        retweeted_status,           referenced_tweets (+ includes  reblog, in_reply_to   reply.parent,          -                     -                     ref_id column
//	                           in_reply_to_status_id_str,  .tweets for the original)                            embed.record
//	                           quoted_status
//	Tags            tags       entities.hashtags           entities.hashtags              tags[].name           tag facets              -                     category              tags column
//	Mentions        mentions   entities.user_mentions      entities.mentions              mentions[].acct       mention facets          -                     -                     -
//	Report          report     -                           -                              -                     -                       service_name/code,    -                     -
//	                                                                                                                                  status, address, media_url
//
// (*) dropped by default when it holds the author's handle or id.
//
// # Pseudonymisation at the door
//
// By default no raw account identity leaves a decoder: Author.Key is an
// HMAC-SHA-256 pseudonym made by [Options.Pseudonymizer] (nil: the public
// [DefaultPseudonymKey], which keeps results reproducible but protects only
// against casual reading: set a secret key in production, optionally with a
// rotation period). Author.Handle, Author.RawID, raw mentions and URLs
// holding a handle are filled only with [Options.KeepRawIdentity].
// "@handle" words in Twitter, Mastodon, Bluesky and CSV text are replaced
// by "@<pseudonym>"; mention pseudonyms equal the mentioned account's
// Author.Key where the format gives its id. Open311 reporters are never
// kept raw. Each decoder has a test that no raw id or handle of its
// fixtures survives by default.
//
// # Bad input and limits
//
// A bad record is rejected, counted in Stats.Rejected by [Reason] and
// reported to [Options.OnReject] as a [*DecodeError] {Format, Record
// (1-based), Offset (byte offset of the record's start), Reason, Err};
// decoding goes on with the next record, or stops with that error as the
// sequence's final pair when [Options.Strict] is set. Once a sequence has
// ended, Stats.Read == Stats.Yielded + Stats.RejectedTotal(). Reasons:
// [ReasonSyntax], [ReasonType], [ReasonUTF8], [ReasonCoordinates] (NaN,
// infinite, out of range), [ReasonSwapped] ([lat, lon] given: reported,
// never swapped back), [ReasonTooLarge], [ReasonMissing], [ReasonTime],
// [ReasonNotAPost] (valid records of another kind: deletes, likes, stream
// control messages, empty v2 pages).
//
// Sequence errors (final pair) are: a failing reader (wrapped with the
// byte offset), ctx.Err(), [ErrConsumed], a strict-mode *DecodeError, and
// [*CSVHeaderError] when a CSV header does not fit its declared mapping.
//
// Limits: one record (line, JSON array element, XML element, CSV row) is at
// most [Options.MaxRecordBytes], default [DefaultMaxRecordBytes] (1 MiB);
// larger records are skipped without being buffered. Twitter v2 lines hold
// whole response pages and default to [DefaultMaxPageBytes] (16 MiB). A
// feed is parsed whole and cut at [DefaultMaxFeedBytes] (32 MiB). Memory
// is bounded by the limit plus a 64 KiB read buffer for all other formats.
//
// # Concurrency
//
// A [*Decoder] is single-use and not safe for concurrent use: one
// goroutine ranges over its sequence and may read Stats between steps or
// after the end; OnReject is called from that goroutine. An [Encoder] is
// not safe for concurrent use. A [Pseudonymizer] is immutable and safe for
// concurrent use: share one among decoders. Sources made by [Func],
// [FromSlice], [FromNext] and [Merge] are as safe as what they wrap; every
// sequence is single-use. Nothing in this package starts a goroutine
// ([Merge] pulls with iter.Pull2 and stops every input before it returns).
//
// # Dependencies
//
// HTML is converted to text with golang.org/x/net/html, a real HTML5
// tokenizer with the full entity table (Mastodon content, feed summaries),
// because hand-written tag stripping gets entities, <br> and Mastodon's
// invisible link spans wrong. Feeds are parsed with
// github.com/mmcdole/gofeed, a well-kept library that handles RSS 0.9x,
// 1.0 and 2.0, Atom, their namespaces (dc, georss) and the many date
// formats found in real feeds. Everything else uses the standard library.
//
// # Speed
//
// Each decoder benchmark reads a fixture of its format, repeated to
// 0.3-1.3 MB, from memory; records include the fixtures' rejected ones
// (deletes, control messages). Medians (and ranges) of three runs on the
// shared 2-core Intel Xeon VM, 2026-11-30 09:00, otherwise idle; its wall
// clock varies by up to half between quarters of an hour:
//
//	decoder        MB/s              allocs/record   input
//	ndjson         425 (403–431)         0.5         2 800 posts
//	Encoder        135 (125–144)           2         2 800 posts written
//	twitter-v1      40 (39–41)            72         600 statuses (100 delete notices)
//	twitter-v2      24 (22–27)            82         150 pages × 7 tweets
//	csv             43 (38–45)             7         4 000 rows
//	mastodon        30 (29–32)            67         900 statuses (HTML parsing)
//	bluesky         32 (32–35)            31         2 100 events
//	open311-json    34 (34–37)            30         900 requests
//	open311-xml     19 (18–20)           144         1 200 requests
//	feed           6.7 (6.6–8.1)         229         600 Atom entries (gofeed)
//
// The arrays of JSON records (Mastodon timelines, Open311 JSON, Twitter
// v1.1 pages) are split on the reader's buffered bytes (readElement):
// Mastodon +30 % and Open311 JSON +54 % over a byte at a time (six
// alternating runs, 2026-11-30). What is left of Mastodon's time is
// encoding/json (about half) and the HTML of the statuses.
// BenchmarkNDJSON/ratio alternates the decoder with a bare encoding/json
// decode of the same lines into the same struct within each iteration
// and reports decoder time / encoding/json time: 0.10-0.12 on the idle
// machine (2026-11-29 and 2026-11-30), 0.144-0.147 under load. BenchmarkNDJSONSynth decodes the 20,000
// synthetic posts of the root package's BenchmarkPipeline/ndjson alone, for
// counts per post (callgrind --toggle-collect=*decodeSynth, GOGC=off,
// reader and iterator included; 2026-11-30): 2,502 instructions, 10.0
// mispredicted branches, and 1,901 allocations per 20,000 posts (332 bytes
// a post). In BenchmarkPipeline/ndjson/workers=1 this package's functions
// take 2,286 instructions and 12.0 mispredicted branches a post. On the
// fixture lines, BenchmarkNDJSON/decoder took 5,304 instructions a post
// (2026-11-29; later changes were measured on BenchmarkNDJSONSynth).
//
// NDJSON lines are decoded by a hand-written scanner for the fixed schema
// (ndjson_fast.go, no reflection). It reads the members in the order
// Encoder writes them, in straight-line code, one 16-byte comparison for
// separator, key and the value's first byte. Any line it does not decode
// exactly as encoding/json does goes to encoding/json (FuzzNDJSONFast
// checks that both give the same posts and the same rejections). To the
// scan it adds UTF-8 validation, the record size limit, validation and
// the identity checks. The input is read, with one copy, into chunks of
// 4 KiB that are never written again; every plain string field is a
// substring of its chunk. So the allocations are one chunk per 4 KiB of
// input, one per escaped string and small shared blocks for pointed-to
// values, and a kept Post keeps its chunk alive (see [NewNDJSON]).
//
// Reproduce with:
//
//	go test -run '^$' -bench '^Benchmark(NDJSON|Encoder|TwitterV1|TwitterV2|CSV|Mastodon|Bluesky|Open311JSON|Open311XML|Feed)$' \
//	    -benchtime 1s -count 3 -benchmem ./source/
//	go test -run '^$' -bench '^BenchmarkNDJSONSynth$' -benchmem ./source/
//
// Instruction counts are measured as described in docs/performance.md
// ("How we measure"). The history of the speed work, and the levers
// tried: docs/performance/source.md.
package source
