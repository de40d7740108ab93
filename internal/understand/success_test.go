package understand

import "testing"

func TestSuccess(t *testing.T) {
	for text, want := range map[string]bool{
		// replies that report success, in their several shapes
		`{"result_code":"1","message":"success","success_cnt":1,"error_cnt":0}`: true,
		`{"resultCode":"0","resultMessage":"전송 성공"}`:                            true,
		`{"code":200,"msg":"OK","data":{"id":"m-1"}}`:                           true,
		`{"ok":true,"ts":"1700000000.1234"}`:                                    true,
		`{"statuses":[{"id":"wamid.1","status":"delivered"}]}`:                  true,
		"2026-07-22T10:00:00Z INFO send result=success error_cnt=0 id=7":        true,
		// failures beside a success word or shape
		`{"result_code":"-101","message":"인증오류입니다"}`:                            false,
		`{"result_code":"1","message":"success","success_cnt":0,"error_cnt":2}`: false,
		`{"ok":false,"error":"ratelimited"}`:                                    false,
		`{"success":true,"error":{"code":"x","message":"y"}}`:                   false,
		`{"message":"not successful"}`:                                          false,
		`{"message":"1개의 메시지가 접수되지 못했습니다"}`:                                     false,
		`{"statuses":[{"status":"failed","errors":[{"code":131047}]}]}`:         false,
		`{"code":"AUTHENTICATION_FAILED","message":"OK"}`:                       false,
		// success words typed are words, not a reply
		"success": false,
		"ok":      false,
		// a sentence typed that reports success is none either
		"알림톡 발송 성공했습니다":                  true,
		"message delivered successfully": true,
		"발송 성공했는데 문자가 안 와요":              false,
		"전송 완료인데 수신 안됨":                  false,
		"sent but not delivered":         false,
		"4019 success":                   false,
		// a step of a fix reported done
		"발신번호 등록했습니다":                   true,
		"토큰 갱신했습니다":                     true,
		"24시간 지나서 템플릿으로 다시 보냈어요":        true,
		"webhook subscription enabled":  true,
		"meta template approved":        true,
		"Meta가 템플릿 거절했어요":               false,
		"계정 정지됐어요":                      false,
		"발신번호 등록했는데 안 돼요":               false,
		"template not approved":         false,
		"webhook subscription disabled": false,
		// a done step set against a failure is a failure report
		"sender number registered but alimtalk fails":           false,
		"kakao share domain mismatched after domain registered": false,
		"Kakao share popup blank after sdk updated":             false,
		"sdk updated, share popup still broken":                 false,
		"template approved but sending is failing":              false,
		"발신번호 등록했는데 알림톡 안 가요":                                   false,
		"템플릿 승인 후에 발송 실패":                                       false,
		"approved the template":                                 true,
		"the sender number for our alimtalk channel registered": true,
	} {
		if got := Read(text, Options{}, newFake()).Success; got != want {
			t.Errorf("Read(%q).Success = %v, want %v", text, got, want)
		}
	}
}

func TestReadReply(t *testing.T) {
	for text, want := range map[string]ReadsAs{
		"Success":                      Succeeded,
		"정상 처리되었습니다":                   Succeeded,
		"Message Undeliverable":        Failed,
		"partial success, 2 failed":    Failed,
		"메시지가 전송되지 않았습니다.":             Failed,
		"The request body has 1 error": Failed,
		"Too Many Requests":            Neither,
		"":                             Neither,
	} {
		if got := ReadReply(text); got != want {
			t.Errorf("ReadReply(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestRequests: a request typed to a colleague is chatter; one asking for
// help with an error, or naming a code, is not.
func TestRequests(t *testing.T) {
	for text, want := range map[string]bool{
		"can you check the template?":          true,
		"please rotate the api key":            true,
		"템플릿 확인 부탁드립니다":                        true,
		"발신번호 등록해주세요":                          true,
		"could someone look at the rate limit": true,
		"please help, template paused":         false,
		"템플릿 일시정지 해결 부탁드립니다":                   false,
		"can you explain 4019":                 false,
		"template paused":                      false,
		"잔액 부족":                                false,
		// a polite closing after a symptom asks about the symptom
		"템플릿 일시 중지됨 확인해주세요":                       false,
		"알림톡이 발송되지 않습니다. 확인 부탁드립니다.":              false,
		"카카오톡 공유 버튼 눌러도 반응이 없어요 확인 부탁드려요":         false,
		"잠시 후 다시 시도해 주세요":                         false,
		"template paused, please check":           false,
		"share button doesn't work, please check": false,
		"Please check your app key":               true,
	} {
		if got := Read(text, Options{}, newFake()).Request; got != want {
			t.Errorf("Read(%q).Request = %v, want %v", text, got, want)
		}
	}
}
