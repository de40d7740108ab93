package params

import (
	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/text/language"

	"github.com/errdex/errdex"
)

// langMatcher knows the catalog's languages, in the order of errdex.Langs.
var langMatcher = language.NewMatcher([]language.Tag{language.English, language.Korean})

// langCache remembers the language of recent headers: matching one costs
// some 13 µs and 22 allocations, and clients send few distinct headers
// (a browser sends the same one on every request).
var langCache = func() *lru.Cache[string, errdex.Lang] {
	c, err := lru.New[string, errdex.Lang](512)
	if err != nil {
		panic(err)
	}
	return c
}()

// maxLangHeader bounds the headers remembered; a longer one is matched
// every time (the server's header limit bounds it anyway).
const maxLangHeader = 256

// PreferredLang returns the catalog language an HTTP Accept-Language
// header ranks highest ("ko-KR,ko;q=0.9,en;q=0.8" is Korean), English when
// it names none or does not parse: the header is a preference, not a
// demand, so it is never refused.
func PreferredLang(header string) errdex.Lang {
	if header == "" {
		return errdex.English
	}
	if l, ok := langCache.Get(header); ok {
		return l
	}
	l := matchLang(header)
	if len(header) <= maxLangHeader {
		langCache.Add(header, l)
	}
	return l
}

func matchLang(header string) errdex.Lang {
	tags, qs, err := language.ParseAcceptLanguage(header)
	if err != nil {
		return errdex.English
	}
	// A weight over 1 is malformed (RFC 9110, 12.4.2): that part is
	// skipped, as a malformed one is.
	var wanted []language.Tag
	for i, t := range tags {
		if qs[i] <= 1 {
			wanted = append(wanted, t)
		}
	}
	if len(wanted) == 0 {
		return errdex.English
	}
	_, i, conf := langMatcher.Match(wanted...)
	if conf == language.No {
		return errdex.English
	}
	return errdex.Langs[i]
}
