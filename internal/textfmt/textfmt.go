// Package textfmt renders catalog entries and search answers as text for
// the places people read them outside a web page: a terminal (the errdex
// command line), a chat message a bot posts unchanged (the API's
// format=text), and Slack's mrkdwn (the slash command).
//
// Catalog prose is Markdown; each destination gets it in its own dialect,
// never with raw HTML, and text bound for a terminal is stripped of control
// characters so that neither the catalog nor a pasted error can send escape
// sequences.
package textfmt
