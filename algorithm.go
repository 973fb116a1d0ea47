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

// Algorithm describes the pipeline in the shape of the algorithm
// register's publication standard, filled from the profiles' purposes and
// the pipeline's configuration. The fields an organisation must write
// itself (Organisation, and the human oversight in its own process) carry
// a "to be filled in" marker; FilledBy names the library version that
// wrote the rest.
func (p *Pipeline) Algorithm() *AlgorithmDescription {
	rep := p.newReport()
	a := &AlgorithmDescription{
		Name:         "socialgeo: analysis of public posts per area",
		Organisation: "(to be filled in by the publishing organisation)",
		ShortDescription: "Counts, per area and time, public social-media posts and citizen reports that match " +
			"published profiles, with their sentiment, and publishes only aggregated, disclosure-controlled figures.",
		DataSources: []string{
			"public posts and citizen reports supplied by the organisation (platform exports, Open311, RSS/Atom, CSV); author identities pseudonymised at input with a keyed HMAC",
			"gazetteer " + p.versions.Gazetteer + ": CBS/Kadaster boundaries 2024, CBS population, GeoNames place names (CC BY 4.0)",
			"sentiment lexicon " + p.versions.Lexicon + ": VADER (MIT), Pattern (PDDL/BSD), LUPJE (MIT), Emoji Sentiment Ranking (CC BY-SA 4.0), own Dutch additions",
		},
		Method: []string{
			"tokenise each post once (Unicode normalisation, case and diacritic folding)",
			"locate: where it was sent from (geotag in boundary, platform place), where its author lives (profile location), what it is about (place names, aliases, hashtags, postcodes); the three are never mixed",
			"score sentiment with a lexicon and rules (negation, intensifiers, contrast, emoji, sarcasm markers), each score explainable per word",
			"match the profiles below in one pass (terms, phrases, NEAR, field filters)",
			"filter noise: exact and near duplicates (SimHash, window " + rep.Thresholds["dedup_window"] + ", at most " + rep.Thresholds["near_duplicate_max_bits"] + " bits), reposts collapsed onto their original, at most " + rep.Thresholds["author_cap_posts"] + " posts per author per area per " + rep.Thresholds["author_cap_bucket"],
			"aggregate per area and time bucket; publish only cells with at least k unique authors (k = 10 by default), with complementary suppression and optional Laplace noise",
		},
		HumanOversight: "(to be filled in) The library publishes aggregates and a run report (posts read, observed, rejected per reason; location coverage; versions; thresholds) for review by an analyst before use; it takes no decisions about persons.",
		Risks: []string{
			"selection bias: people who post publicly are not a sample of residents; every cell reports the share of outsiders and platforms",
			"location errors: place names that are also ordinary words; measured precision and recall are in the geo package documentation",
			"sentiment errors, in particular sarcasm; the flag's precision and recall are in the sentiment package documentation",
			"re-identification of individuals from small cells: mitigated by k-anonymity thresholds, complementary suppression and pseudonymisation; raw identities never reach outputs",
			"manipulation by coordinated campaigns: mitigated by near-duplicate detection and the per-author cap, each counted in the report",
		},
		SourceCode: "https://github.com/socialgeo/socialgeo",
		Licence:    "Apache-2.0",
		Versions:   rep.Versions,
		FilledBy:   "socialgeo " + rep.Library,
	}
	var purposes, bases, retention, links []string
	ids := make([]string, 0, len(p.profiles))
	for id := range p.profiles {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		pr := p.profiles[id]
		purposes = append(purposes, id+": "+nonEmpty(pr.Purpose.Description, "(no purpose stated)"))
		bases = append(bases, id+": "+nonEmpty(pr.Purpose.LegalBasis, "(no legal basis stated)"))
		retention = append(retention, id+": "+nonEmpty(pr.Purpose.Retention, "(not stated)"))
		if pr.Purpose.RegisterURL != "" {
			links = append(links, pr.Purpose.RegisterURL)
		}
		a.PersonLevel = a.PersonLevel || pr.Purpose.PersonLevel
	}
	a.Purpose, a.LegalBasis, a.Retention, a.RegisterLinks = purposes, bases, retention, uniqueSorted(links)
	if len(ids) == 0 {
		a.Purpose = []string{"(no profiles configured: area statistics over all posts)"}
	}
	if a.PersonLevel {
		a.Risks = append(a.Risks, "person-level output is permitted by at least one profile's purpose: individual posts can be shown to staff (e.g. webcare); the profile's legal basis and retention apply")
	}
	return a
}

func nonEmpty(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
