package profile

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// checkSchema is a small structural JSON Schema checker for the keywords
// used by schema/profile.schema.json: type, required, properties,
// additionalProperties, items, enum, pattern, minLength, maxLength,
// minimum, maximum.
func checkSchema(s map[string]any, v any, at string) []string {
	var errs []string
	bad := func(f string, a ...any) { errs = append(errs, at+": "+fmt.Sprintf(f, a...)) }
	if t, ok := s["type"]; ok {
		var ts []string
		switch t := t.(type) {
		case string:
			ts = []string{t}
		case []any:
			for _, x := range t {
				ts = append(ts, x.(string))
			}
		}
		if !slices.Contains(ts, jsonType(v)) {
			bad("type %s, want %v", jsonType(v), ts)
			return errs
		}
	}
	if e, ok := s["enum"].([]any); ok && !slices.Contains(e, v) {
		bad("%v not in enum %v", v, e)
	}
	switch v := v.(type) {
	case string:
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(v) {
			bad("%q does not match %s", v, p)
		}
		if n, ok := s["minLength"].(float64); ok && float64(len([]rune(v))) < n {
			bad("shorter than %v", n)
		}
		if n, ok := s["maxLength"].(float64); ok && float64(len([]rune(v))) > n {
			bad("longer than %v", n)
		}
	case float64:
		if n, ok := s["minimum"].(float64); ok && v < n {
			bad("%v < %v", v, n)
		}
		if n, ok := s["maximum"].(float64); ok && v > n {
			bad("%v > %v", v, n)
		}
	case []any:
		if it, ok := s["items"].(map[string]any); ok {
			for i, x := range v {
				errs = append(errs, checkSchema(it, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case map[string]any:
		if r, ok := s["required"].([]any); ok {
			for _, k := range r {
				if _, ok := v[k.(string)]; !ok {
					bad("missing required %s", k)
				}
			}
		}
		props, _ := s["properties"].(map[string]any)
		for k, x := range v {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, checkSchema(ps, x, at+"."+k)...)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					bad("property %s not allowed", k)
				}
			case map[string]any:
				errs = append(errs, checkSchema(ap, x, at+"."+k)...)
			}
		}
	}
	return errs
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}

func loadJSON(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// TestSchemaLibrary checks every library file against the JSON Schema and
// that Decode → Marshal → Decode round-trips.
func TestSchemaLibrary(t *testing.T) {
	schema := loadJSON(t, "../schema/profile.schema.json")
	names, _ := fs.Glob(libraryFS, "library/*.json")
	if len(names) < 10 {
		t.Fatalf("library has %d files", len(names))
	}
	for _, n := range names {
		b, _ := fs.ReadFile(libraryFS, n)
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		// integers are numbers too
		for _, e := range checkSchema(schemaNumbers(schema), v, path.Base(n)) {
			t.Error(e)
		}
		p, err := Decode(b)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out, _ := json.Marshal(p)
		p2, err := Decode(out)
		if err != nil || !reflect.DeepEqual(p, p2) {
			t.Errorf("%s: JSON round trip: %v\n%+v\n%+v", n, err, p, p2)
		}
		c, _ := Canonical(p)
		var cv any
		_ = json.Unmarshal(c, &cv)
		for _, e := range checkSchema(schemaNumbers(schema), cv, "canonical "+path.Base(n)) {
			t.Error(e)
		}
	}
}

// schemaNumbers makes "number" accept integers as JSON Schema does.
func schemaNumbers(s map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range s {
		switch v := v.(type) {
		case map[string]any:
			out[k] = schemaNumbers(v)
		default:
			if k == "type" && v == "number" {
				out[k] = []any{"number", "integer"}
			} else {
				out[k] = v
			}
		}
	}
	return out
}

// TestSchemaCoversFields checks that the schema and the JSON-LD context
// name every JSON field of the Go types, and the schema no others.
func TestSchemaCoversFields(t *testing.T) {
	schema := loadJSON(t, "../schema/profile.schema.json")
	ctx := loadJSON(t, "../schema/profile.jsonld")["@context"].(map[string]any)
	props := schema["properties"].(map[string]any)
	for _, c := range []struct {
		typ   reflect.Type
		props map[string]any
	}{
		{reflect.TypeFor[Profile](), props},
		{reflect.TypeFor[Purpose](), props["purpose"].(map[string]any)["properties"].(map[string]any)},
		{reflect.TypeFor[Indicator](), props["indicator"].(map[string]any)["properties"].(map[string]any)},
	} {
		var tags []string
		for i := range c.typ.NumField() {
			tag, _, _ := strings.Cut(c.typ.Field(i).Tag.Get("json"), ",")
			tags = append(tags, tag)
			if _, ok := c.props[tag]; !ok {
				t.Errorf("schema lacks %s.%s", c.typ.Name(), tag)
			}
			if _, ok := ctx[tag]; !ok {
				t.Errorf("JSON-LD context lacks %s", tag)
			}
		}
		for k := range c.props {
			if k != "@context" && !slices.Contains(tags, k) {
				t.Errorf("schema has %s.%s, not in the Go type", c.typ.Name(), k)
			}
		}
	}
}

func TestDecodeContext(t *testing.T) {
	p, err := Decode([]byte(`{"@context":"https://example.org/profile.jsonld","id":"a","name":"A","version":"1","query":"x1","purpose":{}}`))
	if err != nil || p.ID != "a" {
		t.Errorf("Decode with @context = %+v, %v", p, err)
	}
	if _, err := Decode([]byte(`{"id":"a","qeury":"x"}`)); err == nil {
		t.Error("Decode accepted an unknown field")
	}
}

func TestSchemaRejects(t *testing.T) {
	schema := schemaNumbers(loadJSON(t, "../schema/profile.schema.json"))
	for _, s := range []string{
		`{"id":"a","name":"A","version":"1","query":"x"}`,
		`{"id":"A b","name":"A","version":"1","query":"x","purpose":{}}`,
		`{"id":"a","name":"A","version":"1","query":"x","purpose":{"retention":"30 days"}}`,
		`{"id":"a","name":"A","version":"1","query":"x","purpose":{},"overlay":{"brand":9}}`,
		`{"id":"a","name":"A","version":"1","query":"x","purpose":{},"scope":["Den Haag"]}`,
		`{"id":"a","name":"A","version":"1","query":"x","purpose":{},"indicator":{"kind":"mean","unit":"posts","per":"area-day"}}`,
		`{"id":"a","name":"A","version":"1","query":"x","purpose":{},"extra":1}`,
	} {
		var v any
		_ = json.Unmarshal([]byte(s), &v)
		if len(checkSchema(schema, v, "x")) == 0 {
			t.Errorf("schema accepted %s", s)
		}
	}
}
