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
