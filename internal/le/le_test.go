package le

import (
	"encoding/binary"
	"testing"
)

func TestLoadsAreLittleEndian(t *testing.T) {
	s := "\x01\x02\x03\x04\x05\x06\x07\x08\x09"
	if got, want := Uint64(s), binary.LittleEndian.Uint64([]byte(s)); got != want {
		t.Errorf("Uint64 = %#x, want %#x", got, want)
	}
	if got, want := Uint32(s[5:]), binary.LittleEndian.Uint32([]byte(s[5:])); got != want {
		t.Errorf("Uint32 = %#x, want %#x", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Error("Uint64 of 7 bytes did not panic")
		}
	}()
	Uint64(s[:7])
}

func TestUint64At(t *testing.T) {
	s := "abcdefghijk"
	for i := 0; i+8 <= len(s); i++ {
		if Uint64At(s, i) != Uint64(s[i:]) {
			t.Errorf("Uint64At(s, %d) != Uint64(s[%d:])", i, i)
		}
	}
}
