package errdex_test

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/errdex/errdex"
)

// TestReadmeExamplesLoad loads the examples of catalog/README.md, so the
// documentation of the schema cannot drift from what the loader accepts.
func TestReadmeExamplesLoad(t *testing.T) {
	readme, err := os.ReadFile("catalog/README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n# catalog/([^\n]+)\n(.*?)```").FindAllSubmatch(readme, -1)
	files := map[string]string{}
	for _, b := range blocks {
		files[string(b[1])] = string(b[2])
	}
	entry, record := files["kmsg.yaml"], files["provider-iwinv.yaml"]
	if entry == "" || record == "" {
		t.Fatalf("README.md: want a kmsg.yaml and a provider-iwinv.yaml example, found %d examples", len(blocks))
	}
	systems, err := fs.ReadFile(errdex.BuiltinFS(), "systems.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The entries the examples name beside their own, in the shortest form.
	stub := func(code string) string {
		return "  - code: " + code + `
    title: {en: Stub, ko: 스텁}
    summary: {en: Stub., ko: 스텁입니다.}
    causes: [{en: Stub., ko: 스텁입니다.}]
    fixes: [{en: Stub., ko: 스텁입니다.}]
    retry: {retryable: false, strategy: never, note: {en: Stub., ko: 스텁입니다.}}
`
	}
	cat, err := errdex.Load(fstest.MapFS{
		"systems.yaml":        {Data: systems},
		"kmsg.yaml":           {Data: []byte(entry)},
		"stubs.yaml":          {Data: []byte("system: kmsg\nentries:\n" + stub("INVALID_REQUEST") + stub("PROVIDER_ERROR"))},
		"provider-iwinv.yaml": {Data: []byte(record)},
	})
	if err != nil {
		t.Fatalf("the README's examples do not load: %v", err)
	}
	e, ok := cat.Entry("kmsg/INSUFFICIENT_BALANCE")
	if !ok || e.CustomerReply.IsZero() || len(e.Contradictions) == 0 || len(e.References) == 0 {
		t.Errorf("the README's entry example lost a field: %+v", e)
	}
	var got []string
	for _, r := range cat.RecordsFor(e) {
		got = append(got, r.ID())
	}
	if strings.Join(got, ",") != "iwinv/alimtalk/519" {
		t.Errorf("records of INSUFFICIENT_BALANCE: %q, want the README's iwinv/alimtalk/519", got)
	}
	if rs := cat.ProviderRecords("iwinv sms 42"); len(rs) != 1 || rs[0].EntryID() != "kmsg/INVALID_REQUEST" {
		t.Errorf("iwinv sms 42: %v", rs)
	}
	// The example of a record with aliases.
	kakao := files["provider-kakao.yaml"]
	if kakao == "" {
		t.Fatal("README.md: want a provider-kakao.yaml example (a record with aliases)")
	}
	cat, err = errdex.Load(fstest.MapFS{"systems.yaml": {Data: systems}, "provider-kakao.yaml": {Data: []byte(kakao)}})
	if err != nil {
		t.Fatalf("the README's provider-kakao.yaml example does not load: %v", err)
	}
	for _, q := range []string{"-4", "blockedAccount", "kakao -4"} {
		if rs := cat.ProviderRecords(q); len(rs) != 1 || rs[0].ID() != "kakao/-4" {
			t.Errorf("README example: ProviderRecords(%q) = %v, want kakao/-4", q, rs)
		}
	}
}
