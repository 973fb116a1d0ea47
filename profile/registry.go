package profile

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
)

// ErrNotFound is returned by Registry.Get for an unknown profile.
var ErrNotFound = errors.New("profile: not found")

// Registry holds profiles by declared ID and by content ID and resolves
// references between them. The zero value is an empty registry ready to
// use. It is not safe for concurrent mutation; concurrent reads (Get,
// Profiles, Validate, Expand, Compile) without Add are safe.
type Registry struct {
	byID      map[string]Profile
	byContent map[string]string
}

// Add validates p on its own ([Validate]) and adds it, replacing a profile
// with the same ID. References are not resolved here, so profiles can be
// added in any order; [Registry.Check] resolves them once all are added.
func (r *Registry) Add(p Profile) error {
	if err := Validate(p); err != nil {
		return fmt.Errorf("profile: add %q: %w: %w", p.ID, ErrInvalid, err)
	}
	cid, err := ContentID(p)
	if err != nil {
		return err
	}
	if r.byID == nil {
		r.byID, r.byContent = map[string]Profile{}, map[string]string{}
	}
	if old, ok := r.byID[p.ID]; ok {
		if ocid, err := ContentID(old); err == nil {
			delete(r.byContent, ocid)
		}
	}
	r.byID[p.ID] = p
	r.byContent[cid] = p.ID
	return nil
}

// Get returns the profile with declared ID or content ID ("sha256:…").
func (r *Registry) Get(id string) (Profile, error) {
	if d, ok := r.byContent[id]; ok {
		id = d
	}
	if p, ok := r.byID[id]; ok {
		return p, nil
	}
	return Profile{}, fmt.Errorf("profile: get %q: %w", id, ErrNotFound)
}

func (r *Registry) lookup(id string) (Profile, bool) {
	p, ok := r.byID[id]
	return p, ok
}

// Profiles returns all profiles sorted by ID.
func (r *Registry) Profiles() []Profile {
	out := make([]Profile, 0, len(r.byID))
	for _, p := range r.byID {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Validate validates p ([Validate]) and resolves its references in r:
// unknown references, reference cycles, and person targeting through
// sub-profiles when p's purpose does not permit person-level output. It
// returns errors.Join of *FieldError, or nil. p need not be in r.
func (r *Registry) Validate(p Profile) error {
	_, err := check(p, r.lookup)
	return err
}

// Check validates every profile in r with [Registry.Validate] and returns
// errors.Join of the failures, each prefixed with the profile ID.
func (r *Registry) Check() error {
	var es []error
	for _, p := range r.Profiles() {
		if err := r.Validate(p); err != nil {
			es = append(es, fmt.Errorf("profile %q: %w", p.ID, err))
		}
	}
	return errors.Join(es...)
}

// Expand returns the profile with the given ID (or content ID) with every
// reference inlined: its Query is the canonical expanded query and
// References is nil. The content ID of the result identifies the complete
// definition, sub-profiles included.
func (r *Registry) Expand(id string) (Profile, error) {
	p, err := r.Get(id)
	if err != nil {
		return Profile{}, err
	}
	root, err := check(p, r.lookup)
	if err != nil {
		return Profile{}, fmt.Errorf("profile: expand %q: %w", p.ID, err)
	}
	p.Query = normalize(root).String()
	p.References = nil
	return p, nil
}

// Compile compiles the profiles with the given IDs (every profile in r
// when none are given) into a *Matcher, resolving references in r.
func (r *Registry) Compile(ids ...string) (*Matcher, error) {
	ps := r.Profiles()
	if len(ids) > 0 {
		ps = ps[:0:0]
		for _, id := range ids {
			p, err := r.Get(id)
			if err != nil {
				return nil, err
			}
			ps = append(ps, p)
		}
	}
	return CompileWith(&CompileOptions{Registry: r}, ps...)
}

// Decode reads one profile from its JSON form. Unknown fields are an
// error, so a misspelt field is not silently dropped; a JSON-LD
// "@context" member is allowed and ignored.
func Decode(b []byte) (Profile, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var ld struct {
		Profile
		Context json.RawMessage `json:"@context"`
	}
	if err := dec.Decode(&ld); err != nil {
		return Profile{}, fmt.Errorf("profile: decode: %w", err)
	}
	p := ld.Profile
	if dec.More() {
		return Profile{}, errors.New("profile: decode: data after the profile")
	}
	return p, nil
}

// LoadDir adds every *.json profile in dir of fsys ([Decode], then
// [Registry.Add]), then resolves the references of the added profiles
// ([Registry.Validate]). It returns errors.Join of every file's error;
// valid files are added even when others fail.
func (r *Registry) LoadDir(fsys fs.FS, dir string) error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return fmt.Errorf("profile: load %s: %w", dir, err)
	}
	var errs []error
	var added []string
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs = append(errs, fmt.Errorf("profile: %s: %w", n, err))
			continue
		}
		p, err := Decode(b)
		if err != nil {
			errs = append(errs, fmt.Errorf("profile: %s: %w", n, err))
			continue
		}
		if i := slices.Index(added, p.ID); i > 0 {
			errs = append(errs, fmt.Errorf("profile: %s: %w", n, &FieldError{Field: "id", Msg: fmt.Sprintf("%q also in %s", p.ID, added[i-1])}))
			continue
		}
		if err := r.Add(p); err != nil {
			errs = append(errs, fmt.Errorf("profile: %s: %w", n, err))
			continue
		}
		added = append(added, n, p.ID)
	}
	for i := 0; i < len(added); i += 2 {
		p, _ := r.Get(added[i+1])
		if err := r.Validate(p); err != nil {
			errs = append(errs, fmt.Errorf("profile: %s: %w", added[i], err))
		}
	}
	return errors.Join(errs...)
}

//go:embed library/*.json
var libraryFS embed.FS

// Library returns a new registry with the embedded example profiles; see
// the package doc for the list.
func Library() (*Registry, error) {
	var r Registry
	if err := r.LoadDir(libraryFS, "library"); err != nil {
		return nil, err
	}
	return &r, nil
}
