package socialgeo

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// AlgorithmDescription describes a configured pipeline in the shape of the
// publication standard of the Dutch algorithm register (Algoritmeregister
// van de Nederlandse overheid): what the algorithm is for, which data it
// uses, how it works, where people oversee it, its risks and its legal
// basis. Fields the library cannot know (organisation, contact) are left
// for the publishing organisation to fill in; FilledBy says which fields
// were filled from the configuration.
type AlgorithmDescription struct {
	Name             string   `json:"name"`              // naam
	Organisation     string   `json:"organisation"`      // organisatie (to be filled in)
	ShortDescription string   `json:"short_description"` // korte omschrijving
	Purpose          []string `json:"purpose"`           // doel en impact, one line per profile purpose
	LegalBasis       []string `json:"legal_basis"`       // wettelijke grondslag, per profile
	Retention        []string `json:"retention"`         // bewaartermijnen, per profile
	DataSources      []string `json:"data_sources"`      // gebruikte data
	Method           []string `json:"method"`            // werking: the steps of the pipeline
	HumanOversight   string   `json:"human_oversight"`   // menselijke tussenkomst
	Risks            []string `json:"risks"`             // risico's en hoe ze beperkt worden
	PersonLevel      bool     `json:"person_level"`      // whether any profile permits person-level output
	RegisterLinks    []string `json:"register_links,omitempty"`
	SourceCode       string   `json:"source_code"` // link naar broncode
	Licence          string   `json:"licence"`
	Versions         Versions `json:"versions"`
	FilledBy         string   `json:"filled_by"`
}

// WriteJSON writes the description as indented JSON.
func (a *AlgorithmDescription) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(a); err != nil {
		return fmt.Errorf("socialgeo: write algorithm description: %w", err)
	}
	return nil
}

func uniqueSorted(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
