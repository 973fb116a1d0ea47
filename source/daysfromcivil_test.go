package source

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// TestDaysFromCivilIsTimeDate checks the date arithmetic of the NDJSON
// time fast path against time.Date for every day of years 0–2100 and
// around 9999.
func TestDaysFromCivilIsTimeDate(t *testing.T) {
	for _, span := range [][2]int{{0, 2100}, {9990, 9999}} {
		for y := span[0]; y <= span[1]; y++ {
			for m := 1; m <= 12; m++ {
				for d := 1; d <= daysInMonth(m, y); d++ {
					want := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400
					if got := daysFromCivil(y, m, d); got != want {
						t.Fatalf("daysFromCivil(%d, %d, %d) = %d, want %d", y, m, d, got, want)
					}
				}
			}
		}
	}
	for _, v := range []string{"0000-03-01T00:00:00Z", "0001-01-01T00:30:00+01:00", "1969-12-31T23:59:59.999999999-23:59", "2024-02-29T12:00:00.5+05:30", "9999-12-31T23:59:59Z"} {
		got, ok := parseRFC3339Fast(v)
		want, err := time.Parse(time.RFC3339, v)
		if !ok || err != nil || got != want.UTC() {
			t.Errorf("%s: %v %v, want %v %v", v, got, ok, want.UTC(), err)
		}
	}
}

// TestCreatedYearRange checks normalizePost's time comparisons against
// the years they stand for, at both ends of the range.
func TestCreatedYearRange(t *testing.T) {
	for _, v := range []string{"0001-01-01T00:30:00+01:00", "0001-01-01T00:00:01Z", "0001-01-01T01:00:00+01:00",
		"9999-12-31T23:59:59Z", "9999-12-31T23:30:00-01:00", "9999-12-31T22:59:59-01:00"} {
		tm, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t.Fatal(err)
		}
		p := Post{ID: "1", Platform: PlatformCSV, Created: tm}
		y := tm.UTC().Year()
		if err := normalizePost(&p); (err == nil) != (y >= 1 && y <= 9999 && !tm.IsZero()) {
			t.Errorf("%s (year %d): %v", v, y, err)
		}
	}
}

// TestDateCacheSequence runs a stream of times, most on a few dates and
// many malformed, through one dateCache (as the scanner does, one line
// after another) and compares each with a fresh parse and with
// time.Parse: the cached date never changes a result.
func TestDateCacheSequence(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	var c dateCache
	for n := 0; n < 200000; n++ {
		v := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", 2024+r.IntN(2), 1+r.IntN(3), 27+r.IntN(4), r.IntN(25), r.IntN(61), r.IntN(61))
		switch r.IntN(4) {
		case 0:
			v += fmt.Sprintf(".%d+0%d:30", r.IntN(1000), r.IntN(10))
		default:
			v += "Z"
		}
		if r.IntN(8) == 0 { // a byte changed: digits, separators, ASCII neighbours
			b := []byte(v)
			const subst = "0123456789:-T.Z/ \x7f\x80"
			b[r.IntN(len(b))] = subst[r.IntN(len(subst))]
			v = string(b)
		}
		got, ok := c.parse(v)
		fresh, freshOK := parseRFC3339Fast(v)
		if got != fresh || ok != freshOK {
			t.Fatalf("%q: cached %v %v, fresh %v %v", v, got, ok, fresh, freshOK)
		}
		if want, err := time.Parse(time.RFC3339, v); ok && (err != nil || !want.Equal(got)) {
			t.Fatalf("%q: %v, time.Parse %v %v", v, got, want, err)
		}
	}
}
