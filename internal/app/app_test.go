package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/live"
)

// fakeIndex answers with nothing found and records how it was asked.
type fakeIndex struct {
	cat        *errdex.Catalog
	searched   []errdex.Request
	identified []string
	deadline   time.Duration // time left when last asked
	total      int
}

func (f *fakeIndex) Search(ctx context.Context, req errdex.Request) (*errdex.Response, error) {
	f.searched = append(f.searched, req)
	f.noteDeadline(ctx)
	return &errdex.Response{Query: req.Query, Total: f.total}, nil
}

func (f *fakeIndex) Identify(ctx context.Context, text string, lang errdex.Lang, limit int) (*errdex.Response, error) {
	f.identified = append(f.identified, text)
	f.noteDeadline(ctx)
	return &errdex.Response{Query: text, Total: f.total}, nil
}

func (f *fakeIndex) noteDeadline(ctx context.Context) {
	if d, ok := ctx.Deadline(); ok {
		f.deadline = time.Until(d)
	}
}

func (f *fakeIndex) Lookup(code, system string) []errdex.Match { return nil }
func (f *fakeIndex) Catalog() *errdex.Catalog                  { return f.cat }
func (f *fakeIndex) Close() error                              { return nil }

type recorder struct {
	kinds  []string
	missed []string
}

func newService(t *testing.T, f *fakeIndex) (*app.Service, *live.Holder, *recorder) {
	t.Helper()
	cat, err := errdex.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	f.cat = cat
	h := live.NewHolder(f, nil)
	r := &recorder{}
	s := app.New(h, app.Config{
		Timeout: time.Hour,
		Observe: func(kind string, _ time.Duration) { r.kinds = append(r.kinds, kind) },
		Missed:  func(q string) { r.missed = append(r.missed, q) },
	})
	return s, h, r
}

// TestPasteGoesToIdentify checks the one identify-or-search rule.
func TestPasteGoesToIdentify(t *testing.T) {
	f := &fakeIndex{}
	s, _, r := newService(t, f)
	ctx := context.Background()
	short := strings.Repeat("x", errdex.MaxQueryBytes)
	long := short + "y"
	if _, err := s.Search(ctx, errdex.Request{Query: short, System: "kmsg"}); err != nil {
		t.Fatal(err)
	}
	resp, err := s.Search(ctx, errdex.Request{Query: long, System: "kmsg", Limit: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.searched) != 1 || f.searched[0].Query != short {
		t.Errorf("searched %d times, want once with the query of %d bytes", len(f.searched), len(short))
	}
	if len(f.identified) != 1 || f.identified[0] != long {
		t.Errorf("identified %d times, want once with the whole paste", len(f.identified))
	}
	if !resp.Identified {
		t.Error("the paste's response does not say Identified")
	}
	if got, want := strings.Join(r.kinds, ","), "search,identify"; got != want {
		t.Errorf("observed kinds %q, want %q", got, want)
	}
}

// TestDeadline checks that every question runs within the timeout, and
// that a caller's shorter deadline is kept.
func TestDeadline(t *testing.T) {
	f := &fakeIndex{}
	s, _, _ := newService(t, f)
	if _, err := s.Search(context.Background(), errdex.Request{Query: "4019"}); err != nil {
		t.Fatal(err)
	}
	if f.deadline <= 0 || f.deadline > time.Hour {
		t.Errorf("search deadline %v from now, want within the hour configured", f.deadline)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.Identify(ctx, "text", errdex.English, 1); err != nil {
		t.Fatal(err)
	}
	if f.deadline > time.Minute {
		t.Errorf("identify deadline %v from now, want the caller's minute kept", f.deadline)
	}
}

// TestMisses checks which searches count as finding nothing.
func TestMisses(t *testing.T) {
	f := &fakeIndex{}
	s, _, r := newService(t, f)
	ctx := context.Background()
	for _, req := range []errdex.Request{
		{Query: "zzqqxx"},
		{Query: "zzqq", Prefix: true}, // still typing
		{Query: "  "},                 // a listing
	} {
		if _, err := s.Search(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Identify(ctx, "zzqqyy", errdex.English, 1); err != nil {
		t.Fatal(err)
	}
	f.total = 1
	if _, err := s.Search(ctx, errdex.Request{Query: "found"}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.missed, ","); got != "zzqqxx" {
		t.Errorf("missed %q, want only zzqqxx", got)
	}
}

// TestUnavailable checks that after shutdown every question is
// errdex.ErrUnavailable, which the server answers 503.
func TestUnavailable(t *testing.T) {
	s, h, _ := newService(t, &fakeIndex{})
	h.Close()
	ctx := context.Background()
	if _, err := s.Search(ctx, errdex.Request{Query: "x"}); !errors.Is(err, errdex.ErrUnavailable) {
		t.Errorf("Search: got %v, want ErrUnavailable", err)
	}
	if _, err := s.Lookup("x", ""); !errors.Is(err, errdex.ErrUnavailable) {
		t.Errorf("Lookup: got %v, want ErrUnavailable", err)
	}
	if _, release, err := s.Acquire(); !errors.Is(err, errdex.ErrUnavailable) {
		t.Errorf("Acquire: got %v, want ErrUnavailable", err)
	} else {
		release()
	}
	if s.Current() != nil {
		t.Error("Current after shutdown: got a catalog, want nil")
	}
}

func TestLookupUnknownSystem(t *testing.T) {
	s, _, _ := newService(t, &fakeIndex{})
	_, err := s.Lookup("4019", "nope")
	var fe *errdex.FieldError
	if !errors.As(err, &fe) || fe.Param != "system" || fe.Message != `unknown system "nope"` {
		t.Errorf("got %v, want the unknown-system field error", err)
	}
}

// TestLookupRecords checks that a lookup hands every surface the provider
// records the code names, with an entry or without one, narrowed to the
// system asked for.
func TestLookupRecords(t *testing.T) {
	s, _, _ := newService(t, &fakeIndex{})
	tests := []struct {
		code, system string
		want         []string
	}{
		{"-4", "", []string{"kakao/-4"}},               // no entry maps it
		{"blockedAccount", "", []string{"kakao/-4"}},   // an SDK's name of it
		{"iwinv sms 42", "", []string{"iwinv/sms/42"}}, // maps onto kmsg/INVALID_REQUEST
		{"iwinv sms 42", "kmsg", []string{"iwinv/sms/42"}},
		{"iwinv sms 42", "kirim", nil},
		{"4019", "", nil},
	}
	for _, tt := range tests {
		lk, err := s.Lookup(tt.code, tt.system)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range lk.Records {
			got = append(got, r.ID())
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Lookup(%q, %q).Records = %v, want %v", tt.code, tt.system, got, tt.want)
		}
	}
}

func TestChooseLang(t *testing.T) {
	tests := []struct {
		explicit, fallback errdex.Lang
		text               string
		want               errdex.Lang
	}{
		{"", "", "balance", errdex.English},
		{"", "", "잔액 부족", errdex.Korean},
		{errdex.English, "", "잔액 부족", errdex.English},
		{"", errdex.Korean, "4019", errdex.Korean},
	}
	for _, tt := range tests {
		if got := app.ChooseLang(tt.explicit, tt.text, tt.fallback); got != tt.want {
			t.Errorf("ChooseLang(%q, %q, %q) = %q, want %q", tt.explicit, tt.text, tt.fallback, got, tt.want)
		}
	}
}
