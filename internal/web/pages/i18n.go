package pages

import (
	"fmt"
	"strconv"

	"github.com/errdex/errdex"
)

// Strings are the fixed words of the UI in one language. They are fields,
// not map keys, so that a template naming a string that does not exist
// fails in the tests that render every page, and a test checks that no
// language leaves one empty. Korean strings are written for Korean
// readers, not word for word.
type Strings struct {
	LangName      string // the language's own name, for the switch
	SkipToContent string
	Tagline       string
	Home          string
	Systems       string
	LanguageLabel string
	FooterNote    string
	APILink       string

	HeroTitle         string
	HeroLead          string
	SearchLabel       string
	SearchPlaceholder string
	SearchButton      string
	ShortcutHint      string // after the <kbd>/</kbd>
	SearchHelp        string
	TryLabel          string
	TryQueries        []string
	SearchTitle       string
	Results           func(n int) string
	AllEntries        func(n int) string
	ResultsHeading    string
	NoResults         string
	NoResultsHint     string
	DidYouMean        string
	ReadAsPayload     string
	MatchedBy         string
	Filters           string
	FilterBy          string
	ActiveFilters     string
	RemoveFilter      string // followed by the filter's label
	ClearFilters      string
	FacetSystem       string
	FacetHTTP         string
	FacetType         string
	FacetRetry        string
	Retryable         string
	NotRetryable      string
	MoreResults       string
	Loading           string
	LiveError         string
	SystemsHeading    string
	SystemsIntro      string
	Entries           func(n int) string
	BrowseSystem      string
	BrowseAll         string

	Code          string
	Variant       string
	System        string
	Title         string
	HTTPStatus    string
	Type          string
	Retry         string
	Summary       string
	Causes        string
	Fixes         string
	Notes         string
	Examples      string
	Copy          string
	Copied        string
	AlsoKnownAs   string
	Aliases       string
	ProviderCodes string
	Provider      string
	Related       string
	References    string
	Source        string
	Permalink     string
	OnThisPage    string
	Breadcrumb    string
	AtAGlance     string

	VariantsHeading  func(code string, n int) string
	VariantsIntro    string
	OtherVariants    string
	Elsewhere        string
	ElsewhereIntro   string
	TellsApart       string
	Message          string
	OpenEntry        string
	Homepage         string
	SortBy           string // followed by the column name
	SystemEntries    string
	Yes              string
	No               string
	ErrorTitles      map[int]string
	ErrorTexts       map[int]string
	ErrorFallback    string
	ErrorFallbackTxt string
	ErrorDetail      string
	RequestID        string
	FoundElsewhere   string
	NoSuchCode       func(system, code string) string
	BackToSearch     string
	NearCodes        string // the 404 page's search suggestions

	// The answer above the results.
	AnswerLabel      string
	Certain          string
	Likely           string
	FirstFixes       string
	MoreFixes        func(n int) string
	AmbiguousHeading func(n int) string
	AmbiguousIntro   string
	NotSure          string
	NotSureText      string
	WeakMatch        string
	FindingsHeading  func(n int) string
	FindingLines     func(first, last, count int) string
	CopyCode         string
	CopyLink         string
	CopySlack        string
	CopyMarkdown     string
	CopyActions      string
	CustomerReply    string
	CustomerReplyTip string
}

// count formats n with English plural words.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

var stringsByLang = map[errdex.Lang]*Strings{
	errdex.English: {
		LangName:      "English",
		SkipToContent: "Skip to content",
		Tagline:       "Error codes, explained",
		Home:          "Search",
		Systems:       "Systems",
		LanguageLabel: "Language",
		FooterNote:    "errdex explains the error codes of K-Message, Kirim and Kakao Talk Share: what went wrong, how to fix it, and whether to retry.",
		APILink:       "JSON API",

		HeroTitle:         "Which error is this, and what do I do now?",
		HeroLead:          "Search every error of K-Message, Kirim and Kakao Talk Share by code, by message, or by pasting the whole error.",
		SearchLabel:       "Search error codes",
		SearchPlaceholder: "A code, a message, or paste a whole error",
		SearchButton:      "Search",
		ShortcutHint:      "to search from anywhere",
		SearchHelp:        "Paste a whole JSON error or log line if you have one.",
		TryLabel:          "Try",
		TryQueries:        []string{"4019", "KOE009", "-401", "invalid_phone_number", "insufficient balance", "HTTP 429"},
		SearchTitle:       "Search",
		Results:           func(n int) string { return count(n, "result", "results") },
		AllEntries:        func(n int) string { return count(n, "entry", "entries") },
		ResultsHeading:    "Results",
		NoResults:         "Nothing matches that.",
		NoResultsHint:     "Try a shorter query, a code on its own, or fewer filters.",
		DidYouMean:        "Did you mean",
		ReadAsPayload:     "Read as a pasted error",
		MatchedBy:         "Matched by",
		Filters:           "Filters",
		FilterBy:          "Narrow the results",
		ActiveFilters:     "Active filters",
		RemoveFilter:      "Remove filter",
		ClearFilters:      "Clear all",
		FacetSystem:       "System",
		FacetHTTP:         "HTTP status",
		FacetType:         "Type",
		FacetRetry:        "Retry",
		Retryable:         "Retryable",
		NotRetryable:      "Not retryable",
		MoreResults:       "More results",
		Loading:           "Searching…",
		LiveError:         "The search did not answer. Press Enter to try again.",
		SystemsHeading:    "Systems",
		SystemsIntro:      "Every error code errdex knows, by the system that returns it.",
		Entries:           func(n int) string { return count(n, "error code", "error codes") },
		BrowseSystem:      "Browse all codes",
		BrowseAll:         "Browse every entry",

		Code:          "Code",
		Variant:       "Variant",
		System:        "System",
		Title:         "Title",
		HTTPStatus:    "HTTP status",
		Type:          "Type",
		Retry:         "Retry",
		Summary:       "Summary",
		Causes:        "Causes",
		Fixes:         "How to fix it",
		Notes:         "Notes",
		Examples:      "How it looks",
		Copy:          "Copy",
		Copied:        "Copied",
		AlsoKnownAs:   "Also known as",
		Aliases:       "Aliases",
		ProviderCodes: "Provider codes",
		Provider:      "Provider",
		Related:       "Related errors",
		References:    "References",
		Source:        "Source document",
		Permalink:     "Permalink",
		OnThisPage:    "On this page",
		Breadcrumb:    "Breadcrumb",
		AtAGlance:     "At a glance",

		VariantsHeading: func(code string, n int) string {
			return fmt.Sprintf("%s has %d variants", code, n)
		},
		VariantsIntro:  "The same code is returned for different failures. The message tells them apart.",
		OtherVariants:  "Other variants of this code",
		Elsewhere:      "The same code in other systems",
		ElsewhereIntro: "Other systems use this code too. Check which system returned it.",
		TellsApart:     "How to tell",
		Message:        "Message",
		OpenEntry:      "Open",
		Homepage:       "Documentation",
		SortBy:         "Sort by",
		SystemEntries:  "Error codes",
		Yes:            "Yes",
		No:             "No",
		ErrorTitles: map[int]string{
			400: "That request did not make sense",
			404: "Page not found",
			405: "Method not allowed",
			429: "Too many requests",
			500: "Something went wrong",
			503: "Not ready yet",
		},
		ErrorTexts: map[int]string{
			400: "Something in the address is not valid. Check it, or start a new search.",
			404: "There is no page at this address. The code may be spelled differently: search for it.",
			405: "This page cannot be used that way.",
			429: "You have sent many requests in a short time. Wait a few seconds, then try again.",
			500: "errdex failed to answer. Try again; if it keeps failing, report it with the request ID.",
			503: "errdex is starting up. Try again in a moment.",
		},
		ErrorFallback:    "Request failed",
		ErrorFallbackTxt: "errdex could not answer this request.",
		ErrorDetail:      "Details",
		RequestID:        "Request ID",
		FoundElsewhere:   "This code exists in",
		NoSuchCode:       func(system, code string) string { return system + " has no code " + code },
		BackToSearch:     "Search errdex",
		NearCodes:        "Near codes",

		AnswerLabel:      "Answer",
		Certain:          "named by the code",
		Likely:           "best match",
		FirstFixes:       "What to do",
		MoreFixes:        func(n int) string { return count(n, "more fix", "more fixes") + " on the entry page" },
		AmbiguousHeading: func(n int) string { return strconv.Itoa(n) + " entries match equally" },
		AmbiguousIntro:   "Tell them apart by the message the error came with:",
		NotSure:          "Not sure",
		NotSureText:      "Nothing matches clearly. These are the closest entries; check the message before acting on one.",
		WeakMatch:        "weak match",
		FindingsHeading:  func(n int) string { return count(n, "error found", "errors found") + " in the text" },
		FindingLines: func(first, last, n int) string {
			s := "line " + strconv.Itoa(first)
			if last > first {
				s = "lines " + strconv.Itoa(first) + "–" + strconv.Itoa(last)
			}
			if n > 1 {
				s += ", " + strconv.Itoa(n) + " times"
			}
			return s
		},
		CopyCode:         "Copy code",
		CopyLink:         "Copy link",
		CopySlack:        "Copy for Slack",
		CopyMarkdown:     "Copy as Markdown",
		CopyActions:      "Copy",
		CustomerReply:    "What to tell the customer",
		CustomerReplyTip: "A reply you can send as it is; the fix above is for engineers.",
	},
	errdex.Korean: {
		LangName:      "한국어",
		SkipToContent: "본문으로 건너뛰기",
		Tagline:       "에러 코드 해설집",
		Home:          "검색",
		Systems:       "시스템",
		LanguageLabel: "언어",
		FooterNote:    "errdex는 K-Message, Kirim, 카카오톡 공유의 에러 코드를 설명합니다. 무엇이 잘못됐는지, 어떻게 고치는지, 다시 시도해도 되는지 알려 드립니다.",
		APILink:       "JSON API",

		HeroTitle:         "이 에러는 무엇이고, 이제 무엇을 해야 할까요?",
		HeroLead:          "K-Message, Kirim, 카카오톡 공유의 모든 에러를 코드나 메시지로 찾거나, 에러 전체를 붙여 넣어 찾아보세요.",
		SearchLabel:       "에러 코드 검색",
		SearchPlaceholder: "코드나 메시지를 입력하거나 에러 전체를 붙여 넣으세요",
		SearchButton:      "검색",
		ShortcutHint:      "키를 누르면 어디서든 검색",
		SearchHelp:        "JSON 에러나 로그 한 줄이 있다면 통째로 붙여 넣으세요.",
		TryLabel:          "예시",
		TryQueries:        []string{"4019", "KOE009", "-401", "invalid_phone_number", "잔액 부족", "템플릿"},
		SearchTitle:       "검색",
		Results:           func(n int) string { return "결과 " + strconv.Itoa(n) + "건" },
		AllEntries:        func(n int) string { return "항목 " + strconv.Itoa(n) + "개" },
		ResultsHeading:    "검색 결과",
		NoResults:         "일치하는 항목이 없습니다.",
		NoResultsHint:     "검색어를 줄이거나, 코드만 입력하거나, 필터를 줄여 보세요.",
		DidYouMean:        "이것을 찾으셨나요?",
		ReadAsPayload:     "붙여 넣은 에러로 읽었습니다",
		MatchedBy:         "일치 근거",
		Filters:           "필터",
		FilterBy:          "결과 좁히기",
		ActiveFilters:     "적용된 필터",
		RemoveFilter:      "필터 제거",
		ClearFilters:      "모두 지우기",
		FacetSystem:       "시스템",
		FacetHTTP:         "HTTP 상태",
		FacetType:         "유형",
		FacetRetry:        "재시도",
		Retryable:         "재시도 가능",
		NotRetryable:      "재시도 불가",
		MoreResults:       "결과 더 보기",
		Loading:           "검색 중…",
		LiveError:         "검색이 응답하지 않았습니다. Enter 키로 다시 시도하세요.",
		SystemsHeading:    "시스템",
		SystemsIntro:      "errdex가 아는 모든 에러 코드를, 에러를 돌려주는 시스템별로 모았습니다.",
		Entries:           func(n int) string { return "에러 코드 " + strconv.Itoa(n) + "개" },
		BrowseSystem:      "모든 코드 보기",
		BrowseAll:         "전체 항목 보기",

		Code:          "코드",
		Variant:       "변형",
		System:        "시스템",
		Title:         "제목",
		HTTPStatus:    "HTTP 상태",
		Type:          "유형",
		Retry:         "재시도",
		Summary:       "요약",
		Causes:        "원인",
		Fixes:         "해결 방법",
		Notes:         "참고",
		Examples:      "실제 모습",
		Copy:          "복사",
		Copied:        "복사됨",
		AlsoKnownAs:   "다른 이름",
		Aliases:       "별칭",
		ProviderCodes: "프로바이더 코드",
		Provider:      "프로바이더",
		Related:       "관련 에러",
		References:    "출처",
		Source:        "원본 문서",
		Permalink:     "고유 링크",
		OnThisPage:    "이 페이지의 내용",
		Breadcrumb:    "현재 위치",
		AtAGlance:     "한눈에 보기",

		VariantsHeading: func(code string, n int) string {
			return fmt.Sprintf("%s에는 %d가지 경우가 있습니다", code, n)
		},
		VariantsIntro:  "같은 코드가 서로 다른 실패에 쓰입니다. 메시지로 구별하세요.",
		OtherVariants:  "같은 코드의 다른 경우",
		Elsewhere:      "다른 시스템의 같은 코드",
		ElsewhereIntro: "다른 시스템도 이 코드를 씁니다. 어느 시스템이 돌려준 에러인지 확인하세요.",
		TellsApart:     "구별하는 법",
		Message:        "메시지",
		OpenEntry:      "열기",
		Homepage:       "공식 문서",
		SortBy:         "정렬:",
		SystemEntries:  "에러 코드",
		Yes:            "예",
		No:             "아니요",
		ErrorTitles: map[int]string{
			400: "요청을 이해할 수 없습니다",
			404: "페이지를 찾을 수 없습니다",
			405: "허용되지 않는 방식입니다",
			429: "요청이 너무 많습니다",
			500: "문제가 생겼습니다",
			503: "아직 준비 중입니다",
		},
		ErrorTexts: map[int]string{
			400: "주소에 올바르지 않은 값이 있습니다. 주소를 확인하거나 새로 검색해 보세요.",
			404: "이 주소에는 페이지가 없습니다. 코드 철자가 다를 수 있으니 검색해 보세요.",
			405: "이 페이지는 그런 방식으로 사용할 수 없습니다.",
			429: "짧은 시간에 요청을 너무 많이 보냈습니다. 몇 초 기다린 뒤 다시 시도하세요.",
			500: "errdex가 응답하지 못했습니다. 다시 시도해 보고, 계속 실패하면 요청 ID와 함께 알려 주세요.",
			503: "errdex가 시작하는 중입니다. 잠시 후 다시 시도하세요.",
		},
		ErrorFallback:    "요청 실패",
		ErrorFallbackTxt: "errdex가 이 요청에 응답하지 못했습니다.",
		ErrorDetail:      "자세한 내용",
		RequestID:        "요청 ID",
		FoundElsewhere:   "이 코드가 있는 곳",
		NoSuchCode:       func(system, code string) string { return system + "에는 " + code + " 코드가 없습니다" },
		BackToSearch:     "errdex 검색",
		NearCodes:        "비슷한 코드",

		AnswerLabel:      "답",
		Certain:          "코드로 찾음",
		Likely:           "가장 가까움",
		FirstFixes:       "해결 방법",
		MoreFixes:        func(n int) string { return "해결 방법 " + strconv.Itoa(n) + "개 더 보기(항목 페이지)" },
		AmbiguousHeading: func(n int) string { return "똑같이 들어맞는 항목 " + strconv.Itoa(n) + "개" },
		AmbiguousIntro:   "함께 받은 에러 메시지로 구별하세요:",
		NotSure:          "확실하지 않음",
		NotSureText:      "분명히 일치하는 항목이 없습니다. 가장 가까운 항목들이니 메시지를 확인한 뒤 조치하세요.",
		WeakMatch:        "약한 일치",
		FindingsHeading:  func(n int) string { return "에러 " + strconv.Itoa(n) + "개를 찾았습니다" },
		FindingLines: func(first, last, n int) string {
			s := strconv.Itoa(first) + "번째 줄"
			if last > first {
				s = strconv.Itoa(first) + "–" + strconv.Itoa(last) + "번째 줄"
			}
			if n > 1 {
				s += ", " + strconv.Itoa(n) + "번"
			}
			return s
		},
		CopyCode:         "코드 복사",
		CopyLink:         "링크 복사",
		CopySlack:        "Slack용 복사",
		CopyMarkdown:     "Markdown으로 복사",
		CopyActions:      "복사",
		CustomerReply:    "고객 안내 문구",
		CustomerReplyTip: "고객에게 그대로 보낼 수 있는 답변입니다. 위의 해결 방법은 개발자용입니다.",
	},
}

// stringsFor returns the UI strings of lang, English when it has none.
func stringsFor(lang errdex.Lang) *Strings {
	if s, ok := stringsByLang[lang]; ok {
		return s
	}
	return stringsByLang[errdex.English]
}
