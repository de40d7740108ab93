package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/errdex/errdex"
)

// hasBatchim reports whether the last syllable of a Korean word ends in a
// consonant, which decides the particle that follows (잔액이 / 토큰이 but
// 세션이 / 기기가).
func hasBatchim(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	if r < 0xAC00 || r > 0xD7A3 {
		return false
	}
	return (r-0xAC00)%28 != 0
}

// hasRieulBatchim reports a final ㄹ, after which 으로 becomes 로.
func hasRieulBatchim(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return r >= 0xAC00 && r <= 0xD7A3 && (r-0xAC00)%28 == 8
}

// josa attaches a particle to w: pair is "이/가", "을/를", "은/는", "과/와",
// "으로/로", or a particle that does not change ("에서", "의").
func josa(w, pair string) string {
	a, b, ok := strings.Cut(pair, "/")
	if !ok {
		return w + pair
	}
	if pair == "으로/로" && hasRieulBatchim(w) {
		return w + b
	}
	if hasBatchim(w) {
		return w + a
	}
	return w + b
}

// koCond renders a condition as the catalog writes it: the stem with an
// ending attached (만료되었습니다), or a noun with a particle and a verb
// (장애가 발생했습니다).
func koCond(c condition, r *rand.Rand) string {
	if c.koKind == koOcc {
		return josa(c.ko, "이/가") + " " + pick(r, []string{"발생했습니다", "발생함"})
	}
	return c.ko + pick(r, koEndings[c.koKind])
}

// koTyped renders a condition as a person types it: the bare stem or a
// colloquial ending the catalog text does not use.
func koTyped(c condition, r *rand.Rand) string {
	if c.koKind == koOcc {
		return pick(r, []string{c.ko, josa(c.ko, "이/가") + " 났어요", josa(c.ko, "이/가") + " 생겼어요"})
	}
	return c.ko + pick(r, koTypedEndings[c.koKind])
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// facts are what one synthetic entry is about; its text and queries are
// made from them.
type facts struct {
	sys  *synthSystem
	qual word
	obj  word
	cond condition
}

// prose is an entry's text in both languages.
type prose struct {
	titleEn, titleKo     string
	summaryEn, summaryKo string
	causes, fixes        [][2]string
	retryEn, retryKo     string
	messageEn            string // the message its API returns
}

// events, other objects and advice mixed into causes and fixes, so that an
// entry's body mentions words of other entries, as real text does.
var causeTemplates = []struct{ en, ko string }{
	{"The {obj} {phrase} after the {obj2} was updated in the dashboard.",
		"대시보드에서 {obj2_을} 수정한 뒤 {obj_이} {kocond}."},
	{"One {qual2} {obj2} still refers to a {obj} that {phrase}.",
		"{qual2} {obj2_이} 아직 예전 {obj_을} 가리키고 있습니다. 해당 {obj_이} {kocond}."},
	{"The client sent the request with an old {obj2}, so the {obj} check failed.",
		"클라이언트가 오래된 {obj2_으로} 요청을 보내서 {obj} 검사에 실패했습니다."},
	{"Someone changed the {obj} settings of the {qual} environment without telling the team.",
		"누군가 {qual} 환경의 {obj} 설정을 팀에 알리지 않고 바꿨습니다."},
	{"The {obj2} and the {obj} belong to different accounts.",
		"{obj2_과} {obj_이} 서로 다른 계정에 속해 있습니다."},
	{"A batch job processed the {obj} twice and the second request failed.",
		"배치 작업이 {obj_을} 두 번 처리해서 두 번째 요청이 실패했습니다."},
	{"The {sys} server rejected the {obj} because its {obj2} {phrase2}.",
		"{sysko} 서버가 {obj_을} 거부했습니다. {obj2_이} {kocond2}."},
	{"An integration copied the {obj} from the sandbox into production.",
		"연동 코드가 샌드박스의 {obj_을} 운영 환경에 그대로 복사했습니다."},
}

var fixTemplates = []struct{ en, ko string }{
	{"Check the {obj} in the {sys} dashboard and update it before sending the request again.",
		"{sysko} 대시보드에서 {obj_을} 확인하고 수정한 뒤 요청을 다시 보내세요."},
	{"Create a new {obj} for the {qual} environment and replace the old one in your configuration.",
		"{qual} 환경용 {obj_을} 새로 만들고 설정에 있는 예전 값을 바꾸세요."},
	{"Log the request ID and the {obj2} with every failed send, so support can trace the error.",
		"실패한 요청마다 요청 ID와 {obj2_을} 기록해 두면 지원팀이 오류를 추적할 수 있습니다."},
	{"Ask the account owner to review the {obj} permissions and the {obj2} settings.",
		"계정 소유자에게 {obj} 권한과 {obj2} 설정을 검토해 달라고 요청하세요."},
	{"Validate the {obj} on your side before calling the API, and show a clear message to the user.",
		"API를 호출하기 전에 {obj_을} 직접 검사하고 사용자에게 알기 쉬운 메시지를 보여 주세요."},
	{"If the error persists, contact {sys} support with the error code and the time of the request.",
		"오류가 계속되면 오류 코드와 요청 시각을 {sysko} 고객지원에 알려 주세요."},
}

var summaryExtra = []struct{ en, ko string }{
	{"The API returns this error before any message is sent, so nothing is charged.",
		"메시지를 보내기 전에 API가 이 오류를 돌려주므로 요금은 부과되지 않습니다."},
	{"It usually follows a change in the account settings.",
		"대개 계정 설정을 바꾼 뒤에 나타납니다."},
	{"Requests for other {obj2} records keep working.",
		"다른 {obj2} 요청은 계속 정상 처리됩니다."},
	{"The error message names the field that failed.",
		"오류 메시지에 실패한 필드 이름이 나옵니다."},
	{"Support staff see it most often right after a release.",
		"지원팀은 배포 직후에 이 오류를 가장 자주 봅니다."},
}

var retryNotes = map[errdex.RetryStrategy]struct{ en, ko string }{
	"never": {"The same request fails the same way every time; fix it and send a new one.",
		"같은 요청은 항상 똑같이 실패합니다. 요청을 고친 뒤 새로 보내세요."},
	"backoff": {"Retry with exponential backoff and jitter, at most five times.",
		"지수 백오프와 지터를 두고 최대 다섯 번까지 재시도하세요."},
	"retry_after": {"Wait as long as the Retry-After header says, then retry the request.",
		"Retry-After 헤더에 적힌 시간만큼 기다린 뒤 다시 요청하세요."},
	"after_fix": {"Retry only after someone has fixed the cause in the account.",
		"누군가 계정에서 원인을 해결한 뒤에만 재시도하세요."},
}

// fill replaces {name} and {name_이}-style placeholders: a Korean noun
// with "_이" (or _을, _은, _과, _으로) gets the particle that fits it.
func fill(tmpl string, vars map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		b.WriteString(tmpl[:i])
		key := tmpl[i+1 : i+j]
		tmpl = tmpl[i+j+1:]
		name, particle, ok := strings.Cut(key, "_")
		if !ok {
			b.WriteString(vars[key])
			continue
		}
		pairs := map[string]string{"이": "이/가", "을": "을/를", "은": "은/는", "과": "과/와", "으로": "으로/로"}
		b.WriteString(josa(vars[name], pairs[particle]))
	}
}

// makeProse writes an entry's text from its facts.
func makeProse(f facts, r *rand.Rand) prose {
	obj2 := pick(r, objects)
	for obj2 == f.obj {
		obj2 = pick(r, objects)
	}
	qual2 := pick(r, qualifiers)
	cond2 := pick(r, conditions)
	vars := map[string]string{
		"obj": f.obj.en, "obj2": obj2.en, "qual": f.qual.en, "qual2": qual2.en,
		"phrase": f.cond.enPhrase, "phrase2": cond2.enPhrase, "sys": f.sys.en,
	}
	koVars := map[string]string{
		"obj": f.obj.ko, "obj2": obj2.ko, "qual": f.qual.ko, "qual2": qual2.ko,
		"kocond": koCond(f.cond, r), "kocond2": koCond(cond2, r), "sysko": f.sys.ko,
	}

	var p prose
	switch r.IntN(3) {
	case 0:
		p.titleEn = fmt.Sprintf("%s %s %s", capitalize(f.qual.en), f.obj.en, f.cond.en)
		p.titleKo = fmt.Sprintf("%s %s %s", f.qual.ko, f.obj.ko, f.cond.ko)
	case 1:
		p.titleEn = fmt.Sprintf("%s %s (%s)", capitalize(f.obj.en), f.cond.en, f.qual.en)
		p.titleKo = fmt.Sprintf("%s %s (%s)", f.obj.ko, f.cond.ko, f.qual.ko)
	default:
		p.titleEn = fmt.Sprintf("%s %s: %s", capitalize(f.qual.en), f.obj.en, f.cond.en)
		p.titleKo = fmt.Sprintf("%s %s %s", f.qual.ko, josa(f.obj.ko, "이/가"), koCond(f.cond, r))
	}
	p.messageEn = fmt.Sprintf("The %s %s %s.", f.qual.en, f.obj.en, f.cond.enPhrase)
	extra := pick(r, summaryExtra)
	p.summaryEn = fmt.Sprintf("The request failed with an error: the %s API refused it because the %s %s %s. %s",
		f.sys.en, f.qual.en, f.obj.en, f.cond.enPhrase, fill(extra.en, vars))
	p.summaryKo = fmt.Sprintf("요청이 오류로 실패했습니다. %s API가 요청을 거부했습니다. %s %s %s. %s",
		f.sys.ko, f.qual.ko, josa(f.obj.ko, "이/가"), koCond(f.cond, r), fill(extra.ko, koVars))

	for _, i := range r.Perm(len(causeTemplates))[:2] {
		t := causeTemplates[i]
		p.causes = append(p.causes, [2]string{fill(t.en, vars), fill(t.ko, koVars)})
	}
	for _, i := range r.Perm(len(fixTemplates))[:2] {
		t := fixTemplates[i]
		p.fixes = append(p.fixes, [2]string{fill(t.en, vars), fill(t.ko, koVars)})
	}
	n := retryNotes[f.cond.retry]
	p.retryEn, p.retryKo = n.en, n.ko
	return p
}
