package main

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	_ "modernc.org/sqlite" // SQLite with FTS5, pure Go

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
	"github.com/errdex/errdex/internal/synth"
)

// engine is one way of searching a catalog.
type engine interface {
	// search returns the id of the first result, or "" when none.
	search(q synth.Query) (string, error)
	close()
}

// maxTerms caps the words any engine searches, as errdex does.
const maxTerms = search.MaxTerms

// ---------------------------------------------------------------- errdex

type errdexEngine struct{ ix *search.Index }

func newErrdex(cat *errdex.Catalog) (engine, error) {
	ix, err := search.New(context.Background(), cat, search.Options{})
	if err != nil {
		return nil, err
	}
	return &errdexEngine{ix}, nil
}

func (e *errdexEngine) search(q synth.Query) (string, error) {
	resp, err := e.ix.Search(context.Background(), search.Request{Query: q.Text, Lang: q.Lang, Prefix: q.Prefix, Limit: 10})
	if err != nil || len(resp.Results) == 0 {
		return "", err
	}
	return resp.Results[0].Entry.ID(), nil
}

func (e *errdexEngine) close() { e.ix.Close() }

// ---------------------------------------------------------------- SQLite FTS5

// fts5Engine is the embedded full-text engine a team would otherwise pick:
// one FTS5 table, code columns beside title, summary and body per language,
// the unicode61 tokenizer, prefix indexes for search as you type, and bm25
// ranking with column weights in errdex's order (code > title > summary >
// body). It returns highlighted snippets, as errdex does.
type fts5Engine struct {
	db   *sql.DB
	stmt *sql.Stmt
}

const ftsSchema = `CREATE VIRTUAL TABLE entries USING fts5(
	id UNINDEXED, code, keys, pcodes,
	title_en, summary_en, body_en, title_ko, summary_ko, body_ko,
	tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`

// ftsQuery ranks by bm25 with column weights: id, code, keys, pcodes,
// title_en, summary_en, body_en, title_ko, summary_ko, body_ko.
const ftsQuery = `SELECT id, snippet(entries, -1, '<mark>', '</mark>', '…', 12) FROM entries
	WHERE entries MATCH ? ORDER BY bm25(entries, 0, 10, 8, 5, 4, 2, 1, 4, 2, 1) LIMIT 10`

func newFTS5(cat *errdex.Catalog) (engine, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one in-memory database lives on one connection
	if _, err := db.Exec(ftsSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("fts5 schema: %w", err)
	}
	tx, err := db.Begin()
	if err != nil {
		db.Close()
		return nil, err
	}
	ins, err := tx.Prepare(`INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		tx.Rollback()
		db.Close()
		return nil, err
	}
	for _, e := range cat.Entries() {
		var pcodes []string
		for _, pc := range e.ProviderCodes {
			for _, c := range pc.Codes {
				pcodes = append(pcodes, pc.Provider+":"+c)
			}
		}
		if _, err := ins.Exec(e.ID(), e.Code, strings.Join(e.Aliases, " "), strings.Join(pcodes, " "),
			e.Title.En, e.Summary.En, body(e, errdex.English), e.Title.Ko, e.Summary.Ko, body(e, errdex.Korean)); err != nil {
			tx.Rollback()
			db.Close()
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		db.Close()
		return nil, err
	}
	// What a team does after a bulk load: merge the b-trees for faster reads.
	if _, err := db.Exec(`INSERT INTO entries(entries) VALUES ('optimize')`); err != nil {
		db.Close()
		return nil, err
	}
	stmt, err := db.Prepare(ftsQuery)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &fts5Engine{db: db, stmt: stmt}, nil
}

// body is an entry's causes, fixes, notes and retry note in one language.
func body(e *errdex.Entry, lang errdex.Lang) string {
	var b strings.Builder
	for _, list := range [][]errdex.Text{e.Causes, e.Fixes, e.Notes, {e.Retry.Note}} {
		for _, t := range list {
			b.WriteString(t.In(lang))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (f *fts5Engine) search(q synth.Query) (string, error) {
	match := ftsMatch(q)
	if match == "" {
		return "", nil
	}
	rows, err := f.stmt.Query(match)
	if err != nil {
		return "", fmt.Errorf("fts5 %q: %w", match, err)
	}
	defer rows.Close()
	first := ""
	for rows.Next() {
		var id, snip string
		if err := rows.Scan(&id, &snip); err != nil {
			return "", err
		}
		if first == "" {
			first = id
		}
	}
	return first, rows.Err()
}

func (f *fts5Engine) close() { f.stmt.Close(); f.db.Close() }

// lit escapes text into an FTS5 string literal, so that user text is never
// read as query syntax.
func lit(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// words splits text the way the unicode61 tokenizer does, lower-cased,
// without repeats, at most maxTerms.
func words(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
		if len(out) == maxTerms {
			break
		}
	}
	return out
}

func hasHangul(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) })
}

var (
	rePasteCode = regexp.MustCompile(`(?i)"(?:code|error_code|errorCode|providerErrorCode)"\s*:\s*"?([^",}\s]+)`)
	rePasteBrkt = regexp.MustCompile(`\[([^\]\s]+)\]`)
	rePasteMsg  = regexp.MustCompile(`(?i)"(?:message|msg)"\s*:\s*"([^"]*)"`)
)

// ftsMatch writes the FTS5 query a team would write for each kind of query:
// a code as a phrase in the code columns; words OR-ed (bm25 favours entries
// with more of them); Korean words as prefixes, since unicode61 keeps
// particles attached (잔액이 is one token); the last word of a query being
// typed as a prefix; and for a paste, the codes a regular expression finds
// plus the message's words.
func ftsMatch(q synth.Query) string {
	orTerms := func(ws []string, prefixLast bool) []string {
		var out []string
		for i, w := range ws {
			t := lit(w)
			if hasHangul(w) || (prefixLast && i == len(ws)-1) {
				t += "*"
			}
			out = append(out, t)
		}
		return out
	}
	switch q.Kind {
	case synth.KindExact:
		return "{code keys pcodes} : " + lit(strings.TrimSpace(q.Text))
	case synth.KindPayload:
		var clauses []string
		for _, re := range []*regexp.Regexp{rePasteCode, rePasteBrkt} {
			for _, m := range re.FindAllStringSubmatch(q.Text, 8) {
				clauses = append(clauses, "{code keys pcodes} : "+lit(m[1]))
			}
		}
		msg := q.Text
		if ms := rePasteMsg.FindAllStringSubmatch(q.Text, 4); len(ms) > 0 {
			msg = ""
			for _, m := range ms {
				msg += m[1] + " "
			}
		}
		clauses = append(clauses, orTerms(words(msg), false)...)
		if len(clauses) > maxTerms {
			clauses = clauses[:maxTerms]
		}
		return strings.Join(clauses, " OR ")
	}
	return strings.Join(orTerms(words(q.Text), q.Prefix), " OR ")
}

// ---------------------------------------------------------------- linear scan

// linearEngine is the floor: every entry's text lower-cased once, and each
// query scored by how many of its words each entry contains.
type linearEngine struct {
	ids  []string
	text []string
}

func newLinear(cat *errdex.Catalog) (engine, error) {
	l := &linearEngine{}
	for _, e := range cat.Entries() {
		var b strings.Builder
		b.WriteString(e.Code)
		for _, a := range e.Aliases {
			b.WriteString(" " + a)
		}
		for _, pc := range e.ProviderCodes {
			b.WriteString(" " + strings.Join(pc.Codes, " "))
		}
		for _, t := range []string{e.Title.En, e.Title.Ko, e.Summary.En, e.Summary.Ko, body(e, errdex.English), body(e, errdex.Korean)} {
			b.WriteString("\n" + t)
		}
		l.ids = append(l.ids, e.ID())
		l.text = append(l.text, strings.ToLower(b.String()))
	}
	return l, nil
}

func (l *linearEngine) search(q synth.Query) (string, error) {
	var terms []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(q.Text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-'
	}) {
		if w = strings.Trim(w, "-_"); w != "" && !seen[w] && len(terms) < maxTerms {
			seen[w] = true
			terms = append(terms, w)
		}
	}
	best, bestScore := "", 0
	for i, t := range l.text {
		score := 0
		for _, w := range terms {
			if strings.Contains(t, w) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = l.ids[i], score
		}
	}
	return best, nil
}

func (l *linearEngine) close() {}
