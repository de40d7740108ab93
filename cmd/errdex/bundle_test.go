package main

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/errdex/errdex"
)

// jsonNames lists the JSON names of a struct type's fields.
func jsonNames(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// TestBundleCoversTheDomain fails when a domain type gains, loses or
// renames a field its bundle type does not follow: the export is a
// published format, so each change to it is decided here, not inherited.
func TestBundleCoversTheDomain(t *testing.T) {
	tests := []struct {
		domain, bundle any
		extra          []string // bundle fields of its own
	}{
		{errdex.System{}, bundleSystem{}, []string{"entries"}},
		{errdex.Entry{}, bundleEntry{}, []string{"id", "url"}},
		{errdex.Text{}, bundleText{}, nil},
		{errdex.Retry{}, bundleRetry{}, nil},
		{errdex.Signature{}, bundleSignature{}, nil},
		{errdex.Example{}, bundleExample{}, nil},
		{errdex.Reference{}, bundleReference{}, nil},
		{errdex.Contradiction{}, bundleContradiction{}, nil},
		{errdex.Claim{}, bundleClaim{}, nil},
		{errdex.ProviderCode{}, bundleProviderCode{}, nil},
	}
	for _, tt := range tests {
		d, b := reflect.TypeOf(tt.domain), reflect.TypeOf(tt.bundle)
		want := jsonNames(d)
		got := slices.DeleteFunc(jsonNames(b), func(n string) bool { return slices.Contains(tt.extra, n) })
		if !slices.Equal(got, want) {
			t.Errorf("%s has fields %v, its bundle type %s %v: export the new field in bundle.go (or decide to leave it out here)",
				d, want, b, got)
		}
	}
}
