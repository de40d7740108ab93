package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/i18n"
	"github.com/errdex/errdex/internal/textfmt"
)

func init() {
	register(&command{
		name:    "export",
		summary: "the whole catalog as one JSON bundle or as Markdown pages",
		run:     runExport,
	})
}

const exportUsage = `Usage: errdex export [flags]

Writes the whole catalog, for bots that keep a copy and for wikis.

  --format json       one JSON document: the catalog version, the systems
                      and every entry in both languages (a bot can check
                      "version" to know when to refresh its copy).
  --format markdown   one Markdown document per system, each entry under a
                      heading with its causes, fixes and retry advice, in
                      one language (--lang). With -o DIR, writes DIR/README.md
                      (an index) and DIR/SYSTEM.md; without -o, prints them
                      all, one after another.

Examples:
  errdex export --format json -o errdex.json
  errdex export --format markdown --lang ko -o wiki/errdex
  errdex export --format json | jq '.entries[] | select(.retry.retryable)'

Files are written whole or not at all, so a bot never reads half a bundle.

Flags:
`

// bundleFormat names the JSON bundle's layout; it changes only when a field
// is removed or changes meaning, so consumers can refuse what they do not know.
const (
	bundleKind    = "errdex-catalog"
	bundleVersion = 1
)

// bundle is the JSON export: everything a bot needs to answer offline.
type bundle struct {
	Kind          string `json:"kind"`
	FormatVersion int    `json:"format_version"`
	// Version is the catalog's content hash: it changes when any text does.
	Version string         `json:"version"`
	Langs   []errdex.Lang  `json:"langs"`
	Systems []bundleSystem `json:"systems"`
	Entries []bundleEntry  `json:"entries"`
	// Providers are the upstream providers whose own codes the catalog
	// records, each with its records.
	Providers []bundleProvider `json:"providers"`
}

func runExport(_ context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var (
		o      outputFlags
		format string
		out    string
	)
	o.register(fs, env, false)
	fs.StringVar(&format, "format", "", "`json` or markdown (required)")
	fs.StringVar(&out, "o", "", "write to `path`: a file for json, a directory for markdown (default: stdout)")
	words, code := parseArgs(env, fs, args, exportUsage)
	if code >= 0 {
		return code
	}
	if len(words) > 0 {
		env.errorf("export: unexpected argument %q (the file goes after -o)", words[0])
		return exitUsage
	}
	switch format {
	case "json":
		if o.lang != "" {
			env.errorf("export: --lang applies to markdown only; the JSON bundle holds both languages")
			return exitUsage
		}
	case "markdown", "md":
	case "":
		env.errorf("export: which format? --format json or --format markdown")
		return exitUsage
	default:
		env.errorf("export: --format %q is not json or markdown", format)
		return exitUsage
	}
	lang, ok := o.language()
	if !ok {
		env.errorf("--lang: %q is not en or ko", o.lang)
		return exitUsage
	}
	cat, code := openCatalog(env, o.catalog)
	if code >= 0 {
		return code
	}
	baseURL := strings.TrimRight(env.getenv(envBaseURL), "/")
	var err error
	if format == "json" {
		err = exportJSON(env, cat, baseURL, out)
	} else {
		err = exportMarkdown(env, cat, lang, baseURL, out)
	}
	if err != nil {
		env.errorf("export: %v", err)
		return exitFailed
	}
	return exitOK
}

func exportJSON(env *cmdEnv, cat *errdex.Catalog, baseURL, path string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(newBundle(cat, baseURL)); err != nil {
		return err
	}
	if isStdoutPath(path) {
		_, err := env.out.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(path, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(env.err, "wrote %s: %d entries, catalog version %s\n", path, cat.Len(), cat.Version)
	return nil
}

func exportMarkdown(env *cmdEnv, cat *errdex.Catalog, lang errdex.Lang, baseURL, dir string) error {
	docs := []struct{ name, text string }{{"README.md", markdownIndex(cat, lang)}}
	for _, s := range cat.Systems() {
		docs = append(docs, struct{ name, text string }{s.ID + ".md", markdownSystem(cat, s, lang, baseURL)})
	}
	if dir == "" || dir == "-" {
		for i, d := range docs {
			if i > 0 {
				io.WriteString(env.out, "\n---\n\n")
			}
			if _, err := io.WriteString(env.out, d.text); err != nil {
				return err
			}
		}
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, d := range docs {
		if err := writeFileAtomic(filepath.Join(dir, d.name), []byte(d.text)); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.err, "wrote %d files to %s: %d entries in %s\n", len(docs), dir, cat.Len(), lang)
	return nil
}

// isStdoutPath reports whether -o names standard output: none, "-", or
// /dev/stdout (a link to the process's fd 1, which writing a temporary
// file and renaming it would replace for everyone).
func isStdoutPath(p string) bool { return p == "" || p == "-" || p == "/dev/stdout" }

// writeFileAtomic writes a file through a temporary file in the same
// directory and a rename, so that a reader sees the old file or the new
// one, never half of one. A path that names something other than a
// regular file is not replaced: a device or a FIFO (/dev/null, a pipe) is
// written to, as a shell redirection would; a symlink is followed, so the
// file it points at is replaced and the link stays; anything else (a
// directory, a socket) is refused. As root, a rename onto /dev/null once
// replaced the device with a regular file.
func writeFileAtomic(path string, data []byte) error {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if st.Mode()&(os.ModeDevice|os.ModeCharDevice|os.ModeNamedPipe) == 0 {
			return fmt.Errorf("%s is not a regular file, a device or a pipe", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func markdownIndex(cat *errdex.Catalog, lang errdex.Lang) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s: `%s`\n\n", i18n.T(lang, i18n.ExportIndex), i18n.T(lang, i18n.ExportVersion), cat.Version)
	fmt.Fprintf(&b, "| %s | %s | %s |\n|---|---|---|\n", i18n.T(lang, i18n.System), i18n.T(lang, i18n.ExportEntries), i18n.T(lang, i18n.ExportAbout))
	for _, s := range cat.Systems() {
		fmt.Fprintf(&b, "| [%s](%s.md) (`%s`) | %d | %s |\n", cell(s.Name.In(lang)), s.ID, s.ID, cat.Count(s.ID), cell(s.Description.In(lang)))
	}
	return b.String()
}

// markdownSystem is one system's document: a table of its entries, then
// each entry under its own heading.
func markdownSystem(cat *errdex.Catalog, s *errdex.System, lang errdex.Lang, baseURL string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s (`%s`)\n\n%s\n\n", s.Name.In(lang), s.ID, s.Description.In(lang))
	if s.Homepage != "" {
		fmt.Fprintf(&b, "<%s>\n\n", s.Homepage)
	}
	fmt.Fprintf(&b, "| %s | %s | HTTP | %s |\n|---|---|---|---|\n", i18n.T(lang, i18n.Code), i18n.T(lang, i18n.Title), i18n.T(lang, i18n.Retry))
	for _, e := range cat.Entries() {
		if e.System != s.ID {
			continue
		}
		retry := textfmt.RetryWord(e.Retry.Strategy, lang)
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s |\n", cell(codeLabel(e)), anchor(e), cell(e.Title.In(lang)), e.HTTPStatusText(), retry)
	}
	for _, e := range cat.Entries() {
		if e.System == s.ID {
			b.WriteString("\n")
			markdownEntry(&b, cat, e, lang, baseURL)
		}
	}
	return b.String()
}

func markdownEntry(b *strings.Builder, cat *errdex.Catalog, e *errdex.Entry, lang errdex.Lang, baseURL string) {
	fmt.Fprintf(b, "## %s\n\n**%s**\n\n%s\n\n", codeLabel(e), e.Title.In(lang), e.Summary.In(lang))
	var facts []string
	if e.HTTPStatus != 0 {
		facts = append(facts, fmt.Sprintf("**%s:** %d", i18n.T(lang, i18n.HTTPStatus), e.HTTPStatus))
	}
	if e.Type != "" {
		facts = append(facts, fmt.Sprintf("**%s:** `%s`", i18n.T(lang, i18n.Type), e.Type))
	}
	facts = append(facts, strings.TrimSpace(fmt.Sprintf("**%s.** %s", textfmt.RetryWord(e.Retry.Strategy, lang), e.Retry.Note.In(lang))))
	if len(e.Aliases) > 0 {
		facts = append(facts, fmt.Sprintf("**%s:** `%s`", i18n.T(lang, i18n.AlsoKnownAs), strings.Join(e.Aliases, "`, `")))
	}
	for _, pc := range e.ProviderCodes {
		p := pc.Provider
		if pc.Channel != "" {
			p += " " + pc.Channel
		}
		fact := fmt.Sprintf("**%s (%s):** `%s`", i18n.T(lang, i18n.ProviderCodes), p, strings.Join(pc.Codes, "`, `"))
		if note := pc.Note.In(lang); note != "" {
			fact += ". " + note
		}
		facts = append(facts, fact)
	}
	facts = append(facts, fmt.Sprintf("**%s:** %s", i18n.T(lang, i18n.Page), textfmt.PageURL(baseURL, e)))
	for _, f := range facts {
		b.WriteString("- " + f + "\n")
	}
	mdList(b, i18n.T(lang, i18n.Causes), e.Causes, lang, false)
	mdList(b, i18n.T(lang, i18n.Fixes), e.Fixes, lang, true)
	mdList(b, i18n.T(lang, i18n.Notes), e.Notes, lang, false)
	if len(e.Examples) > 0 {
		fmt.Fprintf(b, "\n### %s\n", i18n.T(lang, i18n.Examples))
		for _, x := range e.Examples {
			if x.Label != "" {
				fmt.Fprintf(b, "\n%s:\n", x.Label)
			}
			fence := "```"
			for strings.Contains(x.Text, fence) {
				fence += "`"
			}
			fmt.Fprintf(b, "\n%s\n%s\n%s\n", fence, strings.TrimRight(x.Text, "\n"), fence)
		}
	}
	if rel := cat.Related(e); len(rel) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", i18n.T(lang, i18n.Related))
		for _, r := range rel {
			fmt.Fprintf(b, "- [`%s`](%s#%s): %s\n", r.ID(), r.System+".md", anchor(r), r.Title.In(lang))
		}
	}
	if len(e.References) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", i18n.T(lang, i18n.References))
		for _, r := range e.References {
			switch {
			case r.URL != "":
				fmt.Fprintf(b, "- [%s](%s)\n", r.Title, r.URL)
			default:
				fmt.Fprintf(b, "- %s\n", r.Title)
			}
		}
	}
}

// mdList writes catalog Markdown items as a list; an item's later lines are
// indented under its marker so that its own lists and paragraphs stay in it.
func mdList(b *strings.Builder, title string, items []errdex.Text, lang errdex.Lang, numbered bool) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### %s\n\n", title)
	for i, it := range items {
		marker := "- "
		if numbered {
			marker = strconv.Itoa(i+1) + ". "
		}
		pad := strings.Repeat(" ", len(marker))
		lines := strings.Split(strings.TrimSpace(it.In(lang)), "\n")
		for j, line := range lines {
			switch {
			case j == 0:
				b.WriteString(marker + line + "\n")
			case line == "":
				b.WriteString("\n")
			default:
				b.WriteString(pad + line + "\n")
			}
		}
	}
}

// codeLabel is the heading of an entry: its code, and its variant.
func codeLabel(e *errdex.Entry) string {
	if e.Variant == "" {
		return e.Code
	}
	return e.Code + " " + e.Variant
}

// anchor is the id GitHub and most Markdown renderers give the entry's
// heading: lower case, spaces to dashes, other punctuation but - and _ dropped.
func anchor(e *errdex.Entry) string {
	var b strings.Builder
	for _, r := range strings.ToLower(codeLabel(e)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 0x7f:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
}
