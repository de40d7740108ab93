package search

// systemsOfWord returns the systems a lower-cased word typed names: a
// system's id or keyword ("kakao", "알림톡"), or, for a Korean word, its
// stem's ("문자가", "알림톡이": the word with a particle after it).
func (ix *Index) systemsOfWord(w string) []string {
	if sys := ix.systemWords[w]; len(sys) > 0 || !hasHangul(w) {
		return sys
	}
	return ix.systemWords[koStem(w)]
}
