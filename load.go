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
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
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
	return loadDir(dir, nil)
}

// A DirLoader loads one catalog directory again and again while a
// catalog loaded from it is served: a server's reloads. It loads as
// LoadDir does, with three differences, each so that a reload costs what
// changed rather than the whole catalog, and leaves the requests being
// answered meanwhile a processor (on two cores, reloads that parsed every
// file on both processors after every change kept requests waiting about
// a scheduler slice, 10 ms: docs/reliability.md).
//
//   - When every catalog file is read and the files hold exactly the bytes
//     the served catalog was loaded from (the same names, sizes and
//     contents: its Version), Load returns the served catalog itself,
//     neither parsed nor validated again: it was validated from those very
//     bytes. A fix after a broken save restores them.
//   - A file whose bytes are those of a file of the last load, or of the
//     last load that succeeded, is not parsed again: its parse is kept.
//     The rest (decoding, validating) is done anew each time.
//   - The files are parsed one after the other, not side by side, and the
//     processor is yielded between two.
//
// It is safe for concurrent use.
type DirLoader struct {
	dir string

	mu sync.Mutex
	// last holds the parses of the last load's files, good those of the
	// last load that gave a catalog; by name and content.
	last, good map[parseKey]*parsedFile
	// onParse, when set, is told the name of each file parsed (tests).
	onParse func(name string)
}

// parseKey names one content of one file.
type parseKey struct {
	name string
	sum  [sha256.Size]byte
}

// NewDirLoader returns a DirLoader of dir.
func NewDirLoader(dir string) *DirLoader { return &DirLoader{dir: dir} }

// Load loads the directory. served is the catalog being served, or nil;
// when the files are the ones it was loaded from, Load returns it.
func (d *DirLoader) Load(served *Catalog) (*Catalog, error) {
	if served != nil && served.Source != d.dir {
		served = nil
	}
	return loadDir(d.dir, &loadOptions{served: served, parses: d})
}

// parse returns the parses of datas (files named names), from the kept
// ones where the bytes are the same, parsing the others one at a time.
func (d *DirLoader) parse(names []catalogFile, datas [][]byte) []parsedFile {
	keys := make([]parseKey, len(datas))
	out := make([]parsedFile, len(datas))
	todo := make([]bool, len(datas))
	d.mu.Lock()
	for i, data := range datas {
		if data == nil {
			continue
		}
		keys[i] = parseKey{name: names[i].name, sum: sha256.Sum256(data)}
		if pf := d.last[keys[i]]; pf != nil {
			out[i] = *pf
		} else if pf := d.good[keys[i]]; pf != nil {
			out[i] = *pf
		} else {
			todo[i] = true
		}
	}
	d.mu.Unlock()
	for i, data := range datas {
		if todo[i] {
			if d.onParse != nil {
				d.onParse(names[i].name)
			}
			parseFile(data, &out[i])
			runtime.Gosched()
		}
	}
	last := make(map[parseKey]*parsedFile, len(datas))
	for i, data := range datas {
		if data != nil {
			last[keys[i]] = &out[i]
		}
	}
	d.mu.Lock()
	d.last = last
	d.mu.Unlock()
	return out
}

// loaded keeps the parses of the last load as those of the last good one.
func (d *DirLoader) loaded() {
	d.mu.Lock()
	d.good = d.last
	d.mu.Unlock()
}

func loadDir(dir string, opts *loadOptions) (*Catalog, error) {
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
	c, err := load(root.FS(), opts)
	if c != nil && (opts == nil || c != opts.served) {
		c.Source = dir
	}
	return c, err
}

// loadOptions are how a DirLoader loads.
type loadOptions struct {
	// served, when not nil, is returned as it is when the files read are
	// the ones it was loaded from.
	served *Catalog
	// parses, when not nil, parses the files instead of parseAll, and is
	// told when the load succeeds.
	parses *DirLoader
}

// Size caps on catalog text. A catalog is written by people, but one
// runaway or hostile edit (a 5 MB summary took the process from 53 to
// 517 MiB and 9 s to become ready) must be refused with a problem, not
// indexed. Each cap is several times the largest such thing in the
// built-in catalog (catalog/README.md, "Size limits", has the figures).
const (
	// MaxFieldBytes bounds one text value (a summary's English, a regex,
	// a URL); the largest built in is 736 bytes.
	MaxFieldBytes = 8 << 10
	// MaxEntryBytes bounds the text of one entry or provider record, its
	// keys and values together; the largest built in is 14,254 bytes.
	MaxEntryBytes = 64 << 10
	// MaxFileSize bounds one catalog file; the largest built in is
	// 183,873 bytes. A larger file is refused from its size, unread.
	MaxFileSize = 1 << 20
	// MaxCatalogSize bounds all the files of a catalog together; the
	// built-in catalog is 580,220 bytes.
	MaxCatalogSize = 4 << 20
)

// Load reads every *.yaml and *.yml file at the top of fsys (names starting
// with a dot are skipped, as are directories), decodes them strictly and
// validates the whole. When there are problems it returns a
// *ValidationError listing all of them and a nil catalog.
func Load(fsys fs.FS) (*Catalog, error) {
	return load(fsys, nil)
}

func load(fsys fs.FS, opts *loadOptions) (*Catalog, error) {
	if opts == nil {
		opts = &loadOptions{}
	}
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
	// A file over its own cap is reported on its own (below); the rest
	// must fit the whole catalog's cap together.
	var total int64
	for _, f := range names {
		if f.size <= MaxFileSize {
			total += f.size
		}
	}
	if total > MaxCatalogSize {
		// Refused from the sizes alone: nothing is read.
		return nil, &ValidationError{Problems: []Problem{{File: ".", Message: fmt.Sprintf(
			"the catalog files are %d bytes together, over the limit of %d bytes for a whole catalog", total, MaxCatalogSize)}}}
	}
	datas := make([][]byte, len(names))
	left := int64(MaxCatalogSize)
	for i, f := range names {
		name := f.name
		data, err := readFile(fsys, name, left)
		var tooLarge *tooLargeError
		switch {
		case errors.As(err, &tooLarge):
			l.problem(name, 1, "", "%v", err)
			continue
		case err != nil:
			l.problem(name, 0, "", "cannot read: %v", err)
			continue
		}
		left -= int64(len(data))
		fmt.Fprintf(hash, "%s\x00%d\x00", name, len(data))
		hash.Write(data)
		datas[i] = data
	}
	version := hex.EncodeToString(hash.Sum(nil))[:16]
	if opts.served != nil && len(l.problems) == 0 && version == opts.served.Version {
		// The bytes served was validated from, every one of them read.
		return opts.served, nil
	}
	// Parsing the YAML is most of the time; the files parse side by side
	// (or one at a time, for a reload), and the rest goes in name order, so
	// problems come out the same.
	var parsed []parsedFile
	if opts.parses != nil {
		parsed = opts.parses.parse(names, datas)
	} else {
		parsed = parseAll(datas)
	}
	for i, f := range names {
		if datas[i] != nil {
			l.file(f.name, datas[i], &parsed[i])
		}
	}
	l.validate()
	sortProblems(l.warnings)
	if len(l.problems) > 0 {
		all := append(l.problems, l.warnings...)
		sortProblems(all)
		return nil, &ValidationError{Problems: all}
	}
	l.link()
	c := newCatalog(l.systems, l.entries, l.providers)
	c.Warnings = l.warnings
	c.Version = version
	c.LoadedAt = time.Now()
	if opts.parses != nil {
		opts.parses.loaded()
	}
	return c, nil
}

// catalogFile is a file of the catalog and its size when listed.
type catalogFile struct {
	name string
	size int64
}

func catalogFiles(fsys fs.FS) ([]catalogFile, error) {
	des, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	var names []catalogFile
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
		names = append(names, catalogFile{name: name, size: st.Size()})
	}
	slices.SortFunc(names, func(a, b catalogFile) int { return strings.Compare(a.name, b.name) })
	return names, nil
}

// tooLargeError says a file passes MaxFileSize, or what is left of
// MaxCatalogSize.
type tooLargeError struct {
	size  int64 // the file's size, or -1 when it grew while being read
	limit int64
	whole bool // the limit is what is left of the whole catalog's
}

func (e *tooLargeError) Error() string {
	size := fmt.Sprintf("%d bytes", e.size)
	if e.size < 0 {
		size = fmt.Sprintf("more than %d bytes", e.limit)
	}
	if e.whole {
		return fmt.Sprintf("file is %s, which takes the catalog over its limit of %d bytes for all files together", size, MaxCatalogSize)
	}
	return fmt.Sprintf("file is %s, over the limit of %d bytes for one catalog file; split it", size, MaxFileSize)
}

// readFile reads one catalog file of at most MaxFileSize bytes and at
// most left bytes. The size is checked before reading, so an oversized
// file is refused without being read into memory, and the read itself is
// bounded too, in case the file grows in between.
func readFile(fsys fs.FS, name string, left int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	limit, whole := int64(MaxFileSize), false
	if left < limit {
		limit, whole = max(left, 0), true
	}
	if st.Size() > limit {
		return nil, &tooLargeError{size: st.Size(), limit: limit, whole: whole}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &tooLargeError{size: -1, limit: limit, whole: whole}
	}
	return data, nil
}

// fileDoc is the shape of one catalog file: a list of systems, a
// system's entries, or a provider's records.
type fileDoc struct {
	// Systems declares systems (usually in systems.yaml).
	Systems []*System `yaml:"systems"`
	// System names the system every entry of this file belongs to, or in a
	// provider file the system its codes map onto.
	System  string   `yaml:"system"`
	Entries []*Entry `yaml:"entries"`

	// Provider, with the fields below, makes a provider file
	// (provider-<id>.yaml).
	Provider       string            `yaml:"provider"`
	Name           string            `yaml:"name"`
	CheckedAgainst string            `yaml:"checked_against"`
	References     []Reference       `yaml:"references"`
	Codes          []*ProviderRecord `yaml:"codes"`
}

// loader accumulates what the files hold and every problem found.
type loader struct {
	systems   []*System
	entries   []*Entry
	providers []*Provider
	problems  []Problem
	// warnings are problems that do not stop the catalog from loading
	// (fields on their way out of the schema).
	warnings []Problem
	// lines maps each item read from YAML (*System, *Entry, *Provider,
	// *ProviderRecord) to the lines of its fields, for problems.
	lines map[any]map[string]int
	// pending holds the problems found while scanning the nodes of the
	// file being read (internal names, text over its size caps).
	pending []pendingProblem
	// fileSystems remembers where each file names its system.
	fileSystems []fileSystem
}

// entrySpan is the range of lines an entry takes in its file.
type entrySpan struct {
	start, end int
	node       *yaml.Node
}

func (l *loader) problem(file string, line int, entry, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Entry: entry, Message: fmt.Sprintf(format, args...)})
}

func (l *loader) warning(file string, line int, entry, format string, args ...any) {
	l.warnings = append(l.warnings, Problem{File: file, Line: line, Entry: entry, Message: fmt.Sprintf(format, args...), Warning: true})
}

var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// parsedFile is a file's YAML parsed into nodes.
type parsedFile struct {
	root yaml.Node
	err  error
	// extraLine is the line of a second YAML document, or 0.
	extraLine int
}

func parseFile(data []byte, pf *parsedFile) {
	if len(bytes.TrimSpace(data)) == 0 || !utf8.Valid(data) {
		return // reported by file
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if pf.err = dec.Decode(&pf.root); pf.err != nil {
		return
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		pf.extraLine = max(extra.Line, 1)
	}
}

// parseAll parses files concurrently, as many at once as there are
// processors.
func parseAll(datas [][]byte) []parsedFile {
	out := make([]parsedFile, len(datas))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, data := range datas {
		if data == nil {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			parseFile(data, &out[i])
		}()
	}
	wg.Wait()
	return out
}

func (l *loader) file(name string, data []byte, pf *parsedFile) {
	if !l.fileReadable(name, data, pf) {
		return
	}
	// The file is parsed once, into nodes; the struct is decoded from
	// them, and unknown fields are found by walking them against the
	// struct types (knownFields), which is what yaml's own KnownFields
	// would do on a second parse.
	top := pf.root.Content[0]
	spans := entrySpans(top, data)
	l.pending = l.pending[:0]
	l.scanInternalNames(name, top, "", "", "", "")

	var doc fileDoc
	if !l.decodeFile(name, pf, spans, &doc) {
		return
	}
	l.takeSystems(name, doc.Systems, spans)
	l.reportInternalNames(doc.System, doc.Provider, doc.Entries, doc.Codes)
	if doc.Provider != "" || len(doc.Codes) > 0 {
		l.providerFile(name, &doc, spans)
		return
	}
	l.checkFileShape(name, &doc, spans)
	l.takeEntries(name, doc.System, doc.Entries, spans)
	l.systemLines(name, doc.System, spans.systemLine)
}

// fileReadable reports a file that is empty, not UTF-8, not YAML or not
// a mapping at its top, and says whether the file can be decoded.
func (l *loader) fileReadable(name string, data []byte, pf *parsedFile) bool {
	if len(bytes.TrimSpace(data)) == 0 {
		l.problem(name, 1, "", "empty file")
		return false
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
		l.problem(name, line, "", "not valid UTF-8 text")
		return false
	}
	if pf.err != nil {
		line, msg := splitYAMLError(pf.err.Error())
		l.problem(name, line, "", "YAML syntax: %s", msg)
		return false
	}
	root := &pf.root
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		l.problem(name, 1, "", "empty file: expected a mapping with systems or system and entries")
		return false
	}
	return true
}

// decodeFile decodes the parsed nodes into doc, reporting unknown
// fields, values of the wrong type (at their entry) and a second YAML
// document. It is false when the nodes could not be decoded at all.
func (l *loader) decodeFile(name string, pf *parsedFile, spans fileSpans, doc *fileDoc) bool {
	err := pf.root.Decode(doc)
	for _, u := range unknownFields(pf.root.Content[0], reflect.TypeFor[fileDoc](), nil) {
		l.problem(name, u.line, spanEntryID(spans, u.line, doc.System, doc.Entries), "unknown field %q", u.key)
	}
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
		return false
	}
	if pf.extraLine > 0 {
		l.problem(name, pf.extraLine, "", "more than one YAML document in the file")
	}
	return true
}

// takeSystems keeps a file's systems, each with its file and lines.
func (l *loader) takeSystems(name string, systems []*System, spans fileSpans) {
	for _, s := range systems {
		if s == nil {
			continue
		}
		s.File = name
		l.systems = append(l.systems, s)
	}
	for i, s := range systems {
		if s != nil && i < len(spans.systems) {
			s.Line = spans.systems[i].Line
			l.setLines(s, fieldLines(spans.systems[i]))
		}
	}
}

// checkFileShape reports an entries file whose top-level keys do not fit
// together: provider keys without a provider, entries without a system,
// a system without entries, or nothing at all.
func (l *loader) checkFileShape(name string, doc *fileDoc, spans fileSpans) {
	if doc.Name != "" || doc.CheckedAgainst != "" || len(doc.References) > 0 {
		l.problem(name, 1, "", "name, checked_against and references belong in a provider file, which needs a provider key")
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
}

// takeEntries keeps a file's entries, each with its system, file and
// lines; an empty one is a problem at its line.
func (l *loader) takeEntries(name, system string, entries []*Entry, spans fileSpans) {
	for i, e := range entries {
		if e == nil {
			line := 0
			if i < len(spans.entries) {
				line = spans.entries[i].start
			}
			l.problem(name, line, "", "empty entry")
			continue
		}
		e.System = system
		e.File = name
		if i < len(spans.entries) {
			e.Line = spans.entries[i].start
			l.setLines(e, fieldLines(spans.entries[i].node))
		}
		l.entries = append(l.entries, e)
	}
}

func (l *loader) setLines(item any, lines map[string]int) {
	if l.lines == nil {
		l.lines = map[any]map[string]int{}
	}
	l.lines[item] = lines
}

// providerFile takes in a provider file: one provider and its records.
func (l *loader) providerFile(name string, doc *fileDoc, spans fileSpans) {
	p := &Provider{
		ID: doc.Provider, Name: doc.Name, System: doc.System, CheckedAgainst: doc.CheckedAgainst,
		References: doc.References, File: name, Line: 1,
	}
	l.setLines(p, spans.rootLines)
	if line, ok := spans.rootLines["provider"]; ok {
		p.Line = line
	}
	if len(doc.Systems) > 0 || len(doc.Entries) > 0 {
		l.problem(name, p.Line, "", "a provider file holds provider, name, system, checked_against, references and codes, not systems or entries")
	}
	for i, r := range doc.Codes {
		line := p.Line
		if i < len(spans.codes) {
			line = spans.codes[i].Line
		}
		if r == nil {
			l.problem(name, line, "", "codes[%d]: empty record", i)
			continue
		}
		r.Provider, r.System, r.File, r.Line = p.ID, p.System, name, line
		if i < len(spans.codes) {
			l.setLines(r, fieldLines(spans.codes[i]))
		}
		p.Codes = append(p.Codes, r)
	}
	l.providers = append(l.providers, p)
}

// scanInternalNames reports every value naming an internal source
// document, wherever it is in the file: such a name must never reach a
// user. The legacy references[].source values are warned about apart.
// It also reports every value longer than MaxFieldBytes and every entry
// or record holding more than MaxEntryBytes of text.
func (l *loader) scanInternalNames(file string, n *yaml.Node, path, key, parent string, owner string) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			p := k
			if path != "" {
				p = path + "." + k
			}
			l.scanInternalNames(file, n.Content[i+1], p, k, key, owner)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p, o := path+"["+strconv.Itoa(i)+"]", owner
			if path == "entries" || path == "codes" {
				p, o = "", owner+path+"["+strconv.Itoa(i)+"]"
				what := "entry"
				if path == "codes" {
					what = "record"
				}
				if size := textBytes(c, MaxEntryBytes+1); size > MaxEntryBytes {
					l.pending = append(l.pending, pendingProblem{file: file, line: c.Line, owner: o, msg: fmt.Sprintf(
						"%s holds more than %d bytes of text, the limit for one %s; shorten it or split it", what, MaxEntryBytes, what)})
				}
			}
			l.scanInternalNames(file, c, p, key, parent, o)
		}
	case yaml.ScalarNode:
		if len(n.Value) > MaxFieldBytes {
			l.pending = append(l.pending, pendingProblem{file: file, line: n.Line, owner: owner, msg: fmt.Sprintf(
				"%s: %d bytes, over the limit of %d bytes for one text field", path, len(n.Value), MaxFieldBytes)})
		}
		if key == "source" && parent == "references" {
			return
		}
		if name := InternalName(n.Value); name != "" {
			l.pending = append(l.pending, pendingProblem{file: file, line: n.Line, owner: owner, msg: fmt.Sprintf(
				"%s: names the internal file %q; link a public page or say what it is instead", path, name)})
		}
	}
}

// textBytes counts the bytes of the keys and values under n, following
// YAML aliases, each node at least one byte; it stops counting once past
// limit, so that an alias bomb costs no more than limit steps.
func textBytes(n *yaml.Node, limit int) int {
	if n == nil {
		return 0
	}
	if limit <= 0 {
		return 1
	}
	size := max(len(n.Value), 1)
	if n.Kind == yaml.AliasNode {
		size += textBytes(n.Alias, limit-size)
	}
	for _, c := range n.Content {
		if size > limit {
			break
		}
		size += textBytes(c, limit-size)
	}
	return size
}

// pendingProblem is a problem found while scanning a file's nodes,
// reported once the file's entries are known, so that it names its entry
// or record.
type pendingProblem struct {
	file, owner, msg string
	line             int
}

// reportInternalNames turns the problems found while scanning a file
// into problems, each naming its entry or record.
func (l *loader) reportInternalNames(system, provider string, entries []*Entry, records []*ProviderRecord) {
	for _, in := range l.pending {
		item := ""
		var i int
		if _, err := fmt.Sscanf(in.owner, "entries[%d]", &i); err == nil && i < len(entries) && entries[i] != nil {
			item = EntryID(system, entries[i].Code, entries[i].Variant)
		} else if _, err := fmt.Sscanf(in.owner, "codes[%d]", &i); err == nil && i < len(records) && records[i] != nil {
			item = "provider " + RecordID(provider, records[i].Channel, records[i].Code)
		}
		l.problem(in.file, in.line, item, "%s", in.msg)
	}
	l.pending = l.pending[:0]
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
	systems    []*yaml.Node
	entries    []entrySpan
	codes      []*yaml.Node
	// rootLines are the lines of the top-level keys (and, for a provider
	// file, of its references), by field path.
	rootLines map[string]int
}

// entrySpans finds the line ranges of the entries (and systems) of a
// file's root mapping, to attribute decoding errors to entries.
func entrySpans(root *yaml.Node, data []byte) fileSpans {
	sp := fileSpans{rootLines: map[string]int{}}
	lastLine := 1 + bytes.Count(data, []byte("\n"))
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		sp.rootLines[key.Value] = key.Line
		switch key.Value {
		case "system":
			sp.systemLine = key.Line
		case "systems":
			sp.systems = append(sp.systems, val.Content...)
		case "codes":
			sp.codes = append(sp.codes, val.Content...)
		case "references":
			walkLines(val, "references", sp.rootLines)
		case "entries":
			for j, item := range val.Content {
				end := lastLine
				if j+1 < len(val.Content) {
					end = val.Content[j+1].Line - 1
				}
				sp.entries = append(sp.entries, entrySpan{start: item.Line, end: end, node: item})
			}
		}
	}
	return sp
}

// fieldLines maps the field paths inside one item ("retry.strategy",
// "signatures[0].message") to the lines they are on, so that a problem
// points at the field, not only at its entry.
func fieldLines(n *yaml.Node) map[string]int {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	m := make(map[string]int, len(n.Content))
	walkLines(n, "", m)
	return m
}

func walkLines(n *yaml.Node, prefix string, m map[string]int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if prefix != "" {
				k = prefix + "." + k
			}
			m[k] = n.Content[i].Line
			walkLines(n.Content[i+1], k, m)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			k := prefix + "[" + strconv.Itoa(i) + "]"
			m[k] = item.Line
			walkLines(item, k, m)
		}
	}
}

// lineOf returns the line of field (a path such as "references[1].url")
// in lines, or of the nearest enclosing field there, or def.
func lineOf(lines map[string]int, field string, def int) int {
	for field != "" {
		if n, ok := lines[field]; ok {
			return n
		}
		i := strings.LastIndexAny(field, ".[")
		if i < 0 {
			break
		}
		field = field[:i]
	}
	return def
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
	l.link()
	c := newCatalog(slices.Clone(systems), slices.Clone(entries), nil)
	c.Version = version
	c.LoadedAt = time.Now()
	c.Source = "in-memory"
	return c, nil
}
