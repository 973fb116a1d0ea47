package profile

import "golang.org/x/text/language"

// Profile is a topic profile: plain, serialisable data. Its JSON form is
// described by schema/profile.schema.json (JSON Schema draft 2020-12) and
// can be read as linked data with the context schema/profile.jsonld; see
// the package doc for every field.
type Profile struct {
	// ID is the declared identifier: lower-case letters, digits, '.', '_'
	// and '-', starting with a letter or digit, such as "stroomstoring".
	ID string `json:"id"`
	// Name is a human-readable name.
	Name string `json:"name"`
	// Version is the profile's version string, such as "2" or "2024.1".
	Version string `json:"version"`
	// Description says what the profile is for.
	Description string `json:"description,omitempty"`
	// Languages are the languages the query is written for ("nl", "en");
	// a set, so order does not matter. In JSON they are BCP 47 strings.
	Languages []language.Tag `json:"languages,omitempty"`
	// Owner is the organisation that maintains the profile (a name or a
	// URI).
	Owner string `json:"owner,omitempty"`
	// Query is the boolean query, see the package doc for the grammar.
	Query string `json:"query"`
	// References are the IDs of the profiles the query refers to with
	// profile:id. They must be exactly the references in Query.
	References []string `json:"references,omitempty"`
	// Concepts are URIs of the SKOS / NL-SBB concepts the profile
	// measures, such as a concept of the CBS or a municipal thesaurus.
	Concepts []string `json:"concepts,omitempty"`
	// Overlay is an optional sentiment lexicon overlay, term → valence in
	// -4..+4, in the shape of sentiment.Analyzer.WithOverlay: a fire
	// profile sets "brand" to 0 so a fire report is not negative.
	Overlay map[string]float64 `json:"overlay,omitempty"`
	// Indicator is the indicator the profile defines, nil when none.
	Indicator *Indicator `json:"indicator,omitempty"`
	// Scope lists the area IDs (any gazetteer level: "GM0518", "PV27",
	// "VR15", "PC4-2511") the profile is meant for. A non-empty scope
	// makes the matcher require that a Doc has an area in it (any role).
	Scope []string `json:"scope,omitempty"`
	// Purpose states why the profile is used.
	Purpose Purpose `json:"purpose"`
}

// Purpose records the purpose limitation of a profile.
type Purpose struct {
	// Description of the purpose.
	Description string `json:"description,omitempty"`
	// LegalBasis names the legal basis, such as "AVG art. 6(1)(e),
	// publieke taak".
	LegalBasis string `json:"legal_basis,omitempty"`
	// Retention is how long matched posts may be kept, as an ISO 8601
	// duration in days, weeks, months or years ("P30D", "P6M", "P1Y");
	// see [Purpose.RetentionDays]. Empty means not stated.
	Retention string `json:"retention,omitempty"`
	// PersonLevel permits person-level output; false by default. Without
	// it [Validate] rejects queries that target persons.
	PersonLevel bool `json:"person_level,omitempty"`
	// RegisterURL links to the profile's entry in an algorithm register
	// (such as algoritmes.overheid.nl); an absolute http(s) URL.
	RegisterURL string `json:"register_url,omitempty"`
}

// Indicator describes the statistic a profile defines, such as the share
// of all posts in an area per day that match (the CBS social-tension
// style indicator): {Kind: "share", Unit: "posts", Per: "area-day"}.
type Indicator struct {
	// Kind is "share" (matching / all), "count" or "unique-authors".
	Kind string `json:"kind"`
	// Unit is what is counted: "posts" or "authors".
	Unit string `json:"unit"`
	// Per is the aggregation cell: "area-hour", "area-day", "area-week"
	// or "area-month".
	Per string `json:"per"`
	// Role is the location role that attributes a post to an area:
	// "from", "home", "about" or "any". Empty means "about".
	Role string `json:"role,omitempty"`
}
