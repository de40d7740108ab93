package search_test

import (
	"context"
	"testing"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/search"
)

// TestAnswers checks the answer and the first result's confidence for the
// kinds of text the contract names.
func TestAnswers(t *testing.T) {
	ix := builtinIndex(t)
	tests := []struct {
		name, q  string
		identify bool
		answer   errdex.Answer
		first    string // the first result's id ("" for none)
		conf     errdex.Confidence
	}{
		{"a code", "4019", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a code with two variants", "-401", false, errdex.AnswerAmbiguous, "", errdex.ConfidenceCertain},
		{"a code shared by systems", "RATE_LIMIT_EXCEEDED", false, errdex.AnswerAmbiguous, "", errdex.ConfidenceCertain},
		{"a variant told apart by its message", "[-401] domain mismatched! caller=https://x.example", true,
			errdex.AnswerFound, "kakao-share/-401/domain-mismatched", errdex.ConfidenceCertain},
		{"a typed description", "잔액이 부족해요", false, errdex.AnswerFound, "kmsg/INSUFFICIENT_BALANCE", errdex.ConfidenceLikely},
		{"small talk", "hello world", true, "", "", ""},
		{"one word of a message", "서비스가 느려요", false, errdex.AnswerUnsure, "", errdex.ConfidenceWeak},
		{"part of a message", "서비스가 아닙니다", false, errdex.AnswerUnsure, "", errdex.ConfidenceWeak},
		{"nothing", "zxcv qwpo", false, errdex.AnswerNone, "", ""},
		// Words most entries hold, alone, tell no entry; a spoken Korean
		// sentence's verbs and negation are not what tells it either.
		{"a word most entries hold", "에러", false, "", "", ""},
		{"SMS not going, balance", "문자가 안 가요 잔액", false, errdex.AnswerFound, "kmsg/INSUFFICIENT_BALANCE", errdex.ConfidenceLikely},
		{"AlimTalk not going", "알림톡이 안 가요", false, "", "", ""},
		// A reply that reports success is no error, whatever its code is
		// elsewhere (IWINV's 1 is a failed send); its failing twin is one.
		{"a success reply", `{"resultCode":"1","resultMessage":"OK","successCount":3,"failCount":0}`, true, "", "", ""},
		{"a send reported done, typed", "알림톡 발송 성공했습니다", false, "", "", ""},
		{"a request to a colleague", "can you check the template?", false, "", "", ""},
		{"a request in Korean", "템플릿 확인 부탁드립니다", true, "", "", ""},
		{"a request about a code", "can you explain 4019", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a step of a fix reported done", "발신번호 등록했습니다", false, "", "", ""},
		{"a setting reported done", "webhook subscription enabled", true, "", "", ""},
		{"a failure reported with a done ending", "Meta가 템플릿 거절했어요 template paused", false, errdex.AnswerFound, "kirim/template_paused", ""},
		{"a code beside a word of success", "카카오 공유는 성공했는데 4019 떠요", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"its failing twin", `{"resultCode":"1","resultMessage":"메시지가 전송되지 않았습니다.","successCount":0,"failCount":3}`, true,
			errdex.AnswerFound, "kmsg/PROVIDER_ERROR", errdex.ConfidenceLikely},
		// A number alone is no error's, even where an entry's example
		// holds it; beside the words of one it is.
		{"a phone number alone", "+821012345678", false, "", "", ""},
		{"a phone number beside words", "invalid phone number +821012345678", false,
			errdex.AnswerFound, "kirim/invalid_phone_number", errdex.ConfidenceLikely},
		// A long number among words that say nothing of an error is an id
		// or a count; said to come up, it is the code.
		{"an order number", "order 131026 shipped", false, "", "", ""},
		{"a count", "sent 131026 messages", false, "", "", ""},
		// So is one that only a provider has, mapped onto an entry.
		{"an order number that is a provider's code", "order 132000 shipped", false, "", "", ""},
		{"an invoice number that is a provider's code", "invoice 132000 paid", true, "", "", ""},
		{"a provider's code said to be one", "error 132000", false, errdex.AnswerFound, "kirim/template_param_count_mismatch", errdex.ConfidenceLikely},
		{"a provider's code beside its provider", "whatsapp 132000 template", false, errdex.AnswerFound, "kirim/template_param_count_mismatch", ""},
		{"a code said to come up", "131026 뜨는데 왜 그래요", false, errdex.AnswerFound, "kirim/131026", errdex.ConfidenceCertain},
		// A number after what it is the id of (a ticket, a pull request)
		// is that thing's; a WebSocket's close code is no error's code.
		{"a ticket number", "zendesk ticket #131047 assigned to me", false, "", "", ""},
		{"a pull request number", "PR #100 merged", true, "", "", ""},
		{"a gateway's close code", "[WS => Shard 0] close code 4011 Sharding required", true, "", "", ""},
		{"a room number", "room 5001", false, "", "", ""},
		{"a one-time code", "인증번호 4019 입력해주세요", false, "", "", ""},
		{"a verification code", "your verification code is 4012", true, "", "", ""},
		{"a card's last digits", "카드 끝자리 4013", false, "", "", ""},
		{"a count in Korean", "4002 명 가입", false, "", "", ""},
		{"error number 4019 in Korean", "4019번 에러", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a WebSocket's close code", "status code 4003 from ws server", false, "", "", ""},
		{"a socket.io close code", "socket.io disconnect code 4002", true, "", "", ""},
		{"an open chat room's share code", "open chat room 4009 admin only", false, errdex.AnswerFound, "kakao-share/4009", errdex.ConfidenceCertain},
		{"a glued code alone", "#4019", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a ticket about a Kakao share code", "kakao share ticket #4019", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		// A provider's content limits, typed in Korean, find the entry
		// they map onto (not claimed: the words are a few).
		{"a long message over its limit", "장문 2000바이트 넘었대요", false, errdex.AnswerUnsure, "kmsg/INVALID_REQUEST", errdex.ConfidenceWeak},
		{"an MMS file over its limit", "파일 100KB 넘음", false, errdex.AnswerUnsure, "kmsg/INVALID_REQUEST", errdex.ConfidenceWeak},
		{"the start of k-msg's no-fetch message", "No fetch implementation is available", false, errdex.AnswerUnsure, "kmsg/NETWORK_ERROR", errdex.ConfidenceWeak},
		{"a wrong shared URL", "kakao share wrong url", false, errdex.AnswerFound, "kakao-share/4041", errdex.ConfidenceLikely},
		// A number bounding a range in a validation message is no code.
		{"a range's bound", "value must be between 1 and 100", false, "", "", ""},
		{"a limit", "up to 100 recipients", true, "", "", ""},
		{"Kirim's limit out of range, pasted", "limit must be between 1 and 100", true, errdex.AnswerUnsure, "kirim/invalid_limit", ""},
		{"Meta's 100 said to be an error", "error 100", false, errdex.AnswerFound, "kirim/100", errdex.ConfidenceCertain},
		// Any program prints an exit status; only the k-msg CLI's, said
		// to be, is its exit-N entry. A signed number is no exit status.
		{"an exit status alone", "exit status 3", false, "", "", ""},
		{"a negative number", "returned exit -4", false, "", "", ""},
		{"another program's exit", "the build stopped with exit code 2", true, "", "", ""},
		{"the k-msg CLI's exit", "KMsgError exit status 3", false, errdex.AnswerFound, "kmsg/exit-3", errdex.ConfidenceCertain},
		{"the k-msg CLI named", "k-msg exited with exit code 2", true, errdex.AnswerFound, "kmsg/exit-2", errdex.ConfidenceCertain},
		{"the k-msg CLI's exit in Korean", "k-msg 종료 코드 3", false, errdex.AnswerFound, "kmsg/exit-3", errdex.ConfidenceCertain},
		{"the k-msg CLI exited", "KMsgError: exited with status 2", true, errdex.AnswerFound, "kmsg/exit-2", errdex.ConfidenceCertain},
		{"an exit in Korean alone", "종료 코드 2", false, "", "", ""},
		// A short code after a word that names another kind of number is
		// that number: errno -2 is ENOENT, exit -2 a process's status.
		{"an errno", "errno: -2", false, "", "", ""},
		{"an errno in a log line", "ENOENT errno -2 open config.json", true, "", "", ""},
		{"a signed exit status", "process exited with code -2", false, "", "", ""},
		{"a signed exit status of a variant code", "exit -401", false, "", "", ""},
		{"a Kakao code said to be one", "error -2", false, errdex.AnswerFound, "kakao-share/-2", errdex.ConfidenceCertain},
		{"a Kakao code beside Kakao", "kakao exit -2", false, errdex.AnswerFound, "kakao-share/-2", errdex.ConfidenceCertain},
		// A short code beside a name no entry holds is that thing's; beside
		// the words of where it came up, it is still the code.
		{"a code in a game", "status 4019 in my game", false, "", "", ""},
		{"a code of a database", "Error code -1 in sqlite", true, "", "", ""},
		{"a code beside a product's name", "error code 4002 minecraft", false, "", "", ""},
		{"a code on a website", "4019 on my website", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a code beside a Korean product's name", "쿠팡 오류 4002", false, "", "", ""},
		{"another Korean product's code", "당근마켓 에러 4012", true, "", "", ""},
		{"a code with a Korean sentence around it", "카톡 공유 4019 떠요", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a code on a shop's homepage", "고객사 쇼핑몰 홈페이지에서 4019 떠요", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a code in a framework", "4019 in my nuxt app", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"another service's namespaced code", "messaging/registration-token-not-registered", false, "", "", ""},
		{"an HTTP status line", "HTTP/1.1 401 Unauthorized", false, "", "", ""},
		// A long provider code among words is the record's when they are
		// the record's own (Meta's title of 131047), not an order's.
		{"a provider code beside its provider's title", "131047 re-engagement", false,
			errdex.AnswerFound, "kirim/outside_24h_window", errdex.ConfidenceLikely},
		{"a site builder's name beside a code", "아임웹 4019 오류", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		// A number beside another system's constant is that constant's
		// value.
		{"an Android WebView error", "WebView error code -2 ERROR_HOST_LOOKUP", true, "", "", ""},
		{"a Chromium net error", "Android error -2 net::ERR_NAME_NOT_RESOLVED", false, "", "", ""},
		// Where a call is made from, carried through or hosted is no
		// stranger's, and a long code is rarely anyone else's.
		{"a share's own Korean noun", "공유하기 4019 에러", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a group chat", "단톡방 4019 에러", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"an HTTP client", "axios 4019 에러", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a host", "vercel 배포 후 4019 에러", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a long code beside a tool", "redis 131026 error", false, errdex.AnswerFound, "kirim/131026", errdex.ConfidenceCertain},
		{"Kakao's own method beside a code", "sendDefault throws 4019", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a template type beside a code", "news feed template 4019", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a long code beside a host", "supabase edge function 131026 error", false, errdex.AnswerFound, "kirim/131026", errdex.ConfidenceCertain},
		{"an HTTP client's status message", "Request failed with status code 500", false, "", "", ""},
		{"axios's status message", "Error: Request failed with status code 401", true, "", "", ""},
		// What any Node program prints is k-msg's only beside k-msg.
		{"the runtime's abort message", "DOMException [TimeoutError]: The operation was aborted due to timeout", true, "", "", ""},
		{"the abort message from k-msg", "k-msg send failed: The operation was aborted due to timeout", true,
			errdex.AnswerFound, "kmsg/NETWORK_TIMEOUT", errdex.ConfidenceCertain},
		{"undici's timeout code", "UND_ERR_CONNECT_TIMEOUT", true, "", "", ""},
		{"an HTTP status and Kakao's words", "401 unauthorized kakao share", false, errdex.AnswerFound, "kakao-share/4016", errdex.ConfidenceLikely},
		// Another service's envelope, spelt like Kirim's, named as that
		// service's; without the name it is Kirim's.
		{"another service named", `stripe: {"error":{"type":"rate_limit_error","code":"rate_limit_exceeded","message":"Too many requests"}}`, true, "", "", ""},
		{"Instagram's Graph API error", `{"error":{"message":"(#100) Tried accessing nonexisting field (media_url) on node type (User)","type":"OAuthException","code":100}} instagram graph api`, true, "", "", ""},
		{"Meta's code with nothing named", "(#100) Invalid parameter", false, errdex.AnswerFound, "kirim/100", errdex.ConfidenceCertain},
		{"a K-Message-shaped payload beside another service", `{"code":"TEMPLATE_NOT_FOUND","message":"Email template not found"} sendgrid`, true, "", "", ""},
		{"the K-Message-shaped payload alone", `{"code":"TEMPLATE_NOT_FOUND","message":"Email template not found"}`, true, errdex.AnswerFound, "kmsg/TEMPLATE_NOT_FOUND", errdex.ConfidenceCertain},
		{"the same without it", `{"error":{"type":"rate_limit_error","code":"rate_limit_exceeded","message":"Too many requests"}}`, true,
			errdex.AnswerFound, "kirim/rate_limit_exceeded", errdex.ConfidenceCertain},
		// Ordinary words are not the rules' cue words (fixund, review H1 M1
		// M2 M3): "throws" is no WebSocket, "in this case" no support case,
		// "일 때" no day count, "400 - 100" no range, "line" no source line.
		{"a code thrown", "it throws 4019 when sharing", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a code in this case", "In this case 4019 is returned", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a test case's code", "test case 4019", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"when it is 4019", "4019 일 때 원인", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"when it is Kakao's -2", "kakao share -2 일 경우", false, errdex.AnswerFound, "kakao-share/-2", errdex.ConfidenceCertain},
		{"a status and Meta's code", "whatsapp 400 - 100 invalid parameter", false, errdex.AnswerFound, "kirim/100", errdex.ConfidenceCertain},
		{"a code after line", "line 4019 error", false, errdex.AnswerFound, "kakao-share/4019", errdex.ConfidenceCertain},
		{"a WebSocket's close code", "ws://localhost:8080 closed with 4019", false, "", "", ""},
		{"a support case's number", "case #4019 updated", false, "", "", ""},
		// A setting's name is no other system's code (review H4); a
		// constant given as a code beside the number still is.
		{"a code beside an app key's name", "-401 뜨는데 REST_API_KEY 넣었어요", false, errdex.AnswerAmbiguous, "", errdex.ConfidenceCertain},
		{"a sender key's name beside words", "SENDER_KEY 넣었는데 알림톡 템플릿 없음", false, errdex.AnswerFound, "kmsg/TEMPLATE_NOT_FOUND", errdex.ConfidenceLikely},
		{"a code beside a template id's name", "error 131026 TEMPLATE_ID 맞는데", false, errdex.AnswerFound, "kirim/131026", errdex.ConfidenceCertain},
		{"a Play Billing response code", "Google Play Billing response code -2 FEATURE_NOT_SUPPORTED", false, "", "", ""},
		// A done step set against a failure reports the failure (review H5).
		{"registered but failing", "sender number registered but alimtalk fails", false, errdex.AnswerFound, "kmsg/INVALID_REQUEST", errdex.ConfidenceLikely},
		{"mismatched after registering", "kakao share domain mismatched after domain registered", false,
			errdex.AnswerFound, "kakao-share/-401/domain-mismatched", errdex.ConfidenceLikely},
		// A polite closing after a symptom is no chatter (review H6).
		{"a symptom and please check", "템플릿 일시 중지됨 확인해주세요", false, errdex.AnswerFound, "kirim/template_paused", errdex.ConfidenceLikely},
		// A negated going is a message not sent, not Kakao Share's "설정이
		// 안 됨" (review, dropKoFillers): first, never claimed.
		// A code typed as one token with a typo keeps its case, as an
		// exact one does: capitals put K-Message's first, small letters
		// Kirim's, and neither is claimed over the other; K-Message's
		// error class names its system (review: it was unsure, Kirim's first).
		{"a shared code with a typo, in capitals", "RATE_LIMIT_EXCEDED", false, errdex.AnswerAmbiguous, "kmsg/RATE_LIMIT_EXCEEDED", ""},
		{"a shared code with a typo, in small letters", "rate_limit_exceded", false, errdex.AnswerAmbiguous, "kirim/rate_limit_exceeded", ""},
		{"a shared code with a typo, its system named", "KMsgError RATE_LIMIT_EXCEDED", false, errdex.AnswerFound, "kmsg/RATE_LIMIT_EXCEEDED", ""},
		{"a shared code spelt as words in capitals", "RATE LIMIT EXCEEDED", false, "", "", ""},
		{"AlimTalk not going, first", "알림톡이 안 가요", false, "", "kmsg/MESSAGE_SEND_FAILED", errdex.ConfidenceWeak},
		{"SMS not coming, first", "문자가 안 와요", false, "", "kmsg/MESSAGE_SEND_FAILED", errdex.ConfidenceWeak},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp *search.Response
			var err error
			if tt.identify {
				resp, err = ix.Identify(context.Background(), tt.q, errdex.English, 10)
			} else {
				resp, err = ix.Search(context.Background(), search.Request{Query: tt.q})
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.answer == "" {
				// Unsure or none, whichever: never claimed.
				if resp.Answer.Claims() {
					t.Fatalf("answer %s, want unsure or none", resp.Answer)
				}
			} else if resp.Answer != tt.answer {
				t.Fatalf("answer %s, want %s (results %v)", resp.Answer, tt.answer, judged(resp))
			}
			if len(resp.Results) == 0 {
				return
			}
			if tt.first != "" && resp.Results[0].Entry.ID() != tt.first {
				t.Errorf("first %s, want %s", resp.Results[0].Entry.ID(), tt.first)
			}
			if tt.conf != "" && resp.Results[0].Confidence != tt.conf {
				t.Errorf("first confidence %s, want %s", resp.Results[0].Confidence, tt.conf)
			}
			for i, r := range resp.Results {
				if r.Confidence == "" {
					t.Errorf("result %d has no confidence", i)
				}
				if resp.Answer == errdex.AnswerFound && i > 0 && r.Confidence.Rank() < resp.Results[0].Confidence.Rank() {
					t.Errorf("result %d (%s) is more confident than the first", i, r.Confidence)
				}
			}
		})
	}
}

func judged(resp *search.Response) []string {
	var out []string
	for _, r := range resp.Results {
		out = append(out, r.Entry.ID()+":"+string(r.Confidence))
	}
	return out
}

func TestJudgeLookup(t *testing.T) {
	ix := builtinIndex(t)
	for _, tt := range []struct {
		code   string
		answer errdex.Answer
	}{
		{"4019", errdex.AnswerFound},
		{"rate_limit_exceeded", errdex.AnswerAmbiguous},
		{"-401", errdex.AnswerAmbiguous},
		{"iwinv 519", errdex.AnswerFound},
		{"no_such_code", errdex.AnswerNone},
	} {
		ms := ix.Lookup(tt.code, "")
		got, cs := search.JudgeLookup(tt.code, ms)
		if got != tt.answer {
			t.Errorf("lookup %q: answer %s, want %s", tt.code, got, tt.answer)
		}
		if len(cs) != len(ms) {
			t.Errorf("lookup %q: %d confidences for %d matches", tt.code, len(cs), len(ms))
		}
	}
}

// TestNumberMeanings: a lookup of a bare number lists every entry it can
// mean, each labelled with what it is.
func TestNumberMeanings(t *testing.T) {
	ix := builtinIndex(t)
	ms := ix.Lookup("429", "")
	fields := map[string]errdex.MatchKind{}
	for _, m := range ms {
		fields[m.Entry.ID()] = m.Field
	}
	if fields["kmsg/RATE_LIMIT_EXCEEDED"] != errdex.MatchProviderCode || fields["kirim/rate_limit_exceeded"] != errdex.MatchHTTPStatus {
		t.Errorf("lookup 429 = %v, want IWINV's code and Kirim's status, each labelled", fields)
	}
	answer, cs := search.JudgeLookup("429", ms)
	if answer != errdex.AnswerFound && answer != errdex.AnswerAmbiguous {
		t.Errorf("answer %s", answer)
	}
	for i, m := range ms {
		if m.Field == errdex.MatchHTTPStatus && cs[i] != errdex.ConfidenceWeak {
			t.Errorf("%s by its status is %s, want weak", m.Entry.ID(), cs[i])
		}
	}
	if got := ix.Lookup("429", "kmsg"); len(got) != 1 {
		t.Errorf("lookup 429 in kmsg = %d matches, want IWINV's code alone", len(got))
	}
}
