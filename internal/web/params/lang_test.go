package params

import (
	"testing"

	"github.com/errdex/errdex"
)

func TestPreferredLang(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   errdex.Lang
	}{
		{"", errdex.English},
		{"ko-KR,ko;q=0.9,en;q=0.8", errdex.Korean},
		{"en-US,en;q=0.9,ko;q=0.8", errdex.English},
		{"fr-FR, de;q=0.9", errdex.English},
		{"en;q=0.5, ko;q=0.8", errdex.Korean},
		{"en, ko", errdex.English}, // equal weights: the first listed
		{"ko;q=0", errdex.English}, // q=0 means not wanted
		{"ko;q=abc, en;q=0.1", errdex.English},
		{"ko;q=2", errdex.English},
		{"ko_KR", errdex.Korean},
		{"*", errdex.English},
		{"ja, ko;q=0.5", errdex.Korean},
	} {
		if got := PreferredLang(tt.header); got != tt.want {
			t.Errorf("PreferredLang(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func BenchmarkPreferredLang(b *testing.B) {
	for b.Loop() {
		PreferredLang("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7")
	}
}
