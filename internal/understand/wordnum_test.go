package understand

import (
	"slices"
	"testing"
)

// TestJoinedCodes: a code joined from a plain word and a number is spelt by
// writing them apart, with "code" or "status" between or not, and marked as
// such (Reading.Joined); a signed number is a negative number, not the
// code, and the words of a text never join into one by themselves.
func TestJoinedCodes(t *testing.T) {
	lex := newFake()
	lex.codes["stage-3"] = "stage-3"
	lex.codes["step_2"] = "STEP_2"
	lex.codes["exit-4"] = "exit-4"
	for _, tt := range []struct {
		text          string
		codes, joined []string
	}{
		{"stage 3", []string{"stage-3"}, []string{"stage-3"}},
		{"stage code 3", []string{"stage-3"}, []string{"stage-3"}},
		{"build ended with stage status 3.", []string{"stage-3"}, []string{"stage-3"}},
		{"kmsg step 2", []string{"STEP_2"}, []string{"step_2"}},
		{"staged with status 3", []string{"stage-3"}, []string{"stage-3"}},
		{"stages 3", []string{"stage-3"}, []string{"stage-3"}},
		{"종료 코드 4", []string{"exit-4"}, []string{"exit-4"}},
		{"stage with with with 3", nil, nil},
		{"stage -3", nil, nil},
		{"stage 30", nil, nil},
		{"stage 3000", nil, nil},
		// Written as the code, it is the code, not one spelt from words.
		{"stage-3", []string{"stage-3"}, nil},
	} {
		r := Read(tt.text, Options{}, lex)
		if !slices.Equal(r.Codes, tt.codes) {
			t.Errorf("Read(%q).Codes = %q, want %q", tt.text, r.Codes, tt.codes)
		}
		if !slices.Equal(r.Joined, tt.joined) {
			t.Errorf("Read(%q).Joined = %q, want %q", tt.text, r.Joined, tt.joined)
		}
	}
}
