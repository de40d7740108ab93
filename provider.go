package errdex

import "strings"

// Provider is an upstream provider whose own codes the catalog records
// (IWINV, Aligo, SOLAPI, Meta), from one catalog/provider-<id>.yaml file.
type Provider struct {
	ID   string `yaml:"provider" json:"id"`
	Name string `yaml:"name" json:"name"`
	// System is the errdex system whose entries the provider's codes map onto.
	System string `yaml:"system" json:"system"`
	// CheckedAgainst says which upstream version or date the table was
	// checked against.
	CheckedAgainst string            `yaml:"checked_against" json:"checked_against"`
	References     []Reference       `yaml:"references,omitempty" json:"references"`
	Codes          []*ProviderRecord `yaml:"codes" json:"-"`

	File string `yaml:"-" json:"-"`
	Line int    `yaml:"-" json:"-"`
}

// ProviderRecord is one code of a provider, in its own words and ours: its
// exact message, what it means, what to do, and the errdex entry it becomes.
type ProviderRecord struct {
	// Provider is the id of the provider; in YAML it comes from the file.
	Provider string `yaml:"-" json:"provider"`
	// Channel narrows the provider's API the code comes from ("sms",
	// "alimtalk"), or "" when the provider has one list.
	Channel string `yaml:"channel,omitempty" json:"channel,omitempty"`
	Code    string `yaml:"code" json:"code"`
	// Aliases are other names of the code that a lookup finds it by: the
	// SDKs' names for a REST code (Flutter's blockedAccount, iOS's
	// BlockedAccount). Unlike an entry's aliases they are not matched in
	// pastes: an SDK name is often a common word ("Permission").
	Aliases []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	// Message is the provider's exact text, in its own language.
	Message string `yaml:"message,omitempty" json:"message,omitempty"`
	// OtherMessages are other exact texts printed for the same code (a
	// title as an SDK copies it: Meta's 10 is "Permission Denied" and
	// "API Permission Denied"); each is matched like Message.
	OtherMessages []string `yaml:"other_messages,omitempty" json:"other_messages,omitempty"`
	Meaning       Text     `yaml:"meaning" json:"meaning"`
	Action        Text     `yaml:"action" json:"action"`
	// Retry is given only where it differs from the entry's.
	Retry *Retry `yaml:"retry,omitempty" json:"retry,omitempty"`
	// Entry is code or code/variant within System, or "" when no entry maps.
	Entry string `yaml:"entry,omitempty" json:"-"`
	// System is the provider's system; in YAML it comes from the file.
	System string `yaml:"-" json:"system"`

	File string `yaml:"-" json:"-"`
	Line int    `yaml:"-" json:"-"`
}

// Messages returns the record's exact texts: Message, then OtherMessages.
func (r *ProviderRecord) Messages() []string {
	if r.Message == "" {
		return r.OtherMessages
	}
	return append([]string{r.Message}, r.OtherMessages...)
}

// RecordID builds a provider record id: provider/code or
// provider/channel/code.
func RecordID(provider, channel, code string) string {
	if channel == "" {
		return provider + "/" + code
	}
	return provider + "/" + channel + "/" + code
}

// ID returns the record's id ("iwinv/sms/42", "aligo/-101").
func (r *ProviderRecord) ID() string { return RecordID(r.Provider, r.Channel, r.Code) }

// EntryID returns the id of the entry the record maps onto, or "".
func (r *ProviderRecord) EntryID() string {
	if r.Entry == "" {
		return ""
	}
	code, variant, _ := strings.Cut(r.Entry, "/")
	return EntryID(r.System, code, variant)
}
