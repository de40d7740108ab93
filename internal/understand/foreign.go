package understand

import (
	"regexp"
	"slices"
	"strings"
)

// Other services print errors in envelopes much like the catalog's systems
// do (a code, a message, a type), so their words and codes meet entries'.
// When a text names one of them (Stripe, Twilio, LINE, api.telegram.org,
// FirebaseMessagingError) and no system of the catalog, the error is most
// likely that service's: words and provider codes alone must not claim an
// entry. The names are of services people paste errors of beside
// messaging ones: payments, messaging and mail APIs, clouds, chat
// platforms.
var foreignNames = map[string]bool{
	// payments
	"stripe": true, "paypal": true, "braintree": true, "adyen": true, "toss": true, "tosspayments": true,
	"토스": true, "토스페이먼츠": true, "kakaopay": true, "카카오페이": true, "naverpay": true, "네이버페이": true,
	"iamport": true, "아임포트": true, "portone": true, "포트원": true, "nicepay": true, "나이스페이": true,
	"inicis": true, "이니시스": true, "payco": true, "페이코": true, "shopify": true,
	// messaging, voice and mail
	"twilio": true, "vonage": true, "nexmo": true, "messagebird": true, "infobip": true, "plivo": true,
	"sinch": true, "telnyx": true, "sendgrid": true, "mailgun": true, "mailchimp": true, "mandrill": true,
	"postmark": true, "sparkpost": true, "nhn": true, "nhncloud": true, "toast": true, "sens": true,
	"ncloud": true, "naver": true, "네이버": true, "navercloud": true, "linebot": true, "telegram": true,
	"텔레그램": true, "slack": true, "슬랙": true, "discord": true, "디스코드": true, "viber": true,
	"wechat": true, "zalo": true, "onesignal": true, "pusher": true, "apns": true, "fcm": true, "firebase": true,
	"firebasemessaging": true, "파이어베이스": true,
	// clouds and platforms
	"aws": true, "amazon": true, "botocore": true, "boto3": true, "azure": true, "googleapis": true,
	"gcp": true, "cloudflare": true, "vercel": true, "netlify": true, "heroku": true, "github": true,
	"gitlab": true, "openai": true, "anthropic": true, "supabase": true, "auth0": true, "okta": true,
	// and Meta's products other than WhatsApp: glued.go's otherMetaProducts
}

// foreignUpper are names that are also plain words ("line"): they name the
// service only written as the service writes itself.
var foreignUpper = map[string]bool{"LINE": true}

// reHost is a host name in a URL or standing alone (api.line.me).
var reHost = regexp.MustCompile(`(?i)\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b`)

// foreignHostLabels name a service when they are a label of a host:
// api.line.me, notify-api.line.me.
var foreignHostLabels = map[string]bool{"line": true}

const maxForeign = 4

// minForeignPrefix: a name this long also names its service opening a
// class or package name (StripeCardError, TwilioRestException).
const (
	minForeignPrefix = 5
	maxForeignName   = 24 // bytes of the longest name
)

// foreignName returns the service a lower-cased token form names, if any.
func foreignName(form string) string {
	if foreignNames[form] {
		return form
	}
	for n := min(len(form)-1, maxForeignName); n >= minForeignPrefix; n-- {
		if foreignNames[form[:n]] {
			return form[:n]
		}
	}
	return ""
}

// nameForeign adds the service a token form names (readSystems reads the
// tokens: words and class names such as StripeCardError, LineBotApiError).
func (r *reader) nameForeign(form string) {
	if name := foreignName(form); name != "" {
		r.addForeign(name)
	}
}

// addForeign adds a service's name, unless a system or provider of the
// catalog has it.
func (r *reader) addForeign(name string) {
	if len(r.out.Foreign) >= maxForeign || slices.Contains(r.out.Foreign, name) {
		return
	}
	if len(r.lex.Systems(name)) == 0 && !r.lex.Provider(name) {
		r.out.Foreign = append(r.out.Foreign, name)
	}
}

// readForeign reads the names of other services that readSystems' tokens
// do not show: names that are plain words unless written as the service
// writes them (LINE), and labels of hosts (api.line.me).
func (r *reader) readForeign() {
	for name := range foreignUpper {
		if hasWord(r.text, name) {
			r.addForeign(strings.ToLower(name))
		}
	}
	for label := range foreignHostLabels {
		if !strings.Contains(r.text, label+".") {
			continue
		}
		for _, h := range reHost.FindAllString(r.text, 8) {
			if slices.Contains(strings.Split(strings.ToLower(h), "."), label) {
				r.addForeign(label)
			}
		}
	}
}

// hasWord reports whether w stands in text as a word of its own, not a
// piece of a longer one (LINE, not LINEAR or PIPELINE).
func hasWord(text, w string) bool {
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(w)
		if (i == 0 || !isASCIILetter(text[i-1])) && (end == len(text) || !isASCIILetter(text[end])) {
			return true
		}
		from = end
	}
	return false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
