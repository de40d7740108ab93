package i18n

import (
	"testing"

	"github.com/errdex/errdex"
)

func TestEveryKeyInBothLanguages(t *testing.T) {
	for k := Key(0); k < numKeys; k++ {
		for _, l := range errdex.Langs {
			if T(l, k) == "" {
				t.Errorf("key %d has no %s label", k, l)
			}
		}
		if T(errdex.English, k) == T(errdex.Korean, k) && k != MatchHTTPStatus {
			t.Errorf("key %d reads %q in both languages", k, T(errdex.English, k))
		}
	}
}

// TestEveryDomainValueLabelled checks that each retry strategy, kind of
// evidence and suggestion reason of the domain has its own label.
func TestEveryDomainValueLabelled(t *testing.T) {
	seen := map[string]bool{}
	check := func(what, label, raw string) {
		if label == raw || seen[label] {
			t.Errorf("%s %q: label %q is missing or shared", what, raw, label)
		}
		seen[label] = true
	}
	for _, s := range errdex.RetryStrategies {
		check("retry strategy", RetryLabel(errdex.English, s), string(s))
	}
	for _, m := range errdex.MatchKinds {
		check("match kind", MatchLabel(errdex.Korean, m), string(m))
	}
	for _, r := range []errdex.SuggestReason{errdex.SuggestSimilarCode, errdex.SuggestSimilarTitle} {
		check("reason", ReasonLabel(errdex.Korean, r), string(r))
	}
}
