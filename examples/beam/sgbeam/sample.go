package sgbeam

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/source"
)

// SamplePosts returns n deterministic SYNTHETIC posts (made up here,
// never posted by anyone) for demonstrations and tests: Dutch and English
// texts about eight cities by 80 authors over three days from 2 March
// 2026, a third geotagged, a quarter of the authors with a profile
// location, about 7 % reposts and 2.5 % posts without an ID (rejected by
// Pipeline.Observe). The same n and seed give the same posts.
func SamplePosts(n int, seed uint64) []source.Post {
	rng := rand.New(rand.NewPCG(seed, 1))
	cities := []struct {
		name     string
		lon, lat float64
	}{
		{"Amsterdam", 4.90, 52.37}, {"Rotterdam", 4.48, 51.92}, {"Utrecht", 5.12, 52.09}, {"Den Haag", 4.30, 52.08},
		{"Eindhoven", 5.48, 51.44}, {"Groningen", 6.57, 53.22}, {"Zwolle", 6.09, 52.51}, {"Maastricht", 5.69, 50.85},
	}
	texts := []string{
		"Wat een drukte in %s vandaag, de trein heeft weer vertraging",
		"Prachtig weer in %s! Heerlijk op het terras",
		"Inbraak in onze straat in %s, de politie is er nu",
		"Geweldig concert gisteravond in %s, echt genoten",
		"Storing bij de tram in %s, iedereen staat stil #ov",
		"Fijne markt in %s vanochtend, verse vis en kaas",
		"Lovely walk through %s today, the canals are beautiful",
		"Terrible traffic jam near %s again, this is awful",
		"Wateroverlast in %s na de hoosbui, kelders lopen onder",
		"Vandaag de nieuwe bibliotheek in %s bezocht, mooi gebouw",
	}
	start := time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)
	posts := make([]source.Post, 0, n)
	for i := range n {
		author := rng.IntN(80)
		c := cities[rng.IntN(len(cities))]
		p := source.Post{
			ID:       fmt.Sprintf("t-%d", i),
			Platform: []source.Platform{source.PlatformMastodon, source.PlatformBluesky, source.PlatformTwitter}[author%3],
			Kind:     source.KindPost,
			Text:     fmt.Sprintf(texts[rng.IntN(len(texts))], c.name),
			Created:  start.Add(time.Duration(rng.IntN(3*24*3600)) * time.Second),
			Author:   source.Author{Key: fmt.Sprintf("author-%02d", author)},
		}
		if author%4 == 0 {
			p.Author.Location = cities[author%len(cities)].name + ", Nederland"
		}
		if rng.IntN(3) == 0 {
			pt := orb.Point{c.lon + (rng.Float64()-0.5)*0.04, c.lat + (rng.Float64()-0.5)*0.04}
			p.Geo = &pt
		}
		switch r := rng.IntN(40); {
		case r == 0:
			p.ID = "" // rejected: no ID
		case r < 4:
			p.Kind = source.KindRepost
			p.Ref = &source.Ref{ID: fmt.Sprintf("t-%d", rng.IntN(i+1))}
		}
		posts = append(posts, p)
	}
	return posts
}

// WriteNDJSON writes posts in the core NDJSON format (source.Encoder).
// Posts the NDJSON decoder would reject (no ID, say) are skipped and
// counted in skipped.
func WriteNDJSON(w io.Writer, posts []source.Post) (skipped int, err error) {
	bw := bufio.NewWriter(w)
	enc := source.NewEncoder(bw)
	for _, p := range posts {
		if enc.Encode(p) != nil {
			skipped++ // an invalid post; a write error sticks in bw and Flush returns it
		}
	}
	return skipped, bw.Flush()
}
