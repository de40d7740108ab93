package pages_test

import "testing"

// A page path is percent-decoded once: /codes/kakao-share/%25344019 names
// the code "%344019"... and /codes/kakao-share/%2534%30%31%39 the code
// "%34019", neither of which is 4019.
func TestPathDecodedOnce(t *testing.T) {
	e, _ := newEcho(t, newIndex(t, nil))
	if res := get(t, e, "/codes/kakao-share/4019"); res.StatusCode != 200 {
		t.Fatalf("the plain page: got %d", res.StatusCode)
	}
	if res := get(t, e, "/codes/kakao-share/%34019"); res.StatusCode != 200 {
		t.Errorf("a path escaped once (%%34 is 4): got %d, want 200", res.StatusCode)
	}
	for _, p := range []string{"/codes/kakao-share/%2534019", "/codes/kakao-share/%25%33%34019"} {
		if res := get(t, e, p); res.StatusCode == 200 {
			t.Errorf("GET %s: got 200, want the escapes decoded once (a code that is not 4019)", p)
		}
	}
}
