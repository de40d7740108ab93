package understand

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestDecodeJSONReadsAsDecode checks that decodeJSON accepts exactly what
// json.Decoder accepts and that walkJSON reads the same values from it as
// from the whole document decoded into an any.
func TestDecodeJSONReadsAsDecode(t *testing.T) {
	deep := func(n int, leaf string) string {
		return strings.Repeat(`{"a":[`, n) + leaf + strings.Repeat("]}", n)
	}
	docs := []string{
		`{"code":"INVALID_REQUEST","message":"bad","status":400}`,
		`{"error":{"code":-401,"msg":"wrong appKey","ok":false,"x":null,"list":[1,"two",{"k":"v"}]}}`,
		`{"a":1,"a":"last wins"}`,
		`{"a":1} trailing text the decoder never reads }`,
		`{"a":`, `{"a" 1}`, `{}`, `[]`,
		deep(7, `{"code":"SEVEN"}`), deep(8, `"eight"`), deep(9, `{"code":"NINE"}`),
		deep(3000, `"far"`), deep(5001, `"past the decoder's depth"`),
		`{"k":"` + strings.Repeat(`\u00e9`, 100) + `","n":1.5e3}`,
	}
	for _, doc := range docs {
		var want []jsonValue
		var v any
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		wantOK := dec.Decode(&v) == nil
		if wantOK {
			walkJSON("", v, 0, &want)
		}
		got, ok := decodeJSON(doc)
		if ok != wantOK {
			t.Errorf("%.60s: decodeJSON ok %v, json.Decoder %v", doc, ok, wantOK)
			continue
		}
		var gotValues []jsonValue
		if ok {
			walkJSON("", got, 0, &gotValues)
		}
		if !slices.Equal(gotValues, want) {
			t.Errorf("%.60s: read %v, want %v", doc, gotValues, want)
		}
	}
}

func TestDecodeJSONStrings(t *testing.T) {
	for _, doc := range []string{
		`{"a":"tab\tnew\nline \"q\" \\ \/ \u00e9 \ud83d\ude00","b":"` + "\xff\xfe" + `"}`,
		`{ "spaced" : [ 1 , -2.5e+3 , true , false , null ] , "e" : { } , "l" : [ ] }`,
		`{"k":"é한글","n":0}`,
	} {
		var want any
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		got, ok := decodeJSON(doc)
		if !ok {
			t.Fatalf("%s: not decoded", doc)
		}
		gb, _ := json.Marshal(got)
		wb, _ := json.Marshal(want)
		if string(gb) != string(wb) {
			t.Errorf("%s: decoded %s, want %s", doc, gb, wb)
		}
	}
}
