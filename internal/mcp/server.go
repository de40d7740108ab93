// Package mcp serves errdex over the Model Context Protocol, so that an
// assistant (Claude Code, Cursor, a support bot built on a model) asks
// errdex instead of guessing from what it remembers.
//
// It is a thin door like the JSON API: four tools (lookup, search,
// identify, get_entry) whose structured results carry the answer, the
// evidence, the retry advice and the entry's permalink, plus a short text
// rendering a model reads first; and every entry as the resource
// errdex://entries/{id} in Markdown. The same Server runs on stdio (errdex
// mcp) and behind POST /mcp of errdex serve, through the official SDK's
// transports.
//
// Every tool call is answered: a bad argument is a tool error with a clear
// message (never a protocol failure), and a panic in a handler becomes a
// tool error too, so neither transport can be taken down by input.
package mcp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
)

// Config is what a Server is told by its command.
type Config struct {
	// App answers every question: it holds the index being served, bounds
	// each search and records the searches that found nothing, as it does
	// for the API. Required.
	App *app.Service
	// BaseURL ("https://errdex.example.com") is put before permalinks; empty
	// leaves them site-relative ("/codes/kmsg/X"), as the JSON API does.
	BaseURL string
	// Lang is the language of answers when a call names none and nothing
	// else decides (see the package's language rule); default English.
	Lang errdex.Lang
	// Version is reported to clients as the server's version.
	Version string
	// Logger receives handler failures (panics); nil discards them. No
	// argument a client sent is ever logged.
	Logger *slog.Logger
}

// Server is errdex's MCP server: one SDK server with errdex's tools and
// resources registered, served over any transport.
type Server struct {
	cfg Config
	sdk *sdk.Server
	log *slog.Logger
}

// Limits of what a call may carry, the same as the JSON API's.
const (
	maxQueryBytes    = errdex.MaxQueryBytes    // a search's query; longer is read as a paste
	maxIdentifyBytes = errdex.MaxIdentifyBytes // identify's text
	maxParamBytes    = 200                     // every other string argument
	// maxFrameBytes bounds one JSON-RPC message on stdio and one HTTP body:
	// identify's 64 KiB of text may take four times that once escaped in
	// JSON (\u0000), plus the envelope. Past it, stdio closes the connection
	// and HTTP answers 413; below it, every over-long argument is a tool
	// error.
	maxFrameBytes = 4*errdex.MaxIdentifyBytes + 16<<10
)

// New returns a Server answering through cfg.App.
func New(cfg Config) *Server {
	if cfg.Lang == "" {
		cfg.Lang = errdex.English
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, log: log}
	s.sdk = sdk.NewServer(&sdk.Implementation{
		Name:    "errdex",
		Title:   "errdex: error codes of K-Message, the Kirim API and Kakao Talk Share",
		Version: cfg.Version,
	}, &sdk.ServerOptions{
		Instructions: instructions,
		// No logging capability: nothing is sent to clients as log messages.
		Capabilities: &sdk.ServerCapabilities{},
		// The SDK logs every session's start and end at info (over HTTP,
		// every request): only its warnings and errors are worth a line.
		Logger: slog.New(minLevel{log.Handler(), slog.LevelWarn}),
	})
	s.addTools()
	s.sdk.AddReceivingMiddleware(clearerArgErrors)
	s.addResources()
	return s
}

// instructions tell a client's model when to reach for errdex and how to
// read its answers.
const instructions = `errdex explains error codes and error messages of K-Message (kmsg), the Kirim public API (kirim) and Kakao Talk Share (kakao-share), in English and Korean.
Use lookup for a bare code (4019, KOE009, -401, INSUFFICIENT_BALANCE), identify for a pasted payload, log or stack trace, search for a description in words, get_entry for one entry by id.
Every answer says how sure errdex is: "found" is an answer; "ambiguous" lists entries to tell apart; "unsure" and "none" are NOT answers, so say that errdex does not know rather than presenting a weak match as the cause.
Link the entry's permalink (url) when you cite it.`

// SDK returns the SDK server, for transports this package does not wrap
// (tests connect it in memory).
func (s *Server) SDK() *sdk.Server { return s.sdk }

// Run serves one client over r and w (a process's stdin and stdout) until
// the client goes away or ctx ends. A message over maxFrameBytes ends the
// connection: nothing a client may send is that long.
func (s *Server) Run(ctx context.Context, r io.Reader, w io.Writer) error {
	err := s.sdk.Run(ctx, &sdk.IOTransport{Reader: io.NopCloser(r), Writer: nopCloser{w}, MaxLineLength: maxFrameBytes})
	if err == nil || errors.Is(err, io.EOF) || ctx.Err() != nil {
		return nil
	}
	return err
}

// minLevel drops records below a level, whatever the handler it wraps
// would take.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(as), h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.min}
}

// nopCloser leaves closing the process's stdout to the process.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// HTTPOptions configure the Streamable HTTP handler.
type HTTPOptions struct {
	// BehindProxy turns off the SDK's DNS-rebinding check, which refuses a
	// request that arrives on a loopback address with a Host that is not
	// loopback: that is just what a reverse proxy on the same host sends.
	BehindProxy bool
}

// HTTPHandler returns the handler of POST /mcp: MCP's Streamable HTTP
// transport, stateless (every request stands alone, so no session state
// accumulates per client) and answering plain JSON rather than an event
// stream. GET and DELETE are not served (405), which the transport allows.
// The caller puts it behind its rate limit and body limit.
func (s *Server) HTTPHandler(opts HTTPOptions) http.Handler {
	return sdk.NewStreamableHTTPHandler(func(*http.Request) *sdk.Server { return s.sdk },
		&sdk.StreamableHTTPOptions{
			Stateless:                  true,
			JSONResponse:               true,
			MaxRequestBodyBytes:        maxFrameBytes,
			DisableLocalhostProtection: opts.BehindProxy,
			Logger:                     slog.New(minLevel{s.log.Handler(), slog.LevelWarn}),
		})
}

// catalog returns the catalog being served, for checking arguments and
// reading entries: a catalog is immutable, so it may be read after the
// index it came with is released or replaced.
func (s *Server) catalog() (*errdex.Catalog, error) {
	idx, release, err := s.cfg.App.Acquire()
	defer release()
	if err != nil {
		return nil, toolError(err)
	}
	return idx.Catalog(), nil
}

// safe runs a tool handler so that a panic becomes a tool error instead of
// ending the process (stdio) or the request (HTTP): the SDK does not
// recover handlers' panics. The stack goes to the log, not to the client.
func safe[In, Out any](s *Server, name string, h sdk.ToolHandlerFor[In, Out]) sdk.ToolHandlerFor[In, Out] {
	return func(ctx context.Context, req *sdk.CallToolRequest, in In) (res *sdk.CallToolResult, out Out, err error) {
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("mcp tool panicked", "tool", name, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				var zero Out
				res, out, err = nil, zero, errors.New("errdex failed to answer this call (an internal error); the failure was logged")
			}
		}()
		return h(ctx, req, in)
	}
}
