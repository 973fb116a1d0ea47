package lang

import (
	"testing"

	"golang.org/x/text/language"

	"github.com/socialgeo/socialgeo/internal/text"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want language.Tag
	}{
		{"dutch", "Wat een mooie dag in het park", language.Dutch},
		{"english", "This is the best pizza in town", language.English},
		{"emoji only", "😍😍 👍🏽", language.Und},
		{"hashtags only", "#koningsdag #amsterdam", language.Und},
		{"short", "Top", language.Und},
		{"german", "Das Wetter ist heute wirklich schön", language.Und},
		{"empty", "", language.Und},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(text.Tokenize(tt.in, nil)); got != tt.want {
				t.Errorf("Detect(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestTallyOf checks that TallyOf of summed Votes is the tally of Add.
func TestTallyOf(t *testing.T) {
	marks := []Mark{0, MarkNL, MarkEN, MarkNL | MarkEN}
	for seq := 0; seq < 4*4*4*4*4; seq++ {
		var add Tally
		words, nl, en := 0, 0, 0
		for x := seq; x > 0; x /= 4 {
			m := marks[x%4]
			add.Add(m)
			v1, v2 := Votes(m)
			words, nl, en = words+1, nl+v1, en+v2
		}
		of := TallyOf(words, nl, en)
		if add != of || add.Code() != of.Code() {
			t.Fatalf("sequence %d: Add %+v, TallyOf %+v", seq, add, of)
		}
	}
}
