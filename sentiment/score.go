package sentiment

// Label is the categorical sentiment of a text.
type Label uint8

// Labels. The zero Label means "not scored".
const (
	Neutral  Label = iota + 1 // no clear sentiment
	Positive                  // clearly positive
	Negative                  // clearly negative
	Mixed                     // strong positive and negative parts
)

var labelNames = [...]string{"none", "neutral", "positive", "negative", "mixed"}

// String returns the label's lower-case name.
func (l Label) String() string {
	if int(l) < len(labelNames) {
		return labelNames[l]
	}
	return "none"
}

// Flags mark notable properties of a scored text. They combine with |.
type Flags uint16

// Flags.
const (
	FlagNegated     Flags = 1 << iota // a sentiment word was negated
	FlagSarcasm                       // sarcasm or irony suspected; polarity reflects the intended meaning
	FlagEmojiDriven                   // most of the sentiment came from emoji or emoticons
	FlagProfanity                     // profanity present (used as intensifier, not scored as topic)
	FlagOutburst                      // capitals and/or exclamation marks amplify the text
	FlagQuestion                      // a question; polarity dampened
)
