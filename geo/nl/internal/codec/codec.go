// Package codec is the compact file format of the embedded gazetteer data:
// a plain-text header (sources, licences; ends with an empty line), then a
// gzip stream of varints. Coordinates are integers at 1e-5 degree
// (about 1 m), and ring vertices are zigzag deltas from the previous vertex.
//
// Decode never panics on malformed input; it returns an error.
package codec

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/paulmach/orb"

	"github.com/socialgeo/socialgeo/geo"
)

const (
	magic   = "socialgeo-gazetteer 1\n"
	scale   = 1e5
	maxList = 1 << 22 // upper bound on any count, against corrupt input
)

// ErrFormat is wrapped by every Decode error.
var ErrFormat = errors.New("codec: malformed gazetteer data")

// Encode writes header, areas and names. Names refer to areas by ID; every
// name's area must be in areas.
func Encode(w io.Writer, header string, areas []geo.Area, names []geo.Name) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(magic)
	bw.WriteString(header)
	bw.WriteString("\n\n")
	zw, err := gzip.NewWriterLevel(bw, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := &enc{w: zw}
	idx := make(map[geo.AreaID]int, len(areas))
	e.uint(uint64(len(areas)))
	for i, a := range areas {
		idx[a.ID] = i
		e.str(string(a.ID))
		e.str(a.Name)
		e.uint(uint64(a.Level))
		e.uint(uint64(len(a.Parents)))
		for _, p := range a.Parents {
			e.str(string(p))
		}
		e.uint(uint64(a.Population))
		e.uint(uint64(a.PopulationYear))
		e.point(a.Point)
		e.uint(uint64(len(a.Geometry)))
		var prev [2]int64
		for _, poly := range a.Geometry {
			e.uint(uint64(len(poly)))
			for _, r := range poly {
				e.uint(uint64(len(r)))
				for _, p := range r {
					q := quant(p)
					e.int(q[0] - prev[0])
					e.int(q[1] - prev[1])
					prev = q
				}
			}
		}
	}
	e.uint(uint64(len(names)))
	var prev [2]int64
	for _, n := range names {
		i, ok := idx[n.Area]
		if !ok {
			return fmt.Errorf("codec: name %q: unknown area %s", n.Text, n.Area)
		}
		e.str(n.Text)
		e.uint(uint64(i))
		e.uint(uint64(n.Kind))
		q := quant(n.Point)
		e.int(q[0] - prev[0])
		e.int(q[1] - prev[1])
		prev = q
		e.uint(uint64(n.Population))
	}
	if e.err != nil {
		return e.err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

func quant(p orb.Point) [2]int64 {
	return [2]int64{int64(math.Round(p[0] * scale)), int64(math.Round(p[1] * scale))}
}

type enc struct {
	w   io.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (e *enc) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}
func (e *enc) uint(v uint64) { e.write(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *enc) int(v int64)   { e.write(e.buf[:binary.PutVarint(e.buf[:], v)]) }
func (e *enc) str(s string)  { e.uint(uint64(len(s))); e.write([]byte(s)) }
func (e *enc) point(p orb.Point) {
	q := quant(p)
	e.int(q[0])
	e.int(q[1])
}

// Header returns the text header of data.
func Header(data []byte) (string, error) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return "", fmt.Errorf("codec: bad magic: %w", ErrFormat)
	}
	i := bytes.Index(data[len(magic):], []byte("\n\n"))
	if i < 0 {
		return "", fmt.Errorf("codec: no header end: %w", ErrFormat)
	}
	return string(data[len(magic) : len(magic)+i]), nil
}

// Decode reads data written by Encode.
func Decode(data []byte) ([]geo.Area, []geo.Name, error) {
	h, err := Header(data)
	if err != nil {
		return nil, nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data[len(magic)+len(h)+2:]))
	if err != nil {
		return nil, nil, fmt.Errorf("codec: %w: %w", ErrFormat, err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, 1<<28))
	if err != nil {
		return nil, nil, fmt.Errorf("codec: %w: %w", ErrFormat, err)
	}
	d := &dec{b: raw}
	n := d.count()
	areas := make([]geo.Area, 0, min(n, 1<<14))
	for i := 0; i < n && d.err == nil; i++ {
		var a geo.Area
		a.ID = geo.AreaID(d.str())
		a.Name = d.str()
		a.Level = geo.Level(d.uint())
		np := d.count()
		for j := 0; j < np && d.err == nil; j++ {
			a.Parents = append(a.Parents, geo.AreaID(d.str()))
		}
		a.Population = int(d.uint() & math.MaxInt32)
		a.PopulationYear = int(d.uint() & math.MaxInt32)
		a.Point = d.point()
		npoly := d.count()
		var prev [2]int64
		for j := 0; j < npoly && d.err == nil; j++ {
			nr := d.count()
			poly := make(orb.Polygon, 0, min(nr, 64))
			for k := 0; k < nr && d.err == nil; k++ {
				npt := d.count()
				r := make(orb.Ring, 0, min(npt, 1<<12))
				for m := 0; m < npt && d.err == nil; m++ {
					prev[0] += d.int()
					prev[1] += d.int()
					r = append(r, orb.Point{float64(prev[0]) / scale, float64(prev[1]) / scale})
				}
				poly = append(poly, r)
			}
			a.Geometry = append(a.Geometry, poly)
		}
		if len(a.Geometry) > 0 {
			a.Bound = a.Geometry.Bound()
		} else {
			a.Bound = a.Point.Bound()
		}
		areas = append(areas, a)
	}
	nn := d.count()
	names := make([]geo.Name, 0, min(nn, 1<<16))
	var prev [2]int64
	for i := 0; i < nn && d.err == nil; i++ {
		var x geo.Name
		x.Text = d.str()
		ai := d.uint()
		if ai >= uint64(len(areas)) {
			d.fail()
			break
		}
		x.Area = areas[ai].ID
		x.Kind = geo.NameKind(d.uint())
		prev[0] += d.int()
		prev[1] += d.int()
		x.Point = orb.Point{float64(prev[0]) / scale, float64(prev[1]) / scale}
		x.Population = int(d.uint() & math.MaxInt32)
		names = append(names, x)
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail()
	}
	if d.err != nil {
		return nil, nil, d.err
	}
	return areas, names, nil
}

type dec struct {
	b   []byte
	err error
}

func (d *dec) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("codec: truncated or corrupt body: %w", ErrFormat)
	}
	d.b = nil
}

func (d *dec) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) count() int {
	v := d.uint()
	if v > maxList || v > uint64(len(d.b)) { // every element takes at least one byte
		d.fail()
		return 0
	}
	return int(v)
}

func (d *dec) str() string {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *dec) point() orb.Point {
	x, y := d.int(), d.int()
	return orb.Point{float64(x) / scale, float64(y) / scale}
}
