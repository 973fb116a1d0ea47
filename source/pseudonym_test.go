package source

import (
	"crypto/hmac"
	"crypto/sha256"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// reference computes a pseudonym the plain way, as documented.
func reference(key, platform, id string, period int64, rotate bool) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(platform))
	m.Write([]byte{0})
	m.Write([]byte(id))
	if rotate {
		var b [8]byte
		for i := range b {
			b[i] = byte(period >> (8 * i))
		}
		m.Write([]byte{0})
		m.Write(b[:])
	}
	return "p_" + b32.EncodeToString(m.Sum(nil)[:16])
}

func TestPseudonymMatchesDocumentedHMAC(t *testing.T) {
	at := time.Date(2026, 4, 27, 12, 0, 0, 0, time.UTC)
	p := NewPseudonymizer([]byte("secret"), 0)
	assert.Equal(t, reference("secret", "twitter", "12345", 0, false), p.Pseudonym(PlatformTwitter, "12345", at))
	assert.Len(t, p.Pseudonym(PlatformTwitter, "12345", at), 28)
	assert.True(t, strings.HasPrefix(p.Pseudonym(PlatformTwitter, "12345", at), "p_"))
	assert.Empty(t, p.Pseudonym(PlatformTwitter, "", at))
	assert.NotEqual(t, p.Pseudonym(PlatformTwitter, "12345", at), p.Pseudonym(PlatformMastodon, "12345", at), "platforms are separate namespaces")

	week := 7 * 24 * time.Hour
	r := NewPseudonymizer([]byte("secret"), week)
	assert.Equal(t, reference("secret", "twitter", "12345", at.UnixNano()/int64(week), true), r.Pseudonym(PlatformTwitter, "12345", at))
	assert.NotEqual(t, r.Pseudonym(PlatformTwitter, "12345", at), r.Pseudonym(PlatformTwitter, "12345", at.Add(week)), "rotation changes the pseudonym")
}

func TestPseudonymConcurrent(t *testing.T) {
	p := NewPseudonymizer([]byte("k"), 0)
	want := reference("k", "bluesky", "did:plc:abc", 0, false)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				if got := p.Pseudonym(PlatformBluesky, "did:plc:abc", time.Time{}); got != want {
					t.Errorf("got %s", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkPseudonym(b *testing.B) {
	p := NewPseudonymizer([]byte("k"), 0)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p.Pseudonym(PlatformTwitter, "1234567890", time.Time{})
	}
}
