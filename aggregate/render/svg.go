package render

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
)

// SVGOptions configures [WriteSVG]. A nil *SVGOptions means defaults.
type SVGOptions struct {
	// Width is the image width in pixels; 0 means 800. The height follows
	// from the map's aspect ratio.
	Width int
	// Bound, when non-nil, keeps only values whose WGS84 bound intersects
	// it (a region of the Netherlands) and zooms the map to them.
	Bound *orb.Bound
	// Breaks are fixed class limits in ascending order: n breaks give n+1
	// classes (at most 7). Nil means 5 quantile classes of the drawn
	// values, or, with Diverging, 5 classes symmetric around 0.
	Breaks []float64
	// Diverging selects the diverging palette (ColorBrewer PuOr: orange
	// negative, purple positive) for signed values such as sentiment.
	// False selects the sequential YlGnBu palette. Both are colour-blind
	// safe (ColorBrewer, Brewer 2003).
	Diverging bool
	// Attribution is the source line under the map; "" means
	// [DefaultAttribution], "-" means none.
	Attribution string
	// Precision is the number of decimals of legend numbers; nil means
	// automatic.
	Precision *int
}

func (o *SVGOptions) width() float64 {
	if o == nil || o.Width <= 0 {
		return 800
	}
	return float64(o.Width)
}

var (
	seqPalette = [][]string{
		2: {"#edf8b1", "#2c7fb8"},
		3: {"#edf8b1", "#7fcdbb", "#2c7fb8"},
		4: {"#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"},
		5: {"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"},
		6: {"#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"},
		7: {"#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"},
	}
	divPalette = [][]string{
		2: {"#f1a340", "#998ec3"},
		3: {"#f1a340", "#f7f7f7", "#998ec3"},
		4: {"#e66101", "#fdb863", "#b2abd2", "#5e3c99"},
		5: {"#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"},
		6: {"#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"},
		7: {"#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"},
	}
)

type projected struct {
	v     *Value
	rings [][][2]float64 // RD metres
}

// breaks returns the class limits for the finite values vals (sorted).
func breaks(vals []float64, opts *SVGOptions) []float64 {
	if opts != nil && opts.Breaks != nil {
		b := slices.Clone(opts.Breaks)
		if len(b) > 6 {
			b = b[:6]
		}
		return b
	}
	if len(vals) == 0 {
		return nil
	}
	if opts != nil && opts.Diverging {
		m := math.Max(math.Abs(vals[0]), math.Abs(vals[len(vals)-1]))
		if m == 0 {
			m = 1
		}
		return []float64{-0.6 * m, -0.2 * m, 0.2 * m, 0.6 * m}
	}
	var b []float64
	for i := 1; i < 5; i++ {
		q := vals[(len(vals)*i)/5]
		if len(b) == 0 || q > b[len(b)-1] {
			if q > vals[0] {
				b = append(b, q)
			}
		}
	}
	return b
}

func classOf(v float64, br []float64) int {
	i, _ := slices.BinarySearch(br, v) // first break >= v
	// value equal to a break belongs to the upper class: [b_i, b_{i+1})
	for i < len(br) && br[i] <= v {
		i++
	}
	return i
}

// WriteSVG renders l as an SVG choropleth projected in RD New (EPSG:28992,
// via [geo.ToRD], so the Netherlands is not distorted), with title and
// subtitle, a legend of the colour classes, hatched suppressed areas
// explained in the legend, a "no data" class when present, a scale bar in
// km, a north arrow and an attribution line. Path coordinates are rounded
// to 0.1 px and vertices closer than 0.6 px to the previous one are
// dropped, which keeps a map of all 342 municipalities around 200 KB.
// Each area carries a <title> tooltip with its name and value.
//
// It returns an error wrapping [ErrEmpty] when no value has a drawable
// geometry inside opts.Bound.
func WriteSVG(w io.Writer, l *Layer, opts *SVGOptions) error {
	var items []projected
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	var vals []float64
	for i := range l.Values {
		v := &l.Values[i]
		if v.Geometry == nil {
			continue
		}
		if opts != nil && opts.Bound != nil && !opts.Bound.Intersects(v.Geometry.Bound()) {
			continue
		}
		p := projected{v: v}
		for _, r := range rings(v.Geometry) {
			pr := make([][2]float64, len(r))
			for j, pt := range r {
				x, y := geo.ToRD(pt)
				pr[j] = [2]float64{x, y}
				minX, maxX = math.Min(minX, x), math.Max(maxX, x)
				minY, maxY = math.Min(minY, y), math.Max(maxY, y)
			}
			p.rings = append(p.rings, pr)
		}
		if len(p.rings) == 0 {
			continue
		}
		items = append(items, p)
		if !v.Suppressed && !math.IsNaN(v.V) && !math.IsInf(v.V, 0) {
			vals = append(vals, v.V)
		}
	}
	if len(items) == 0 || !(maxX > minX) || !(maxY > minY) {
		return fmt.Errorf("%w: no geometry in the layer %q", ErrEmpty, l.Title)
	}
	slices.Sort(vals)
	br := breaks(vals, opts)
	pal := seqPalette
	if opts != nil && opts.Diverging {
		pal = divPalette
	}
	ncls := len(br) + 1
	if ncls < 2 {
		ncls = 2
	}
	colours := pal[ncls]

	// Layout.
	W := opts.width()
	const top, bottom, legendW, pad = 64.0, 46.0, 200.0, 12.0
	mapW := W - legendW - 2*pad
	scale := mapW / (maxX - minX)
	mapH := (maxY - minY) * scale
	if maxH := 1.4 * mapW; mapH > maxH {
		scale = maxH / (maxY - minY)
		mapH = maxH
		mapW = (maxX - minX) * scale
	}
	H := math.Max(top+mapH+bottom, top+float64(ncls+3)*22+bottom)
	px := func(x float64) float64 { return pad + (x-minX)*scale }
	py := func(y float64) float64 { return top + (maxY-y)*scale }

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="Helvetica,Arial,sans-serif">`+"\n",
		f1(W), f1(H), f1(W), f1(H))
	b.WriteString(`<title>` + esc(l.Title) + `</title>` + "\n")
	b.WriteString(`<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e6e6e6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8c8c8c" stroke-width="2"/></pattern></defs>` + "\n")
	b.WriteString("<style>path{stroke:#fff;stroke-width:.4;stroke-linejoin:round}.s{fill:url(#hatch)}.n{fill:#f0f0f0;stroke:#bbb}")
	for i, c := range colours {
		fmt.Fprintf(&b, ".c%d{fill:%s}", i, c)
	}
	b.WriteString("</style>\n")
	b.WriteString(`<rect width="100%" height="100%" fill="#fff"/>` + "\n")
	fmt.Fprintf(&b, `<text x="%s" y="26" font-size="20" font-weight="bold">%s</text>`+"\n", f1(pad), esc(l.Title))
	if l.Subtitle != "" {
		fmt.Fprintf(&b, `<text x="%s" y="46" font-size="13" fill="#444">%s</text>`+"\n", f1(pad), esc(l.Subtitle))
	}

	// Areas.
	b.WriteString(`<g id="areas">` + "\n")
	hasNoData, hasSupp := false, false
	var d []byte
	for _, it := range items {
		cls := "n"
		switch {
		case it.v.Suppressed:
			cls, hasSupp = "s", true
		case math.IsNaN(it.v.V) || math.IsInf(it.v.V, 0):
			hasNoData = true
		default:
			cls = "c" + strconv.Itoa(classOf(it.v.V, br))
		}
		d = d[:0]
		for _, r := range it.rings {
			d = appendRingPath(d, r, px, py)
		}
		if len(d) == 0 {
			continue
		}
		label := it.v.Name
		if label == "" {
			label = it.v.ID
		}
		switch {
		case it.v.Suppressed:
			label += ": suppressed"
		case cls == "n":
			label += ": no data"
		default:
			label += ": " + fmtNum(it.v.V, opts) + " " + l.unit()
		}
		fmt.Fprintf(&b, `<path class="%s" d="%s"><title>%s</title></path>`+"\n", cls, d, esc(label))
	}
	b.WriteString("</g>\n")

	// Legend.
	lx := W - legendW
	ly := top + 4
	fmt.Fprintf(&b, `<g id="legend" font-size="12"><text x="%s" y="%s" font-weight="bold">%s</text>`+"\n", f1(lx), f1(ly), esc(l.unit()))
	// One legend row per class that values can fall in: none when every
	// value is suppressed, one when they are all equal.
	nLegend := len(br) + 1
	if len(vals) == 0 && len(br) == 0 {
		nLegend = 0
	}
	for i := nLegend - 1; i >= 0; i-- {
		y := ly + 12 + float64(nLegend-1-i)*22
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="20" height="16" class="c%d" stroke="#999" stroke-width=".5"/><text x="%s" y="%s">%s</text>`+"\n",
			f1(lx), f1(y), i, f1(lx+28), f1(y+12), esc(classLabel(i, br, vals, opts)))
	}
	y := ly + 12 + float64(nLegend)*22
	if hasSupp {
		txt := "too few authors, suppressed"
		if l.K > 0 {
			txt = fmt.Sprintf("< %d authors, suppressed", l.K)
		}
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="20" height="16" fill="url(#hatch)" stroke="#999" stroke-width=".5"/><text x="%s" y="%s">%s</text>`+"\n",
			f1(lx), f1(y), f1(lx+28), f1(y+12), esc(txt))
		y += 22
	}
	if hasNoData {
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="20" height="16" fill="#f0f0f0" stroke="#999" stroke-width=".5"/><text x="%s" y="%s">no data</text>`+"\n",
			f1(lx), f1(y), f1(lx+28), f1(y+12))
	}
	b.WriteString("</g>\n")

	// Scale bar: a round length near a fifth of the map width.
	km := niceKm(mapW / scale / 5 / 1000)
	barPx := km * 1000 * scale
	sx, sy := pad, top+mapH+18
	fmt.Fprintf(&b, `<g id="scale" font-size="11"><rect x="%s" y="%s" width="%s" height="5" fill="#333"/><rect x="%s" y="%s" width="%s" height="5" fill="#fff" stroke="#333" stroke-width=".5"/><text x="%s" y="%s">0</text><text x="%s" y="%s" text-anchor="end">%s km</text></g>`+"\n",
		f1(sx), f1(sy), f1(barPx/2), f1(sx+barPx/2), f1(sy), f1(barPx/2), f1(sx), f1(sy-3), f1(sx+barPx), f1(sy-3), strconv.FormatFloat(km, 'g', -1, 64))
	// North arrow (RD grid north is within ~2° of true north over NL).
	nx, ny := pad+mapW-14, top+6
	fmt.Fprintf(&b, `<g id="north"><path d="M%s %sl7 20-7-5-7 5z" fill="#333" stroke="none"/><text x="%s" y="%s" font-size="11" text-anchor="middle">N</text></g>`+"\n",
		f1(nx), f1(ny+10), f1(nx), f1(ny+7))
	attr := DefaultAttribution
	if opts != nil && opts.Attribution != "" {
		attr = opts.Attribution
	}
	if attr != "-" {
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="10" fill="#666">%s · RD New (EPSG:28992)</text>`+"\n", f1(pad), f1(H-8), esc(attr))
	}
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func rings(g orb.Geometry) []orb.Ring {
	switch g := g.(type) {
	case orb.Polygon:
		return g
	case orb.MultiPolygon:
		var rs []orb.Ring
		for _, p := range g {
			rs = append(rs, p...)
		}
		return rs
	case orb.Bound:
		return g.ToPolygon()
	case orb.Point:
		// A point is drawn as a small square of about 300 m.
		x, y := geo.ToRD(g)
		const h = 150
		return orb.Polygon{{geo.FromRD(x-h, y-h), geo.FromRD(x+h, y-h), geo.FromRD(x+h, y+h), geo.FromRD(x-h, y+h), geo.FromRD(x-h, y-h)}}
	}
	return nil
}

// appendRingPath appends "M x y l dx dy ... z" with 0.1 px rounding and
// vertices nearer than 0.6 px to the last kept one dropped. Rings that
// collapse to fewer than 3 vertices are skipped.
func appendRingPath(d []byte, r [][2]float64, px, py func(float64) float64) []byte {
	const minStep = 0.6
	pts := make([][2]float64, 0, len(r))
	for _, p := range r {
		q := [2]float64{math.Round(px(p[0])*10) / 10, math.Round(py(p[1])*10) / 10}
		if n := len(pts); n > 0 && math.Hypot(q[0]-pts[n-1][0], q[1]-pts[n-1][1]) < minStep {
			continue
		}
		pts = append(pts, q)
	}
	if n := len(pts); n > 1 && pts[n-1] == pts[0] {
		pts = pts[:n-1]
	}
	if len(pts) < 3 {
		return d
	}
	d = append(d, 'M')
	d = appendF(d, pts[0][0])
	d = append(d, ' ')
	d = appendF(d, pts[0][1])
	d = append(d, 'l')
	for i := 1; i < len(pts); i++ {
		if i > 1 {
			d = append(d, ' ')
		}
		d = appendF(d, pts[i][0]-pts[i-1][0])
		d = append(d, ' ')
		d = appendF(d, pts[i][1]-pts[i-1][1])
	}
	return append(d, 'z')
}

func appendF(b []byte, v float64) []byte {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

func f1(v float64) string { return string(appendF(nil, v)) }

func esc(s string) string { return html.EscapeString(s) }

func niceKm(target float64) float64 {
	nice := []float64{0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200}
	best := nice[0]
	for _, n := range nice {
		if n <= target {
			best = n
		}
	}
	return best
}

func fmtNum(v float64, opts *SVGOptions) string {
	prec := -1
	if opts != nil && opts.Precision != nil {
		prec = *opts.Precision
	} else {
		switch a := math.Abs(v); {
		case a == math.Trunc(a) && a < 1e9:
			prec = 0
		case a >= 100:
			prec = 0
		case a >= 1:
			prec = 1
		default:
			prec = 2
		}
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

func classLabel(i int, br, vals []float64, opts *SVGOptions) string {
	lo, hi := math.Inf(-1), math.Inf(1)
	if len(vals) > 0 {
		lo, hi = vals[0], vals[len(vals)-1]
	}
	if i > 0 {
		lo = br[i-1]
	}
	if i < len(br) {
		hi = br[i]
		if i == 0 && len(vals) == 0 {
			return "< " + fmtNum(hi, opts)
		}
		return fmtNum(lo, opts) + " – < " + fmtNum(hi, opts)
	}
	if math.IsInf(hi, 1) {
		return "≥ " + fmtNum(lo, opts)
	}
	return fmtNum(lo, opts) + " – " + fmtNum(hi, opts)
}
