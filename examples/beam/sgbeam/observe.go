package sgbeam

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/aggregate"
	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/sentiment"
	"github.com/socialgeo/socialgeo/source"
)

func init() {
	register.DoFn4x1[context.Context, source.Post, func(string, aggregate.Observation), func(string), error](&ObserveFn{})
	register.Emitter2[string, aggregate.Observation]()
}

// Keys of [ObserveFn.KeyBy].
const (
	KeyNone         = ""             // one key ("") for all observations
	KeyMunicipality = "municipality" // the municipality the post is about, else sent from, else "" (as the quickstart table)
	KeyDay          = "day"          // the UTC day of the post, "2006-01-02"
)

// Tally key prefixes of the report facets emitted by ObserveFn, one per
// observed post (and per location evidence, flag and profile).
const (
	TallyRepostReach = "repost-reach"
	TallyLocation    = "location/" // + role/method, or "none"
	TallyLanguage    = "language/" // + language
	TallyPlatform    = "platform/" // + platform
	TallyLabel       = "label/"    // + sentiment label
	TallyFlag        = "flag/"     // + sentiment flag
	TallyProfile     = "profile/"  // + profile ID
)

// ObserveFn observes posts with the socialgeo.Pipeline of the options
// registered under Options (see [RegisterOptions]), built once per DoFn
// instance in Setup. It emits each observation keyed by KeyBy to its
// first output, and the report's tally keys (see [Counts]) to its second.
// A post that Pipeline.Observe rejects, or a repost when the options do
// not keep reposts, is tallied as rejected with its reason, as
// Pipeline.Run does; the stream filters (duplicates, author cap) are not
// applied (see the package doc).
type ObserveFn struct {
	Options string
	KeyBy   string

	p           *socialgeo.Pipeline
	keepReposts bool
}

// Setup builds the pipeline.
func (f *ObserveFn) Setup() error {
	switch f.KeyBy {
	case KeyNone, KeyMunicipality, KeyDay:
	default:
		return fmt.Errorf("%w: key %q", ErrUnknown, f.KeyBy)
	}
	opts, err := Options(f.Options)
	if err != nil {
		return err
	}
	if f.p, err = socialgeo.New(opts); err != nil {
		return err
	}
	f.keepReposts = opts != nil && opts.KeepReposts
	return nil
}

// ProcessElement observes one post.
func (f *ObserveFn) ProcessElement(ctx context.Context, post source.Post, emit func(string, aggregate.Observation), tally func(string)) error {
	tally(TallyRead)
	if post.Kind == source.KindRepost && !f.keepReposts {
		tally(TallyRejected + socialgeo.RejectRepost)
		tally(TallyRepostReach)
		return nil
	}
	o, err := f.p.Observe(ctx, post)
	if err != nil {
		var re *socialgeo.RejectError
		if !errors.As(err, &re) {
			if ctx.Err() != nil {
				return err
			}
			tally(TallyRejected + socialgeo.RejectInvalid)
			return nil
		}
		tally(TallyRejected + re.Reason)
		return nil
	}
	tally(TallyObserved)
	facets(&o, tally)
	emit(Key(f.KeyBy, &o), o)
	return nil
}

// facets tallies the report facets of one observation, with the keys of
// socialgeo.Report.
func facets(o *aggregate.Observation, tally func(string)) {
	seen := map[string]bool{}
	for _, a := range o.Areas {
		k := a.Role.String() + "/" + a.Method.String()
		if !seen[k] {
			seen[k] = true
			tally(TallyLocation + k)
		}
	}
	if len(seen) == 0 {
		tally(TallyLocation + "none")
	}
	tally(TallyLanguage + o.Lang)
	tally(TallyPlatform + o.Platform)
	tally(TallyLabel + o.Label.String())
	for fl := sentiment.Flags(1); fl != 0 && fl <= o.Flags; fl <<= 1 {
		if o.Flags&fl != 0 {
			tally(TallyFlag + fl.String())
		}
	}
	for _, m := range o.Profiles {
		tally(TallyProfile + m.ID)
	}
}

// Key returns the key of an observation for the given KeyBy.
func Key(by string, o *aggregate.Observation) string {
	switch by {
	case KeyMunicipality:
		var id geo.AreaID
		for _, a := range o.Areas {
			if a.Level == geo.LevelMunicipality && (a.Role == geo.RoleAbout || (id == "" && a.Role == geo.RoleFrom)) {
				id = a.Area
			}
		}
		return string(id)
	case KeyDay:
		return o.Time.UTC().Format(time.DateOnly)
	}
	return ""
}
