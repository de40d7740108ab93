// Package errdex is the error-code knowledge base itself: the catalog model
// (systems and their entries), loading it from YAML, and validating it.
//
// It is the domain of the program and imports no web, search or Markdown
// library; the packages under internal/ build on it.
package errdex

import (
	"strconv"
	"strings"
)

// Lang is a language the catalog is written in.
type Lang string

// The languages every entry is written in.
const (
	English Lang = "en"
	Korean  Lang = "ko"
)

// Langs lists the catalog's languages in their display order.
var Langs = []Lang{English, Korean}

// ParseLang returns the Lang named by s ("en", "ko", "en-US", "ko_KR"...),
// and false when s names no catalog language.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	switch Lang(s) {
	case English:
		return English, true
	case Korean:
		return Korean, true
	}
	return "", false
}

// PreferredLang returns the catalog language an HTTP Accept-Language
// header ranks highest ("ko-KR,ko;q=0.9,en;q=0.8" is Korean), English when
// it names none. Among equal weights the first listed wins; a malformed
// part is skipped, since the header is a preference, not a demand.
func PreferredLang(header string) Lang {
	best, bestQ := English, 0.0
	for part := range strings.SplitSeq(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				continue
			}
			q = f
		}
		l, ok := ParseLang(tag)
		if !ok || q <= bestQ {
			continue
		}
		best, bestQ = l, q
	}
	return best
}

// Text is one piece of prose in both catalog languages.
type Text struct {
	En string `yaml:"en" json:"en"`
	Ko string `yaml:"ko" json:"ko"`
}

// In returns the text in lang, falling back to English.
func (t Text) In(lang Lang) string {
	if lang == Korean && t.Ko != "" {
		return t.Ko
	}
	return t.En
}

// IsZero reports whether neither language has text.
func (t Text) IsZero() bool { return t.En == "" && t.Ko == "" }

// System is one of the systems whose errors the catalog describes.
type System struct {
	ID          string `yaml:"id" json:"id"`
	Name        Text   `yaml:"name" json:"name"`
	Description Text   `yaml:"description" json:"description"`
	// Homepage is the system's own documentation, when it has one.
	Homepage string `yaml:"homepage,omitempty" json:"homepage,omitempty"`
	// Keywords are other words people use for the system ("kakao", "카카오톡"),
	// so that a query naming it favours its entries.
	Keywords []string `yaml:"keywords,omitempty" json:"keywords,omitempty"`

	File string `yaml:"-" json:"-"`
	Line int    `yaml:"-" json:"-"`
}

// RetryStrategy is what a client should do after the error.
type RetryStrategy string

// Retry strategies.
const (
	RetryNever      RetryStrategy = "never"       // the same request fails again; fix something first
	RetryBackoff    RetryStrategy = "backoff"     // retry with exponential backoff and jitter
	RetryAfter      RetryStrategy = "retry_after" // wait as long as Retry-After says, then retry
	RetryAfterFixed RetryStrategy = "after_fix"   // retry once a person has fixed the cause (quota, account, config)
)

// RetryStrategies lists the valid values of Retry.Strategy.
var RetryStrategies = []RetryStrategy{RetryNever, RetryBackoff, RetryAfter, RetryAfterFixed}

// Retry is the retry advice of an entry.
type Retry struct {
	// Retryable says whether a program may retry the same request automatically.
	Retryable bool          `yaml:"retryable" json:"retryable"`
	Strategy  RetryStrategy `yaml:"strategy" json:"strategy"`
	// Note says when and how to retry, or why not to.
	Note Text `yaml:"note" json:"note"`
}

// Signature identifies an entry in pasted text: either a literal message
// (matched case-insensitively) or an RE2 regular expression.
type Signature struct {
	Text  string `yaml:"text,omitempty" json:"text,omitempty"`
	Regex string `yaml:"regex,omitempty" json:"regex,omitempty"`
}

// Example is a sample payload or log line showing the error as it appears.
type Example struct {
	Label string `yaml:"label,omitempty" json:"label,omitempty"`
	Text  string `yaml:"text" json:"text"`
}

// Reference points to where the facts of an entry come from.
type Reference struct {
	Title string `yaml:"title" json:"title"`
	URL   string `yaml:"url,omitempty" json:"url,omitempty"`
	// Source names a source document errdex was written from.
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// ProviderCode lists codes of an upstream provider that map onto an entry,
// such as Aligo's -102 onto K-Message's INSUFFICIENT_BALANCE.
type ProviderCode struct {
	Provider string `yaml:"provider" json:"provider"`
	// Channel narrows the provider's API the codes come from ("alimtalk", "sms").
	Channel string   `yaml:"channel,omitempty" json:"channel,omitempty"`
	Codes   []string `yaml:"codes" json:"codes"`
	Note    Text     `yaml:"note,omitempty" json:"note,omitempty"`
}

// Entry is one error of one system, in both languages.
type Entry struct {
	// System is the id of the system the entry belongs to; in YAML it comes
	// from the file's top-level system key.
	System  string `yaml:"-" json:"system"`
	Code    string `yaml:"code" json:"code"`
	Variant string `yaml:"variant,omitempty" json:"variant,omitempty"`
	// Aliases are other names of the same failure.
	Aliases    []string `yaml:"aliases,omitempty" json:"aliases"`
	HTTPStatus int      `yaml:"http_status,omitempty" json:"http_status,omitempty"`
	Type       string   `yaml:"type,omitempty" json:"type,omitempty"`

	Title   Text   `yaml:"title" json:"title"`
	Summary Text   `yaml:"summary" json:"summary"`
	Causes  []Text `yaml:"causes" json:"causes"`
	Fixes   []Text `yaml:"fixes" json:"fixes"`
	// Notes hold what does not fit causes and fixes: discrepancies between
	// upstream documents, changes across versions.
	Notes []Text `yaml:"notes,omitempty" json:"notes,omitempty"`

	Retry         Retry          `yaml:"retry" json:"retry"`
	Signatures    []Signature    `yaml:"signatures,omitempty" json:"signatures,omitempty"`
	Examples      []Example      `yaml:"examples,omitempty" json:"examples,omitempty"`
	Related       []string       `yaml:"related,omitempty" json:"related"`
	References    []Reference    `yaml:"references,omitempty" json:"references"`
	ProviderCodes []ProviderCode `yaml:"provider_codes,omitempty" json:"provider_codes,omitempty"`

	// File and Line locate the entry in the catalog source.
	File string `yaml:"-" json:"-"`
	Line int    `yaml:"-" json:"-"`
}

// ID returns the entry's id: system/code, or system/code/variant.
func (e *Entry) ID() string { return EntryID(e.System, e.Code, e.Variant) }

// EntryID builds an entry id from its parts.
func EntryID(system, code, variant string) string {
	if variant == "" {
		return system + "/" + code
	}
	return system + "/" + code + "/" + variant
}

// Path returns the entry's permalink page path.
func (e *Entry) Path() string { return "/codes/" + e.ID() }

// HTTPStatusText returns the HTTP status as text, or "" when the entry has none.
func (e *Entry) HTTPStatusText() string {
	if e.HTTPStatus == 0 {
		return ""
	}
	return strconv.Itoa(e.HTTPStatus)
}
