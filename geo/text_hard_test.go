package geo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/socialgeo/socialgeo/geo"
	"github.com/socialgeo/socialgeo/geo/nl"
)

// TestTextResolverHardCases covers false positives found by running the
// whole pipeline on synthetic posts: English posts with words that are
// Dutch place names, common words capitalised by a sentence start or a
// colon next to the author's province, names that a province in the
// context must not settle on a hamlet, and landmarks. Each case names the
// rule it checks.
func TestTextResolverHardCases(t *testing.T) {
	r := geo.NewTextResolver(nl.Gazetteer(), nil)
	tests := []struct {
		rule, text string
		ctx        geo.AreaID // the author's home, if known
		want       string     // municipalities, comma-separated, in text order
	}{
		// English words that are place names (Else, Well, Look, Group, Made)
		{"English word, lower case", "Anyone else?", "", ""},
		{"English word after a place", "Giethoorn was way too crowded, not worth it. Anyone else?", "", "GM1708"},
		{"English interjection, province in context", "Well, love waiting an hour for the bus. Great. 🙄", "GM0983", ""},
		{"English interjection before a lower-case landmark", "Well, kinderdijk was way too crowded", "", "GM1978"},
		{"English post, capitalised mid-sentence", "Thanks, Well done!", "", ""},
		{"English post, title words", "So excited for Best Kept Secret in Hilvarenbeek", "", "GM0798"},
		{"English determiner", "Happy birthday to the Best mum in the world", "", ""},
		{"English post, sentence-initial verb", "Look at this view over Maastricht", "", "GM0935"},
		{"English post, English preposition", "Heading to Best for work tomorrow", "", "GM0753"},
		{"English post, 'to' a common word", "Train to Goes delayed again, so annoying", "", "GM0664"},
		{"English post, 'in' a common word", "We stayed in Echt for a week, lovely village", "", "GM1711"},
		// sentence-initial common words and the author's province
		{"after a colon, province in context", "Even melden: Markt in Oosterhout is deze week op donderdag.", "GM0200", "GM0826"},
		{"new sentence, province in context", "Ik zeg het maar even: De bus naar Heerlen is alweer te laat. Echt belachelijk.", "GM0983", "GM0917"},
		{"sentence start, province in context", "Heel leuke verjaardag gehad met mijn zus!", "GM0935", ""},
		{"sentence start, no other place", "Heel leuke verjaardag gehad met mijn zus!", "", ""},
		{"vocative with a comma, own municipality", "Buren, morgen gemeenteraadsvergadering in 020 over de begroting.", "GM0214", "GM0363"},
		{"common word, own municipality", "Meer info volgt op de site van de gemeente.", "GM1982", ""},
		{"common word, own municipality, verb after", "Bergen is mooi", "GM0373", "GM0373"},
		{"comma that starts no list", "Echt, Roermond is de mooiste stad van Limburg", "", "GM0957"},
		{"comma that starts a list", "Heel, Beegden en Thorn liggen aan de Maas", "", "GM1641"},
		{"joined, but far apart", "Echt en Groningen", "", "GM0014"},
		{"joined and near", "Echt en Susteren vormen een gemeente", "", "GM1711"},
		{"plural noun: infinitive after", "Haren knippen bij de kapper om de hoek", "", ""},
		{"plural noun: preposition after", "Putten in het fietspad worden eindelijk gedicht", "", ""},
		{"town: verb after", "Putten blijft een fijne plek om te wonen", "", "GM0273"},
		{"word after a preposition", "Wacht even, is de Efteling vandaag open?", "", "GM0809"},
		{"city: preposition after", "Leiden in de sneeuw, prachtig", "", "GM0546"},
		{"title: capitalised word after", "Zin in Best Kept Secret dit weekend!", "", ""},
		{"title: place after", "Best en Son hebben samen een station", "", "GM0753,GM0848"},
		{"English 'and' joins", "Visited Goes and Middelburg last week", "", "GM0664,GM0687"},
		{"district word after a place", "Uit eten in Goes Centrum", "", "GM0664"},
		{"capitalised day after a place", "Markt in Goes Zaterdag weer open", "", "GM0664"},
		// shared names: the author's province does not pick a hamlet
		{"city over a hamlet in the context province", "Vandaag naar de markt in Zwolle", "GM0297", "GM0193"},
		{"city over a village in the context province", "Markt in Oosterhout morgen", "GM0200", "GM0826"},
		{"village in the author's own municipality", "Markt in Oosterhout morgen", "GM1734", "GM1734"},
		{"'gemeente' names the municipality", "Ja hoor, de gemeente Borne heeft het weer prima geregeld", "GM1948", "GM0147"},
		{"official name over a GeoNames spelling", "Alweer wegwerkzaamheden in Kapelle", "", "GM0678"},
		// foreign places and landmarks
		{"foreign country", "Op vakantie in Turkije, heerlijk", "", ""},
		{"foreign city", "Volgende week naar Napels, zin in!", "", ""},
		{"landmark, two words", "Loved the windmills at Zaanse Schans yesterday 😍", "", "GM0479"},
		{"landmark", "Can't wait to visit Keukenhof tomorrow!", "", "GM0553"},
		{"landmark and village", "Kinderdijk was way too crowded, not worth it", "", "GM1978"},
		{"village", "Just booked a boat trip in Giethoorn for next week", "", "GM1708"},
		{"landmark heath", "Net gezien: Ginkelse Heide bij Ede staat in brand", "GM1982", "GM0228"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			q := geo.Query{Text: tt.text}
			if tt.ctx != "" {
				q.Context = []geo.Location{{Area: tt.ctx, Level: geo.LevelMunicipality, Role: geo.RoleHome, Method: geo.MethodProfile, Confidence: 1}}
			}
			locs, _ := r.Resolve(context.Background(), q)
			var got []string
			for _, l := range locs {
				if l.Level == geo.LevelMunicipality && !strings.Contains(strings.Join(got, ","), string(l.Area)) {
					got = append(got, string(l.Area))
				}
			}
			if g := strings.Join(got, ","); g != tt.want {
				t.Errorf("Resolve(%q, context %q) = %q, want %q", tt.text, tt.ctx, g, tt.want)
			}
		})
	}
}
