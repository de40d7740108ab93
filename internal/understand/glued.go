package understand

import (
	"regexp"
	"slices"
	"strings"
)

// Codes glued to punctuation, as SDKs and APIs print them: Meta's
// "(#131047) Re-engagement message" and "131047: Re-engagement message",
// SOLAPI's "ClientError(401)", Kakao's "[-401]", "#100".
var (
	reParenCode   = regexp.MustCompile(`\(#?(-?[0-9]{2,7})\)`)
	reMetaCode    = regexp.MustCompile(`\(#[0-9]{2,7}\)`)
	reBracketCode = regexp.MustCompile(`\[#?(-?[0-9A-Za-z_]{3,64})\]`)
	reHashCode    = regexp.MustCompile(`(?:^|[\s'"(])#([0-9]{2,7})\b`)
	// reLeadCode is a number opening a line or a quoted string and
	// followed by its message: Meta's "131026: Message undeliverable" as
	// an app stores it (external_error="131026: ...").
	reLeadCode = regexp.MustCompile(`(?m)(?:^|["'])\s*(-?[0-9]{3,7})\s*[:\-]\s+\pL`)
)

// maxGlued bounds the glued codes read from one text.
const maxGlued = 16

// readGlued reads codes glued to punctuation, in a paste or typed alike:
// each is a code, a provider's code or an HTTP status, or else a code no
// entry has.
func (r *reader) readGlued() {
	// Each pattern needs its punctuation, or a digit: a long paste
	// without any is not run through them.
	for _, g := range []struct {
		re   *regexp.Regexp
		mark string
	}{{reParenCode, "("}, {reBracketCode, "["}, {reHashCode, "#"}} {
		if !strings.Contains(r.text, g.mark) {
			continue
		}
		for _, m := range g.re.FindAllStringSubmatchIndex(r.text, maxGlued) {
			code := r.text[m[2]:m[3]]
			r.addCode(code, nil)
			if g.mark == "#" && r.found[strings.ToLower(code)] && (isIDWord(lastField(r.text[:m[0]+1])) ||
				strings.EqualFold(lastField(r.text[:m[0]+1]), "case")) {
				// "ticket #131047", "PR #100", "case #4019": the number of a
				// ticket, a pull request or a support case, named as an error's code only where the
				// text bears it out.
				r.markBare(code)
			}
		}
	}
	if !strings.ContainsAny(r.text, "0123456789") {
		return
	}
	if strings.Contains(r.text, "(#") && reMetaCode.MatchString(r.text) && !r.namesOtherMetaProduct() {
		// "(#131047) ...": how Meta's Graph API prints its codes.
		r.nameSystems("meta")
	}
	for _, m := range reLeadCode.FindAllStringSubmatch(r.text, maxGlued) {
		r.addCode(m[1], nil)
	}
}

// otherMetaProducts are Meta's products other than WhatsApp whose Graph API
// prints the same "(#100) ..." errors: Instagram's (#100) is no WhatsApp
// send's. They are foreign names too (foreignNames takes them in init).
var otherMetaProducts = []string{"instagram", "인스타그램"}

func init() {
	for _, p := range otherMetaProducts {
		foreignNames[p] = true
	}
}

// namesOtherMetaProduct reports whether the text names one of Meta's other
// products and not WhatsApp: its "(#code)" is then that product's, and
// names no system of the catalog.
func (r *reader) namesOtherMetaProduct() bool {
	lower := r.lowered()
	return !strings.Contains(lower, "whatsapp") &&
		slices.ContainsFunc(otherMetaProducts, func(p string) bool { return strings.Contains(lower, p) })
}

// lastField returns the last whitespace-separated field of s, if any.
func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// classSuffixes end the names SDKs give their error classes and packages:
// KMsgError, KakaoSDK, WhatsAppApiError.
var classSuffixes = []string{"error", "exception", "sdk", "api", "client", "js"}

// readSystems reads the names of systems and providers in the text, as
// words, class names or hosts (api.solapi.com): each is a hint. Names of
// other services are read in the same pass (foreign.go).
func (r *reader) readSystems() {
	seen := map[string]bool{}
	for i, tok := range nameTokens(r.text) {
		if i == maxNameTokens {
			break
		}
		for _, form := range nameForms(tok) {
			if seen[form] {
				continue
			}
			seen[form] = true
			r.nameSystems(form)
			r.nameForeign(form)
		}
	}
}

const maxNameTokens = 512

// nameTokens splits text into lower-cased runs of letters, digits and
// hyphens (k-msg).
func nameTokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(c rune) bool {
		return !(c == '-' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c > 0x7f && isLetter(c))
	})
}

// nameForms are the forms a token may name a system by: itself, without
// hyphens, and without a class name's suffixes.
func nameForms(tok string) []string {
	tok = strings.Trim(tok, "-")
	if len(tok) < 2 {
		return nil
	}
	forms := []string{tok}
	if strings.Contains(tok, "-") {
		forms = append(forms, strings.ReplaceAll(tok, "-", ""))
	}
	base := forms[len(forms)-1]
	for changed := true; changed; {
		changed = false
		for _, suf := range classSuffixes {
			if len(base) > len(suf)+1 && strings.HasSuffix(base, suf) {
				base = strings.TrimSuffix(base, suf)
				forms = append(forms, base)
				changed = true
			}
		}
	}
	return forms
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// nameSystems adds the systems name stands for as hints.
func (r *reader) nameSystems(name string) {
	for _, s := range r.lex.Systems(name) {
		if !contains(r.out.Systems, s) {
			r.out.Systems = append(r.out.Systems, s)
		}
	}
}
