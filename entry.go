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
	// CheckedAgainst says which upstream version or date the system's
	// entries were last checked against ("k-msg 0.30.0 (2a9bc876, 2026-07-22)").
	CheckedAgainst string `yaml:"checked_against,omitempty" json:"checked_against,omitempty"`
	// Links are the system's official documentation pages.
	Links []Reference `yaml:"links,omitempty" json:"links,omitempty"`

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

// Signature identifies an entry in pasted text: a literal (matched
// case-insensitively), an RE2 regular expression, or an exact upstream
// message whose {name} parts vary.
type Signature struct {
	Text string `yaml:"text,omitempty" json:"text,omitempty"`
	// Regex is an RE2 expression, matched ignoring case. For a Message
	// signature the loader sets it to the message's compiled pattern, so
	// every consumer matches the three kinds alike.
	Regex string `yaml:"regex,omitempty" json:"regex,omitempty"`
	// Message is a string exactly as the upstream system prints it; a
	// {name} part stands for a value that varies ("Template not found:
	// {templateCode}"). It matches ignoring case and runs of white space.
	Message string `yaml:"message,omitempty" json:"message,omitempty"`
	// Lang is the language of Message or Text, when it matters: ko or en.
	Lang string `yaml:"lang,omitempty" json:"lang,omitempty"`
	// Generic marks a string any program of its runtime prints, not the
	// system alone (Node's "The operation was aborted due to timeout"):
	// like a message of three words or fewer, it names its entry only
	// beside a name of the entry's system.
	Generic bool `yaml:"generic,omitempty" json:"generic,omitempty"`
	// Record is the id of the provider record the signature was made from
	// (its exact message), or "" for a signature the entry itself lists.
	Record string `yaml:"-" json:"record,omitempty"`
}

// Literal returns the signature's human-readable string: its message,
// text or regular expression.
func (s Signature) Literal() string {
	switch {
	case s.Message != "":
		return s.Message
	case s.Text != "":
		return s.Text
	}
	return s.Regex
}

// Example is a sample payload or log line showing the error as it appears.
type Example struct {
	Label string `yaml:"label,omitempty" json:"label,omitempty"`
	Text  string `yaml:"text" json:"text"`
}

// Reference is a public page the facts of an entry come from, or an
// official page of a system.
type Reference struct {
	Title string `yaml:"title" json:"title"`
	// URL is required and https.
	URL string `yaml:"url" json:"url"`
	// LegacySource is the internal document name older catalogs gave in
	// `source:`. It is decoded only so that the validator can say what to
	// do instead; a catalog with one does not load, and it is never shown.
	LegacySource string `yaml:"source,omitempty" json:"-"`
}

// Levels of an entry: an error fails the operation; a warning reports
// something that went wrong while the operation as a whole went on.
const (
	LevelError   = "error"
	LevelWarning = "warning"
)

// Levels lists the valid values of Entry.Level.
var Levels = []string{LevelError, LevelWarning}

// Contradiction records where upstream sources disagree about an entry,
// with what each says, so that the entry claims no more than they do.
type Contradiction struct {
	// About says what the sources disagree on.
	About  Text    `yaml:"about" json:"about"`
	Claims []Claim `yaml:"claims" json:"claims"`
}

// Claim is what one source says.
type Claim struct {
	// Source is a human name of the source ("Meta WhatsApp Cloud API docs").
	Source string `yaml:"source" json:"source"`
	URL    string `yaml:"url,omitempty" json:"url,omitempty"`
	Says   Text   `yaml:"says" json:"says"`
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
	// Level is LevelError or LevelWarning; the loader fills in LevelError
	// when the YAML leaves it out.
	Level string `yaml:"level,omitempty" json:"level"`

	Title   Text   `yaml:"title" json:"title"`
	Summary Text   `yaml:"summary" json:"summary"`
	Causes  []Text `yaml:"causes" json:"causes"`
	Fixes   []Text `yaml:"fixes" json:"fixes"`
	// Notes hold what does not fit causes and fixes: discrepancies between
	// upstream documents, changes across versions.
	Notes []Text `yaml:"notes,omitempty" json:"notes,omitempty"`
	// CustomerReply is a short reply support staff can send to an end
	// customer, apart from the engineering fix.
	CustomerReply Text `yaml:"customer_reply,omitempty" json:"customer_reply,omitzero"`
	// Contradictions are where upstream sources disagree about the entry.
	Contradictions []Contradiction `yaml:"contradictions,omitempty" json:"contradictions,omitempty"`

	Retry      Retry       `yaml:"retry" json:"retry"`
	Signatures []Signature `yaml:"signatures,omitempty" json:"signatures,omitempty"`
	Examples   []Example   `yaml:"examples,omitempty" json:"examples,omitempty"`
	Related    []string    `yaml:"related,omitempty" json:"related"`
	References []Reference `yaml:"references,omitempty" json:"references"`
	// ProviderCodes are the upstream provider codes that map onto the entry.
	// The loader fills them from the provider records (catalog/provider-*.yaml)
	// whose entry is this one; the YAML may still list some during migration.
	ProviderCodes []ProviderCode `yaml:"provider_codes,omitempty" json:"provider_codes,omitempty"`

	// File and Line locate the entry in the catalog source.
	File string `yaml:"-" json:"-"`
	Line int    `yaml:"-" json:"-"`
}

// IsWarning reports whether the entry is a warning rather than an error.
func (e *Entry) IsWarning() bool { return e.Level == LevelWarning }

// ID returns the entry's id: system/code, or system/code/variant.
func (e *Entry) ID() string { return EntryID(e.System, e.Code, e.Variant) }

// EntryID builds an entry id from its parts.
func EntryID(system, code, variant string) string {
	if variant == "" {
		return system + "/" + code
	}
	return system + "/" + code + "/" + variant
}

// HTTPStatusText returns the HTTP status as text, or "" when the entry has none.
func (e *Entry) HTTPStatusText() string {
	if e.HTTPStatus == 0 {
		return ""
	}
	return strconv.Itoa(e.HTTPStatus)
}
