// Package synth generates SYNTHETIC social-media posts for tests, examples
// and benchmarks. Nothing it produces was ever posted by anyone: authors,
// texts, times and coordinates are made up by a seeded pseudo-random
// generator over real Dutch places (the embedded gazetteer), so that the
// library can be demonstrated and evaluated without personal data.
//
// Every post comes with its ground truth ([Truth]): the area it was sent
// from, the author's home area, the areas it is about, the intended
// sentiment, whether it is sarcastic, its language and the scenario that
// produced it. Scenarios inject events on top of a daily background:
//
//   - powercut: a power cut in Utrecht in the evening;
//   - koningsdag: Koningsdag crowds and tram trouble in Den Haag, many visitors;
//   - flood: high water along the Maas in Limburg, with geotags and citizen reports;
//   - heathfire: a heath fire on the Ginkelse Heide near Ede;
//   - actiongroup: a copy-paste campaign about Zeewolde by authors from elsewhere;
//   - tourists: English posts geotagged at the Rijksmuseum about other places.
//
// The generator streams: it holds only the author pool and per-minute rate
// table in memory, so it scales from a thousand to tens of millions of
// posts. The same Options give the same posts, byte for byte.
//
// # Concurrency
//
// A Generator is immutable after New and safe for concurrent use; each
// sequence it returns is single-use.
package synth

import (
	"context"
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/source"
)

// Scenario names accepted in Options.Scenarios.
const (
	PowerCut    = "powercut"
	Koningsdag  = "koningsdag"
	Flood       = "flood"
	HeathFire   = "heathfire"
	ActionGroup = "actiongroup"
	Tourists    = "tourists"
	// BenchBefore and BenchAfter are a before/after pair for area
	// thermometers, not part of AllScenarios: a week of complaints about
	// nuisance at a bench on a square in Rotterdam, then a week after the
	// municipality moved the bench (hours 0–168 and 168–336 after Start;
	// use a Span of 14 days).
	BenchBefore = "bench-before"
	BenchAfter  = "bench-after"
)

// AllScenarios lists every scenario in a stable order.
func AllScenarios() []string {
	return []string{PowerCut, Koningsdag, Flood, HeathFire, ActionGroup, Tourists}
}

// Options configure a Generator. A nil *Options means the defaults.
type Options struct {
	// Seed seeds the generator; 0 means 1.
	Seed uint64
	// Start is the first instant generated; zero means
	// 2026-04-27T00:00 Europe/Amsterdam (Koningsdag).
	Start time.Time
	// Span is the period covered; zero means 24 hours.
	Span time.Duration
	// Posts is the number of posts; zero means 10,000.
	Posts int
	// Authors is the size of the author pool; zero means Posts/6 (at least 200).
	Authors int
	// Scenarios selects the injected scenarios; nil means all, an empty
	// non-nil slice means none (background only).
	Scenarios []string
	// ScenarioShare is the share of posts that belong to scenarios; zero means 0.15.
	ScenarioShare float64
}

// Truth is the ground truth of one synthetic post.
type Truth struct {
	ID       string       // the post ID
	From     geo.AreaID   // municipality the post was sent from ("" unknown)
	Home     geo.AreaID   // municipality the author lives in ("" abroad/unknown)
	About    []geo.AreaID // municipalities the text mentions
	Polarity float64      // intended sentiment in [-1, 1]
	Sarcasm  bool         // the text is sarcastic
	Lang     string       // "nl" or "en"
	Scenario string       // "" for background posts
	Geotag   bool         // the post carries device coordinates
}

// Item is one generated post with its truth. Post.Author carries the raw
// synthetic identity (RawID, Handle); use [Generator.Posts] for posts that
// are pseudonymised like decoded ones.
type Item struct {
	Post  source.Post
	Truth Truth
}

type author struct {
	id, handle string
	home       *geo.Area
	profile    string
	platform   source.Platform
	lang       string
	followers  int
	verified   bool
}

type scenario struct {
	name        string
	area        geo.AreaID
	from, to    float64 // hours after Start
	weight      float64
	outsiders   float64 // share of authors from elsewhere
	geoShare    float64
	points      []orb.Point
	lang        string
	reportShare float64
}

// Generator produces synthetic posts. Create it with New.
type Generator struct {
	opts     Options
	g        *geo.Gazetteer
	munis    []*geo.Area
	cumPop   []float64
	authors  []author
	byHome   map[geo.AreaID][]int
	scen     []scenario
	cdf      []float64 // cumulative rate per minute
	scenRate [][]float64
}

// New returns a Generator over the areas of g (municipalities with a
// population are used as homes and topics).
func New(g *geo.Gazetteer, opts *Options) (*Generator, error) {
	o := Options{}
	if opts != nil {
		o = *opts
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Start.IsZero() {
		ams, err := time.LoadLocation("Europe/Amsterdam")
		if err != nil {
			return nil, fmt.Errorf("synth: %w", err)
		}
		o.Start = time.Date(2026, 4, 27, 0, 0, 0, 0, ams)
	}
	if o.Span <= 0 {
		o.Span = 24 * time.Hour
	}
	if o.Posts <= 0 {
		o.Posts = 10000
	}
	if o.Authors <= 0 {
		o.Authors = max(o.Posts/6, 200)
	}
	if o.ScenarioShare <= 0 {
		o.ScenarioShare = 0.15
	}
	if o.Scenarios == nil {
		o.Scenarios = AllScenarios()
	}
	gen := &Generator{opts: o, g: g, byHome: map[geo.AreaID][]int{}}
	total := 0.0
	for a := range g.Areas(geo.LevelMunicipality) {
		if a.Population <= 0 || a.ID == "GM0998" {
			continue
		}
		a := a
		gen.munis = append(gen.munis, &a)
		total += float64(a.Population)
		gen.cumPop = append(gen.cumPop, total)
	}
	if len(gen.munis) == 0 {
		return nil, fmt.Errorf("synth: gazetteer has no municipalities with a population")
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	gen.makeAuthors(rng)
	for _, name := range o.Scenarios {
		s, ok := gen.scenarioDef(name)
		if !ok {
			return nil, fmt.Errorf("synth: unknown scenario %q", name)
		}
		if _, ok := g.Area(s.area); !ok {
			return nil, fmt.Errorf("synth: scenario %q: area %s not in gazetteer", name, s.area)
		}
		gen.scen = append(gen.scen, s)
	}
	gen.buildRates()
	return gen, nil
}

func (gen *Generator) pickMuni(rng *rand.Rand) *geo.Area {
	x := rng.Float64() * gen.cumPop[len(gen.cumPop)-1]
	i := sort.SearchFloat64s(gen.cumPop, x)
	if i >= len(gen.munis) {
		i = len(gen.munis) - 1
	}
	return gen.munis[i]
}

func (gen *Generator) makeAuthors(rng *rand.Rand) {
	gen.authors = make([]author, gen.opts.Authors)
	platforms := []struct {
		p source.Platform
		w float64
	}{{source.PlatformTwitter, 0.45}, {source.PlatformMastodon, 0.2}, {source.PlatformBluesky, 0.25}, {source.PlatformCSV, 0.1}}
	for i := range gen.authors {
		a := &gen.authors[i]
		a.id = fmt.Sprintf("%d", 1000000+i*7919%9000000)
		a.handle = fmt.Sprintf("synth_user_%d", i)
		a.home = gen.pickMuni(rng)
		x := rng.Float64()
		for _, p := range platforms {
			if x < p.w {
				a.platform = p.p
				break
			}
			x -= p.w
		}
		if a.platform == "" {
			a.platform = source.PlatformTwitter
		}
		a.lang = "nl"
		if rng.Float64() < 0.1 {
			a.lang = "en"
		}
		a.followers = int(math.Exp(rng.NormFloat64()*1.5 + 5))
		a.verified = rng.Float64() < 0.02
		a.profile = gen.profileText(rng, a.home)
		gen.byHome[a.home.ID] = append(gen.byHome[a.home.ID], i)
	}
}

func (gen *Generator) profileText(rng *rand.Rand, home *geo.Area) string {
	x := rng.Float64()
	switch {
	case x < 0.35:
		return ""
	case x < 0.65:
		return home.Name
	case x < 0.75:
		return home.Name + ", NL"
	case x < 0.82:
		if alias, ok := areaCodes[home.ID]; ok {
			return alias + " ❤️"
		}
		return home.Name + " 💙"
	case x < 0.88:
		return "Nederland"
	case x < 0.94:
		return jokes[rng.IntN(len(jokes))]
	default:
		return home.Name + " / Amsterdam"
	}
}

var jokes = []string{"op de bank", "in je moeder haar kelder", "Mars", "127.0.0.1", "overal en nergens", "waar de koffie is"}

// areaCodes are the telephone area codes used as city nicknames.
var areaCodes = map[geo.AreaID]string{"GM0599": "010", "GM0363": "020", "GM0344": "030", "GM0772": "040", "GM0014": "050", "GM0518": "070"}

func (gen *Generator) scenarioDef(name string) (scenario, bool) {
	switch name {
	case PowerCut:
		return scenario{name: name, area: "GM0344", from: 18, to: 21, weight: 1, outsiders: 0.1, geoShare: 0.05, lang: "nl",
			points: []orb.Point{{5.1145, 52.1061}, {5.1214, 52.0907}, {5.0890, 52.0800}}}, true
	case Koningsdag:
		return scenario{name: name, area: "GM0518", from: 10, to: 17, weight: 1.5, outsiders: 0.55, geoShare: 0.12, lang: "nl",
			points: []orb.Point{{4.3133, 52.0799}, {4.3007, 52.0705}, {4.2767, 52.1106}}}, true
	case Flood:
		// Along the Maas in Venlo: Arcen, Velden, the centre, Blerick, Tegelen, Steyl.
		return scenario{name: name, area: "GM0983", from: 5, to: 14, weight: 1.2, outsiders: 0.15, geoShare: 0.3, lang: "nl", reportShare: 0.2,
			points: []orb.Point{{6.1790, 51.4760}, {6.1680, 51.4120}, {6.1724, 51.3704}, {6.1500, 51.3650}, {6.1420, 51.3430}, {6.1230, 51.3310}}}, true
	case HeathFire:
		return scenario{name: name, area: "GM0228", from: 13, to: 18, weight: 0.8, outsiders: 0.3, geoShare: 0.08, lang: "nl",
			points: []orb.Point{{5.7400, 52.0250}, {5.7300, 52.0300}}}, true
	case ActionGroup:
		return scenario{name: name, area: "GM0050", from: 20, to: 22, weight: 0.8, outsiders: 0.95, geoShare: 0.0, lang: "nl"}, true
	case BenchBefore:
		return scenario{name: name, area: "GM0599", from: 0, to: 168, weight: 1, outsiders: 0.05, lang: "nl"}, true
	case BenchAfter:
		return scenario{name: name, area: "GM0599", from: 168, to: 336, weight: 1, outsiders: 0.05, lang: "nl"}, true
	case Tourists:
		return scenario{name: name, area: "GM0363", from: 9, to: 18, weight: 0.6, outsiders: 1, geoShare: 1, lang: "en",
			points: []orb.Point{{4.8852, 52.3600}, {4.8840, 52.3597}, {4.8860, 52.3603}}}, true
	}
	return scenario{}, false
}

// buildRates makes the per-minute rate table: a diurnal background plus
// each scenario's window, so that scenario posts form visible peaks.
func (gen *Generator) buildRates() {
	minutes := int(gen.opts.Span / time.Minute)
	if minutes < 1 {
		minutes = 1
	}
	bg := make([]float64, minutes)
	bgTotal := 0.0
	for m := range bg {
		t := gen.opts.Start.Add(time.Duration(m) * time.Minute)
		h := float64(t.Hour()) + float64(t.Minute())/60
		// low at night, peaks around 12h and 21h
		bg[m] = 0.15 + 0.6*math.Exp(-sq((h-12.5)/3.5)) + 0.8*math.Exp(-sq((h-21)/2.5))
		bgTotal += bg[m]
	}
	scenTotal := 0.0
	gen.scenRate = make([][]float64, len(gen.scen))
	for i, s := range gen.scen {
		r := make([]float64, minutes)
		for m := range r {
			h := float64(m) / 60
			if h >= s.from && h < s.to {
				// fast rise, slow decay within the window
				x := (h - s.from) / (s.to - s.from)
				r[m] = s.weight * math.Min(1, x*8) * (1.2 - x)
				scenTotal += r[m]
			}
		}
		gen.scenRate[i] = r
	}
	// scale scenarios to ScenarioShare of all posts
	scale := 0.0
	if scenTotal > 0 {
		scale = gen.opts.ScenarioShare / (1 - gen.opts.ScenarioShare) * bgTotal / scenTotal
	}
	gen.cdf = make([]float64, minutes)
	acc := 0.0
	for m := range bg {
		v := bg[m]
		for i := range gen.scenRate {
			gen.scenRate[i][m] *= scale
			v += gen.scenRate[i][m]
		}
		acc += v
		gen.cdf[m] = acc
	}
	// store background in scenRate-relative terms: bg = rate - sum(scen)
}

func sq(x float64) float64 { return x * x }

// Items returns the posts with raw synthetic identities and ground truth,
// in time order.
func (gen *Generator) Items() iter.Seq[Item] {
	return func(yield func(Item) bool) {
		n := gen.opts.Posts
		total := gen.cdf[len(gen.cdf)-1]
		for i := 0; i < n; i++ {
			rng := rand.New(rand.NewPCG(gen.opts.Seed, uint64(i)+1))
			u := (float64(i) + rng.Float64()) / float64(n) * total
			m := sort.SearchFloat64s(gen.cdf, u)
			if m >= len(gen.cdf) {
				m = len(gen.cdf) - 1
			}
			lo := 0.0
			if m > 0 {
				lo = gen.cdf[m-1]
			}
			rate := gen.cdf[m] - lo
			frac := 0.0
			if rate > 0 {
				frac = (u - lo) / rate
			}
			t := gen.opts.Start.Add(time.Duration((float64(m) + frac) * float64(time.Minute))).UTC().Truncate(time.Second)
			// which scenario, if any
			x := rng.Float64() * rate
			si := -1
			for k := range gen.scen {
				if x < gen.scenRate[k][m] {
					si = k
					break
				}
				x -= gen.scenRate[k][m]
			}
			it := gen.item(rng, i, t, si)
			if !yield(it) {
				return
			}
		}
	}
}

// Posts implements source.Source: the generated posts pseudonymised with
// the default key, as a decoder would yield them.
func (gen *Generator) Posts(ctx context.Context) iter.Seq2[source.Post, error] {
	return func(yield func(source.Post, error) bool) {
		for it := range gen.Items() {
			if err := ctx.Err(); err != nil {
				yield(source.Post{}, err)
				return
			}
			if !yield(gen.Pseudonymise(it.Post), nil) {
				return
			}
		}
	}
}

// Pseudonymise replaces the raw identity of p by its pseudonym, as the
// decoders do by default.
func (gen *Generator) Pseudonymise(p source.Post) source.Post { return pseudonymise(p) }

// defaultPseudonyms pseudonymises like a decoder with default options.
var defaultPseudonyms = source.NewPseudonymizer([]byte(source.DefaultPseudonymKey), 0)

func pseudonymise(p source.Post) source.Post {
	p.Author.Key = defaultPseudonyms.Pseudonym(p.Platform, p.Author.RawID, p.Created)
	p.Author.RawID, p.Author.Handle = "", ""
	if p.Ref != nil {
		r := *p.Ref
		p.Ref = &r
	}
	return p
}

func (gen *Generator) item(rng *rand.Rand, i int, t time.Time, si int) Item {
	var s *scenario
	if si >= 0 {
		s = &gen.scen[si]
	}
	// choose the author
	var a *author
	if s != nil && s.outsiders < 1 && rng.Float64() >= s.outsiders {
		if idx := gen.byHome[s.area]; len(idx) > 0 {
			a = &gen.authors[idx[rng.IntN(len(idx))]]
		}
	}
	if a == nil {
		a = &gen.authors[rng.IntN(len(gen.authors))]
		if s != nil && a.home.ID == s.area {
			a = &gen.authors[(rng.IntN(len(gen.authors)))]
		}
	}
	lang := a.lang
	if s != nil && s.lang == "en" {
		lang = "en"
	}
	tr := Truth{ID: fmt.Sprintf("synth-%d", i), Home: a.home.ID, Lang: lang}
	if s != nil && s.name == Tourists {
		tr.Home = "" // foreign visitors
	}
	p := source.Post{
		ID:       tr.ID,
		Platform: a.platform,
		Kind:     source.KindPost,
		Lang:     lang,
		Created:  t,
		Author: source.Author{
			RawID: a.id, Handle: "@" + a.handle, Location: a.profile,
			Followers: a.followers, Verified: a.verified,
		},
	}
	if s != nil && s.name == Tourists {
		p.Author.Location = "London, UK"
	}
	var text string
	if s != nil {
		text = gen.scenarioText(rng, s, &tr)
		tr.Scenario = s.name
		if rng.Float64() < s.geoShare && len(s.points) > 0 {
			pt := jitter(rng, s.points[rng.IntN(len(s.points))], 300)
			p.Geo = &pt
			tr.Geotag = true
			tr.From = gen.locate(pt)
		}
		if s.reportShare > 0 && rng.Float64() < s.reportShare {
			p.Platform = source.PlatformOpen311
			p.Kind = source.KindReport
			p.Author = source.Author{}
			p.Report = &source.Report{Category: "Wateroverlast", Code: "WO-01", Status: "open", Address: "Maaskade, Venlo"}
			if p.Geo == nil {
				pt := jitter(rng, s.points[rng.IntN(len(s.points))], 400)
				p.Geo = &pt
				tr.Geotag = true
				tr.From = gen.locate(pt)
			}
			tr.Home = ""
		}
	} else {
		text = gen.backgroundText(rng, a, &tr)
		if rng.Float64() < 0.02 {
			pt := jitter(rng, a.home.Point, 1500)
			p.Geo = &pt
			tr.Geotag = true
			tr.From = gen.locate(pt)
		} else if p.Platform == source.PlatformTwitter && rng.Float64() < 0.04 {
			p.Place = &source.Place{Name: a.home.Name, FullName: a.home.Name + ", Nederland", Type: "city", Country: "NL", Bound: a.home.Bound}
			tr.From = a.home.ID
		}
	}
	p.Text = text
	// reposts: 8% of posts repost an earlier synthetic post id
	if p.Kind == source.KindPost && i > 10 && rng.Float64() < 0.08 && p.Platform != source.PlatformCSV {
		p.Kind = source.KindRepost
		p.Ref = &source.Ref{ID: fmt.Sprintf("synth-%d", rng.IntN(i))}
	} else if p.Kind == source.KindPost && i > 10 && rng.Float64() < 0.1 {
		p.Kind = source.KindReply
		p.Ref = &source.Ref{ID: fmt.Sprintf("synth-%d", rng.IntN(i))}
	}
	p.Engagement = source.Engagement{
		Likes:   int(math.Exp(rng.NormFloat64() + 1)),
		Reposts: int(math.Exp(rng.NormFloat64()*1.2 - 0.5)),
		Replies: rng.IntN(3),
	}
	return Item{Post: p, Truth: tr}
}

func (gen *Generator) locate(p orb.Point) geo.AreaID {
	for _, id := range gen.g.Locate(p) {
		if strings.HasPrefix(string(id), "GM") {
			return id
		}
	}
	return ""
}

// jitter moves p by up to r metres in a random direction.
func jitter(rng *rand.Rand, p orb.Point, r float64) orb.Point {
	d := r * math.Sqrt(rng.Float64())
	a := rng.Float64() * 2 * math.Pi
	dlat := d * math.Cos(a) / 111320
	dlon := d * math.Sin(a) / (111320 * math.Cos(p[1]*math.Pi/180))
	return orb.Point{round6(p[0] + dlon), round6(p[1] + dlat)}
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
