package errdex

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

var (
	systemIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)
	variantRE  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,59}$`)
)

// validate checks everything loaded, across files, adding every problem.
func (l *loader) validate() {
	systems := map[string]*System{}
	for _, s := range l.systems {
		l.validateSystem(s)
		if prev, ok := systems[s.ID]; ok && s.ID != "" {
			l.problem(s.File, s.Line, "", "duplicate system id %q (first declared at %s:%d)", s.ID, prev.File, prev.Line)
			continue
		}
		systems[s.ID] = s
	}
	for _, fsys := range l.fileSystems {
		if _, ok := systems[fsys.system]; !ok {
			l.problem(fsys.file, fsys.line, "", "unknown system %q (declare it under systems: in systems.yaml)", fsys.system)
		}
	}

	ids := map[string]*Entry{}
	// keys maps a lower-cased code or alias, per system, to its first owner.
	keys := map[string]*Entry{}
	for _, e := range l.entries {
		id := e.ID()
		if prev, ok := ids[id]; ok {
			l.problem(e.File, e.Line, id, "duplicate id (first at %s:%d)", prev.File, prev.Line)
		} else {
			ids[id] = e
		}
		l.validateEntry(e)
	}
	// Codes first, so that an alias clashing with a code blames the alias.
	for _, e := range l.entries {
		if e.Code == "" {
			continue
		}
		k := e.System + "\x00" + strings.ToLower(e.Code)
		if prev, ok := keys[k]; !ok || prev.Code == e.Code && prev.Variant != e.Variant {
			keys[k] = e // variants share their code by design
		}
	}
	for _, e := range l.entries {
		seen := map[string]bool{}
		for _, a := range e.Aliases {
			la := strings.ToLower(strings.TrimSpace(a))
			if la == "" {
				l.problem(e.File, e.Line, e.ID(), "empty alias")
				continue
			}
			if seen[la] {
				l.problem(e.File, e.Line, e.ID(), "alias %q listed twice", a)
				continue
			}
			seen[la] = true
			if strings.EqualFold(a, e.Code) {
				l.problem(e.File, e.Line, e.ID(), "alias %q is the entry's own code", a)
				continue
			}
			k := e.System + "\x00" + la
			if prev, ok := keys[k]; ok && prev != e {
				l.problem(e.File, e.Line, e.ID(), "duplicate alias %q: already the code or an alias of %s (%s:%d)", a, prev.ID(), prev.File, prev.Line)
				continue
			}
			keys[k] = e
		}
	}
	for _, e := range l.entries {
		for _, r := range e.Related {
			switch {
			case r == e.ID():
				l.problem(e.File, e.Line, e.ID(), "related lists the entry itself")
			case ids[r] == nil:
				l.problem(e.File, e.Line, e.ID(), "related entry %q does not exist", r)
			}
		}
	}
}

func (l *loader) validateSystem(s *System) {
	p := func(format string, args ...any) {
		l.problem(s.File, s.Line, "", "system %q: "+format, append([]any{s.ID}, args...)...)
	}
	if !systemIDRE.MatchString(s.ID) {
		p("id must be lower-case letters, digits and dashes")
	}
	l.requireText(s.Name, "name", p)
	l.requireText(s.Description, "description", p)
	if s.Homepage != "" && !validURL(s.Homepage) {
		p("homepage %q is not an http(s) URL", s.Homepage)
	}
}

// requireText reports a missing language of a bilingual field.
func (l *loader) requireText(t Text, field string, p func(string, ...any)) {
	if strings.TrimSpace(t.En) == "" {
		p("%s: missing English (en)", field)
	}
	if strings.TrimSpace(t.Ko) == "" {
		p("%s: missing Korean (ko)", field)
	}
}

// validateEntry checks one entry on its own; an unknown system is reported
// once per file, where the file names it.
func (l *loader) validateEntry(e *Entry) {
	id := e.ID()
	p := func(format string, args ...any) { l.problem(e.File, e.Line, id, format, args...) }

	switch {
	case e.Code == "":
		p("code: required")
	case strings.ContainsAny(e.Code, "/?#%") || strings.IndexFunc(e.Code, unicode.IsSpace) >= 0:
		p("code %q: must not contain spaces or any of / ? # %%", e.Code)
	}
	if e.Variant != "" && !variantRE.MatchString(e.Variant) {
		p("variant %q: must be lower-case letters, digits and dashes", e.Variant)
	}
	if e.HTTPStatus != 0 && (e.HTTPStatus < 100 || e.HTTPStatus > 599) {
		p("http_status %d: out of range 100-599", e.HTTPStatus)
	}
	l.requireText(e.Title, "title", p)
	l.requireText(e.Summary, "summary", p)
	l.requireList(e.Causes, "causes", true, p)
	l.requireList(e.Fixes, "fixes", true, p)
	l.requireList(e.Notes, "notes", false, p)

	switch {
	case e.Retry.Strategy == "":
		p("retry.strategy: required, one of %s", retryStrategyNames())
	case !slices.Contains(RetryStrategies, e.Retry.Strategy):
		p("retry.strategy %q: must be one of %s", e.Retry.Strategy, retryStrategyNames())
	default:
		wantRetryable := e.Retry.Strategy == RetryBackoff || e.Retry.Strategy == RetryAfter
		if e.Retry.Retryable != wantRetryable {
			p("retry.retryable is %t but strategy %q means %t", e.Retry.Retryable, e.Retry.Strategy, wantRetryable)
		}
	}
	l.requireText(e.Retry.Note, "retry.note", p)

	for i, s := range e.Signatures {
		switch {
		case s.Text == "" && s.Regex == "":
			p("signatures[%d]: needs text or regex", i)
		case s.Text != "" && s.Regex != "":
			p("signatures[%d]: has both text and regex; give one", i)
		case s.Regex != "":
			if _, err := regexp.Compile("(?i)" + s.Regex); err != nil {
				p("signatures[%d]: regex does not compile: %v", i, err)
			}
		case len(strings.TrimSpace(s.Text)) < 4:
			p("signatures[%d]: text %q is too short to identify anything", i, s.Text)
		}
	}
	for i, ex := range e.Examples {
		if strings.TrimSpace(ex.Text) == "" {
			p("examples[%d]: text required", i)
		}
	}
	for i, r := range e.References {
		if strings.TrimSpace(r.Title) == "" {
			p("references[%d]: title required", i)
		}
		if r.URL == "" && r.Source == "" {
			p("references[%d]: needs url or source", i)
		}
		if r.URL != "" && !validURL(r.URL) {
			p("references[%d]: url %q is not an http(s) URL", i, r.URL)
		}
	}
	for i, pc := range e.ProviderCodes {
		if strings.TrimSpace(pc.Provider) == "" {
			p("provider_codes[%d]: provider required", i)
		}
		if len(pc.Codes) == 0 {
			p("provider_codes[%d]: codes required", i)
		}
		for _, c := range pc.Codes {
			if strings.TrimSpace(c) == "" || strings.IndexFunc(c, unicode.IsSpace) >= 0 {
				p("provider_codes[%d]: code %q must be one word", i, c)
			}
		}
		if !pc.Note.IsZero() {
			l.requireText(pc.Note, fmt.Sprintf("provider_codes[%d].note", i), p)
		}
	}
}

// requireList checks a list of bilingual items: present when required, and
// every item in both languages.
func (l *loader) requireList(items []Text, field string, required bool, p func(string, ...any)) {
	if required && len(items) == 0 {
		p("%s: at least one required", field)
	}
	for i, t := range items {
		l.requireText(t, fmt.Sprintf("%s[%d]", field, i), p)
	}
}

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
