// Package lang detects whether a tokenised post is Dutch, English or
// neither, from function words and frequent social-media words.
//
// The method is a vote of closed-class words (articles, pronouns,
// prepositions, auxiliaries, particles) that are frequent in one language
// and rare in the other. Short posts, posts without such words, and
// hashtag-, mention-, URL- or emoji-only posts are undetermined
// (language.Und): a guess there would be noise.
//
// # Concurrency
//
// Detect is safe for concurrent use.
package lang

import (
	"golang.org/x/text/language"

	"github.com/socialgeo/socialgeo/internal/text"
)

var nlWords = set("de het een en van in is dat op te zijn niet met voor die er maar om ook als aan dan bij nog wat wel geen heb hebben heeft ik je jij we wij ze zij hij mijn mij ons onze jullie naar uit over nu zo al door wordt worden werd was waren kan kunnen moet moeten zal zou deze dit daar hier waar toch even echt heel erg nooit niks niets iets alles veel meer weer ff idd zeg gewoon gaat gaan ga komt komen doet doen vandaag morgen gisteren mooi lekker leuk goed slecht jammer geweldig helaas omdat want hoe wie waarom welke zijn na tegen sinds onder tussen zonder dus nou ja nee hoor eens wordt alweer weet vind zie mag moet mensen tijd dag jaar alle elke ben bent u uw haar hun zich kom ging")
var enWords = set("the a an and of to is are was were be been it that this these those in on at for with not no but or if then than so as by from they we you he she i my me our your their his her its have has had do does did will would can could should just very really what who why how when where there here all any some more most about up out into over after before because im dont cant its thats great good bad love hate today tomorrow yesterday movie film thanks please people time day year like get got going make made well also only even never always")

func set(s string) map[string]bool {
	m := map[string]bool{}
	w := ""
	for _, r := range s + " " {
		if r == ' ' {
			if w != "" {
				m[w] = true
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return m
}

// Mark says in which language's marker list a word stands: a bit set of
// [MarkNL] and [MarkEN].
type Mark uint8

// Marks.
const (
	MarkNL Mark = 1 << iota // a Dutch marker word
	MarkEN                  // an English marker word
)

// Marker returns the marks of the folded word w (Token.Norm).
func Marker(w string) Mark {
	var m Mark
	if nlWords[w] {
		m |= MarkNL
	}
	if enWords[w] {
		m |= MarkEN
	}
	return m
}

// Markers returns every marker word of either language, so that a caller
// can precompute Marker for them in its own tables (package sentiment
// looks up a word once for its lexicon entry and its marks).
func Markers() []string {
	out := make([]string, 0, len(nlWords)+len(enWords))
	for w := range nlWords {
		out = append(out, w)
	}
	for w := range enWords {
		if !nlWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// Tally counts the votes of a post's words. The zero value is an empty
// tally; Add each Word token's marks in any order, then read Tag.
type Tally struct {
	nl, en, words int
}

// votes holds the Dutch and English votes of a word by its marks: 2 for a
// marker of one language only, 1 each for a marker of both.
var votes = [4][2]int{MarkNL: {2, 0}, MarkEN: {0, 2}, MarkNL | MarkEN: {1, 1}}

// Add counts one Word token with marks m.
func (t *Tally) Add(m Mark) {
	t.words++
	v := &votes[m&(MarkNL|MarkEN)]
	t.nl += v[0]
	t.en += v[1]
}

// Votes returns the Dutch and English votes of a word with marks m, as
// [Tally.Add] counts them.
func Votes(m Mark) (nl, en int) {
	v := &votes[m&(MarkNL|MarkEN)]
	return v[0], v[1]
}

// TallyOf returns the tally of words Word tokens whose [Votes] sum to nl
// and en: the same as Adding their marks one by one.
func TallyOf(words, nl, en int) Tally { return Tally{nl: nl, en: en, words: words} }

// A Code names a detected language without the cost of comparing
// language.Tag values (structs with strings).
type Code uint8

// Codes.
const (
	Und     Code = iota // undetermined
	Dutch               // language.Dutch
	English             // language.English
)

var codeTags = [...]language.Tag{Und: language.Und, Dutch: language.Dutch, English: language.English}

// Tag returns the language.Tag of c.
func (c Code) Tag() language.Tag { return codeTags[c] }

// Code returns the language the votes give: see [Detect].
func (t *Tally) Code() Code {
	nl, en := t.nl, t.en
	if t.words < 2 {
		return Und
	}
	switch {
	case nl >= 3 && nl*3 >= (nl+en)*2:
		return Dutch
	case en >= 3 && en*3 >= (nl+en)*2:
		return English
	}
	return Und
}

// Tag returns the language the votes give: see [Detect].
func (t *Tally) Tag() language.Tag { return t.Code().Tag() }

// Detect returns language.Dutch, language.English or language.Und for toks.
// It needs at least two marker words and a clear majority (two thirds of
// the votes) for one language; otherwise the result is language.Und.
func Detect(toks []text.Token) language.Tag {
	var t Tally
	for i := range toks {
		if toks[i].Kind == text.Word {
			t.Add(Marker(toks[i].Norm))
		}
	}
	return t.Tag()
}
