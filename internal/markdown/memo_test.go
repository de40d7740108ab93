package markdown

import (
	"html/template"
	"strconv"
	"strings"
	"testing"
)

// A remembered rendering is the rendering: memoizing changes no output.
func TestMemoSameAsRender(t *testing.T) {
	for _, src := range []string{
		"Top up the **balance**.",
		"[click](javascript:alert(1))",
		"a <script>alert(1)</script> b",
		"",
		strings.Repeat("x", maxMemoSource+1), // too long to remember
	} {
		want := render(src)
		for i := 0; i < 3; i++ {
			if got := ToHTML(src); got != want {
				t.Fatalf("ToHTML(%.40q) call %d = %q, want %q", src, i, got, want)
			}
		}
	}
	if _, ok := memo.get(strings.Repeat("x", maxMemoSource+1)); ok {
		t.Error("a source over maxMemoSource was remembered")
	}
}

// The memo holds at most two generations of max bytes, however many
// distinct texts go through it, and keeps the texts used recently.
func TestMemoBounded(t *testing.T) {
	m := &htmlMemo{max: 1 << 10}
	for i := 0; i < 10000; i++ {
		src := "text number " + strconv.Itoa(i)
		m.put(src, template.HTML("<p>"+src+"</p>"))
		if _, ok := m.get("hot"); !ok {
			m.put("hot", "<p>hot</p>")
		}
	}
	total := 0
	for _, g := range []map[string]template.HTML{m.cur, m.prev} {
		for k, v := range g {
			total += len(k) + len(v)
		}
	}
	if total > 2*m.max {
		t.Errorf("memo holds %d bytes, over 2 x %d", total, m.max)
	}
	if _, ok := m.get("hot"); !ok {
		t.Error("a text used on every call was forgotten")
	}
}
