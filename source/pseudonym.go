package source

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"hash"
	"sync"
	"time"
)

// DefaultPseudonymKey is the public key used when no [Pseudonymizer] is
// configured. Keys made with it are stable across runs, which keeps results
// reproducible, but they protect only against casual reading: anyone can
// recompute the key of a known handle. Set a secret key in production.
const DefaultPseudonymKey = "socialgeo-default-public-key-v1"

var defaultPseudonymizer = NewPseudonymizer([]byte(DefaultPseudonymKey), 0)

// Pseudonymizer turns raw account identifiers into keyed pseudonyms with
// HMAC-SHA-256. The same (platform, id) always gives the same pseudonym for
// the same key and rotation period, so unique authors can be counted
// without knowing who they are. With a rotation period, pseudonyms change
// every period (counted from the Unix epoch, UTC), which limits linking an
// author's posts across periods.
//
// A Pseudonymizer is immutable and safe for concurrent use.
type Pseudonymizer struct {
	key    []byte
	rotate time.Duration
	macs   *sync.Pool // of hash.Hash: keyed HMACs, reset before use
}

// NewPseudonymizer returns a Pseudonymizer with the given secret key and
// rotation period (0 means no rotation). The key is copied.
func NewPseudonymizer(key []byte, rotation time.Duration) *Pseudonymizer {
	if rotation < 0 {
		rotation = 0
	}
	p := &Pseudonymizer{key: append([]byte(nil), key...), rotate: rotation}
	p.macs = &sync.Pool{New: func() any { return hmac.New(sha256.New, p.key) }}
	return p
}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// Pseudonym returns the pseudonym of account id on platform at time t (t
// matters only with rotation). The result is "p_" followed by 26 base32
// characters (128 bits). An empty id gives an empty pseudonym.
func (p *Pseudonymizer) Pseudonym(platform Platform, id string, t time.Time) string {
	if id == "" {
		return ""
	}
	m := p.macs.Get().(hash.Hash)
	defer p.macs.Put(m)
	m.Reset()
	var sep = [1]byte{0}
	m.Write([]byte(platform))
	m.Write(sep[:])
	m.Write([]byte(id))
	if p.rotate > 0 {
		period := t.UTC().UnixNano() / int64(p.rotate)
		var b [8]byte
		for i := range b {
			b[i] = byte(period >> (8 * i))
		}
		m.Write(sep[:])
		m.Write(b[:])
	}
	var buf [sha256.Size]byte
	sum := m.Sum(buf[:0])
	var out [2 + 26]byte
	out[0], out[1] = 'p', '_'
	b32.Encode(out[2:], sum[:16])
	return string(out[:])
}
