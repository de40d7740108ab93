package mcp

import (
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/web/params"
)

// The language rule of the contract (../shared/design/api.md), as MCP has
// it: an explicit lang argument wins; else a typed search query written in
// Hangul answers in Korean; else, over HTTP, the request's Accept-Language;
// else the server's default (errdex mcp: --lang or the locale). A pasted
// payload or log (identify) never switches the language by itself: Korean
// in an error message says what the upstream system prints, not what the
// asker reads.

// langArg parses an explicit lang argument; "" is no choice.
func langArg(s string) (errdex.Lang, bool, error) {
	if s == "" {
		return "", false, nil
	}
	l, ok := errdex.ParseLang(s)
	if !ok {
		return "", false, argError("lang", "lang must be en or ko")
	}
	return l, true, nil
}

// pickLang decides the answer's language by the service's rule. typed is
// the text the user typed themselves (a search query), "" for anything
// else.
func (s *Server) pickLang(req *sdk.CallToolRequest, arg, typed string) (errdex.Lang, error) {
	explicit, _, err := langArg(arg)
	if err != nil {
		return "", err
	}
	return app.ChooseLang(explicit, typed, s.fallbackLang(req.Extra)), nil
}

// fallbackLang is the language when neither the call nor its text decides.
func (s *Server) fallbackLang(extra *sdk.RequestExtra) errdex.Lang {
	if extra != nil && extra.Header != nil {
		if h := extra.Header.Get("Accept-Language"); h != "" {
			return params.PreferredLang(h)
		}
	}
	return s.cfg.Lang
}
