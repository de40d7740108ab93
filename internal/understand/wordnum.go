package understand

import "strings"

// numberFillers may stand between the word and the number of a code joined
// from them: "exit code 4", "exit status 4" spell exit-4 as "exit 4" does.
var numberFillers = map[string]bool{"code": true, "status": true, "코드": true}

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
		w := strings.ToLower(TrimNoise(toks[i]))
		if len(w) < 2 || !isPlainWord(w) {
			continue
		}
		j := i + 1
		if numberFillers[strings.ToLower(TrimNoise(toks[j]))] && j+1 < len(toks) {
			j++
		}
		n := TrimNoise(toks[j])
		if len(n) == 0 || len(n) > maxJoinedDigits || strings.ContainsFunc(n, func(c rune) bool { return c < '0' || c > '9' }) {
			continue // not a number, a long one, or a signed one ("-4")
		}
		for _, sep := range []string{"-", "_"} {
			code := w + sep + n
			if kind, _ := r.lex.Key(code); kind == Code && !r.found[code] {
				r.addKey(code)
				r.out.Joined = append(r.out.Joined, code)
				break
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
	return ok && len(w) >= 2 && isPlainWord(w) && n != "" &&
		!strings.ContainsFunc(n, func(c rune) bool { return c < '0' || c > '9' })
}
