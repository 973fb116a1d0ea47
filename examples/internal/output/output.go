// Package output writes the examples' result files.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Files writes each named file in dir (created when missing) with its
// writer function, and stops at the first error.
func Files(dir string, files map[string]func(io.Writer) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, write := range files {
		if err := file(filepath.Join(dir, name), write); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// JSON returns a writer function that encodes v as indented JSON.
func JSON(v any) func(io.Writer) error {
	return func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
}

func file(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
