package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/mcp"
)

// TestOpenAPI sends real requests through the real router and validates
// every answer, successes and errors alike, against the OpenAPI document
// the server publishes, so the document cannot drift from the code.
func TestOpenAPI(t *testing.T) {
	ctx := context.Background()
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPI())
	if err != nil {
		t.Fatalf("loading openapi.json: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3 document: %v", err)
	}
	// The published document's server is "/" (wherever it is served); the
	// router matches absolute URLs, so name the test server's.
	doc.Servers = openapi3.Servers{{URL: "http://errdex.test"}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}

	s := newTestServer(t, Config{MCP: func(svc *app.Service) http.Handler {
		return mcp.New(mcp.Config{App: svc}).HTTPHandler(mcp.HTTPOptions{})
	}})
	// One miss, so /misses lists something.
	request(t, s, "GET", "/api/v1/search?q=no+such+thing+anywhere", nil)

	tests := []struct {
		method, path, ctype, body string
		wantStatus                int
	}{
		{"GET", "/api/v1/search?q=4019", "", "", 200},
		{"GET", "/api/v1/search?q=balance&lang=ko&limit=1", "", "", 200},
		{"GET", "/api/v1/search", "", "", 200},
		{"GET", "/api/v1/search?system=kmsg&http_status=429&type=rate_limit_error&retryable=true", "", "", 200},
		{"GET", "/api/v1/search?q=zzzzqqqq", "", "", 200},
		{"GET", "/api/v1/search?q=4019&format=text", "", "", 200},
		{"GET", "/api/v1/search?limit=0", "", "", 400},
		{"GET", "/api/v1/search?level=warning", "", "", 200},
		{"GET", "/api/v1/search?level=fatal", "", "", 400},
		{"GET", "/api/v1/search?cursor=x", "", "", 400},
		{"GET", "/api/v1/search?q=%ff", "", "", 400},
		{"POST", "/api/v1/search", "", "", 405},
		{"POST", "/api/v1/identify", "text/plain", "KAPIError: wrong appKey(null) format", 200},
		{"POST", "/api/v1/identify", "application/json", `{"text": "error code INSUFFICIENT_BALANCE"}`, 200},
		{"POST", "/api/v1/identify", "text/plain", "", 400},
		{"POST", "/api/v1/identify", "text/plain", strings.Repeat("x", 65<<10), 413},
		{"GET", "/api/v1/lookup?code=4019", "", "", 200},
		{"GET", "/api/v1/lookup?code=NO_BALANCE&system=kmsg", "", "", 200},
		{"GET", "/api/v1/lookup?code=nothing", "", "", 200},
		{"GET", "/api/v1/lookup?code=aligo+kakao-channel+-99", "", "", 200},
		{"GET", "/api/v1/lookup?code=-102", "", "", 200},
		{"GET", "/api/v1/lookup?code=lowBalance", "", "", 200}, // a record's alias: its aliases in the answer
		{"GET", "/api/v1/lookup?code=4019&format=text", "", "", 200},
		{"GET", "/api/v1/lookup", "", "", 400},
		{"GET", "/api/v1/entries/kmsg/INSUFFICIENT_BALANCE", "", "", 200},
		{"GET", "/api/v1/entries/kmsg/RATE_LIMITED?lang=ko", "", "", 200},
		{"GET", "/api/v1/entries/kmsg/NOPE", "", "", 404},
		{"GET", "/api/v1/entries/kakao-share/-401/wrong-appkey-format", "", "", 200},
		{"GET", "/api/v1/entries/kakao-share/-401/nope", "", "", 404},
		{"GET", "/api/v1/systems", "", "", 200},
		{"GET", "/api/v1/systems?lang=xx", "", "", 400},
		{"GET", "/api/openapi.json", "", "", 200},
		{"GET", "/healthz", "", "", 200},
		{"POST", "/mcp", "application/json", `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`, 200},
		{"POST", "/mcp", "application/json", `{"jsonrpc":"2.0","method":"notifications/initialized"}`, 202},
		{"POST", "/mcp", "application/json", `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"lookup","arguments":{"code":"4019"}}}`, 200},
		{"POST", "/mcp", "application/json", `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"nope"}}`, 200},
		{"POST", "/mcp", "application/json", `{"jsonrpc":`, 400},
		{"POST", "/mcp", "text/plain", `{}`, 415},
		{"POST", "/mcp", "application/json", `{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"identify","arguments":{"text":"` + strings.Repeat("x", 300<<10) + `"}}}`, 413},
		{"GET", "/mcp", "", "", 405},
		{"GET", "/readyz", "", "", 200},
	}
	// The operations listener's routes, as that listener answers them.
	for _, tt := range []struct {
		path       string
		wantStatus int
	}{
		{"/api/v1/misses", 200},
		{"/api/v1/misses?limit=0", 400},
	} {
		t.Run("operations GET "+tt.path, func(t *testing.T) {
			req := httptest.NewRequest("GET", "http://127.0.0.1:9090"+tt.path, nil)
			w := httptest.NewRecorder()
			s.OpsHandler().ServeHTTP(w, req)
			if w.Code != tt.wantStatus {
				t.Fatalf("status: got %d, want %d\n%s", w.Code, tt.wantStatus, w.Body)
			}
			// The document names the operations listener as the path's
			// server; the router matches paths under the document's.
			req = httptest.NewRequest("GET", "http://errdex.test"+tt.path, nil)
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatalf("the document has no route for the operations listener's %s: %v", tt.path, err)
			}
			in := &openapi3filter.ResponseValidationInput{
				RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
				Status:                 w.Code,
				Header:                 w.Header(),
				Body:                   io.NopCloser(strings.NewReader(w.Body.String())),
				Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
			}
			if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
				t.Errorf("answer does not match openapi.json: %v\n%s", err, w.Body)
			}
		})
	}
	// The operations listener's /readyz shares its path with the public one;
	// its answer is the Ready schema.
	w := httptest.NewRecorder()
	s.OpsHandler().ServeHTTP(w, httptest.NewRequest("GET", "http://127.0.0.1:9090/readyz", nil))
	var ready any
	if err := json.Unmarshal(w.Body.Bytes(), &ready); err != nil {
		t.Fatal(err)
	}
	if err := doc.Components.Schemas["Ready"].Value.VisitJSON(ready); err != nil {
		t.Errorf("operations /readyz does not match Ready: %v", err)
	}

	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req := newBodyRequest(tt.method, "http://errdex.test"+tt.path, tt.body, tt.ctype)
			if tt.path == "/mcp" {
				req.Header.Set("Accept", "application/json, text/event-stream")
			}
			w := httptest.NewRecorder()
			s.Handler().ServeHTTP(w, req)
			if w.Code != tt.wantStatus {
				t.Fatalf("status: got %d, want %d\n%s", w.Code, tt.wantStatus, w.Body)
			}
			route, params, err := router.FindRoute(req)
			if err != nil && err.Error() == routers.ErrMethodNotAllowed.Error() { // the legacy router returns a copy
				// No operation describes a method a path lacks: check the
				// answer against the envelope's schema directly.
				var v any
				if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
					t.Fatal(err)
				}
				if err := doc.Components.Schemas["ErrorEnvelope"].Value.VisitJSON(v); err != nil {
					t.Errorf("405 answer does not match ErrorEnvelope: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("the document has no route for %s %s: %v", tt.method, tt.path, err)
			}
			in := &openapi3filter.ResponseValidationInput{
				RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
				Status:                 w.Code,
				Header:                 w.Header(),
				Body:                   io.NopCloser(strings.NewReader(w.Body.String())),
				Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
			}
			if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
				t.Errorf("answer does not match openapi.json: %v\n%s", err, w.Body)
			}
		})
	}
}
