// Command webcare builds a ranked queue of posts that a municipality's
// webcare team should answer, from a day of SYNTHETIC posts: posts that
// match the webcare profile, most urgent first (negative sentiment, reach
// through reposts and followers), with sarcasm shown as such.
//
// A webcare queue lists individual posts, which is person-level output.
// The example shows that the library allows it only because the webcare
// profile's purpose permits it, and refuses the same profile without that
// purpose.
//
//	go run ./examples/webcare -out ./out
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/examples/internal/output"
	"github.com/socialgeo/socialgeo/geo/nl"
	"github.com/socialgeo/socialgeo/internal/synth"
	"github.com/socialgeo/socialgeo/profile"
	"github.com/socialgeo/socialgeo/sentiment"
	"github.com/socialgeo/socialgeo/source"
)

func main() {
	out := flag.String("out", "out", "folder for the output files")
	posts := flag.Int("posts", 20000, "number of synthetic posts")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *out, *posts); err != nil {
		fmt.Fprintln(os.Stderr, "webcare:", err)
		os.Exit(1)
	}
}

// Item is one entry of the webcare queue.
type Item struct {
	PostID   string  `json:"post_id"`
	Platform string  `json:"platform"`
	Text     string  `json:"text"`
	Polarity float64 `json:"polarity"`
	Sarcasm  bool    `json:"sarcasm"`
	Reach    int     `json:"reach"`
	Urgency  float64 `json:"urgency"`
}

// urgency ranks a post: negativity first, then reach (log-scaled so that
// one big account does not push everyone else out).
func urgency(polarity float64, reach int) float64 {
	neg := math.Max(0, -polarity)
	return math.Round((0.2+neg)*(1+math.Log10(1+float64(reach)))*1000) / 1000
}

func run(ctx context.Context, w io.Writer, out string, n int) error {
	lib, err := profile.Library()
	if err != nil {
		return err
	}
	care, err := lib.Get("webcare")
	if err != nil {
		return err
	}

	// The same profile without person-level purpose is refused.
	restricted := care
	restricted.Purpose.PersonLevel = false
	if _, err := socialgeo.New(&socialgeo.Options{Profiles: []profile.Profile{restricted}}); err != nil {
		// Validation refuses a query that addresses an account (@gemeente)
		// unless the purpose permits person-level output.
		fmt.Fprintf(w, "refused: %v\n", err)
	} else {
		return errors.New("a webcare profile without person-level purpose was accepted")
	}

	p, err := socialgeo.New(&socialgeo.Options{Profiles: []profile.Profile{care}})
	if err != nil {
		return err
	}
	if err := p.PersonLevel("webcare"); err != nil {
		return err
	}
	fmt.Fprintf(w, "allowed: profile %q purpose %q (legal basis: %s) permits person-level output\n\n",
		care.ID, care.Purpose.Description, care.Purpose.LegalBasis)

	gen, err := synth.New(nl.Gazetteer(), &synth.Options{Posts: n, Seed: 5})
	if err != nil {
		return err
	}
	var queue []Item
	for post, err := range gen.Posts(ctx) {
		if err != nil {
			return err
		}
		if post.Kind == source.KindRepost {
			continue
		}
		o, err := p.Observe(ctx, post)
		if err != nil {
			continue // rejected posts are not in the queue
		}
		if len(o.Profiles) == 0 {
			continue
		}
		reach := post.Engagement.Reposts + post.Author.Followers/100
		queue = append(queue, Item{
			PostID: post.ID, Platform: string(post.Platform), Text: post.Text,
			Polarity: math.Round(o.Polarity*100) / 100, Sarcasm: o.Flags&sentiment.FlagSarcasm != 0,
			Reach: reach, Urgency: urgency(o.Polarity, reach),
		})
	}
	sort.SliceStable(queue, func(i, j int) bool {
		if queue[i].Urgency != queue[j].Urgency {
			return queue[i].Urgency > queue[j].Urgency
		}
		return queue[i].PostID < queue[j].PostID
	})
	sarcastic := 0
	for _, it := range queue {
		if it.Sarcasm {
			sarcastic++
		}
	}
	fmt.Fprintf(w, "%d posts in the webcare queue (%d flagged as sarcasm); the ten most urgent:\n\n", len(queue), sarcastic)
	fmt.Fprintf(w, "%7s %9s %5s  %s\n", "urgency", "sentiment", "reach", "post")
	for i, it := range queue {
		if i == 10 {
			break
		}
		mark := ""
		if it.Sarcasm {
			mark = " [sarcasm: meant negatively]"
		}
		fmt.Fprintf(w, "%7.2f %+9.2f %5d  %s: %s%s\n", it.Urgency, it.Polarity, it.Reach, it.PostID, clip(it.Text, 70), mark)
	}
	if err := output.Files(out, map[string]func(io.Writer) error{"webcare_queue.json": output.JSON(queue)}); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nwrote webcare_queue.json\n")
	return nil
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n])) + "…"
	}
	return s
}
