package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/socialgeo/socialgeo/geo"
)

type template struct {
	text     string
	polarity float64
	sarcasm  bool
}

var nlPlace = map[string][]template{
	"pos": {
		{"Wat een mooie dag in {place}! ☀️", 0.7, false},
		{"Heerlijk gegeten in {place}, echt een aanrader 😍", 0.8, false},
		{"Super blij met het nieuwe park in {place}", 0.7, false},
		{"Top georganiseerd vandaag, complimenten aan de gemeente {place} 👍", 0.7, false},
		{"Prachtige zonsondergang vanavond boven {place}", 0.6, false},
		{"Fijne buurt hier in {place}, aardige mensen", 0.5, false},
	},
	"neg": {
		{"Weer eens een uur in de file bij {place}, ik ben het zat 😡", -0.7, false},
		{"Wat een troep op straat in {place}, niemand ruimt het op", -0.6, false},
		{"De bus naar {place} is alweer te laat. Echt belachelijk.", -0.6, false},
		{"Slecht geregeld bij het station in {place}, geen enkele informatie", -0.5, false},
		{"Kapotte lantaarnpalen in {place} en niemand doet iets", -0.5, false},
		{"Parkeren in {place} is niet meer te betalen, schandalig", -0.6, false},
		{"Gemeente {place}, de [lantaarnpaal|stoeptegel|speeltoestel|prullenbak] bij ons is al [weken|maanden|dagen] kapot. Wanneer wordt dit gemaakt?", -0.5, false},
		{"Klacht aan de gemeente {place}: [afval|grofvuil|glas] ligt al een week naast de container 😡", -0.7, false},
		{"Ik heb een melding gedaan bij de gemeente {place} over [de losliggende tegels|het kapotte fietspad|de overvolle containers], nog steeds niks gehoord", -0.5, false},
	},
	"neu": {
		{"Morgen gemeenteraadsvergadering in {place} over de begroting.", 0, false},
		{"Wegwerkzaamheden bij {place} tot vrijdag, volg de omleiding.", 0, false},
		{"Vanavond om 20:00 uur bijeenkomst in het buurthuis in {place}.", 0, false},
		{"Nieuwe dienstregeling van de bus in {place} vanaf maandag.", 0, false},
		{"Markt in {place} is deze week op donderdag.", 0, false},
		{"Vraag aan de gemeente {place}: wanneer wordt het [oud papier|groenafval|grofvuil] weer opgehaald?", 0, false},
	},
	"sar": {
		{"Geweldig hoor, weer vertraging richting {place} 🙄", -0.6, true},
		{"Nou lekker dan, weer geen parkeerplek in {place}", -0.5, true},
		{"Ja hoor, de gemeente {place} heeft het weer prima geregeld #not", -0.5, true},
		{"Goh wat verrassend, alweer wegwerkzaamheden in {place}", -0.4, true},
	},
}

var nlPlain = map[string][]template{
	"pos": {
		{"Wat een [heerlijk|prachtig|lekker|fantastisch] weer [vandaag|vanochtend|dit weekend|deze week] [☀️|😎|🌞|]", 0.7, false},
		{"[Super|Heel|Echt] leuke [avond|middag|dag|verjaardag] gehad met [vrienden|de buren|mijn zus|collega's|de kinderen]!", 0.8, false},
		{"Blij met de nieuwe [fietsenstalling|speeltuin|bankjes|bibliotheek|fietsbrug] [bij het station|in de wijk|naast de school|in het centrum] 👍", 0.6, false},
		{"Dank aan de [buurtvaders|vuilnismannen|brandweer|wijkagent|vrijwilligers], [goed werk|top gedaan|jullie zijn geweldig]!", 0.6, false},
		{"[Mooi|Goed|Fijn] initiatief van de [buurtvereniging|school|bibliotheek|sportclub], [echt een aanrader|heel gezellig|zeker doen]", 0.6, false},
	},
	"neg": {
		{"Alweer een lekke band door [glas|spijkers|scherven] op het [fietspad|trottoir|schoolplein] [😤|😡|]", -0.6, false},
		{"Niet normaal hoeveel [overlast|herrie|troep] er is van [hangjongeren|scooters|feestgangers] bij de [supermarkt|snackbar|speeltuin|school]", -0.7, false},
		{"Wat een [slecht|triest|naar] nieuws [vandaag|vanochtend|op het journaal], echt [verdrietig|erg|vreselijk]", -0.6, false},
		{"[Trein|Bus|Tram|Metro] valt [weer|alweer|opnieuw] uit, ik kom te laat [op mijn werk|op school|bij de tandarts|voor de les]", -0.5, false},
		{"[Boos|Kwaad|Teleurgesteld] dat de [gemeente|woningcorporatie|verhuurder] [niks|niets|nooit iets] doet aan de [schimmel|lekkage|tocht]", -0.6, false},
	},
	"neu": {
		{"[Vanavond|Morgen|Zaterdag|Zondag] voetbal op tv om [18:45|20:00|21:00]", 0, false},
		{"Nieuwe [afvalkalender|dienstregeling|parkeervergunning|wijkkrant] is [online te vinden|binnen|verschenen]", 0, false},
		{"Wie weet waar ik een [fiets|wasmachine|telefoon|laptop] kan laten repareren?", 0, false},
		{"De [energierekening|huurtoeslag|gemeentebelasting|waterrekening] wordt [volgend jaar|vanaf januari|binnenkort] anders berekend", 0, false},
		{"[Bijeenkomst|Inloopavond|Informatieavond] over [de wijk|het nieuwe plan|de begroting] op [dinsdag|woensdag|donderdag] om [19:30|20:00]", 0, false},
	},
	"sar": {
		{"[Geweldig|Fantastisch|Heerlijk], weer vertraging bij de [NS|trein|bus] 🙄", -0.6, true},
		{"[Fantastisch|Geweldig] hoor, de [derde|vierde|vijfde] storing deze week #not", -0.6, true},
	},
}

var enPlace = map[string][]template{
	"pos": {{"Lovely day in {place}, great vibes!", 0.7, false}, {"Had an amazing dinner in {place} 😍", 0.8, false}},
	"neg": {{"Train to {place} delayed again, so annoying", -0.6, false}, {"Terrible traffic around {place} this morning", -0.6, false}},
	"neu": {{"Meeting in {place} tonight at 8pm.", 0, false}, {"Heading to {place} for work tomorrow.", 0, false}},
	"sar": {{"Oh great, another delay to {place} 🙄 #not", -0.5, true}},
}

var enPlain = map[string][]template{
	"pos": {{"What a beautiful morning!", 0.7, false}},
	"neg": {{"Worst service ever, really disappointed", -0.7, false}},
	"neu": {{"Working from home today.", 0, false}},
	"sar": {{"Love waiting an hour for the bus. Great. 🙄", -0.6, true}},
}

// skipNames are municipality names that are ordinary words or shared by
// several places; background texts avoid them so the truth stays clean.
var skipNames = map[string]bool{"Best": true, "Goes": true, "Putten": true, "Beek": true, "Echt-Susteren": true,
	"Buren": true, "Land van Cuijk": true, "Heerde": true, "Laren": true, "Rijswijk": true, "Bergen (L.)": true,
	"Bergen (NH.)": true, "Hengelo": true, "Stein": true, "Hof van Twente": true, "Elburg": true, "Urk": true}

func pickClass(rng *rand.Rand) string {
	x := rng.Float64()
	switch {
	case x < 0.3:
		return "pos"
	case x < 0.56:
		return "neg"
	case x < 0.62:
		return "sar"
	default:
		return "neu"
	}
}

// placeForm writes how a post names an area: its name, a hashtag or a nickname.
func placeForm(rng *rand.Rand, a *geo.Area) (string, bool) {
	if skipNames[a.Name] || strings.ContainsAny(a.Name, "()") {
		return "", false
	}
	x := rng.Float64()
	switch {
	case x < 0.12:
		return "#" + strings.ToLower(strings.NewReplacer(" ", "", "-", "", "'", "").Replace(a.Name)), true
	case x < 0.18:
		if code, ok := areaCodes[a.ID]; ok {
			return code, true
		}
	}
	return a.Name, true
}

// startsWithName reports whether the template opens with the place name.
func (t template) startsWithName() bool { return strings.HasPrefix(t.text, "{place}") }

func fill(t template, place string) string { return strings.ReplaceAll(t.text, "{place}", place) }

// expand picks one alternative of every "[a|b|c]" group in s.
func expand(rng *rand.Rand, s string) string {
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return strings.TrimSpace(strings.ReplaceAll(s, "  ", " "))
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return s
		}
		alts := strings.Split(s[i+1:i+j], "|")
		s = s[:i] + alts[rng.IntN(len(alts))] + s[i+j+1:]
	}
}

// Sentiment-neutral openers and closers that make texts of the same
// template differ the way people's own wording does; times and counts add
// numbers. Copy-paste campaigns skip them.
var (
	nlOpeners = []string{"", "Ha, ", "Nou, ", "Eerlijk gezegd: ", "Vandaag ", "Ik zeg het maar even: ", "Buurtgenoten, ", "Zo, ", "Even melden: ", "Update: ", "Vanochtend ", "Net gezien: ", "Vanmiddag ", "Vanavond ", "Zojuist ", "Let op: ", "Hmm, ", "Oké, "}
	nlClosers = []string{"", " Groetjes uit de buurt.", " Tot zover.", " Zie foto.", " Check het zelf.", " (%d reacties al)", " Was om %d:%02d.", " (om %d:%02d)", " Rond %d:%02d.", " Dag %d van de week.", " Via mijn buurman.", " Zag het op de terugweg.", " Foto volgt.", " Wie nog meer?", " Meer info volgt.", " %d minuten geleden.", " Gezien bij de kruising.", " Met de hond onderweg."}
	enOpeners = []string{"", "Well, ", "So ", "Update: ", "This morning ", "Just now: ", "Tonight ", "Heads up: ", "Honestly, "}
	enClosers = []string{"", " Cheers.", " (%d likes already)", " (at %d:%02d)", " Around %d:%02d.", " Day %d of the trip.", " Pics later.", " Anyone else?", " More soon."}
)

// vary adds a neutral opener and closer to a text.
// A text that starts with a name (name is true) keeps its capital.
func vary(rng *rand.Rand, s, lang string, name bool) string {
	op, cl := nlOpeners, nlClosers
	if lang == "en" {
		op, cl = enOpeners, enClosers
	}
	o, c := op[rng.IntN(len(op))], cl[rng.IntN(len(cl))]
	if o != "" && len(s) > 0 {
		if r := s[0]; r >= 'A' && r <= 'Z' && o[len(o)-2] != ':' && !name {
			s = strings.ToLower(s[:1]) + s[1:]
		}
	}
	if strings.Contains(c, "%") {
		switch strings.Count(c, "%") {
		case 2:
			c = fmt.Sprintf(c, 6+rng.IntN(17), rng.IntN(60))
		default:
			c = fmt.Sprintf(c, 1+rng.IntN(59))
		}
	}
	if c != "" && c[1] >= 'A' && c[1] <= 'Z' && !strings.ContainsAny(s[len(s)-1:], ".!?)") {
		s += "." // a new sentence follows
	}
	return o + s + c
}

func (gen *Generator) backgroundText(rng *rand.Rand, a *author, tr *Truth) string {
	class := pickClass(rng)
	place, withPlace := "", false
	var about *geo.Area
	if rng.Float64() < 0.4 {
		about = a.home
		if rng.Float64() < 0.35 {
			about = gen.pickMuni(rng)
		}
		place, withPlace = placeForm(rng, about)
	}
	banks := [2]map[string][]template{nlPlain, nlPlace}
	if tr.Lang == "en" {
		banks = [2]map[string][]template{enPlain, enPlace}
	}
	var t template
	if withPlace {
		list := banks[1][class]
		t = list[rng.IntN(len(list))]
		tr.About = []geo.AreaID{about.ID}
	} else {
		list := banks[0][class]
		t = list[rng.IntN(len(list))]
	}
	tr.Polarity, tr.Sarcasm = t.polarity, t.sarcasm
	return vary(rng, expand(rng, fill(t, place)), tr.Lang, t.startsWithName())
}

var scenarioTexts = map[string][]template{
	PowerCut: {
		{"Stroomstoring in {place}! Hele wijk zit in het donker", -0.6, false},
		{"Alweer geen stroom in Overvecht, {place}. Hoe lang nog?", -0.6, false},
		{"Stroom is uitgevallen in {place}, verkeerslichten doen het niet", -0.5, false},
		{"Nou lekker dan, stroomstoring in {place} midden onder het koken 🙄", -0.6, true},
		{"Iemand anders ook last van de stroomstoring in {place}? #stroomstoring", -0.3, false},
	},
	Koningsdag: {
		{"Wat een feest op Koningsdag in {place}! 🧡👑 #koningsdag", 0.8, false},
		{"Gezellige drukte in de binnenstad van {place} #koningsdag", 0.6, false},
		{"Tram 1 rijdt niet in {place}, HTM storing. Al een uur wachten #htm", -0.6, false},
		{"Veel te druk bij de tramhalte in {place}, niemand komt erdoor #koningsdag", -0.5, false},
		{"Top sfeer op de vrijmarkt in {place} 😍 #koningsdag", 0.8, false},
		{"Koningsdag in {place} maar tram [9|11|15|16] rijdt niet, HTM wat doe je #koningsdag", -0.5, false},
		{"Tram naar de vrijmarkt in {place} [propvol|afgeladen|stampvol], [niet te doen|geen doorkomen aan] #koningsdag", -0.4, false},
		{"[Heerlijk|Wat een sfeer] op Koningsdag in {place}, en de tram reed gewoon op tijd 👑", 0.7, false},
	},
	Flood: {
		{"Wateroverlast in {place}, de Maas staat erg hoog #hoogwater", -0.5, false},
		{"Kelder onder water in {place}, brandweer is aan het pompen", -0.6, false},
		{"Maaskade in {place} overstroomd, weg afgesloten #hoogwater", -0.5, false},
		{"Water staat tot aan de dijk bij {place}. Spannend!", -0.3, false},
	},
	HeathFire: {
		{"Grote heidebrand bij {place}, enorme rookwolken #natuurbrand", -0.6, false},
		{"Ginkelse Heide bij {place} staat in brand, ramen dichthouden", -0.5, false},
		{"Brandweer blust natuurbrand bij {place}, NL-Alert ontvangen", -0.4, false},
	},
	BenchBefore: {
		{"Weer overlast bij het bankje op het plein in {place}, tot [2|3] uur 's nachts herrie van hangjongeren", -0.6, false},
		{"Bij het bankje in {place} is het elke avond raak, ik voel me [niet veilig|onveilig] op straat", -0.7, false},
		{"[Vuilnis|Lachgas|Glas] en herrie bij het bankje in {place}, wanneer doet de gemeente iets aan die hangjongeren?", -0.6, false},
		{"Het bankje bij ons in {place} trekt alleen maar overlast, [echt zat van|klaar mee|ik word er gek van]", -0.6, false},
	},
	BenchAfter: {
		{"Sinds het bankje is verplaatst is het eindelijk rustig op het plein in {place} 👍", 0.6, false},
		{"Fijn dat de gemeente {place} het bankje heeft weggehaald, we slapen weer [goed|prima|heerlijk]", 0.6, false},
		{"Nog wat hangjongeren op het plein in {place}, maar veel minder overlast dan eerst", 0.1, false},
		{"[Rustige|Fijne] avond op het plein in {place}, dat was wel eens anders", 0.3, false},
	},
	ActionGroup: {
		{"Stop de windmolens in {place}! Teken de petitie #stopwindmolens", -0.5, false},
		{"Stop de windmolens in {place}!! Teken nu de petitie #stopwindmolens", -0.5, false},
		{"STOP de windmolens in {place}! Teken de petitie! #stopwindmolens", -0.6, false},
	},
}

// touristSpots are places tourists write about: a name in the text and
// the municipality it belongs to.
var touristSpots = []struct {
	name string
	area geo.AreaID
}{{"Giethoorn", "GM1708"}, {"Kinderdijk", "GM1978"}, {"Zaanse Schans", "GM0479"}, {"Volendam", "GM0385"}, {"Keukenhof", "GM0553"}}

var touristTexts = []template{
	{"Can't wait to visit {place} tomorrow!", 0.6, false},
	{"Just booked a boat trip in {place} for next week", 0.4, false},
	{"Loved the windmills at {place} yesterday 😍", 0.8, false},
	{"{place} was way too crowded, not worth it", -0.5, false},
}

func (gen *Generator) scenarioText(rng *rand.Rand, s *scenario, tr *Truth) string {
	if s.name == Tourists {
		spot := touristSpots[rng.IntN(len(touristSpots))]
		t := touristTexts[rng.IntN(len(touristTexts))]
		tr.About = []geo.AreaID{spot.area}
		tr.Polarity, tr.Sarcasm = t.polarity, t.sarcasm
		return vary(rng, fill(t, spot.name), "en", t.startsWithName())
	}
	list := scenarioTexts[s.name]
	t := list[rng.IntN(len(list))]
	area, _ := gen.g.Area(s.area)
	name := area.Name
	if s.area == "GM0518" {
		name = "Den Haag"
	}
	tr.About = []geo.AreaID{s.area}
	tr.Polarity, tr.Sarcasm = t.polarity, t.sarcasm
	if s.name == ActionGroup && rng.Float64() < 0.6 {
		return fill(t, name) // copy-paste campaign: verbatim
	}
	return vary(rng, expand(rng, fill(t, name)), s.lang, t.startsWithName())
}
