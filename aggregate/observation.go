package aggregate

import (
	"time"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
)

// MaxTerms caps Observation.Terms: at most this many normalised content
// terms of a post are kept.
const MaxTerms = 32

// Observation is the per-post record that aggregators consume. It holds no
// raw identity and no text beyond matched and normalised content terms.
// The pipeline builds one per post; custom pipelines may build their own.
type Observation struct {
	// Time is when the post was made (UTC).
	Time time.Time
	// Author is the pseudonymous author key (source.Author.Key); empty when
	// unknown, in which case the post does not count as a unique author.
	Author string
	// Platform and Kind are copied from the post ("twitter", "repost"...).
	Platform string
	Kind     string
	// Lang is the detected language ("nl", "en", "und").
	Lang string
	// Areas lists the post's areas per role and level (from / home / about).
	Areas []AreaRef
	// Point is the exact point of a geotag or report, nil when absent.
	Point *orb.Point
	// Sentiment of the post; Label is 0 when the post was not scored.
	Polarity float64
	Label    sentiment.Label
	Flags    sentiment.Flags
	// Profiles lists the profiles the post matched, with matched terms.
	Profiles []ProfileMatch
	// Terms are normalised content terms (stop words removed), at most
	// MaxTerms, used for key terms and peak labels.
	Terms []string
	// Weight is the influence weight, 1 for an ordinary post; reposts
	// collapsed onto their original add to it (reach). Zero means 1.
	Weight float64
}

// AreaRef is one area of an observation.
type AreaRef struct {
	Area       geo.AreaID
	Level      geo.Level
	Role       geo.Role
	Method     geo.Method
	Confidence float64
}

// ProfileMatch is a profile that matched a post.
type ProfileMatch struct {
	ID    string   // the profile's content ID (or its declared id)
	Terms []string // the normalised terms that matched
}
