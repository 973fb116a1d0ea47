package socialgeo

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/socialgeo/socialgeo/aggregate"
)

// Rejection reasons recorded by the pipeline itself, beside the decoders'
// own reasons (source.Reason values).
const (
	RejectDuplicate     = "duplicate"      // same text as an earlier post of the same author
	RejectNearDuplicate = "near-duplicate" // almost the same text as a recent post (copy-paste campaign, troll wave)
	RejectRepost        = "repost"         // a repost, collapsed onto its original (counted as reach)
	RejectAuthorCap     = "author-cap"     // over the per-author cap for a cell
	RejectInvalid       = "invalid"        // the post lacks a time or an id
)

// Report is the account of one pipeline run: what went in, what came out,
// why posts were left out, how locations were found, and every version and
// threshold used. Conservation always holds: Read == Observed + sum(Rejected).
type Report struct {
	// Library is the socialgeo version.
	Library string `json:"library"`
	// Generated is the report time from Options.Clock (zero without a clock).
	Generated time.Time `json:"generated"`
	// Read, Observed and Rejected count posts. Rejected is keyed by reason:
	// decoder reasons come in through Pipeline.Reject, pipeline reasons are
	// the Reject* constants.
	Read     int            `json:"read"`
	Observed int            `json:"observed"`
	Rejected map[string]int `json:"rejected"`
	// RepostReach is the number of reposts collapsed onto originals.
	RepostReach int `json:"repost_reach"`
	// Location counts observed posts by evidence: "from/geotag",
	// "from/place", "home/profile", "about/text", "about/hashtag",
	// "about/postcode", and "none" for posts without any location.
	Location map[string]int `json:"location"`
	// Ambiguous counts place names left unresolved as ambiguous.
	Ambiguous int `json:"ambiguous"`
	// Languages and Platforms give the mix of observed posts.
	Languages map[string]int `json:"languages"`
	Platforms map[string]int `json:"platforms"`
	// Sentiment counts labels and flags of observed posts.
	SentimentLabels map[string]int `json:"sentiment_labels"`
	SentimentFlags  map[string]int `json:"sentiment_flags"`
	// Profiles counts matches per profile ID.
	Profiles map[string]int `json:"profiles"`
	// Cells counts published, suppressed and noised result cells.
	Cells CellCounts `json:"cells"`
	// Versions names every data set and configuration used, with hashes.
	Versions Versions `json:"versions"`
	// Thresholds lists every threshold applied, by name.
	Thresholds map[string]string `json:"thresholds"`
	// Warnings lists configuration choices an auditor should know about
	// (for example the public default pseudonymisation key).
	Warnings []string `json:"warnings,omitempty"`
}

// CellCounts counts result cells by disclosure outcome.
type CellCounts struct {
	Published  int `json:"published"`
	Suppressed int `json:"suppressed"`
	Noised     int `json:"noised"`
}

// Versions identifies the data and definitions a run used.
type Versions struct {
	Gazetteer string            `json:"gazetteer"`
	Lexicon   string            `json:"lexicon"`
	Profiles  map[string]string `json:"profiles"` // profile name -> content ID
}

func newReport() *Report {
	return &Report{
		Rejected: map[string]int{}, Location: map[string]int{}, Languages: map[string]int{}, Platforms: map[string]int{},
		SentimentLabels: map[string]int{}, SentimentFlags: map[string]int{}, Profiles: map[string]int{},
		Thresholds: map[string]string{}, Versions: Versions{Profiles: map[string]string{}},
	}
}

// CountCell records the disclosure outcome of one published result row
// (a cell of any aggregator) in Cells. Programs that publish results call
// it for every row they write, so that the report says how many cells
// were suppressed or noised.
func (r *Report) CountCell(d aggregate.Disclosure) {
	switch {
	case d.Suppressed:
		r.Cells.Suppressed++
	case d.Noised:
		r.Cells.Noised++
		r.Cells.Published++
	default:
		r.Cells.Published++
	}
}

// RejectedTotal returns the number of rejected posts.
func (r *Report) RejectedTotal() int {
	n := 0
	for _, v := range r.Rejected {
		n += v
	}
	return n
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("socialgeo: write report: %w", err)
	}
	return nil
}

// WriteMarkdown writes a human-readable summary of the report.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# socialgeo run report\n\nLibrary %s", r.Library)
	if !r.Generated.IsZero() {
		fmt.Fprintf(&b, ", generated %s", r.Generated.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(&b, ".\n\n## Posts\n\n| | posts |\n|---|---:|\n| read | %d |\n| observed | %d |\n", r.Read, r.Observed)
	for _, k := range sortedKeys(r.Rejected) {
		fmt.Fprintf(&b, "| rejected: %s | %d |\n", k, r.Rejected[k])
	}
	fmt.Fprintf(&b, "\nRead = observed + rejected: %d = %d + %d. Reposts collapsed onto originals (reach): %d.\n",
		r.Read, r.Observed, r.RejectedTotal(), r.RepostReach)
	table := func(title string, m map[string]int) {
		if len(m) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s\n\n| | posts |\n|---|---:|\n", title)
		for _, k := range sortedKeys(m) {
			fmt.Fprintf(&b, "| %s | %d |\n", k, m[k])
		}
	}
	table("Location evidence (role/method)", r.Location)
	if r.Ambiguous > 0 {
		fmt.Fprintf(&b, "\nAmbiguous place names left unresolved: %d.\n", r.Ambiguous)
	}
	table("Languages", r.Languages)
	table("Platforms", r.Platforms)
	table("Sentiment labels", r.SentimentLabels)
	table("Sentiment flags", r.SentimentFlags)
	table("Profile matches", r.Profiles)
	fmt.Fprintf(&b, "\n## Disclosure control\n\nCells published: %d, suppressed: %d, noised: %d.\n", r.Cells.Published, r.Cells.Suppressed, r.Cells.Noised)
	fmt.Fprintf(&b, "\n## Versions\n\n- gazetteer: %s\n- lexicon: %s\n", r.Versions.Gazetteer, r.Versions.Lexicon)
	for _, k := range sortedKeys(r.Versions.Profiles) {
		fmt.Fprintf(&b, "- profile %s: %s\n", k, r.Versions.Profiles[k])
	}
	fmt.Fprintf(&b, "\n## Thresholds\n\n")
	for _, k := range sortedKeys(r.Thresholds) {
		fmt.Fprintf(&b, "- %s: %s\n", k, r.Thresholds[k])
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(&b, "\n## Warnings\n\n")
		for _, wng := range r.Warnings {
			fmt.Fprintf(&b, "- %s\n", wng)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
