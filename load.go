package errdex

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

//go:embed catalog
var builtinFS embed.FS

// BuiltinFS returns the catalog directory built into the binary.
func BuiltinFS() fs.FS {
	sub, err := fs.Sub(builtinFS, "catalog")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// Builtin loads the catalog built into the binary.
func Builtin() (*Catalog, error) {
	c, err := Load(BuiltinFS())
	if c != nil {
		c.Source = "built-in"
	}
	return c, err
}

// LoadDir loads and validates the catalog in a directory on disk.
func LoadDir(dir string) (*Catalog, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("catalog directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("catalog directory: %s is not a directory", dir)
	}
	// Files are opened through an os.Root: a symlink may point within the
	// directory (a Kubernetes ConfigMap's x.yaml -> ..data/x.yaml), but one
	// that leaves it (x.yaml -> /etc/shadow) fails to open, so no file
	// outside the catalog is read or quoted in a problem.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("catalog directory: %w", err)
	}
	defer root.Close()
	c, err := Load(root.FS())
	if c != nil {
		c.Source = dir
	}
	return c, err
}

// MaxFileSize bounds one catalog file, so that a runaway file cannot take
// the process's memory.
const MaxFileSize = 8 << 20

// Load reads every *.yaml and *.yml file at the top of fsys (names starting
// with a dot are skipped, as are directories), decodes them strictly and
// validates the whole. When there are problems it returns a
// *ValidationError listing all of them and a nil catalog.
func Load(fsys fs.FS) (*Catalog, error) {
	names, err := catalogFiles(fsys)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, &ValidationError{Problems: []Problem{{File: ".", Message: "no catalog files (*.yaml) found"}}}
	}
	var (
		l    loader
		hash = sha256.New()
	)
	for _, name := range names {
		data, err := readFile(fsys, name)
		if err != nil {
			l.problem(name, 0, "", "cannot read: %v", err)
			continue
		}
		fmt.Fprintf(hash, "%s\x00%d\x00", name, len(data))
		hash.Write(data)
		l.file(name, data)
	}
	l.validate()
	if len(l.problems) > 0 {
		sortProblems(l.problems)
		return nil, &ValidationError{Problems: l.problems}
	}
	c := newCatalog(l.systems, l.entries)
	c.Version = hex.EncodeToString(hash.Sum(nil))[:16]
	c.LoadedAt = time.Now()
	return c, nil
}

func catalogFiles(fsys fs.FS) ([]string, error) {
	des, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	var names []string
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if ext := path.Ext(name); ext != ".yaml" && ext != ".yml" {
			continue
		}
		// A symlink (as in a mounted Kubernetes ConfigMap) reports its own
		// type here; Stat follows it. Only regular files are read: opening
		// a FIFO blocks until something writes to it, and a device may
		// never end.
		st, err := fs.Stat(fsys, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue // a dangling symlink
			}
			return nil, fmt.Errorf("catalog: %s: %w", name, err)
		}
		if !st.Mode().IsRegular() {
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names, nil
}

func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("larger than %d bytes", MaxFileSize)
	}
	return data, nil
}

// fileDoc is the shape of one catalog file.
type fileDoc struct {
	// Systems declares systems (usually in systems.yaml).
	Systems []*System `yaml:"systems"`
	// System names the system every entry of this file belongs to.
	System  string   `yaml:"system"`
	Entries []*Entry `yaml:"entries"`
}

// loader accumulates what the files hold and every problem found.
type loader struct {
	systems  []*System
	entries  []*Entry
	problems []Problem
	// fileSystems remembers where each file names its system.
	fileSystems []fileSystem
}

// entrySpan is the range of lines an entry takes in its file.
type entrySpan struct {
	start, end int
}

func (l *loader) problem(file string, line int, entry, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Entry: entry, Message: fmt.Sprintf(format, args...)})
}

var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

func (l *loader) file(name string, data []byte) {
	if len(bytes.TrimSpace(data)) == 0 {
		l.problem(name, 1, "", "empty file")
		return
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
		l.problem(name, line, "", "not valid UTF-8 text")
		return
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := splitYAMLError(err.Error())
		l.problem(name, line, "", "YAML syntax: %s", msg)
		return
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		l.problem(name, 1, "", "empty file: expected a mapping with systems or system and entries")
		return
	}
	spans := entrySpans(root.Content[0], data)

	var doc fileDoc
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(&doc)
	var typeErr *yaml.TypeError
	switch {
	case errors.As(err, &typeErr):
		for _, s := range typeErr.Errors {
			line, msg := splitYAMLError(s)
			l.problem(name, line, spanEntryID(spans, line, doc.System, doc.Entries), "%s", cleanYAMLMessage(msg))
		}
	case err != nil:
		line, msg := splitYAMLError(err.Error())
		l.problem(name, line, "", "YAML: %s", msg)
		return
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		l.problem(name, extra.Line, "", "more than one YAML document in the file")
	}

	for _, s := range doc.Systems {
		if s == nil {
			continue
		}
		s.File = name
		l.systems = append(l.systems, s)
	}
	for i, s := range doc.Systems {
		if s != nil && i < len(spans.systems) {
			s.Line = spans.systems[i]
		}
	}
	if len(doc.Entries) > 0 && doc.System == "" {
		l.problem(name, 1, "", "file has entries but no top-level system key")
	}
	if doc.System != "" && len(doc.Entries) == 0 && len(doc.Systems) == 0 {
		l.problem(name, spans.systemLine, "", "file names system %q but has no entries (truncated?)", doc.System)
	}
	if doc.System == "" && len(doc.Entries) == 0 && len(doc.Systems) == 0 {
		l.problem(name, 1, "", "file has neither systems nor entries")
	}
	for i, e := range doc.Entries {
		if e == nil {
			line := 0
			if i < len(spans.entries) {
				line = spans.entries[i].start
			}
			l.problem(name, line, "", "empty entry")
			continue
		}
		e.System = doc.System
		e.File = name
		if i < len(spans.entries) {
			e.Line = spans.entries[i].start
		}
		l.entries = append(l.entries, e)
	}
	l.systemLines(name, doc.System, spans.systemLine)
}

// systemLines remembers where a file names its system, for problems that
// concern the system key rather than an entry.
func (l *loader) systemLines(file, system string, line int) {
	if system == "" {
		return
	}
	l.fileSystems = append(l.fileSystems, fileSystem{file: file, system: system, line: line})
}

type fileSystem struct {
	file, system string
	line         int
}

// fileSpans records the lines of the parts of a file.
type fileSpans struct {
	systemLine int
	systems    []int
	entries    []entrySpan
}

// entrySpans finds the line ranges of the entries (and systems) of a
// file's root mapping, to attribute decoding errors to entries.
func entrySpans(root *yaml.Node, data []byte) fileSpans {
	var sp fileSpans
	lastLine := 1 + bytes.Count(data, []byte("\n"))
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "system":
			sp.systemLine = key.Line
		case "systems":
			for _, item := range val.Content {
				sp.systems = append(sp.systems, item.Line)
			}
		case "entries":
			for j, item := range val.Content {
				end := lastLine
				if j+1 < len(val.Content) {
					end = val.Content[j+1].Line - 1
				}
				sp.entries = append(sp.entries, entrySpan{start: item.Line, end: end})
			}
		}
	}
	return sp
}

// spanEntryID names the entry whose lines contain line, if any.
func spanEntryID(sp fileSpans, line int, system string, entries []*Entry) string {
	for i, span := range sp.entries {
		if line >= span.start && line <= span.end && i < len(entries) && entries[i] != nil {
			return EntryID(system, entries[i].Code, entries[i].Variant)
		}
	}
	return ""
}

func splitYAMLError(s string) (int, string) {
	s = strings.TrimPrefix(s, "yaml: ")
	if m := yamlLineRE.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, m[2]
	}
	return 1, s
}

var notFoundRE = regexp.MustCompile(`^field (\S+) not found in type \S+$`)

func cleanYAMLMessage(msg string) string {
	if m := notFoundRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown field %q", m[1])
	}
	return msg
}

func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.File != b.File {
			return strings.Compare(a.File, b.File)
		}
		return a.Line - b.Line
	})
}

// New builds a catalog from systems and entries made in code (synthetic
// catalogs for benchmarks, tools), validating them as Load does. Entries
// must have System set; File and Line may be empty.
func New(systems []*System, entries []*Entry, version string) (*Catalog, error) {
	var l loader
	l.systems = systems
	l.entries = entries
	l.validate()
	if len(l.problems) > 0 {
		sortProblems(l.problems)
		return nil, &ValidationError{Problems: l.problems}
	}
	c := newCatalog(slices.Clone(systems), slices.Clone(entries))
	c.Version = version
	c.LoadedAt = time.Now()
	c.Source = "in-memory"
	return c, nil
}
