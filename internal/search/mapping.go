package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/errdex/errdex"
)

// MappingVersion changes whenever buildIndexMapping or the documents change
// in a way that makes an index built before unusable; on-disk indexes carry
// it in their directory name.
const MappingVersion = 11

// Analyzer names.
const (
	analyzerKeyword = "errdex_keyword" // whole value, lower-cased: codes, facets
	analyzerKorean  = "errdex_korean"  // Hangul words, stems and bigrams; Latin words lower-cased
	analyzerEnglish = "errdex_en"      // Bleve's English, keeping the stop words that matter in errors
	analyzerWords   = "errdex_words"   // title words as written, and their prefixes
)

// Field names of an indexed entry.
const (
	// The filters' keyword fields are errdex.Filters' IndexField; these
	// two also weigh in ranking (query.go).
	fSystem     = "f_system"
	fHTTPStatus = "f_http_status"
	fKeys       = "keys"      // keyword: code and aliases
	fCode       = "code"      // keyword: the code alone, for exact-code ranking
	fCodeCase   = "code_case" // the code as spelt: case tells RATE_LIMIT_EXCEEDED (kmsg) from rate_limit_exceeded (kirim)
	fPCodes     = "pcodes"    // keyword: bare provider codes ("519")
	fPKeys      = "pkeys"     // keyword: provider-qualified codes ("iwinv:519")
	fSort       = "sort"      // keyword: system, code and variant for listing order
	fFacets     = "facets"    // keyword with doc values: the entry's facet combination, numbered (facets.go), so counting facets reads one short term per hit
	fTitleEn    = "title_en"  // with the code and aliases as words ("invalid phone number")
	fSummaryEn  = "summary_en"
	fBodyEn     = "body_en" // causes, fixes, notes, retry note, signatures, providers
	fTitleKo    = "title_ko"
	fSummaryKo  = "summary_ko"
	fBodyKo     = "body_ko"
	fTitleWords = "title_words" // both titles' words unstemmed, with every prefix (prefixes.go)
)

// docType is the Bleve document type of an entry.
const docType = "entry"

// buildIndexMapping declares every indexed field. The default mapping is
// disabled, so a field not declared here is never indexed.
func buildIndexMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.DefaultAnalyzer = analyzerKeyword
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	if err := im.AddCustomAnalyzer(analyzerKeyword, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter("errdex_nfkc", map[string]any{
		"type": unicodenorm.Name,
		"form": unicodenorm.NFKC,
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerKorean, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{"errdex_nfkc", lowercase.Name, koFilterName},
	}); err != nil {
		return nil, err
	}

	if err := im.AddCustomAnalyzer(analyzerWords, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{prefixFilterName},
	}); err != nil {
		return nil, err
	}

	if err := im.AddCustomTokenMap("errdex_stop_en", map[string]any{
		"type":   tokenmap.Name,
		"tokens": englishStopWords(),
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter("errdex_stop_en", map[string]any{
		"type":           stop.Name,
		"stop_token_map": "errdex_stop_en",
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerEnglish, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, "errdex_stop_en", porter.Name},
	}); err != nil {
		return nil, err
	}

	kw := func(sortable bool) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzerKeyword
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		fm.DocValues = sortable
		return fm
	}
	// Prose is neither stored nor given term vectors: snippets are
	// highlighted from the catalog's own text (highlight.go), and no query
	// needs positions.
	prose := func(analyzer string) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Store = false
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		return fm
	}

	dm := bleve.NewDocumentStaticMapping()
	for _, f := range errdex.Filters {
		dm.AddFieldMappingsAt(f.IndexField, kw(false))
	}
	dm.AddFieldMappingsAt(fFacets, kw(true))
	for _, f := range []string{fKeys, fCode, fPCodes, fPKeys} {
		dm.AddFieldMappingsAt(f, kw(false))
	}
	caseKeyword := kw(false)
	caseKeyword.Analyzer = keyword.Name
	dm.AddFieldMappingsAt(fCodeCase, caseKeyword)
	dm.AddFieldMappingsAt(fSort, kw(true))
	for _, f := range []string{fTitleEn, fSummaryEn, fBodyEn} {
		dm.AddFieldMappingsAt(f, prose(analyzerEnglish))
	}
	for _, f := range []string{fTitleKo, fSummaryKo, fBodyKo} {
		dm.AddFieldMappingsAt(f, prose(analyzerKorean))
	}
	dm.AddFieldMappingsAt(fTitleWords, prose(analyzerWords))
	im.AddDocumentMapping(docType, dm)
	return im, nil
}

// keptStopWords are in Snowball's English stop list but tell errors apart:
// "provider down", "out of credit", "not registered", "no template".
var keptStopWords = map[string]bool{
	"down": true, "up": true, "out": true, "off": true, "over": true, "under": true,
	"no": true, "not": true, "nor": true, "again": true, "before": true, "after": true,
	"above": true, "below": true, "against": true, "same": true, "only": true, "too": true,
}

// englishStopWords is Bleve's English stop list less keptStopWords.
func englishStopWords() []any {
	var out []any
	for _, line := range strings.Split(string(en.EnglishStopWords), "\n") {
		if i := strings.IndexByte(line, '|'); i >= 0 {
			line = line[:i]
		}
		w := strings.TrimSpace(line)
		if w != "" && !keptStopWords[w] {
			out = append(out, w)
		}
	}
	return out
}
