package synth

import "github.com/errdex/errdex"

// The words synthetic entries are made of. A synthetic error is a
// condition of a qualified object ("scheduled" + "template" + "expired"),
// told in both languages; every (qualifier, object, condition) triple is
// used at most once, so that a few words of a title name one entry, as
// they do in a real catalog.

// word is one word in both languages.
type word struct{ en, ko string }

var qualifiers = []word{
	{"primary", "기본"}, {"secondary", "보조"}, {"scheduled", "예약"}, {"bulk", "대량"},
	{"test", "테스트"}, {"production", "운영"}, {"sandbox", "샌드박스"}, {"mobile", "모바일"},
	{"desktop", "데스크톱"}, {"partner", "파트너"}, {"internal", "내부"}, {"external", "외부"},
	{"public", "공개"}, {"private", "비공개"}, {"shared", "공유"}, {"default", "디폴트"},
	{"custom", "맞춤"}, {"recurring", "정기"}, {"temporary", "임시"}, {"legacy", "레거시"},
	{"domestic", "국내"}, {"international", "해외"}, {"corporate", "법인"}, {"personal", "개인"},
	{"guest", "비회원"}, {"admin", "관리자"}, {"regional", "지역"}, {"global", "전역"},
	{"encrypted", "암호화"}, {"daily", "일일"}, {"monthly", "월간"}, {"annual", "연간"},
	{"weekly", "주간"}, {"hourly", "시간별"}, {"promotional", "광고성"}, {"transactional", "거래성"},
	{"marketing", "마케팅"}, {"beta", "베타"}, {"trial", "체험판"}, {"premium", "프리미엄"},
	{"enterprise", "엔터프라이즈"}, {"standard", "표준"}, {"realtime", "실시간"}, {"offline", "오프라인"},
	{"inbound", "수신"}, {"outbound", "발신"},
}

var objects = []word{
	{"template", "템플릿"}, {"balance", "잔액"}, {"webhook", "웹훅"}, {"signature", "서명"},
	{"token", "토큰"}, {"recipient", "수신자"}, {"sender", "발신자"}, {"channel", "채널"},
	{"quota", "할당량"}, {"session", "세션"}, {"connection", "연결"}, {"certificate", "인증서"},
	{"payment", "결제"}, {"refund", "환불"}, {"invoice", "청구서"}, {"account", "계정"},
	{"password", "비밀번호"}, {"attachment", "첨부파일"}, {"image", "이미지"}, {"file", "파일"},
	{"domain", "도메인"}, {"callback", "콜백"}, {"subscription", "구독"}, {"coupon", "쿠폰"},
	{"order", "주문"}, {"shipment", "배송"}, {"address", "주소"}, {"profile", "프로필"},
	{"device", "기기"}, {"phone", "전화번호"}, {"email", "이메일"}, {"campaign", "캠페인"},
	{"audience", "대상자"}, {"segment", "세그먼트"}, {"contact", "연락처"}, {"group", "그룹"},
	{"member", "회원"}, {"permission", "권한"}, {"scope", "범위"}, {"secret", "시크릿"},
	{"credential", "자격증명"}, {"license", "라이선스"}, {"plan", "요금제"}, {"card", "카드"},
	{"transfer", "이체"}, {"wallet", "지갑"}, {"point", "포인트"}, {"booking", "예매"},
	{"ticket", "티켓"}, {"calendar", "캘린더"}, {"report", "보고서"}, {"export", "내보내기"},
	{"upload", "업로드"}, {"download", "다운로드"}, {"storage", "저장소"}, {"bucket", "버킷"},
	{"region", "리전"}, {"cluster", "클러스터"}, {"node", "노드"}, {"queue", "대기열"},
	{"worker", "워커"}, {"job", "작업"}, {"pipeline", "파이프라인"}, {"build", "빌드"},
	{"deployment", "배포"}, {"release", "릴리스"}, {"branch", "브랜치"}, {"repository", "리포지토리"},
	{"commit", "커밋"}, {"comment", "댓글"}, {"post", "게시물"}, {"thread", "스레드"},
	{"notification", "알림"}, {"alert", "경보"}, {"banner", "배너"}, {"button", "버튼"},
	{"link", "링크"}, {"redirect", "리다이렉트"}, {"cookie", "쿠키"}, {"header", "헤더"},
	{"parameter", "파라미터"}, {"schema", "스키마"}, {"field", "필드"}, {"index", "인덱스"},
	{"record", "레코드"}, {"table", "테이블"}, {"cursor", "커서"}, {"batch", "배치"},
	{"locale", "로케일"}, {"currency", "통화"}, {"tax", "세금"}, {"discount", "할인"},
	{"price", "가격"}, {"product", "상품"}, {"inventory", "재고"}, {"category", "카테고리"},
	{"brand", "브랜드"}, {"store", "매장"}, {"merchant", "가맹점"}, {"agent", "상담원"},
	{"chatbot", "챗봇"}, {"survey", "설문"}, {"form", "양식"}, {"captcha", "캡차"},
	{"passcode", "인증번호"}, {"voucher", "상품권"}, {"mailbox", "메일함"}, {"keyword", "키워드"},
}

// Korean endings attached to a condition's stem.
const (
	koDoe = iota // 만료되었습니다, 만료됨, 만료되어, 만료된
	koHa         // 부족합니다, 부족함, 부족하여, 부족해요
	koIm         // 미등록입니다, 미등록임, 미등록이에요
	koOcc        // 장애가 발생했습니다
)

// Sentence-final forms, as the catalog writes them.
var koEndings = [][]string{
	koDoe: {"되었습니다", "됨", "됐습니다"},
	koHa:  {"합니다", "함", "했습니다"},
	koIm:  {"입니다", "임", " 상태입니다"},
}

// Endings a person types, different from the catalog's own text.
var koTypedEndings = [][]string{
	koDoe: {"됐어요", "돼요", "되었어요", ""},
	koHa:  {"해요", "했어요", "", "하는"},
	koIm:  {"이에요", "", "이다"},
}

// condition is a way something fails, with the HTTP status, type and retry
// advice that go with it.
type condition struct {
	en       string // title word
	enPhrase string // "has expired"
	ko       string // stem: 만료
	koKind   int
	status   int
	typ      string
	retry    errdex.RetryStrategy
}

var conditions = []condition{
	{"expired", "has expired", "만료", koDoe, 401, "authentication_error", errdex.RetryAfterFixed},
	{"missing", "is missing", "누락", koDoe, 400, "invalid_request_error", errdex.RetryNever},
	{"rejected", "was rejected", "거부", koDoe, 422, "invalid_request_error", errdex.RetryNever},
	{"exceeded", "went over its limit", "초과", koDoe, 429, "rate_limit_error", errdex.RetryAfter},
	{"duplicate", "is a duplicate of an earlier one", "중복", koDoe, 409, "conflict_error", errdex.RetryNever},
	{"blocked", "is blocked", "차단", koDoe, 403, "permission_error", errdex.RetryAfterFixed},
	{"deleted", "was deleted", "삭제", koDoe, 404, "not_found_error", errdex.RetryNever},
	{"cancelled", "was cancelled", "취소", koDoe, 409, "conflict_error", errdex.RetryNever},
	{"suspended", "is suspended", "정지", koDoe, 403, "permission_error", errdex.RetryAfterFixed},
	{"restricted", "is restricted", "제한", koDoe, 403, "permission_error", errdex.RetryAfterFixed},
	{"corrupted", "is corrupted", "손상", koDoe, 422, "invalid_request_error", errdex.RetryNever},
	{"changed", "was changed since it was approved", "변경", koDoe, 409, "conflict_error", errdex.RetryNever},
	{"locked", "is locked", "잠금", koDoe, 423, "permission_error", errdex.RetryAfterFixed},
	{"mismatch", "does not match the registered value", "불일치", koHa, 400, "invalid_request_error", errdex.RetryNever},
	{"insufficient", "is insufficient", "부족", koHa, 402, "billing_error", errdex.RetryAfterFixed},
	{"delayed", "is delayed", "지연", koDoe, 503, "api_error", errdex.RetryBackoff},
	{"interrupted", "was interrupted", "중단", koDoe, 502, "provider_error", errdex.RetryBackoff},
	{"disabled", "is disabled", "비활성화", koDoe, 403, "permission_error", errdex.RetryAfterFixed},
	{"unregistered", "is not registered", "미등록", koIm, 400, "invalid_request_error", errdex.RetryAfterFixed},
	{"unapproved", "is not approved yet", "미승인", koIm, 403, "permission_error", errdex.RetryAfterFixed},
	{"unsupported", "is not supported", "미지원", koIm, 400, "invalid_request_error", errdex.RetryNever},
	{"conflict", "conflicts with another request", "충돌", koHa, 409, "conflict_error", errdex.RetryBackoff},
	{"timeout", "timed out", "시간초과", koDoe, 504, "provider_error", errdex.RetryBackoff},
	{"outage", "is down", "장애", koOcc, 503, "provider_error", errdex.RetryBackoff},
	{"overloaded", "is overloaded", "과부하", koOcc, 503, "api_error", errdex.RetryAfter},
	{"revoked", "was revoked", "폐기", koDoe, 401, "authentication_error", errdex.RetryAfterFixed},
	{"unverified", "is not verified", "미인증", koIm, 403, "permission_error", errdex.RetryAfterFixed},
	{"invalid", "is invalid", "무효", koIm, 400, "invalid_request_error", errdex.RetryNever},
	{"overdue", "is overdue", "연체", koDoe, 402, "billing_error", errdex.RetryAfterFixed},
	{"frozen", "is frozen", "동결", koDoe, 403, "permission_error", errdex.RetryAfterFixed},
	{"oversized", "is too large", "용량초과", koDoe, 413, "invalid_request_error", errdex.RetryNever},
	{"outdated", "is out of date", "구버전", koIm, 426, "invalid_request_error", errdex.RetryNever},
	{"forbidden", "is forbidden", "금지", koDoe, 403, "permission_error", errdex.RetryNever},
	{"unreachable", "is unreachable", "접속불가", koIm, 502, "provider_error", errdex.RetryBackoff},
	{"reset", "was reset", "초기화", koDoe, 409, "conflict_error", errdex.RetryNever},
	{"misconfigured", "is misconfigured", "설정오류", koOcc, 500, "api_error", errdex.RetryAfterFixed},
	{"declined", "was declined", "거절", koDoe, 402, "billing_error", errdex.RetryNever},
	{"unpaid", "is unpaid", "미납", koIm, 402, "billing_error", errdex.RetryAfterFixed},
	{"exhausted", "is used up", "소진", koDoe, 429, "rate_limit_error", errdex.RetryAfter},
	{"throttled", "is being throttled", "속도제한", koDoe, 429, "rate_limit_error", errdex.RetryAfter},
	{"unavailable", "is temporarily unavailable", "일시중지", koDoe, 503, "api_error", errdex.RetryBackoff},
	{"quarantined", "was quarantined", "격리", koDoe, 403, "permission_error", errdex.RetryAfterFixed},
	{"unreadable", "cannot be read", "판독불가", koIm, 422, "invalid_request_error", errdex.RetryNever},
	{"stale", "is stale", "갱신필요", koIm, 409, "conflict_error", errdex.RetryBackoff},
}

// codeStyle is how a system spells its codes.
type codeStyle int

const (
	styleUpper    codeStyle = iota // TEMPLATE_EXPIRED
	styleLower                     // template_expired
	styleNumeric                   // 482913
	stylePrefixed                  // PGX0042
)

// synthSystem is a made-up system whose errors the synthetic entries are.
type synthSystem struct {
	id, en, ko string
	style      codeStyle
	prefix     string // for stylePrefixed
	providers  []string
	keywords   []string
}

var synthSystems = []synthSystem{
	{"paygate", "PayGate", "페이게이트", styleUpper, "", []string{"toss", "inicis"}, []string{"payments", "결제"}},
	{"mailrelay", "MailRelay", "메일릴레이", styleLower, "", []string{"aws-ses", "sendgrid"}, []string{"email", "메일"}},
	{"pushwave", "PushWave", "푸시웨이브", styleNumeric, "", []string{"fcm", "apns"}, []string{"push", "푸시"}},
	{"authhub", "AuthHub", "인증허브", stylePrefixed, "AHB", nil, []string{"login", "로그인"}},
	{"shipfast", "ShipFast", "쉽패스트", styleUpper, "", []string{"cj", "hanjin"}, []string{"delivery", "택배"}},
	{"storebox", "StoreBox", "스토어박스", styleLower, "", []string{"s3", "gcs"}, []string{"storage", "스토리지"}},
	{"chatline", "ChatLine", "챗라인", styleNumeric, "", []string{"meta", "line"}, []string{"chat", "채팅"}},
	{"ledger", "Ledger Cloud", "레저 클라우드", stylePrefixed, "LDG", nil, []string{"accounting", "회계"}},
	{"bookit", "BookIt", "북잇", styleUpper, "", []string{"naver", "kakao-pay"}, []string{"reservation", "예약"}},
	{"deployer", "Deployer", "디플로이어", styleLower, "", nil, []string{"ci", "배포"}},
	{"smsgo", "SMSGo", "문자고", styleNumeric, "", []string{"aligo", "iwinv"}, []string{"sms", "문자"}},
	{"crmhub", "CRM Hub", "CRM 허브", stylePrefixed, "CRM", nil, []string{"crm", "고객관리"}},
}
