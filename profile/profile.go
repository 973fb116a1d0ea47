package profile

// Profile is a topic profile: plain, serialisable data.
type Profile struct {
	// ID is the declared identifier, such as "stroomstoring".
	ID string `json:"id"`
	// Name is a human-readable name.
	Name string `json:"name"`
	// Version is the profile's version string.
	Version string `json:"version"`
	// Description says what the profile is for.
	Description string `json:"description,omitempty"`
	// Languages are BCP 47 tags.
	Languages []string `json:"languages,omitempty"`
	// Query is the boolean query, see the package doc.
	Query string `json:"query"`
	// Purpose states why the profile is used.
	Purpose Purpose `json:"purpose"`
}

// Purpose records the purpose limitation of a profile.
type Purpose struct {
	// Description of the purpose.
	Description string `json:"description,omitempty"`
	// LegalBasis names the legal basis.
	LegalBasis string `json:"legal_basis,omitempty"`
	// PersonLevel permits person-level output; false by default.
	PersonLevel bool `json:"person_level,omitempty"`
}
