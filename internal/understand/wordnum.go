package understand

import "strings"

// numberFillers may stand between the word and the number of a code joined
// from them, two at most: "exit code 4", "exited with status 4" spell
// exit-4 as "exit 4" does.
var numberFillers = map[string]bool{"code": true, "status": true, "with": true, "코드": true, "상태": true}

// maxFillers is how many fillers may stand between the word and the number.
const maxFillers = 2

// codeWordsKo are Korean words for the words codes are joined from: a
// Korean reader types "종료 코드 4" for exit code 4.
var codeWordsKo = map[string]string{"종료": "exit"}

// joinWord returns the forms of a typed word a code may be joined from:
// the word, without an English inflection ("exited", "exits"), or the
// English word a Korean one stands for; nil for any other word.
func joinWord(t string) []string {
	w := strings.ToLower(TrimNoise(t))
	if en, ok := codeWordsKo[w]; ok {
		return []string{en}
	}
	if len(w) < 2 || !isPlainWord(w) {
		return nil
	}
	forms := []string{w}
	for _, suf := range []string{"ed", "d", "s"} {
		if b, ok := strings.CutSuffix(w, suf); ok && len(b) >= 2 {
			forms = append(forms, b)
		}
	}
	return forms
}

// maxJoinedDigits: the number of a code joined from a word is short (an
// exit status); a longer one beside a word is an id or an amount.
const maxJoinedDigits = 3

// readJoined finds the codes a text spells by writing a plain word and a
// number apart ("exit 4", "exit code 4" for the k-msg CLI's exit-4). Any
// program prints "exit 4" or "exit code 1", so such a code names its entry
// only where the text also says whose it is (Reading.Joined). A number
// with a sign is a negative number: "exit -4" is not exit status 4.
func (r *reader) readJoined() {
	toks := strings.Fields(r.text)
	for i := 0; i+1 < len(toks); i++ {
		forms := joinWord(toks[i])
		if forms == nil {
			continue
		}
		j := i + 1
		for k := 0; k < maxFillers && j+1 < len(toks) && numberFillers[strings.ToLower(TrimNoise(toks[j]))]; k++ {
			j++
		}
		n := TrimNoise(toks[j])
		if len(n) > maxJoinedDigits || !isDigits(n) {
			continue // not a number, a long one, or a signed one ("-4")
		}
		r.addJoined(forms, n)
	}
}

// addJoined adds the code one of the word's forms and the number join
// into, if the catalog has one.
func (r *reader) addJoined(forms []string, n string) {
	for _, w := range forms {
		for _, sep := range []string{"-", "_"} {
			code := w + sep + n
			if kind, _ := r.lex.Key(code); kind == Code && !r.found[code] {
				r.addKey(code)
				r.out.Joined = append(r.out.Joined, code)
				return
			}
		}
	}
}

// isJoined reports whether a lower-cased key is a plain word and a number
// joined by - or _ (exit-4): readJoined spells those, and the words of a
// text must not spell them by joining every word.
func isJoined(key string) bool {
	w, n, ok := strings.Cut(key, "-")
	if !ok {
		w, n, ok = strings.Cut(key, "_")
	}
	return ok && len(w) >= 2 && isPlainWord(w) && isDigits(n)
}
