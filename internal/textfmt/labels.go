package textfmt

import (
	"strconv"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/i18n"
)

// labels are the fixed words of the rendered answers, in one language.
// Korean labels are written for Korean readers, not word for word.
type labels struct {
	causes, fixes, fix, retry, related, aliases, page, evidence string
	otherMatches, didYouMean, found                             string
	results                                                     func(n int, q string) string
	resultsShown                                                func(shown, n int, q string) string
	searchHint                                                  func(code string) string
	lookupHeader                                                func(n int, code string) string
	noMatch, noCode                                             func(q string) string
	noMatchTip, moreHint, noLookup, notes                       string
	identifyHeader                                              func(n int) string
	noIdentify                                                  string
	// noConfident heads an unsure answer; weakMark marks each of its
	// closest entries.
	noConfident     func(q string) string
	noConfidentText string
	weakMark        string
	findingsHeader  func(n int) string
	lines           func(first, last int) string
}

var labelsByLang = map[errdex.Lang]*labels{
	errdex.English: {
		causes:       i18n.T(errdex.English, i18n.Causes),
		fixes:        i18n.T(errdex.English, i18n.Fixes),
		fix:          "Fix",
		retry:        i18n.T(errdex.English, i18n.Retry),
		related:      i18n.T(errdex.English, i18n.Related),
		aliases:      "Also known as",
		page:         "Page",
		evidence:     "Evidence",
		otherMatches: "Other matches",
		didYouMean:   "Did you mean",
		found:        "Found in the text",
		results: func(n int, q string) string {
			if n == 1 {
				return "1 result for " + quote(q)
			}
			return itoa(n) + " results for " + quote(q)
		},
		resultsShown: func(shown, n int, q string) string {
			return itoa(shown) + " of " + itoa(n) + " results for " + quote(q)
		},
		searchHint: func(code string) string {
			return "To search the words instead: errdex search " + code
		},
		lookupHeader: func(n int, code string) string {
			if n == 1 {
				return "1 entry for " + quote(code)
			}
			return itoa(n) + " entries for " + quote(code)
		},
		noMatch:    func(q string) string { return "No entry matches " + quote(q) + "." },
		noCode:     func(c string) string { return "No entry has the code or alias " + quote(c) + "." },
		noLookup:   "No entry has that code or alias.",
		notes:      i18n.T(errdex.English, i18n.Notes),
		noMatchTip: "Try a code (4019, KOE009), a few words in English or Korean, or paste the whole error.",
		moreHint:   "To see another in full",
		identifyHeader: func(n int) string {
			if n == 1 {
				return "1 entry matches the text"
			}
			return itoa(n) + " entries match the text"
		},
		noIdentify: "Nothing in the text matches a known error.",
		noConfident: func(q string) string {
			return "No confident match for " + quote(q) + ". The closest entries, which may not be it:"
		},
		noConfidentText: "No confident match in the text. The closest entries, which may not be it:",
		weakMark:        "weak match",
		findingsHeader:  func(n int) string { return itoa(n) + " errors in the text:" },
		lines: func(first, last int) string {
			if first == last {
				return "line " + itoa(first)
			}
			return "lines " + itoa(first) + "-" + itoa(last)
		},
	},
	errdex.Korean: {
		causes:       i18n.T(errdex.Korean, i18n.Causes),
		fixes:        i18n.T(errdex.Korean, i18n.Fixes),
		fix:          "해결",
		retry:        i18n.T(errdex.Korean, i18n.Retry),
		related:      i18n.T(errdex.Korean, i18n.Related),
		aliases:      "다른 이름",
		page:         "페이지",
		evidence:     "근거",
		otherMatches: "다른 결과",
		didYouMean:   "혹시 이것을 찾으셨나요",
		found:        "텍스트에서 찾은 것",
		results: func(n int, q string) string {
			return quote(q) + " 검색 결과 " + itoa(n) + "건"
		},
		resultsShown: func(shown, n int, q string) string {
			return quote(q) + " 검색 결과 " + itoa(n) + "건 중 " + itoa(shown) + "건"
		},
		searchHint: func(code string) string {
			return "단어로 검색하려면: errdex search " + code
		},
		lookupHeader: func(n int, code string) string {
			return quote(code) + " 코드 항목 " + itoa(n) + "건"
		},
		noMatch:        func(q string) string { return quote(q) + "에 해당하는 항목이 없습니다." },
		noCode:         func(c string) string { return quote(c) + " 코드나 별칭을 가진 항목이 없습니다." },
		noLookup:       "그 코드나 별칭을 가진 항목이 없습니다.",
		notes:          i18n.T(errdex.Korean, i18n.Notes),
		noMatchTip:     "코드(4019, KOE009), 한국어나 영어 단어 몇 개, 또는 에러 전체를 붙여 넣어 보세요.",
		moreHint:       "다른 항목의 전체 내용 보기",
		identifyHeader: func(n int) string { return "텍스트와 일치하는 항목 " + itoa(n) + "건" },
		noIdentify:     "텍스트에서 알려진 에러를 찾지 못했습니다.",
		noConfident: func(q string) string {
			return quote(q) + "에 확실히 맞는 항목이 없습니다. 가장 가까운 항목이지만 아닐 수 있습니다:"
		},
		noConfidentText: "텍스트에 확실히 맞는 항목이 없습니다. 가장 가까운 항목이지만 아닐 수 있습니다:",
		weakMark:        "약한 일치",
		findingsHeader:  func(n int) string { return "텍스트에 에러 " + itoa(n) + "건:" },
		lines: func(first, last int) string {
			if first == last {
				return itoa(first) + "번째 줄"
			}
			return itoa(first) + "-" + itoa(last) + "번째 줄"
		},
	},
}

func labelsFor(lang errdex.Lang) *labels {
	if l, ok := labelsByLang[lang]; ok {
		return l
	}
	return labelsByLang[errdex.English]
}

// MatchKind names a kind of evidence (errdex.MatchCode...) in lang: "code",
// "provider code", "별칭". The web UI shows the same words.
func MatchKind(kind errdex.MatchKind, lang errdex.Lang) string { return i18n.MatchLabel(lang, kind) }

// RetryWord is the short retry verdict of a strategy in lang ("Retry with
// backoff"), the one wording of every surface: the web badges, terminal,
// bot text, Slack and the export.
func RetryWord(strategy errdex.RetryStrategy, lang errdex.Lang) string {
	return i18n.RetryLabel(lang, strategy)
}

func quote(s string) string { return `"` + s + `"` }

func itoa(n int) string { return strconv.Itoa(n) }
