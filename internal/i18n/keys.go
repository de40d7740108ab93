package i18n

// Key names one label or sentence. Keys marked (format) take fmt
// arguments through F; the others are read with T.
type Key int

// Labels.
const (
	// Shared by several surfaces: retry strategies, kinds of evidence,
	// suggestion reasons, section names, and sentences more than one
	// surface says.
	RetryNever Key = iota
	RetryAfterFix
	RetryBackoff
	RetryAfterDelay
	MatchCode
	MatchAlias
	MatchProviderCode
	MatchSignature
	HTTPStatus
	MatchText
	ReasonSimilarCode
	ReasonSimilarTitle
	Causes
	Fixes
	Notes
	Examples
	Retry
	Related
	System
	Type
	Code
	Variant
	Title
	AlsoKnownAs
	ProviderCodes
	References
	WeakMatch
	CustomerReply
	Meaning
	Action
	Page
	DidYouMeanText
	AmbiguousHeading // (format: count)
	OnLine           // (format: line)
	NoMatch          // (format: the query, quoted)

	// The web pages (internal/web/pages and web/templates).
	LangName
	SkipToContent
	Tagline
	Search
	Systems
	LanguageLabel
	FooterNote
	APILink
	HeroTitle
	HeroLead
	SearchLabel
	SearchPlaceholder
	ShortcutHint
	SearchHelp
	TryLabel
	ResultsHeading
	NoResults
	NoResultsHint
	DidYouMean
	ReadAsPayload
	MatchedBy
	Filters
	FilterBy
	ActiveFilters
	RemoveFilter
	ClearFilters
	Retryable
	NotRetryable
	MoreResults
	Loading
	LiveError
	SystemsIntro
	BrowseSystem
	BrowseAll
	Summary
	PageFixes
	PageExamples
	Copy
	Copied
	Aliases
	Provider
	PageRelated
	Source
	Permalink
	OnThisPage
	Breadcrumb
	AtAGlance
	VariantsIntro
	OtherVariants
	Elsewhere
	ElsewhereIntro
	TellsApart
	Message
	OpenEntry
	Homepage
	SortBy
	SystemEntries
	Yes
	No
	ErrorFallback
	ErrorFallbackTxt
	ErrorDetail
	RequestID
	FoundElsewhere
	BackToSearch
	NearCodes
	AnswerLabel
	Certain
	Likely
	FirstFixes
	AmbiguousIntro
	NotSure
	NotSureText
	CopyCode
	CopyLink
	CopySlack
	CopyMarkdown
	CustomerReplyTip
	LevelWarning
	LevelError
	Level
	CustomerReplyIntro
	Contradictions
	ContradictionsIntro
	ProviderRecordsIntro
	Channel
	RecordMessage
	RecordEntry
	RecordNoEntry
	OwnRetry
	CheckedAgainst
	OfficialPages
	TryQueries
	Error400Title
	Error400Text
	Error404Title
	Error404Text
	Error405Title
	Error405Text
	Error429Title
	Error429Text
	Error500Title
	Error500Text
	Error503Title
	Error503Text
	VariantsHeading // (format: code, count)
	NoSuchCode      // (format: system name, code)
	OnLines         // (format: first line, last line)
	TimesSeen       // (format: count)

	// The terminal and plain text (internal/textfmt) and the CLI (cmd/errdex).
	CLIFix
	CLIEvidence
	CLIOtherMatches
	CLIFound
	CLINoLookup
	CLINoMatchTip
	CLIMoreHint
	CLINoIdentify
	CLINoConfidentText
	CLIResultsShown   // (format: shown, total, query)
	CLISearchHint     // (format: code, as a shell word)
	CLINoCode         // (format: code, quoted)
	CLINoConfident    // (format: query, quoted)
	CLIFindingsHeader // (format: count)
	CLIOnLines        // (format: first line, last line)
	CLIRecordNoEntry

	// Slack (internal/chatops).
	SlackFirstFix
	SlackOthers
	SlackSearched
	SlackTip
	SlackHelpTitle
	SlackFailed
	SlackOpen
	SlackShare
	SlackAskedBy
	SlackAmbiguousIntro
	SlackTellsApart
	SlackNotSure
	SlackNotSureText
	SlackNotShared
	SlackHelp

	// The Markdown export (cmd/errdex export).
	ExportIndex
	ExportEntries
	ExportVersion
	ExportAbout

	// The MCP server (internal/mcp): what a model reads.
	MCPPage
	MCPWarning
	MCPReply
	MCPDisagree
	MCPProviders
	MCPFound     // (format: id, title, confidence)
	MCPAmbiguous // (format: count, ids)
	MCPUnsure    // (format: count)
	MCPNoCode    // (format: code, quoted)
	MCPNoMatch
	MCPFindings   // (format: count)
	MCPRecordOnly // (format: the provider code, quoted)
	MCPRecordAlso // (format: the provider code, quoted)

	numKeys // keep last
)

// Count names a label that says a number: one form for 1, another for
// any other count (Korean uses the same form for both). N reads it.
type Count int

// Counted labels.
const (
	// The web pages (internal/web/pages and web/templates).
	ResultsCount Count = iota
	AllEntries
	EntriesCount
	MoreFixes
	FindingsHeading

	// The terminal and plain text (internal/textfmt) and the CLI (cmd/errdex).
	CLIResults      // then the query
	CLILookupHeader // then the code
	CLIIdentifyHeader

	// Slack (internal/chatops).
	SlackMoreFixes

	numCounts // keep last
)
