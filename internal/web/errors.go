package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/api"
)

// Error types and codes of the contract's error table.
const (
	typeInvalidRequest = "invalid_request_error"
	typeNotFound       = "not_found"
	typeRateLimit      = "rate_limit_error"
	typeAPI            = "api_error"

	codeNotFound         = "resource_not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codeTooLarge         = "request_too_large"
	codeRateLimited      = "rate_limit_exceeded"
	codeInternal         = "internal_error"
	codeOverloaded       = "overloaded"
	codeTimeout          = "request_timeout"
	codeMalformedBody    = "malformed_body"
	codeUnavailable      = "service_unavailable"
)

// fieldCodes are the contract's codes of the ways a parameter is wrong.
var fieldCodes = map[errdex.Violation]string{
	errdex.CodeInvalidValue:  "invalid_field_value",
	errdex.CodeMissingField:  "missing_required_field",
	errdex.CodeInvalidLimit:  "invalid_limit",
	errdex.CodeInvalidCursor: "invalid_cursor",
}

// statusClientClosed is logged (and counted) for a request whose client went
// away before the answer; nobody reads what is written for it.
const statusClientClosed = 499

// problem is an error as the API shows it.
type problem struct {
	status  int
	typ     string
	code    string
	message string
	param   string
}

// errorRows is the one table from errors to answers, tried in order. Only
// rows whose message comes from the error itself (field errors, not-found
// errors built by handlers) show it; every other message is fixed here, so
// nothing internal ever reaches a client.
var errorRows = []struct {
	match func(error) (problem, bool)
}{
	{fieldErrorRow},
	{isRow(errdex.ErrNotFound, problem{http.StatusNotFound, typeNotFound, codeNotFound, "", ""})},
	{echoRow(http.StatusNotFound, problem{http.StatusNotFound, typeNotFound, codeNotFound, "no such path", ""})},
	{echoRow(http.StatusMethodNotAllowed, problem{http.StatusMethodNotAllowed, typeInvalidRequest, codeMethodNotAllowed,
		"this path does not answer that method", ""})},
	{tooLargeRow},
	{rateLimitRow},
	{echoRow(http.StatusTooManyRequests, problem{http.StatusTooManyRequests, typeRateLimit, codeRateLimited,
		"too many requests; retry after the delay in Retry-After", ""})},
	{overloadedRow},
	{canceledRow},
	// Only once shutdown has begun: the request is cut short, and another
	// replica (or this one, restarted) answers a retry.
	{isRow(errdex.ErrUnavailable, problem{http.StatusServiceUnavailable, typeAPI, codeUnavailable,
		"the service is shutting down; retry the request", ""})},
	// echo's own 4xx errors that no row above names (none of the routes
	// produce them, but middleware might): a bad request, nothing more.
	{func(err error) (problem, bool) {
		var he *echo.HTTPError
		if errors.As(err, &he) && he.Code >= 400 && he.Code < 500 {
			return problem{http.StatusBadRequest, typeInvalidRequest, fieldCodes[errdex.CodeInvalidValue], "the request is malformed", ""}, true
		}
		return problem{}, false
	}},
}

// internalProblem answers every error no row matches: a bug.
var internalProblem = problem{http.StatusInternalServerError, typeAPI, codeInternal,
	"an internal error occurred; quote the request_id when reporting it", ""}

// problemOf maps an error to its answer.
func problemOf(err error) problem {
	for _, row := range errorRows {
		if p, ok := row.match(err); ok {
			return p
		}
	}
	return internalProblem
}

func fieldErrorRow(err error) (problem, bool) {
	var fe *errdex.FieldError
	if !errors.As(err, &fe) {
		return problem{}, false
	}
	return problem{http.StatusBadRequest, typeInvalidRequest, fieldCodes[fe.Code], fe.Message, fe.Param}, true
}

// isRow matches errors that are target; the message is the error's own when
// it is a *publicError (a handler wrote it for users), else p's.
func isRow(target error, p problem) func(error) (problem, bool) {
	return func(err error) (problem, bool) {
		if !errors.Is(err, target) {
			return problem{}, false
		}
		var pe *publicError
		if errors.As(err, &pe) {
			p.message = pe.msg
		}
		if p.message == "" {
			p.message = "no such resource"
		}
		return p, true
	}
}

func echoRow(code int, p problem) func(error) (problem, bool) {
	return func(err error) (problem, bool) {
		var he *echo.HTTPError
		if errors.As(err, &he) && he.Code == code {
			return p, true
		}
		return problem{}, false
	}
}

func tooLargeRow(err error) (problem, bool) {
	var mbe *http.MaxBytesError
	var tle *tooLargeError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &tle):
		return problem{http.StatusRequestEntityTooLarge, typeInvalidRequest, codeTooLarge,
			fmt.Sprintf("the request body is over its limit of %d bytes", tle.limit), tle.param}, true
	case errors.As(err, &mbe):
		return problem{http.StatusRequestEntityTooLarge, typeInvalidRequest, codeTooLarge,
			fmt.Sprintf("the request body is over its limit of %d bytes", mbe.Limit), ""}, true
	case errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge:
		return problem{http.StatusRequestEntityTooLarge, typeInvalidRequest, codeTooLarge, "the request body is over its limit", ""}, true
	}
	return problem{}, false
}

func rateLimitRow(err error) (problem, bool) {
	var rl *rateLimitedError
	if !errors.As(err, &rl) {
		return problem{}, false
	}
	return problem{http.StatusTooManyRequests, typeRateLimit, codeRateLimited,
		fmt.Sprintf("too many requests; retry after %d second(s)", rl.retryAfter), ""}, true
}

func overloadedRow(err error) (problem, bool) {
	var oe *overloadedError
	if !errors.As(err, &oe) {
		return problem{}, false
	}
	return problem{http.StatusServiceUnavailable, typeAPI, codeOverloaded,
		fmt.Sprintf("too many searches are being answered; retry after %d second(s)", oe.retryAfter), ""}, true
}

// bodyProblem answers a request whose body the client broke: 408 when it
// stopped arriving, 400 when it was malformed (a bad chunked encoding).
// Either is the client's doing, not a bug.
func bodyProblem(err error) problem {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded) {
		return problem{http.StatusRequestTimeout, typeInvalidRequest, codeTimeout,
			"the request body did not arrive in time", "body"}
	}
	return problem{http.StatusBadRequest, typeInvalidRequest, codeMalformedBody,
		"the request body could not be read", "body"}
}

func canceledRow(err error) (problem, bool) {
	if errors.Is(err, context.Canceled) {
		return problem{statusClientClosed, typeInvalidRequest, "client_closed_request", "the client closed the request", ""}, true
	}
	return problem{}, false
}

// publicError is an error whose message was written for users (by a
// handler, from catalog data), wrapping the domain error that decides its
// status.
type publicError struct {
	msg string
	err error
}

func (e *publicError) Error() string { return e.msg }
func (e *publicError) Unwrap() error { return e.err }

// notFound returns an errdex.ErrNotFound whose message users see.
func notFound(format string, args ...any) error {
	return &publicError{msg: fmt.Sprintf(format, args...), err: errdex.ErrNotFound}
}

// tooLargeError is a body that was read whole but is still over a limit
// (a JSON body whose text is longer than identify takes).
type tooLargeError struct {
	param string
	limit int64
}

func (e *tooLargeError) Error() string { return fmt.Sprintf("%s over %d bytes", e.param, e.limit) }

// rateLimitedError is a request refused by the rate limiter.
type rateLimitedError struct{ retryAfter int }

func (e *rateLimitedError) Error() string { return "rate limited" }

// overloadedError is a search refused because MaxSearches were running.
type overloadedError struct{ retryAfter int }

func (e *overloadedError) Error() string { return "overloaded" }

// panicError is a recovered panic, with the stack for the log.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// handleError is echo's HTTPErrorHandler: every failed request, whatever
// failed, is answered here. Under /api and /chatops the answer is the JSON
// envelope; elsewhere the error page. The access log middleware logs it.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return // an answer is already on its way; nothing more can be said
	}
	p := problemOf(err)
	if p.status == http.StatusInternalServerError {
		if berr := clientBodyError(c.Request()); berr != nil {
			p = bodyProblem(berr)
		}
	}
	body := api.ErrorBody{
		Type:      p.typ,
		Code:      p.code,
		Message:   p.message,
		Param:     p.param,
		RequestID: requestID(c),
	}
	h := c.Response().Header()
	// Headers a handler set for a success answer (a content type, an
	// encoding) do not describe the error answer.
	h.Del(echo.HeaderContentEncoding)
	h.Del(echo.HeaderContentType)
	h.Del(echo.HeaderContentLength)
	var rl *rateLimitedError
	if errors.As(err, &rl) {
		h.Set("Retry-After", strconv.Itoa(rl.retryAfter))
	}
	var oe *overloadedError
	if errors.As(err, &oe) {
		h.Set("Retry-After", strconv.Itoa(oe.retryAfter))
	}
	// An answer to HEAD is written whole too: net/http drops its body and
	// keeps the headers, which then are the ones GET would get.
	var werr error
	switch {
	case isJSONPath(c.Request().URL.Path):
		werr = writeJSON(c, p.status, api.ErrorEnvelope{Error: body})
	default:
		werr = s.errorPage(c, p.status, body)
	}
	if werr != nil {
		s.log.Error("writing an error answer", "request_id", body.RequestID, "err", werr)
	}
}

// isJSONPath reports whether a path's errors are answered as JSON.
func isJSONPath(p string) bool {
	return p == "/api" || p == "/mcp" || strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/chatops/")
}

// plainErrorPage is the error page until the web UI sets its own.
func plainErrorPage(c echo.Context, status int, body api.ErrorBody) error {
	c.Response().Header().Set(echo.HeaderContentType, "text/plain; charset=utf-8")
	return c.String(status, fmt.Sprintf("%d %s\n%s\nrequest id: %s\n",
		status, http.StatusText(status), body.Message, body.RequestID))
}

// handleOpsError answers a failed request of the operations listener: the
// JSON envelope, whatever the path.
func (s *Server) handleOpsError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p := problemOf(err)
	body := api.ErrorBody{Type: p.typ, Code: p.code, Message: p.message, Param: p.param, RequestID: requestID(c)}
	h := c.Response().Header()
	h.Del(echo.HeaderContentEncoding)
	h.Del(echo.HeaderContentType)
	h.Del(echo.HeaderContentLength)
	if p.status >= 500 {
		s.log.Error("operations listener", "request_id", body.RequestID, "route", c.Path(), "err", err)
	}
	if werr := writeJSON(c, p.status, api.ErrorEnvelope{Error: body}); werr != nil {
		s.log.Error("writing an error answer", "request_id", body.RequestID, "err", werr)
	}
}
