package mcp

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/paths"
)

// Resources: every entry as errdex://entries/{id} in Markdown, read in one
// language (?lang=en or ko; default as for tools) or both (?lang=both);
// and errdex://systems, the systems with their entry counts, as JSON.
//
// The catalog may be reloaded while a client is connected, so entries are
// not registered one by one: one template serves every entry id, and
// resources/list is answered from the catalog being served at the time.
const (
	entryScheme   = "errdex://entries/"
	entryTemplate = "errdex://entries/{+id}{?lang}"
	systemsURI    = "errdex://systems"
	markdownMIME  = "text/markdown"
	jsonMIME      = "application/json"
	// listPage is how many resources one resources/list answer holds.
	listPage = 100
)

func (s *Server) addResources() {
	s.sdk.AddResource(&sdk.Resource{
		URI:         systemsURI,
		Name:        "systems",
		Title:       "errdex systems",
		Description: "The systems errdex knows (id, name, description, entry count), as JSON.",
		MIMEType:    jsonMIME,
	}, s.readSystems)
	s.sdk.AddResourceTemplate(&sdk.ResourceTemplate{
		URITemplate: entryTemplate,
		Name:        "entry",
		Title:       "errdex entry",
		Description: "One errdex entry by id (system/code or system/code/variant, e.g. kakao-share/4019) in Markdown; lang=en or ko picks the language, lang=both gives both.",
		MIMEType:    markdownMIME,
	}, s.readEntry)
	s.sdk.AddReceivingMiddleware(s.listResources)
}

// listResources answers resources/list from the catalog being served:
// errdex://systems first, then every entry in catalog order, a page at a
// time. Any other method goes on to the SDK.
func (s *Server) listResources(next sdk.MethodHandler) sdk.MethodHandler {
	return func(ctx context.Context, method string, req sdk.Request) (sdk.Result, error) {
		lr, ok := req.(*sdk.ListResourcesRequest)
		if method != "resources/list" || !ok {
			return next(ctx, method, req)
		}
		offset := 0
		if lr.Params != nil && lr.Params.Cursor != "" {
			n, err := strconv.Atoi(lr.Params.Cursor)
			if err != nil || n < 0 {
				return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: "invalid cursor"}
			}
			offset = n
		}
		cat, err := s.catalog()
		if err != nil {
			return nil, err
		}
		lang := s.fallbackLang(lr.Extra)
		all := cat.Entries()
		res := &sdk.ListResourcesResult{Resources: []*sdk.Resource{}}
		// Position 0 is the systems list; entry i is at i+1.
		total := len(all) + 1
		for i := offset; i < total && len(res.Resources) < listPage; i++ {
			if i == 0 {
				res.Resources = append(res.Resources, &sdk.Resource{
					URI: systemsURI, Name: "systems", Title: "errdex systems", MIMEType: jsonMIME,
					Description: "The systems errdex knows, with entry counts."})
				continue
			}
			e := all[i-1]
			res.Resources = append(res.Resources, &sdk.Resource{
				URI:         resourceURI(e),
				Name:        e.ID(),
				Title:       e.ID() + ": " + e.Title.In(lang),
				Description: e.Summary.In(lang),
				MIMEType:    markdownMIME,
			})
		}
		if next := offset + len(res.Resources); next < total {
			res.NextCursor = strconv.Itoa(next)
		}
		return res, nil
	}
}

// readEntry answers resources/read of errdex://entries/{id}.
func (s *Server) readEntry(ctx context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
	uri := req.Params.URI
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "errdex" || u.Host != "entries" {
		return nil, sdk.ResourceNotFoundError(uri)
	}
	id := strings.TrimPrefix(u.Path, "/") // decoded: %2F is a slash of the id
	langs, err := s.resourceLangs(u.Query().Get("lang"), req.Extra)
	if err != nil {
		return nil, err
	}
	cat, err := s.catalog()
	if err != nil {
		return nil, err
	}
	e, ok := cat.Entry(id)
	if !ok {
		if e, err = findEntry(cat, id); err != nil {
			return nil, sdk.ResourceNotFoundError(uri)
		}
	}
	return &sdk.ReadResourceResult{Contents: []*sdk.ResourceContents{{
		URI:      uri,
		MIMEType: markdownMIME,
		Text:     entryMarkdown(cat, e, langs, s.cfg.BaseURL),
	}}}, nil
}

// resourceLangs reads a resource's lang parameter: en, ko or both.
func (s *Server) resourceLangs(v string, extra *sdk.RequestExtra) ([]errdex.Lang, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return []errdex.Lang{s.fallbackLang(extra)}, nil
	case "both", "all", "en,ko":
		return errdex.Langs, nil
	}
	if l, ok := errdex.ParseLang(v); ok {
		return []errdex.Lang{l}, nil
	}
	return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: "lang must be en, ko or both"}
}

// systemsJSON is errdex://systems.
type systemsJSON struct {
	Systems []systemJSON `json:"systems"`
}

type systemJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Entries     int    `json:"entries"`
	URL         string `json:"url"`
}

// readSystems answers resources/read of errdex://systems.
func (s *Server) readSystems(ctx context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
	cat, err := s.catalog()
	if err != nil {
		return nil, err
	}
	lang := s.fallbackLang(req.Extra)
	out := systemsJSON{Systems: []systemJSON{}}
	for _, sys := range cat.Systems() {
		out.Systems = append(out.Systems, systemJSON{
			ID:          sys.ID,
			Name:        sys.Name.In(lang),
			Description: sys.Description.In(lang),
			Entries:     cat.Count(sys.ID),
			URL:         paths.Absolute(s.cfg.BaseURL, paths.System(sys.ID)),
		})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return &sdk.ReadResourceResult{Contents: []*sdk.ResourceContents{{URI: systemsURI, MIMEType: jsonMIME, Text: string(b)}}}, nil
}
