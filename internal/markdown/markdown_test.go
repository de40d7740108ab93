package markdown_test

import (
	"strings"
	"testing"

	"github.com/errdex/errdex/internal/markdown"
)

func TestToHTML(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"paragraph", "Top up the **balance**.", "<p>Top up the <strong>balance</strong>.</p>"},
		{"code span", "Set `appKey`.", "<p>Set <code>appKey</code>.</p>"},
		{"https link kept", "[docs](https://developers.kakao.com/x)", `<p><a href="https://developers.kakao.com/x">docs</a></p>`},
		{"relative link kept", "[entry](/codes/kmsg/X)", `<p><a href="/codes/kmsg/X">entry</a></p>`},
		{"mailto kept", "[mail](mailto:ops@example.com)", `<p><a href="mailto:ops@example.com">mail</a></p>`},
		{"autolink kept", "<https://example.com>", `<p><a href="https://example.com">https://example.com</a></p>`},
		{"raw html dropped", "a <script>alert(1)</script> b", "<p>a <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> b</p>"},
		{"html block dropped", "<div onclick=x>hi</div>", "<!-- raw HTML omitted -->"},
		{"javascript link", "[click](javascript:alert(1))", "<p>click</p>"},
		{"upper case scheme", "[click](JaVaScRiPt:alert(1))", "<p>click</p>"},
		{"vbscript link", "[click](vbscript:msgbox)", "<p>click</p>"},
		{"data link", "[click](data:text/html;base64,PHNjcmlwdD4=)", "<p>click</p>"},
		{"named entity colon", "[click](javascript&colon;alert(1))", "<p>click</p>"},
		{"numeric entity", "[click](&#106;avascript:alert(1))", "<p>click</p>"},
		{"hex entity colon", "[click](javascript&#x3A;alert(1))", "<p>click</p>"},
		{"tab inside scheme", "[click](<java\tscript:alert(1)>)", "<p>click</p>"},
		{"escaped entity stays text", `[click](java&#115;cript:alert(1) "t")`, "<p>click</p>"},
		{"reference link", "[click][x]\n\n[x]: javascript:alert(1)", "<p>click</p>"},
		{"image", "![i](javascript:alert(1))", "<p>i</p>"},
		{"javascript autolink", "<javascript:alert(1)>", "<p>javascript:alert(1)</p>"},
		{"nested emphasis survives", "[**bold**](javascript:x)", "<p><strong>bold</strong></p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(markdown.ToHTML(tt.src))
			if got != tt.want {
				t.Errorf("ToHTML(%q)\n got %s\nwant %s", tt.src, got, tt.want)
			}
			if strings.Contains(strings.ToLower(got), "javascript:alert") && strings.Contains(got, "href") {
				t.Errorf("ToHTML(%q) = %s: a script address survived in a link", tt.src, got)
			}
		})
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://a.example", true},
		{"HTTP://a.example", true},
		{"/codes/kmsg/X", true},
		{"#fixes", true},
		{"?q=x", true},
		{"relative/path:with-colon", true},
		{"mailto:a@b.c", true},
		{"javascript:x", false},
		{" javascript:x", false},
		{"java\nscript:x", false},
		{"\x01javascript:x", false},
		{"vbscript:x", false},
		{"data:image/png;base64,AAAA", false},
		{"file:///etc/passwd", false},
		{"ftp://x", false},
		{"http\x1c:", true},                // the renderer writes it as below
		{"http%1C:", true},                 // '%' is no scheme character: relative
		{"jav%61script:alert(1)", true},    // browsers do not decode a scheme: relative
		{"java\x00script:alert(1)", false}, // controls skipped: stricter than browsers
		{"a+b.c-d:x", false},               // a real scheme, not one of ours
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := markdown.SafeURL(tt.url); got != tt.want {
				t.Errorf("SafeURL(%q) = %v, want %v", tt.url, got, tt.want)
			}
		})
	}
}
