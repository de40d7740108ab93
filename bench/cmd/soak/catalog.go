package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// probeFile is the catalog file the soak adds and edits; brokenMarker is a
// word that only broken catalogs hold, so that it showing up in any answer
// proves a broken catalog was served.
const (
	probeFile    = "zz-soak.yaml"
	probeCode    = "SOAK_PROBE"
	brokenCode   = "SOAK_BROKEN"
	brokenMarker = "soakbroken"
	mainFile     = "kmsg.yaml" // the real file that is emptied and truncated
)

// probeEntry is one kmsg entry with every required field; extra is put in
// the entry as given (an unknown field, a duplicate key).
func probeEntry(code, title, extra string) string {
	return fmt.Sprintf(`  - code: %s
    title:
      en: %s
      ko: 소크 시험 항목
    summary:
      en: An entry the soak test adds and edits.
      ko: 소크 시험이 추가하고 고치는 항목입니다.
    causes:
      - en: The soak test wrote it.
        ko: 소크 시험이 썼습니다.
    fixes:
      - en: Nothing to fix.
        ko: 고칠 것이 없습니다.
    retry:
      retryable: false
      strategy: never
      note:
        en: Not applicable.
        ko: 해당 없음.
%s`, code, title, extra)
}

func probeDoc(entries ...string) string {
	return "system: kmsg\nentries:\n" + strings.Join(entries, "")
}

// goodProbe is a valid probe file whose title carries marker.
func goodProbe(marker string) []byte {
	return []byte(probeDoc(probeEntry(probeCode, "Soak probe "+marker, "")))
}

// breakage is one way of breaking the catalog directory. apply writes it;
// the fix that follows restores mainFile and the last good probe file.
type breakage struct {
	name  string
	apply func(dir string, kmsg []byte) error
}

var brokenTitle = "Soak probe " + brokenMarker

var breakages = []breakage{
	{"empty file", func(dir string, _ []byte) error {
		return writeFile(dir, mainFile, nil)
	}},
	{"truncated file", func(dir string, kmsg []byte) error {
		return writeFile(dir, mainFile, truncateMidEntry(kmsg))
	}},
	{"duplicate key", func(dir string, _ []byte) error {
		// The same mapping key twice in one entry: strict YAML refuses it.
		return writeFile(dir, probeFile, []byte(probeDoc(probeEntry(brokenCode, brokenTitle,
			"    title:\n      en: "+brokenTitle+" again\n      ko: 다시\n"))))
	}},
	{"duplicate entry", func(dir string, _ []byte) error {
		return writeFile(dir, probeFile, []byte(probeDoc(
			probeEntry(brokenCode, brokenTitle, ""), probeEntry(brokenCode, brokenTitle+" twice", ""))))
	}},
	{"unknown field", func(dir string, _ []byte) error {
		return writeFile(dir, probeFile, []byte(probeDoc(probeEntry(brokenCode, brokenTitle, "    colour: red\n"))))
	}},
	{"YAML alias bomb", func(dir string, _ []byte) error {
		return writeFile(dir, probeFile, aliasBomb())
	}},
	{"non-UTF-8 bytes", func(dir string, _ []byte) error {
		return writeFile(dir, probeFile, []byte(probeDoc(probeEntry(brokenCode, brokenTitle+" \xff\xfe\xc3\x28", ""))))
	}},
}

// aliasBomb is a "billion laughs" file: nine levels of anchors, each
// aliasing the one before ten times, 10^9 strings if expanded, reached
// from a field the catalog decodes.
func aliasBomb() []byte {
	var b strings.Builder
	b.WriteString("system: kmsg\n")
	b.WriteString(`a0: &a0 ["` + brokenMarker + `","` + brokenMarker + `","` + brokenMarker + `","` + brokenMarker + `","` + brokenMarker + `","` + brokenMarker + `","` + brokenMarker + `","` + brokenMarker + `","` + brokenMarker + `","` + brokenMarker + "\"]\n")
	for i := 1; i <= 8; i++ {
		refs := strings.Repeat(fmt.Sprintf("*a%d,", i-1), 10)
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(refs, ","))
	}
	b.WriteString("entries:\n")
	b.WriteString(probeEntry(brokenCode, brokenTitle, "    aliases: *a8\n    notes: *a8\n"))
	return []byte(b.String())
}

// truncateMidEntry cuts a catalog file inside an entry, a little after the
// "- code:" line of one in the middle, as a copy cut short by a full disk
// would be: the last entry keeps its code and loses every required field.
func truncateMidEntry(data []byte) []byte {
	mid := len(data) / 2
	i := bytes.Index(data[mid:], []byte("\n  - code:"))
	if i < 0 {
		return data[:mid]
	}
	return data[:mid+i+len("\n  - code: ")+3]
}

// writeFile replaces name in dir. It writes a hidden temporary file and
// renames it over name, as editors and ConfigMap updates do, so the watcher
// never reads a half-written file: what it reads is exactly what we meant.
func writeFile(dir, name string, data []byte) error {
	tmp := filepath.Join(dir, ".soak-tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, name))
}

// copyCatalog copies the YAML files of src into dst.
func copyCatalog(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(src, "*.yaml"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no catalog files in %s", src)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// catalogVersion computes the version errdex gives a catalog directory (the
// first 16 hex digits of a SHA-256 over each file's name, length and bytes,
// in name order), so the soak knows which versions are good without asking
// the server. The soak checks it against /readyz at the start.
func catalogVersion(dir string) (string, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var names []string
	for _, de := range des {
		n := de.Name()
		if strings.HasPrefix(n, ".") || de.IsDir() {
			continue
		}
		if ext := filepath.Ext(n); ext == ".yaml" || ext == ".yml" {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
