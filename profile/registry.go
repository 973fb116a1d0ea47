package profile

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// ErrNotFound is returned by Registry.Get for an unknown profile.
var ErrNotFound = errors.New("profile: not found")

// Registry holds profiles by declared ID and by content ID. The zero value
// is an empty registry ready to use. It is not safe for concurrent
// mutation; concurrent Get calls without Add are safe.
type Registry struct {
	byID      map[string]Profile
	byContent map[string]string
}

// Add validates p and adds it, replacing a profile with the same ID.
func (r *Registry) Add(p Profile) error {
	if err := Validate(p); err != nil {
		return fmt.Errorf("profile: add %q: %w", p.ID, err)
	}
	cid, err := ContentID(p)
	if err != nil {
		return err
	}
	if r.byID == nil {
		r.byID, r.byContent = map[string]Profile{}, map[string]string{}
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

// Profiles returns all profiles sorted by ID.
func (r *Registry) Profiles() []Profile {
	out := make([]Profile, 0, len(r.byID))
	for _, p := range r.byID {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// LoadDir adds every *.json profile in dir of fsys. It returns errors.Join
// of every file's error; valid files are added even when others fail.
func (r *Registry) LoadDir(fsys fs.FS, dir string) error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return fmt.Errorf("profile: load %s: %w", dir, err)
	}
	var errs []error
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs = append(errs, fmt.Errorf("profile: %s: %w", n, err))
			continue
		}
		var p Profile
		if err := json.Unmarshal(b, &p); err != nil {
			errs = append(errs, fmt.Errorf("profile: %s: %w", n, err))
			continue
		}
		if err := r.Add(p); err != nil {
			errs = append(errs, fmt.Errorf("profile: %s: %w", n, err))
		}
	}
	return errors.Join(errs...)
}

//go:embed library/*.json
var libraryFS embed.FS

// Library returns a new registry with the embedded example profiles.
func Library() (*Registry, error) {
	var r Registry
	if err := r.LoadDir(libraryFS, "library"); err != nil {
		return nil, err
	}
	return &r, nil
}
