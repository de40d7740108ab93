package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// koStranger reports whether a Korean word is a name errdex has never
// seen, as "minecraft" is in English: a noun no entry holds ("쿠팡",
// "당근마켓", "넷플릭스"), beside which a number is that thing's code
// ("쿠팡 오류 4002"). A sentence's verbs and endings ("뜨는데", "그래요") are
// as new to the catalog as a name, so a word ending as a verb or a particle
// does, and the words of where an error came up (koPlaceWords), are none.
func (ix *Index) koStranger(w string) bool {
	if !isAllHangul(w) || utf8.RuneCountInString(w) < 2 || koPlaceWords[w] ||
		slices.ContainsFunc(koEndings, func(e string) bool { return strings.HasSuffix(w, e) }) {
		return false
	}
	// A catalog word made a verb's noun or a place ("공유하기", "카톡방")
	// is the catalog's.
	for _, suf := range koWordSuffixes {
		if b, ok := strings.CutSuffix(w, suf); ok && utf8.RuneCountInString(b) >= 1 && !ix.vocab.unknown(b) {
			return false
		}
	}
	return ix.vocab.unknown(w)
}

// koWordSuffixes make a noun of a word: 공유 → 공유하기, 카톡 → 카톡방.
var koWordSuffixes = []string{"하기", "방", "창", "톡"}

// koEndings end Korean verbs, adjectives and particles: a word ending so
// is a sentence's, not a name.
var koEndings = []string{"요", "다", "데", "서", "고", "음", "함", "됨", "까", "네", "죠", "면", "지", "게", "며",
	"는", "은", "을", "를", "이", "가", "에", "의", "도", "만", "로", "와", "과", "나", "니", "래", "대", "듯"}

// koPlaceWords say where or when an error came up, not whose it is (as
// placeWords in English): "고객사 쇼핑몰 홈페이지에서 4019 떠요".
var koPlaceWords = map[string]bool{"홈페이지": true, "쇼핑몰": true, "사이트": true, "웹": true, "앱": true,
	"어플": true, "고객사": true, "고객": true, "서버": true, "운영": true, "개발": true, "테스트": true,
	"모바일": true, "아이폰": true, "안드로이드": true, "크롬": true, "사파리": true, "화면": true, "버튼": true,
	"오늘": true, "어제": true, "갑자기": true, "계속": true, "자꾸": true, "지금": true, "방금": true,
	"우리": true, "저희": true, "회사": true, "배포": true, "실서버": true, "스테이징": true,
	// site builders and frameworks a share button is put on with
	"아임웹": true, "카페24": true, "식스샵": true, "고도몰": true, "메이크샵": true, "워드프레스": true,
	"리액트": true, "플러터": true, "유니티": true, "자바스크립트": true, "웹뷰": true, "브라우저": true,
	// what a share or a message is made of and sent to
	"단톡방": true, "채팅방": true, "썸네일": true, "미리보기": true, "친구": true, "예약": true, "쿠폰": true,
	"카톡": true, "링크": true, "이미지": true, "공유창": true, "피드": true, "템플릿": true}
