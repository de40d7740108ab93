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
	systems := l.validateSystems()
	ids := l.validateEntries()
	// keys maps a lower-cased code or alias, per system, to its first owner.
	keys := l.codeKeys()
	for _, e := range l.entries {
		l.checkAliases(e, keys)
	}
	for _, e := range l.entries {
		l.checkRelated(e, ids)
	}
	l.validateProviders(systems, ids)
}

// validateSystems checks each system and that every system a file names
// is declared; it returns the systems by id.
func (l *loader) validateSystems() map[string]*System {
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
	return systems
}

// validateEntries checks each entry on its own and that no id is taken
// twice; it returns the entries by id.
func (l *loader) validateEntries() map[string]*Entry {
	ids := map[string]*Entry{}
	for _, e := range l.entries {
		id := e.ID()
		if prev, ok := ids[id]; ok {
			l.problem(e.File, e.Line, id, "duplicate id (first at %s:%d)", prev.File, prev.Line)
		} else {
			ids[id] = e
		}
		l.validateEntry(e)
	}
	return ids
}

// codeKeys maps each system's lower-cased codes to their first entry.
// Codes go in before aliases, so that an alias clashing with a code
// blames the alias.
func (l *loader) codeKeys() map[string]*Entry {
	keys := map[string]*Entry{}
	for _, e := range l.entries {
		if e.Code == "" {
			continue
		}
		k := e.System + "\x00" + strings.ToLower(e.Code)
		if prev, ok := keys[k]; !ok || prev.Code == e.Code && prev.Variant != e.Variant {
			keys[k] = e // variants share their code by design
		}
	}
	return keys
}

// checkAliases checks an entry's aliases (not empty, not twice, not its
// own code, not another entry's code or alias) and adds them to keys.
func (l *loader) checkAliases(e *Entry, keys map[string]*Entry) {
	seen := map[string]bool{}
	for i, a := range e.Aliases {
		line := lineOf(l.lines[e], fmt.Sprintf("aliases[%d]", i), e.Line)
		la := strings.ToLower(strings.TrimSpace(a))
		if la == "" {
			l.problem(e.File, line, e.ID(), "empty alias")
			continue
		}
		if seen[la] {
			l.problem(e.File, line, e.ID(), "alias %q listed twice", a)
			continue
		}
		seen[la] = true
		if strings.EqualFold(a, e.Code) {
			l.problem(e.File, line, e.ID(), "alias %q is the entry's own code", a)
			continue
		}
		k := e.System + "\x00" + la
		if prev, ok := keys[k]; ok && prev != e {
			l.problem(e.File, line, e.ID(), "duplicate alias %q: already the code or an alias of %s (%s:%d)", a, prev.ID(), prev.File, prev.Line)
			continue
		}
		keys[k] = e
	}
}

// checkRelated checks that an entry's related entries exist and are not
// the entry itself.
func (l *loader) checkRelated(e *Entry, ids map[string]*Entry) {
	for i, r := range e.Related {
		line := lineOf(l.lines[e], fmt.Sprintf("related[%d]", i), e.Line)
		switch {
		case r == e.ID():
			l.problem(e.File, line, e.ID(), "related lists the entry itself")
		case ids[r] == nil:
			l.problem(e.File, line, e.ID(), "related entry %q does not exist", r)
		}
	}
}

func (l *loader) validateSystem(s *System) {
	at := func(field, format string, args ...any) {
		l.problem(s.File, lineOf(l.lines[s], field, s.Line), "", "system %q: "+format, append([]any{s.ID}, args...)...)
	}
	if !systemIDRE.MatchString(s.ID) {
		at("id", "id must be lower-case letters, digits and dashes")
	}
	l.requireTextAt(s.Name, "name", at)
	l.requireTextAt(s.Description, "description", at)
	if s.Homepage != "" && !validURL(s.Homepage) {
		at("homepage", "homepage %q is not an http(s) URL", s.Homepage)
	}
	l.checkReferences(s.Links, "links", at)
}

// requireTextAt reports a missing language of a bilingual field, at the
// line of the missing language (or of the field).
func (l *loader) requireTextAt(t Text, field string, at func(field, format string, args ...any)) {
	if strings.TrimSpace(t.En) == "" {
		at(field+".en", "%s: missing English (en)", field)
	}
	if strings.TrimSpace(t.Ko) == "" {
		at(field+".ko", "%s: missing Korean (ko)", field)
	}
}

// validateEntry checks one entry on its own; an unknown system is reported
// once per file, where the file names it.
func (l *loader) validateEntry(e *Entry) {
	id := e.ID()
	at := func(field, format string, args ...any) {
		l.problem(e.File, lineOf(l.lines[e], field, e.Line), id, format, args...)
	}

	checkEntryKeys(e, at)
	l.requireTextAt(e.Title, "title", at)
	l.requireTextAt(e.Summary, "summary", at)
	l.requireListAt(e.Causes, "causes", true, at)
	l.requireListAt(e.Fixes, "fixes", true, at)
	l.requireListAt(e.Notes, "notes", false, at)
	if !e.CustomerReply.IsZero() {
		l.requireTextAt(e.CustomerReply, "customer_reply", at)
	}
	l.checkRetry(e.Retry, "retry", at)

	for i := range e.Signatures {
		l.checkSignature(&e.Signatures[i], fmt.Sprintf("signatures[%d]", i), at)
	}
	for i, ex := range e.Examples {
		if strings.TrimSpace(ex.Text) == "" {
			at(fmt.Sprintf("examples[%d].text", i), "examples[%d]: text required", i)
		}
	}
	l.checkReferences(e.References, "references", at)
	for i, c := range e.Contradictions {
		l.checkContradiction(c, fmt.Sprintf("contradictions[%d]", i), at)
	}
	for i, pc := range e.ProviderCodes {
		f := fmt.Sprintf("provider_codes[%d]", i)
		l.checkProviderCode(pc, f, at)
		if l.lines[e] != nil { // from YAML, not built in code
			l.warning(e.File, lineOf(l.lines[e], f, e.Line), id, "%s: provider codes on entries are leaving the schema; move them to records in provider-%s.yaml", f, pc.Provider)
		}
	}
}

// checkEntryKeys checks an entry's one-word fields: code, variant, level
// and HTTP status.
func checkEntryKeys(e *Entry, at func(field, format string, args ...any)) {
	if msg := codeProblem(e.Code); msg != "" {
		at("code", "%s", msg)
	}
	if e.Variant != "" && !variantRE.MatchString(e.Variant) {
		at("variant", "variant %q: must be lower-case letters, digits and dashes", e.Variant)
	}
	if e.Level != "" && !slices.Contains(Levels, e.Level) {
		at("level", "level %q: must be one of %s", e.Level, strings.Join(Levels, ", "))
	}
	if e.HTTPStatus != 0 && (e.HTTPStatus < 100 || e.HTTPStatus > 599) {
		at("http_status", "http_status %d: out of range 100-599", e.HTTPStatus)
	}
}

// checkContradiction checks one contradiction: what it is about, and at
// least two claims, each with its source, an https URL if any, and what
// it says in both languages.
func (l *loader) checkContradiction(c Contradiction, f string, at func(field, format string, args ...any)) {
	l.requireTextAt(c.About, f+".about", at)
	if len(c.Claims) < 2 {
		at(f+".claims", "%s.claims: at least two claims required (a contradiction is between sources)", f)
	}
	for j, cl := range c.Claims {
		cf := fmt.Sprintf("%s.claims[%d]", f, j)
		if strings.TrimSpace(cl.Source) == "" {
			at(cf+".source", "%s.source: required (a human name of the source)", cf)
		}
		if cl.URL != "" && !httpsURL(cl.URL) {
			at(cf+".url", "%s.url %q: must be an https URL", cf, cl.URL)
		}
		l.requireTextAt(cl.Says, cf+".says", at)
	}
}

// checkProviderCode checks one provider_codes item of an entry: a
// provider, one-word codes, and a note in both languages if any.
func (l *loader) checkProviderCode(pc ProviderCode, f string, at func(field, format string, args ...any)) {
	if strings.TrimSpace(pc.Provider) == "" {
		at(f+".provider", "%s: provider required", f)
	}
	if len(pc.Codes) == 0 {
		at(f+".codes", "%s: codes required", f)
	}
	for j, c := range pc.Codes {
		if strings.TrimSpace(c) == "" || strings.IndexFunc(c, unicode.IsSpace) >= 0 {
			at(fmt.Sprintf("%s.codes[%d]", f, j), "%s: code %q must be one word", f, c)
		}
	}
	if !pc.Note.IsZero() {
		l.requireTextAt(pc.Note, f+".note", at)
	}
}

// checkRetry checks retry advice: a known strategy that agrees with
// retryable, and a note in both languages.
func (l *loader) checkRetry(r Retry, field string, at func(field, format string, args ...any)) {
	switch {
	case r.Strategy == "":
		at(field+".strategy", "%s.strategy: required, one of %s", field, retryStrategyNames())
	case !slices.Contains(RetryStrategies, r.Strategy):
		at(field+".strategy", "%s.strategy %q: must be one of %s", field, r.Strategy, retryStrategyNames())
	default:
		want := r.Strategy == RetryBackoff || r.Strategy == RetryAfter
		if r.Retryable != want {
			at(field+".retryable", "%s.retryable is %t but strategy %q means %t", field, r.Retryable, r.Strategy, want)
		}
	}
	l.requireTextAt(r.Note, field+".note", at)
}

// checkSignature checks one signature and compiles a message signature
// into its pattern (Regex), so that every consumer matches it like a
// regex signature.
func (l *loader) checkSignature(s *Signature, f string, at func(field, format string, args ...any)) {
	if s.Lang != "" && s.Lang != string(English) && s.Lang != string(Korean) {
		at(f+".lang", "%s: lang %q must be ko or en", f, s.Lang)
	}
	var compiled string
	if s.Message != "" {
		pat, err := MessagePattern(s.Message)
		if err != nil {
			at(f+".message", "%s: message %v", f, err)
			return
		}
		compiled = pat
	}
	kinds := 0
	for _, k := range []bool{s.Text != "", s.Regex != "" && s.Regex != compiled, s.Message != ""} {
		if k {
			kinds++
		}
	}
	switch {
	case kinds == 0:
		at(f, "%s: needs text, regex or message", f)
	case kinds > 1:
		at(f, "%s: has more than one of text, regex and message; give one", f)
	case s.Message != "":
		s.Regex = compiled
	case s.Regex != "":
		if _, err := regexp.Compile("(?i)" + s.Regex); err != nil {
			at(f+".regex", "%s: regex does not compile: %v", f, err)
		}
	case len(strings.TrimSpace(s.Text)) < 4:
		at(f+".text", "%s: text %q is too short to identify anything", f, s.Text)
	}
}

// checkReferences checks a list of links: each with a title and an https
// URL.
func (l *loader) checkReferences(refs []Reference, field string, at func(field, format string, args ...any)) {
	for i, r := range refs {
		f := fmt.Sprintf("%s[%d]", field, i)
		if strings.TrimSpace(r.Title) == "" {
			at(f+".title", "%s: title required", f)
		}
		switch {
		case r.LegacySource != "":
			at(f+".source", "%s: source (an internal document name) is not part of the schema; link the public page with an https url", f)
		case r.URL == "":
			at(f+".url", "%s: url required (an https page)", f)
		case !httpsURL(r.URL):
			at(f+".url", "%s: url %q must be an https URL", f, r.URL)
		}
	}
}

// requireListAt checks a list of bilingual items: present when required,
// and every item in both languages.
func (l *loader) requireListAt(items []Text, field string, required bool, at func(field, format string, args ...any)) {
	if required && len(items) == 0 {
		at(field, "%s: at least one required", field)
	}
	for i, t := range items {
		l.requireTextAt(t, fmt.Sprintf("%s[%d]", field, i), at)
	}
}

// validateProviders checks the provider files and their records against
// the systems and entries.
func (l *loader) validateProviders(systems map[string]*System, ids map[string]*Entry) {
	byID := map[string]*Provider{}
	for _, p := range l.providers {
		pat := func(field, format string, args ...any) {
			l.problem(p.File, lineOf(l.lines[p], field, p.Line), "", "provider %q: "+format, append([]any{p.ID}, args...)...)
		}
		checkProviderID(p, byID, pat)
		l.checkProviderHead(p, systems, pat)
		keys := map[string]*ProviderRecord{}
		for _, r := range p.Codes {
			l.checkRecord(r, p, keys, systems, ids)
		}
		l.checkRecordAliases(p, keys)
	}
}

// checkProviderID checks a provider's id: given, well formed, declared
// once (byID), and the name of its file.
func checkProviderID(p *Provider, byID map[string]*Provider, pat func(field, format string, args ...any)) {
	switch {
	case p.ID == "":
		pat("provider", "provider: required (the provider id)")
	case !systemIDRE.MatchString(p.ID):
		pat("provider", "id must be lower-case letters, digits and dashes")
	default:
		if prev, ok := byID[p.ID]; ok {
			pat("provider", "declared twice (first in %s)", prev.File)
		} else {
			byID[p.ID] = p
		}
		base := strings.TrimSuffix(strings.TrimSuffix(p.File, ".yaml"), ".yml")
		if base != "provider-"+p.ID {
			pat("provider", "a provider file is named provider-%s.yaml (this is %s)", p.ID, p.File)
		}
	}
}

// checkProviderHead checks a provider file's fields other than its id
// and records: name, a declared system, checked_against, references,
// and at least one record.
func (l *loader) checkProviderHead(p *Provider, systems map[string]*System, pat func(field, format string, args ...any)) {
	if strings.TrimSpace(p.Name) == "" {
		pat("name", "name: required")
	}
	switch {
	case p.System == "":
		pat("system", "system: required (the errdex system the codes map onto)")
	case systems[p.System] == nil:
		pat("system", "unknown system %q (declare it under systems: in systems.yaml)", p.System)
	}
	if strings.TrimSpace(p.CheckedAgainst) == "" {
		pat("checked_against", "checked_against: required (the upstream version or date the table was checked against)")
	}
	l.checkReferences(p.References, "references", pat)
	if len(p.Codes) == 0 {
		pat("codes", "codes: at least one record required")
	}
}

// checkRecord checks one record of provider p: its code and channel, not
// twice in the file (keys), its message, meaning, action and retry, and
// that the entry it maps onto exists.
func (l *loader) checkRecord(r *ProviderRecord, p *Provider, keys map[string]*ProviderRecord, systems map[string]*System, ids map[string]*Entry) {
	id := "provider " + r.ID()
	rat := func(field, format string, args ...any) {
		l.problem(r.File, lineOf(l.lines[r], field, r.Line), id, format, args...)
	}
	if msg := codeProblem(r.Code); msg != "" {
		rat("code", "%s", msg)
	}
	if r.Channel != "" && !variantRE.MatchString(r.Channel) {
		rat("channel", "channel %q: must be lower-case letters, digits and dashes", r.Channel)
	}
	k := strings.ToLower(r.ID())
	if prev, ok := keys[k]; ok && r.Code != "" {
		rat("code", "duplicate record: provider %s, channel %q, code %q already at %s:%d", r.Provider, r.Channel, r.Code, prev.File, prev.Line)
	} else {
		keys[k] = r
	}
	if r.Message != "" {
		if strings.TrimSpace(r.Message) == "" {
			rat("message", "message: empty")
		} else if _, err := MessagePattern(r.Message); err != nil {
			rat("message", "message %v", err)
		}
	}
	checkOtherMessages(r, rat)
	l.requireTextAt(r.Meaning, "meaning", rat)
	l.requireTextAt(r.Action, "action", rat)
	if r.Retry != nil {
		l.checkRetry(*r.Retry, "retry", rat)
	}
	if r.Entry != "" && p.System != "" && systems[p.System] != nil {
		if ids[r.EntryID()] == nil {
			rat("entry", "entry %q does not exist in system %s", r.Entry, p.System)
		}
	}
}

// checkOtherMessages checks a record's other exact texts: each a message
// by the same rule as message, given beside a message, and none twice or
// the same as message (ignoring case, as they are matched).
func checkOtherMessages(r *ProviderRecord, rat func(field, format string, args ...any)) {
	if len(r.OtherMessages) > 0 && strings.TrimSpace(r.Message) == "" {
		rat("other_messages", "other_messages: give the provider's main text as message first")
	}
	for i, m := range r.OtherMessages {
		field := fmt.Sprintf("other_messages[%d]", i)
		switch {
		case strings.TrimSpace(m) == "":
			rat(field, "%s: empty", field)
		case strings.EqualFold(strings.TrimSpace(m), strings.TrimSpace(r.Message)):
			rat(field, "%s: %q is the record's message", field, m)
		case slices.ContainsFunc(r.OtherMessages[:i], func(o string) bool { return strings.EqualFold(strings.TrimSpace(o), strings.TrimSpace(m)) }):
			rat(field, "%s: %q listed twice", field, m)
		default:
			if _, err := MessagePattern(m); err != nil {
				rat(field, "%s: message %v", field, err)
			}
		}
	}
}

// checkRecordAliases checks the records' aliases once all their codes
// are known (keys, by lower-cased record id), so that an alias clashing
// with a code blames the alias: each is a code by the same rule, and
// names one record of its provider and channel only. A record may list
// a name in two spellings that differ only in case.
func (l *loader) checkRecordAliases(p *Provider, keys map[string]*ProviderRecord) {
	for _, r := range p.Codes {
		for i, a := range r.Aliases {
			field := fmt.Sprintf("aliases[%d]", i)
			at := func(format string, args ...any) {
				l.problem(r.File, lineOf(l.lines[r], field, r.Line), "provider "+r.ID(), field+": "+format, args...)
			}
			if strings.TrimSpace(a) == "" {
				at("empty alias")
				continue
			}
			if msg := codeProblem(a); msg != "" {
				at("alias %q: must not contain spaces or any of / ? # %%", a)
				continue
			}
			k := strings.ToLower(RecordID(r.Provider, r.Channel, a))
			switch prev, ok := keys[k]; {
			case ok && prev == r && strings.EqualFold(a, r.Code):
				at("alias %q is the record's own code", a)
			case ok && prev == r && slices.Contains(r.Aliases[:i], a):
				at("alias %q listed twice", a)
			case ok && prev == r:
				// The same name as two SDKs spell it (blockedAccount,
				// BlockedAccount): one lookup key, both shown.
			case ok:
				at("alias %q is already the code or an alias of provider %s (%s:%d)", a, prev.ID(), prev.File, prev.Line)
			default:
				keys[k] = r
			}
		}
	}
}

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

func httpsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}

// link finishes a valid catalog: fills defaults, drops what is never
// shown, and hangs each provider record on the entry it maps onto (its
// code among the entry's provider codes, its exact message among the
// entry's signatures).
func (l *loader) link() {
	ids := make(map[string]*Entry, len(l.entries))
	for _, e := range l.entries {
		ids[e.ID()] = e
		if e.Level == "" {
			e.Level = LevelError
		}
		e.References = slices.DeleteFunc(e.References, func(r Reference) bool { return r.URL == "" })
	}
	for _, p := range l.providers {
		for _, r := range p.Codes {
			e := ids[r.EntryID()]
			if e == nil {
				continue
			}
			addProviderCode(e, r.Provider, r.Channel, r.Code)
			for _, msg := range r.Messages() {
				addRecordMessage(e, r, msg)
			}
		}
	}
}

// addRecordMessage makes one of a record's exact texts a message
// signature of the entry it maps onto, unless the entry has it already.
func addRecordMessage(e *Entry, r *ProviderRecord, msg string) {
	pat, err := MessagePattern(msg)
	if err != nil || slices.ContainsFunc(e.Signatures, func(s Signature) bool {
		return strings.EqualFold(s.Message, msg) || strings.EqualFold(s.Text, msg)
	}) {
		return
	}
	e.Signatures = append(e.Signatures, Signature{Message: msg, Regex: pat, Record: r.ID()})
}

func addProviderCode(e *Entry, provider, channel, code string) {
	for i := range e.ProviderCodes {
		pc := &e.ProviderCodes[i]
		if pc.Provider == provider && pc.Channel == channel {
			if !slices.Contains(pc.Codes, code) {
				pc.Codes = append(pc.Codes, code)
			}
			return
		}
	}
	e.ProviderCodes = append(e.ProviderCodes, ProviderCode{Provider: provider, Channel: channel, Codes: []string{code}})
}

// codeProblem says what is wrong with an entry's or a provider record's
// code, or "": one rule for both, since both become a path segment and a
// lookup key.
func codeProblem(code string) string {
	switch {
	case code == "":
		return "code: required"
	case strings.ContainsAny(code, "/?#%") || strings.IndexFunc(code, unicode.IsSpace) >= 0:
		return fmt.Sprintf("code %q: must not contain spaces or any of / ? # %%", code)
	}
	return ""
}
