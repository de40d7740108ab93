package search

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// vocab is every word of the catalog's text, lower-cased and unstemmed,
// with how often it occurs. It turns a typo into the words it could be and
// a typed prefix into the words it could become, so that Bleve only ever
// sees plain term lookups of words that exist.
type vocab struct {
	freq map[string]int
	// df counts the entries a word (a Korean word by its stem) is in, and
	// docs the entries counted.
	df     map[string]int
	docs   int
	inDoc  map[string]bool
	sorted []string         // all words, for prefix lookup
	byLen  map[int][]string // words without digits by rune count, for typo lookup
	runes  map[int][][]rune // the same words as runes, so comparing allocates nothing
	masks  map[int][]uint64 // the same words' letter masks (letterMask)
}

// letterMask is a set of w's letters, each hashed to one of 64 bits. A
// word within d edits of another lacks at most d of the other's letters,
// and an edit adds at most one letter, so two words whose masks differ by
// more than d bits either way are more than d edits apart (a hash shared
// by two letters only makes masks closer): the typo lookups compare only
// the words that pass, and they were most of a typo query's time.
func letterMask(w []rune) uint64 {
	var m uint64
	for _, r := range w {
		m |= 1 << (uint32(r) % 64)
	}
	return m
}

// mayBeWithin reports whether words with masks a and b may be within d
// edits of each other.
func mayBeWithin(a, b uint64, d int) bool {
	return bits.OnesCount64(a&^b) <= d && bits.OnesCount64(b&^a) <= d
}

func newVocab() *vocab {
	return &vocab{freq: map[string]int{}, df: map[string]int{}, inDoc: map[string]bool{}}
}

// endDoc closes the entry whose text addText was given since the last call,
// counting each of its words once towards their document frequency.
func (v *vocab) endDoc() {
	for w := range v.inDoc {
		v.df[w]++
		delete(v.inDoc, w)
	}
	v.docs++
}

// placeWords say where an error came up, not whose it is: people type
// them beside any system's code ("4019 on my website", "4019 in my nuxt
// app"), so they are no stranger's name (vocab.unknown).
var placeWords = map[string]bool{
	"website": true, "websites": true, "site": true, "web": true, "webview": true, "homepage": true, "page": true,
	"landing": true, "app": true, "apps": true, "application": true, "server": true, "staging": true,
	"production": true, "prod": true, "dev": true, "local": true, "localhost": true, "browser": true,
	"chrome": true, "safari": true, "firefox": true, "edge": true, "android": true, "ios": true, "iphone": true,
	"ipad": true, "mobile": true, "phone": true, "desktop": true, "console": true, "button": true,
	"click": true, "clicked": true, "screen": true, "popup": true, "customer": true, "customers": true,
	"client": true, "user": true, "users": true, "test": true, "testing": true, "deploy": true,
	"release": true, "build": true, "morning": true, "today": true, "yesterday": true, "suddenly": true,
	"shop": true, "store": true, "blog": true,
	// frameworks and platforms an app is built with
	"react": true, "vue": true, "nuxt": true, "next": true, "nextjs": true, "angular": true, "svelte": true,
	"flutter": true, "unity": true, "swift": true, "swiftui": true, "kotlin": true, "java": true,
	"javascript": true, "js": true, "typescript": true, "node": true, "nodejs": true, "python": true,
	"django": true, "spring": true, "php": true, "laravel": true, "rails": true, "ruby": true,
	"golang": true, "webpack": true, "vite": true, "expo": true, "capacitor": true, "cordova": true,
	"ionic": true, "electron": true, "wordpress": true, "cafe24": true, "imweb": true,
	// Kakao's share API's own words: its methods and template types
	"senddefault": true, "sendcustom": true, "sendscrap": true, "createdefaultbutton": true,
	"createcustombutton": true, "objecttype": true, "feed": true, "commerce": true, "location": true,
	"templateid": true, "templateargs": true, "kakaolink": true,
	// the HTTP clients, proxies and tools a call goes through
	"axios": true, "fetch": true, "curl": true, "postman": true, "insomnia": true, "nginx": true,
	"apache": true, "okhttp": true, "retrofit": true, "alamofire": true, "redis": true, "docker": true,
	"kubernetes": true, "k8s": true, "lambda": true, "ec2": true, "pm2": true,
}

// unknown reports whether no entry holds w, nor the word w is with an
// English ending cut off ("games" for "game"): a name errdex has never
// seen ("minecraft", "sqlite").
func (v *vocab) unknown(w string) bool {
	if v.docs == 0 || v.share(w) > 0 || placeWords[w] {
		return false
	}
	for _, suf := range []string{"s", "es", "ed", "d", "ing", "er", "ers"} {
		if b, ok := strings.CutSuffix(w, suf); ok && len(b) >= 3 && v.share(b) > 0 {
			return false
		}
	}
	return true
}

// share is the fraction of entries that hold w (by its stem if Korean).
func (v *vocab) share(w string) float64 {
	if v.docs == 0 {
		return 0
	}
	if hasHangul(w) {
		w = koStem(w)
	}
	return float64(v.df[w]) / float64(v.docs)
}

func (v *vocab) addText(s string) {
	for _, w := range splitWords(s) {
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		v.freq[w]++
		if hasHangul(w) {
			st := koStem(w)
			if st != w {
				v.freq[st]++
			}
			v.inDoc[st] = true
		} else {
			v.inDoc[w] = true
		}
	}
}

func (v *vocab) finish() {
	v.inDoc = nil
	v.sorted = make([]string, 0, len(v.freq))
	v.byLen = map[int][]string{}
	v.runes = map[int][][]rune{}
	v.masks = map[int][]uint64{}
	for w := range v.freq {
		v.sorted = append(v.sorted, w)
		// Codes and numbers (ahb4664, 132015) are not typo targets: they are
		// found exactly, or offered as suggestions.
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			continue
		}
		n := utf8.RuneCountInString(w)
		v.byLen[n] = append(v.byLen[n], w)
	}
	slices.Sort(v.sorted)
	for n := range v.byLen {
		slices.Sort(v.byLen[n])
		for _, w := range v.byLen[n] {
			v.runes[n] = append(v.runes[n], []rune(w))
			v.masks[n] = append(v.masks[n], letterMask([]rune(w)))
		}
	}
}

func (v *vocab) has(w string) bool { return v.freq[w] > 0 }

// typoBudget is how many typos a word of n letters may carry: none under
// five, one up to eight, two from nine on (as Meilisearch and Typesense do).
func typoBudget(n int) int {
	switch {
	case n < 5:
		return 0
	case n <= 8:
		return 1
	}
	return 2
}

// corrections returns up to max words within the typo budget of w, nearest
// and most frequent first. A word the catalog has needs no correction.
func (v *vocab) corrections(w string, max int) []string {
	runes := []rune(w)
	d := typoBudget(len(runes))
	if d == 0 || v.has(w) {
		return nil
	}
	type cand struct {
		w    string
		dist int
	}
	var (
		cands []cand
		osa   osaScratch
	)
	mask := letterMask(runes)
	for n := len(runes) - d; n <= len(runes)+d; n++ {
		masks := v.masks[n]
		for i, c := range v.runes[n] {
			if !mayBeWithin(mask, masks[i], d) {
				continue
			}
			if dist := osa.distance(runes, c, d); dist <= d {
				cands = append(cands, cand{v.byLen[n][i], dist})
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(v.freq[b.w], v.freq[a.w]), cmp.Compare(a.w, b.w))
	})
	out := make([]string, 0, min(max, len(cands)))
	for _, c := range cands {
		if len(out) == max {
			break
		}
		out = append(out, c.w)
	}
	return out
}

// completions returns up to max words that start with prefix (and are
// longer than it), most frequent first.
func (v *vocab) completions(prefix string, max int) []string {
	i, _ := slices.BinarySearch(v.sorted, prefix)
	var out []string
	for ; i < len(v.sorted) && strings.HasPrefix(v.sorted[i], prefix); i++ {
		if v.sorted[i] != prefix {
			out = append(out, v.sorted[i])
		}
		if len(out) > 4*max { // enough to pick the most frequent from
			break
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(v.freq[b], v.freq[a]) })
	if len(out) > max {
		out = out[:max]
	}
	return out
}

// osaDistance is the optimal-string-alignment edit distance between a and
// b (insertions, deletions, substitutions and transpositions of adjacent
// letters each count one, so "tempalte" is one typo from "template"). It
// stops early and returns max+1 once the distance must exceed max.
func osaDistance(a []rune, b string, max int) int {
	var s osaScratch
	return s.distance(a, []rune(b), max)
}

// osaScratch holds the rows of osaDistance, reused across calls.
type osaScratch struct{ prev2, prev, cur []int }

func (s *osaScratch) distance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	row := func(buf []int) []int {
		if cap(buf) < len(b)+1 {
			return make([]int, len(b)+1)
		}
		return buf[:len(b)+1]
	}
	s.prev2, s.prev, s.cur = row(s.prev2), row(s.prev), row(s.cur)
	prev2, prev, cur := s.prev2, s.prev, s.cur
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	s.prev2, s.prev, s.cur = prev2, prev, cur
	return prev[len(b)]
}

// splitWords lower-cases s and splits it into words of letters and digits;
// underscores, dashes and all punctuation separate words.
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
