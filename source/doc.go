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
// Reproduce with:
//
//	go test -run '^$' -bench '^Benchmark(NDJSON|Encoder|TwitterV1|TwitterV2|CSV|Mastodon|Bluesky|Open311JSON|Open311XML|Feed)$' \
//	    -benchtime 1s -count 3 -benchmem ./source/
//
// Medians of three runs on a shared 2-core Intel Xeon VM under heavy load
// from other jobs (load average 9-13): absolute MB/s vary by a factor of
// two or more between runs there and will be higher on an idle machine.
// Each input is a fixture repeated to 0.3-1.3 MB; records include the
// fixtures' rejected ones (deletes, control messages).
//
//	decoder        MB/s   allocs/record   input
//	ndjson          340*      0.5         2 800 posts (52 MB/s, 19 allocs before the scanner)
//	Encoder          64         2         2 800 posts written
//	twitter-v1       33        72         600 statuses (100 delete notices)
//	twitter-v2       21        82         150 pages × 7 tweets
//	csv              29         7         4 000 rows
//	mastodon        8.6        67         900 statuses (HTML parsing)
//	bluesky          12        31         2 100 events
//	open311-json    9.9        30         900 requests
//	open311-xml     7.4       144         1 200 requests
//	feed            8.5       229         600 Atom entries (gofeed)
//
// NDJSON lines are decoded by a hand-written scanner for the fixed schema
// (ndjson_fast.go, no reflection), which hands any line it does not decode
// exactly as encoding/json does to encoding/json (FuzzNDJSONFast checks
// that both give the same posts and the same rejections). It reads the
// members in the order Encoder writes them in straight-line code, one
// 16-byte comparison for separator, key and the value's first byte, and
// decodes a compact line straight from its block of lines (see
// ndjsonScanner). The BenchmarkNDJSON/ratio sub-benchmark alternates the
// decoder with a bare encoding/json decode of the same lines into the
// same struct within each iteration: decoder/encoding-json = 0.144-0.147
// (two runs under load; 0.16-0.18 before the ordered path, alternating;
// 0.99 with encoding/json alone). Instructions, which a loaded machine
// does not change (callgrind, GOGC=off, difference of 9 and 3 iterations
// of BenchmarkNDJSON/decoder): 16.7 million per 2 800 posts, 5 960 per
// post (22.7 million, 8 100 per post, on the commit before the ordered
// path; 62 000 per post before the scanner); cachegrind per post:
// mispredicted branches 52 (106 before), L1 misses 16 (unchanged). On
// the pipeline's own lines (BenchmarkPipeline/ndjson, 20 000 synthetic
// posts of 311 bytes; callgrind, 4 and 2 iterations) the decoder's
// functions cost 3 040 instructions per post (5 270 before), the
// scanner's 2 500 (4 460); mispredicted branches 16 per post (64) in
// cachegrind on 2 000 of those lines. BenchmarkNDJSONSynth decodes the
// same 20 000 lines alone (callgrind --toggle-collect=*decodeSynth with
// branch simulation, per post, including the reader and the iterator):
// 3 361 -> 3 244 instructions and 18.6 -> 13.6 mispredicted branches
// once plainEnd finds an end in a string's first 16 bytes with
// conditional moves (562 -> 401 instructions), author keys of 28 bytes
// take keyFrom and UTF-8 is checked by validUTF8 instead of
// utf8.ValidString (93 -> 57 instructions, 2.1 -> 1.0 mispredicts).
// In BenchmarkPipeline/ndjson (callgrind, 2 and 6 iterations, the
// committed tree with and without these changes) plainEnd costs 562 ->
// 401 instructions a post, strFrom 211 -> 162 plus keyFrom 108.
// Allocations 1 381 per 2 800 posts (1 415 with a bufio.Reader, 3 870
// with one string per line, 54 008 with encoding/json): one chunk of
// 4 KiB per 4 KiB of input, which the reader reads into and of which
// every plain string field is a substring (a kept Post retains its
// chunk), plus one per escaped string and small shared blocks for
// pointed-to values. (*)
// MB/s of the current decoder on the otherwise idle machine (2026-11-29,
// six runs alternating with the commit before the ordered path,
// benchstat): 324–361 MB/s against 267–320 (+16 %), and the ratio to
// encoding/json 0.11–0.12 against 0.14. The decoder adds UTF-8 validation, the
// record size limit, validation and identity checks to the scan.
//
// Reading (2026-11-29, issue #7): the lines were copied twice, by Read
// into a bufio.Reader's buffer (64 KiB, reused, so its bytes cannot back
// a string) and from there into a string of up to 4 KiB of whole lines.
// lineChunks (decode.go) reads into chunks of 4 KiB that are never
// written again once a string shares them (unsafe.String over the
// chunk; the partial last line of a full chunk is copied into the next
// one, about 4 % of the input): one copy instead of two, and no read
// buffer. An io.Reader offers no way to read a bytes.Reader's data
// without a copy, and an io.WriterTo hands out bytes that must not be
// retained, so one copy stays. BenchmarkNDJSONSynth under callgrind
// (--toggle-collect=*decodeSynth, cache and branch simulation, per post
// including the reader and the iterator; the commit before and after,
// built alone): 3 244 -> 3 228 instructions, L1 misses 10.8 -> 5.3
// (write misses 10.1 -> 5.4), mispredicts 13.5 (unchanged), cycle model
// (Ir/2 + 12 L1 + 40 LL misses + 16 mispredicts) 1 971 -> 1 897 (-4 %);
// the scanner's int takes its bytes from its word (205 -> 190
// instructions). Tried and not kept: plainEnd's loop over an index
// instead of a shrinking substring (415 -> 430 instructions with the
// bounds checks), window split so that its 16-byte load inlines (still
// over the inlining budget, cost 106 with unsafe loads).
//
// In BenchmarkPipeline/ndjson/workers=1 (cachegrind, 2 and 4
// iterations, the commit before today and it with these changes of
// source alone; per post): the decoder's and tokenizer's functions with
// memmove and the allocator 5,917 -> 5,886 instructions, L1 misses 30.1
// -> 25.5 (memmove's 11.9 -> 7.0), mispredicts 65.1 -> 61.3, cycle model
// 4,366 -> 4,235 (-3 %; the pipeline's 18,480, so -0.7 % of it).
// dateCache.parse tests its fields in two branches instead of nine: in
// the pipeline the predictor has forgotten them between two posts (3.3
// mispredicts a post, 0.9 now; 0.06 in BenchmarkNDJSONSynth). Wall
// clock, 12 alternating runs of each on the shared machine (load 3-5,
// GOMAXPROCS=1): BenchmarkNDJSONSynth (-benchtime 40x) minimum 10.3 ms
// against 10.9, median 11.5 against 13.6, for 20,000 posts;
// BenchmarkPipeline/ndjson/workers=1 (10x) minimum 117.9 ms against
// 116.8, median 122.6 against 126.9: within the noise there.
//
// Round 9 (2026-11-29): a known platform or kind is one 16-byte
// comparison with the constant its first bytes hash to (platformFrom,
// kindFrom: no search for the quote, no memequal); a two-letter lang is
// taken from the window that matched its key (lang2); the ends of the
// author, engagement and post objects are tested inline (closeBrace);
// int reads one digit before its SWAR path; the NDJSON line loop
// (ndjsonLines) calls the scanner and the validation directly instead
// of through five closures. Instructions per post (callgrind, GOGC=off,
// difference of 6 and 2 iterations; the commit before and after):
// BenchmarkNDJSONSynth 3,209 -> 2,805 (-13 %); BenchmarkNDJSON/decoder
// (9 and 3 iterations) 5,628 -> 5,304; BenchmarkPipeline/ndjson/workers=1
// 21,005 -> 20,575, of which this package's functions 2,963 -> 2,596.
// Cachegrind on BenchmarkNDJSONSynth: mispredicted branches 14.0 ->
// 12.5 a post, L1 misses unchanged (memmove's 9.9, the chunks read).
// Left: the copy of each Post into the iterator's yield (two copies of
// its 312 bytes by the compiler, 150 instructions), the text's plainEnd
// (about 230), and a call of window (14) after every member.
//
// Round 10 (2026-11-29): ndjsonLines decodes into a Post on its own
// stack and yields it itself (Decoder.runYield): one copy into yield
// instead of two, and no write-barrier test when it is cleared; strFrom
// takes a plain ASCII string that ends in its first 16 bytes (ids,
// locations, place names) from two words and unplain8 (7 operations a
// word instead of stop8's 10, as it flags bytes >= 0x80 too) instead of
// calling plainEnd, whose loop passes plain ASCII words of the text the
// same way; keyFrom uses unplain8; a one-digit engagement counter is read
// from the window that matched its key (digit1). Instructions per post
// (callgrind, GOGC=off; the commit before and after): BenchmarkNDJSONSynth
// (--toggle-collect=*decodeSynth, 2 and 6 iterations) 2,801 -> 2,586
// (-8 %); BenchmarkPipeline/ndjson/workers=1 (2 and 6 iterations) 18,945
// -> 18,690 (-1.3 %). The input chunks (lineChunks) are the one
// allocation left, 4 KiB per 4 KiB of input (about 315 bytes a post):
// every plain string of a post points into them, so they can shrink only
// by copying strings; larger chunks would make fewer allocations of the
// same bytes but keep more memory alive per kept post. Not done: window
// inlined with only its fast path (two le.Uint64 loads give it an
// inlining cost of 222 against the budget of 80; unaligned unsafe loads
// would not be portable to strict-alignment architectures).
//
// Round 13 (2026-11-30): strEnd finds the end of a string that does not
// end in its first 16 bytes (the text) and checks its UTF-8 in one pass:
// plain ASCII words are passed with unplain8, and at a byte >= 0x80 the
// rune there is decoded and the words go on after it, instead of
// plainEnd's search, which ORed the words together, and a second pass of
// validUTF8 over the strings that had such a byte. Coordinates of the
// form [-]D.F (1 to 7 digits each, no exponent) are read by decimal,
// whose digits are counted and converted in one word per part as int
// does (number and exactFloat walked each byte twice and mispredicted
// about five times a number); ref, place and bound take ordered paths as
// author does (object's general loop cost 430 instructions a ref, 2,680
// a place). BenchmarkNDJSONSynth (callgrind --toggle-collect=*decodeSynth
// with branch simulation, difference of 3 and 1 iterations, per post;
// the commit before and after): 2,611 -> 2,502 instructions, mispredicts
// 11.5 -> 10.0 (the branch simulation moves about one mispredict a post
// between functions from build to build, through aliasing); allocations
// unchanged (1,901 per 20,000 posts, the input chunks, 332 bytes a
// post). BenchmarkPipeline/ndjson/workers=1 (cachegrind, GOGC=off, 2 and
// 6 iterations; python3 /tmp/s11-pkg.py): this package 2,393 -> 2,286
// instructions a post, I1 misses 11.4 -> 9.6, mispredicts 15.2 -> 12.0;
// the pipeline 17,690 -> 17,553.
//
// Tried and not kept (round 13): the engagement counters without a
// branch per member (each of the four members tried at the position
// after the last one found, value and advance selected with masks, so
// that a post's random set of counters costs no mispredicted branch):
// as a loop of four rounds the loop's end mispredicted twice a post in
// cachegrind's model, and written out with an inlined matcher it cost
// 300 instructions against 151 for 0.2 fewer mispredicts (the eight
// 8-byte loads with their bounds checks and the masks); strEnd's word
// loop over an index instead of a shrinking substring (the loads keep a
// bounds check: 260 -> 271 instructions a post).
package source
