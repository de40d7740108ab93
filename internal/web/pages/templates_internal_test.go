package pages

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/textfmt"
	"github.com/errdex/errdex/web"
)

// TestParseTemplatesFailsFast checks that a missing or broken template
// stops New at startup, naming the file.
func TestParseTemplatesFailsFast(t *testing.T) {
	whole := fstest.MapFS{}
	err := fs.WalkDir(web.FS, "templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(web.FS, name)
		whole[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p := &Pages{static: map[string]staticFile{"app.css": {}, "app.js": {}, "favicon.svg": {}}}
	if _, err := parseTemplates(whole, p.funcs()); err != nil {
		t.Fatalf("the embedded templates: %v", err)
	}
	tests := []struct {
		name    string
		change  func(fstest.MapFS)
		wantErr string
	}{
		{"missing page", func(m fstest.MapFS) { delete(m, "templates/entry.html") }, "entry"},
		{"missing layout", func(m fstest.MapFS) { delete(m, "templates/base.html") }, "base.html"},
		{"page without content", func(m fstest.MapFS) {
			m["templates/system.html"] = &fstest.MapFile{Data: []byte(`{{define "other"}}{{end}}`)}
		}, `"content" is not defined`},
		{"syntax error", func(m fstest.MapFS) {
			m["templates/error.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}{{if}}{{end}}`)}
		}, "error.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fstest.MapFS{}
			for k, v := range whole {
				m[k] = v
			}
			tt.change(m)
			_, err := parseTemplates(m, p.funcs())
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got error %v, want one naming %q", err, tt.wantErr)
			}
		})
	}
}

// TestStringsComplete checks that every language has every UI string, and
// the same keys in each keyed table.
func TestStringsComplete(t *testing.T) {
	en := stringsByLang["en"]
	for lang, s := range stringsByLang {
		for _, f := range stringFields(s) {
			if f.value == "" {
				t.Errorf("%s: %s is empty", lang, f.name)
			}
		}
		for _, k := range errdex.RetryStrategies {
			if w := textfmt.RetryWord(k, lang); w == "" || w == string(k) {
				t.Errorf("%s: no retry words for %q", lang, k)
			}
		}
		for code := range en.ErrorTitles {
			if s.ErrorTitles[code] == "" || s.ErrorTexts[code] == "" {
				t.Errorf("%s: the error page of %d has no text", lang, code)
			}
		}
		if s.Results(2) == "" || s.AllEntries(2) == "" || s.Entries(2) == "" || s.VariantsHeading("-401", 2) == "" ||
			s.NoSuchCode("K", "X") == "" {
			t.Errorf("%s: a counting string is empty", lang)
		}
	}
}

type stringField struct{ name, value string }

// stringFields lists the plain string fields of s.
func stringFields(s *Strings) []stringField {
	v := reflect.ValueOf(s).Elem()
	var out []stringField
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).Kind() == reflect.String {
			out = append(out, stringField{v.Type().Field(i).Name, v.Field(i).String()})
		}
	}
	return out
}

// TestLoadStaticUnknownType checks that a static file of a type the server
// has no content type for stops startup, rather than going out as
// whatever the host's MIME tables say.
func TestLoadStaticUnknownType(t *testing.T) {
	fsys := fstest.MapFS{
		"static/app.css":    &fstest.MapFile{Data: []byte("body{}")},
		"static/font.woff3": &fstest.MapFile{Data: []byte("x")},
	}
	_, err := loadStatic(fsys)
	if err == nil || !strings.Contains(err.Error(), "font.woff3") {
		t.Fatalf("loadStatic with a .woff3 file: got error %v, want one naming the file", err)
	}
	delete(fsys, "static/font.woff3")
	files, err := loadStatic(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := files["app.css"].ctype; got != "text/css; charset=utf-8" {
		t.Errorf("app.css: content type %q", got)
	}
}
