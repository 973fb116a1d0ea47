package sgbeam

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/socialgeo/socialgeo"
	"github.com/socialgeo/socialgeo/profile"
	"github.com/socialgeo/socialgeo/source"
)

// ErrUnknown is returned (wrapped) for an options name or a format that
// is not registered.
var ErrUnknown = errors.New("sgbeam: not registered")

// OptionsFunc returns the options of a socialgeo.Pipeline. It is called
// once per DoFn instance on every worker, so it must return the same
// configuration every time (no clock, no randomness).
type OptionsFunc func() (*socialgeo.Options, error)

var (
	optsMu   sync.Mutex
	optsFunc = map[string]OptionsFunc{
		"":        func() (*socialgeo.Options, error) { return nil, nil },
		"library": libraryOptions,
	}
)

// RegisterOptions registers a pipeline configuration under name, for
// [ObserveFn.Options]. Register in an init function: the workers of a
// distributed runner run the same binary, and find the configuration by
// its name, because a socialgeo.Options (resolvers, analyzer, gazetteer)
// cannot be serialised into the Beam graph. Two names are predefined: ""
// (the defaults, no profiles) and "library" (the defaults with every
// profile of profile.Library()). Registering a name again replaces it.
func RegisterOptions(name string, f OptionsFunc) {
	optsMu.Lock()
	defer optsMu.Unlock()
	optsFunc[name] = f
}

// Options returns the options registered under name.
func Options(name string) (*socialgeo.Options, error) {
	optsMu.Lock()
	f, ok := optsFunc[name]
	optsMu.Unlock()
	if !ok {
		return nil, fmt.Errorf("%w: options %q", ErrUnknown, name)
	}
	return f()
}

func libraryOptions() (*socialgeo.Options, error) {
	lib, err := profile.Library()
	if err != nil {
		return nil, err
	}
	return &socialgeo.Options{Profiles: lib.Profiles()}, nil
}

// NewPipeline returns the socialgeo.Pipeline of the options registered
// under name, as ObserveFn builds it.
func NewPipeline(name string) (*socialgeo.Pipeline, error) {
	o, err := Options(name)
	if err != nil {
		return nil, err
	}
	return socialgeo.New(o)
}

// Decode configures the decoders of [DecodeLineFn] and [DecodeFileFn].
// Its fields are serialised into the Beam graph.
type Decode struct {
	// Format is a name of [Formats]; "" means "ndjson".
	Format string
	// PseudonymKey is the secret key of the author pseudonyms
	// (source.NewPseudonymizer); nil means source.DefaultPseudonymKey,
	// which is public. The key is part of the serialised pipeline: on a
	// shared cluster keep the job graph private.
	PseudonymKey []byte
	// PseudonymRotation rotates pseudonyms every period; 0 never.
	PseudonymRotation time.Duration
	// MaxRecordBytes bounds one record; 0 means the decoders' default.
	MaxRecordBytes int
}

func (d *Decode) options() *source.Options {
	o := &source.Options{MaxRecordBytes: d.MaxRecordBytes}
	if d.PseudonymKey != nil || d.PseudonymRotation != 0 {
		key := d.PseudonymKey
		if key == nil {
			key = []byte(source.DefaultPseudonymKey)
		}
		o.Pseudonymizer = source.NewPseudonymizer(key, d.PseudonymRotation)
	}
	return o
}

// NewDecoder returns a decoder of the given format.
type NewDecoder func(r io.Reader, opts *source.Options) *source.Decoder

var formats = map[string]NewDecoder{
	"ndjson":       source.NewNDJSON,
	"mastodon":     source.NewMastodon,
	"bluesky":      source.NewBluesky,
	"open311-json": source.NewOpen311JSON,
	"open311-xml":  source.NewOpen311XML,
	"feed":         source.NewFeed,
}

// Formats returns the names of the formats DecodeFileFn reads, sorted;
// "ndjson" and "bluesky" are line-delimited and also read by
// DecodeLineFn.
func Formats() []string {
	var names []string
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func decoder(format string) (NewDecoder, error) {
	if format == "" {
		format = "ndjson"
	}
	f, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("%w: format %q", ErrUnknown, format)
	}
	return f, nil
}
