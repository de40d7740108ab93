package synth

import (
	"fmt"
	"strings"

	"github.com/errdex/errdex"
)

// Kind is a kind of query people make.
type Kind string

// The kinds of query, in the order benchmarks report them.
const (
	// KindExact is a code, alias or provider code, as copied.
	KindExact Kind = "exact"
	// KindEnglish is a few English words of the entry's title.
	KindEnglish Kind = "english"
	// KindKorean is Korean words with particles and endings other than the
	// catalog's own ("템플릿이 만료됐어요" for "템플릿이 만료되었습니다").
	KindKorean Kind = "korean"
	// KindTypo is English words with one typo in a word of five letters or more.
	KindTypo Kind = "typo"
	// KindPrefix is a query as typed, its last word unfinished.
	KindPrefix Kind = "prefix"
	// KindPayload is a pasted error payload, HTTP response or log line.
	KindPayload Kind = "payload"
	// KindCommon is a sentence whose words are mostly in every entry
	// ("request failed with an error") around the few that tell.
	KindCommon Kind = "common"
)

// Kinds lists every kind, in report order.
var Kinds = []Kind{KindExact, KindEnglish, KindKorean, KindTypo, KindPrefix, KindPayload, KindCommon}

// Query is one labelled query.
type Query struct {
	Kind Kind   `json:"kind"`
	Text string `json:"q"`
	// Lang is the language the query is in.
	Lang errdex.Lang `json:"lang"`
	// Prefix says the last word is unfinished (search as you type).
	Prefix bool `json:"prefix,omitempty"`
	// Expect is the id of the entry that should come first.
	Expect string `json:"expect"`
}

// ByKind returns the queries of one kind.
func (s *Set) ByKind(k Kind) []Query {
	var out []Query
	for _, q := range s.Queries {
		if q.Kind == k {
			out = append(out, q)
		}
	}
	return out
}

// enWords is every English word the generator uses, so that a typo is
// never another real word.
var enWords = func() map[string]bool {
	m := map[string]bool{}
	for _, ws := range [][]word{qualifiers, objects} {
		for _, w := range ws {
			m[w.en] = true
		}
	}
	for _, c := range conditions {
		m[c.en] = true
	}
	return m
}()

func (g *generator) queries(perKind int) []Query {
	var out []Query
	if len(g.set.order) == 0 {
		return nil
	}
	for _, k := range Kinds {
		for range perKind {
			id := g.set.order[g.r.IntN(len(g.set.order))]
			e, _ := g.set.Catalog.Entry(id)
			out = append(out, g.query(k, e, g.set.facts[id]))
		}
	}
	return out
}

func (g *generator) query(k Kind, e *errdex.Entry, f facts) Query {
	q := Query{Kind: k, Lang: errdex.English, Expect: e.ID()}
	r := g.r
	switch k {
	case KindExact:
		q.Text = g.exactText(e)
	case KindEnglish:
		q.Text = strings.Join([]string{f.qual.en, f.obj.en, f.cond.en}, " ")
		if r.IntN(4) == 0 {
			q.Text = strings.ToLower(f.sys.en) + " " + q.Text
		}
	case KindKorean:
		q.Lang = errdex.Korean
		obj := f.obj.ko
		if p := pick(r, []string{"", "이/가", "을/를", "은/는"}); p != "" {
			obj = josa(obj, p)
		}
		q.Text = strings.Join([]string{f.qual.ko, obj, koTyped(f.cond, r)}, " ")
	case KindTypo:
		q.Text = g.typoText(f)
	case KindPrefix:
		q.Prefix = true
		q.Lang, q.Text = g.prefixText(f)
	case KindPayload:
		q.Text = g.payload(e, f)
	case KindCommon:
		q.Lang, q.Text = g.commonText(f)
	}
	return q
}

// exactText is an entry's code as typed: the code, an alias, a provider
// code, or the code in the other case.
func (g *generator) exactText(e *errdex.Entry) string {
	text := e.Code
	switch n := g.r.IntN(20); {
	case n < 4 && len(e.Aliases) > 0:
		text = e.Aliases[0]
	case n < 7 && len(e.ProviderCodes) > 0:
		text = e.ProviderCodes[0].Codes[0]
	case n < 10: // typed in the other case
		if strings.ToUpper(text) == text {
			text = strings.ToLower(text)
		} else {
			text = strings.ToUpper(text)
		}
	}
	return text
}

// typoText is the English description with a typo in one of its longer
// words.
func (g *generator) typoText(f facts) string {
	ws := []string{f.qual.en, f.obj.en, f.cond.en}
	var long []int
	for i, w := range ws {
		if len(w) >= 5 {
			long = append(long, i)
		}
	}
	if len(long) > 0 {
		i := pick(g.r, long)
		ws[i] = g.typo(ws[i])
	}
	return strings.Join(ws, " ")
}

// prefixText is a description typed up to the start of its condition.
// Korean as typed: a stem cut after the syllables that tell it from the
// others (시간초 for 시간초과); stems that need every syllable (중복, 중단)
// are typed in English instead.
func (g *generator) prefixText(f facts) (errdex.Lang, string) {
	r := g.r
	if p := prefixOf(f.cond.ko, koStems, 1); r.IntN(5) == 0 && p != f.cond.ko {
		return errdex.Korean, f.qual.ko + " " + f.obj.ko + " " + p
	}
	p := prefixOf(f.cond.en, enConds, 3)
	if r.IntN(3) == 0 && len(p)+1 < len(f.cond.en) { // typed one letter more
		p = f.cond.en[:len(p)+1]
	}
	return errdex.English, f.qual.en + " " + f.obj.en + " " + p
}

// commonText is the description inside common words every error shares,
// in English or Korean.
func (g *generator) commonText(f facts) (errdex.Lang, string) {
	r := g.r
	if r.IntN(2) == 0 {
		format := pick(r, []string{
			"the request failed with an error because the %s %s %s",
			"API refused the request: %s %s %s error",
			"request failed error %s %s %s",
		})
		return errdex.English, fmt.Sprintf(format, f.qual.en, f.obj.en, f.cond.en)
	}
	format := pick(r, []string{"요청 실패 오류 %s %s %s", "API 요청이 거부됐어요 %s %s %s", "오류로 요청 실패 %s %s %s"})
	return errdex.Korean, fmt.Sprintf(format, f.qual.ko, f.obj.ko, f.cond.ko)
}

var (
	enConds = func() []string {
		var out []string
		for _, c := range conditions {
			out = append(out, c.en)
		}
		return out
	}()
	koStems = func() []string {
		var out []string
		for _, c := range conditions {
			out = append(out, c.ko)
		}
		return out
	}()
)

// prefixOf returns the shortest prefix of w, at least minRunes long, that
// no other word of others starts with, and never the whole word unless it
// must be.
func prefixOf(w string, others []string, minRunes int) string {
	rs := []rune(w)
	for n := minRunes; n < len(rs); n++ {
		p := string(rs[:n])
		unique := true
		for _, o := range others {
			if o != w && strings.HasPrefix(o, p) {
				unique = false
				break
			}
		}
		if unique {
			return p
		}
	}
	return w
}

// typo makes one edit a hurried typist makes: two neighbouring letters
// swapped, one letter dropped, doubled or replaced by its keyboard neighbour.
func (g *generator) typo(w string) string {
	const neighbours = "qwertyuiopasdfghjklzxcvbnm"
	for {
		b := []byte(w)
		i := 1 + g.r.IntN(len(b)-2) // keep the first and last letters
		var t string
		switch g.r.IntN(4) {
		case 0:
			b[i], b[i+1] = b[i+1], b[i]
			t = string(b)
		case 1:
			t = w[:i] + w[i+1:]
		case 2:
			t = w[:i] + w[i:i+1] + w[i:]
		default:
			j := strings.IndexByte(neighbours, b[i])
			if j < 0 {
				continue
			}
			if j+1 < len(neighbours) {
				b[i] = neighbours[j+1]
			} else {
				b[i] = neighbours[j-1]
			}
			t = string(b)
		}
		if t != w && !enWords[t] {
			return t
		}
	}
}

// payload pastes what the entry's API sends back, sometimes inside an HTTP
// response or a log line, sometimes with only the provider's code or only
// the message.
func (g *generator) payload(e *errdex.Entry, f facts) string {
	msg := fmt.Sprintf("The %s %s %s.", f.qual.en, f.obj.en, f.cond.enPhrase)
	r := g.r
	switch n := r.IntN(20); {
	case n < 4 && len(e.ProviderCodes) > 0:
		pc := e.ProviderCodes[0]
		return fmt.Sprintf(`{"name":"ProviderError","provider":%q,"providerErrorCode":%q,"message":%q}`, pc.Provider, pc.Codes[0], msg)
	case n < 7:
		return fmt.Sprintf("2026-11-02T10:14:%02dZ WARN %s send failed: %s (request_id=req_%06d)", r.IntN(60), f.sys.id, msg, r.IntN(1e6))
	case n < 11:
		return fmt.Sprintf("HTTP/1.1 %d %s\nContent-Type: application/json\n\n%s", e.HTTPStatus, statusText(e.HTTPStatus), e.Examples[0].Text)
	}
	return e.Examples[0].Text
}

func statusText(s int) string {
	switch s {
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 402:
		return "Payment Required"
	case 403:
		return "Forbidden"
	case 404:
		return "Not Found"
	case 409:
		return "Conflict"
	case 413:
		return "Content Too Large"
	case 422:
		return "Unprocessable Entity"
	case 423:
		return "Locked"
	case 426:
		return "Upgrade Required"
	case 429:
		return "Too Many Requests"
	case 500:
		return "Internal Server Error"
	case 502:
		return "Bad Gateway"
	case 503:
		return "Service Unavailable"
	case 504:
		return "Gateway Timeout"
	}
	return "Error"
}
