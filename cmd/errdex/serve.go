package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/errdex/errdex"
	"github.com/errdex/errdex/internal/app"
	"github.com/errdex/errdex/internal/chatops"
	"github.com/errdex/errdex/internal/live"
	"github.com/errdex/errdex/internal/mcp"
	"github.com/errdex/errdex/internal/search"
	"github.com/errdex/errdex/internal/web"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "serve the web UI and the JSON API",
		run:     runServe,
	})
}

// serveConfig is everything `errdex serve` is told, from flags and the
// environment. It is read here and only here, then passed down.
type serveConfig struct {
	Addr string
	// OpsAddr is the operations listener's (/metrics, /api/v1/misses, the
	// detailed /readyz); "" turns it off.
	OpsAddr    string
	CatalogDir string
	IndexDir   string
	// Watch reloads the catalog when CatalogDir changes; Debounce is how
	// long a burst of changes must quiet down first.
	Watch    bool
	Debounce time.Duration

	TrustedProxies []netip.Prefix
	RateLimit      float64
	RateBurst      int
	MaxSearches    int
	BaseURL        string
	// SlackSigningSecret comes from the environment only: a flag would show
	// it in ps and in shell history.
	SlackSigningSecret string
	// SlackInChannel posts every Slack answer to the channel instead of
	// only to the person who asked.
	SlackInChannel bool
	// MCP serves the Model Context Protocol on POST /mcp.
	MCP bool

	LogLevel        slog.Level
	LogFormat       string
	ShutdownTimeout time.Duration
}

// Environment variables of serve, each the default of its flag.
const (
	envAddr            = "ERRDEX_ADDR"
	envOpsAddr         = "ERRDEX_OPS_ADDR"
	envMaxSearches     = "ERRDEX_MAX_SEARCHES"
	envCatalog         = "ERRDEX_CATALOG"
	envIndexDir        = "ERRDEX_INDEX_DIR"
	envWatch           = "ERRDEX_WATCH"
	envTrustedProxies  = "ERRDEX_TRUSTED_PROXIES"
	envRateLimit       = "ERRDEX_RATE_LIMIT"
	envRateBurst       = "ERRDEX_RATE_BURST"
	envBaseURL         = "ERRDEX_BASE_URL"
	envSlackSecret     = "ERRDEX_SLACK_SIGNING_SECRET"
	envSlackInChannel  = "ERRDEX_SLACK_IN_CHANNEL"
	envMCP             = "ERRDEX_MCP"
	envLogLevel        = "ERRDEX_LOG_LEVEL"
	envLogFormat       = "ERRDEX_LOG_FORMAT"
	envShutdownTimeout = "ERRDEX_SHUTDOWN_TIMEOUT"
)

const serveUsage = `Usage: errdex serve [flags]

Serves the web UI, the JSON API under /api/v1, the Model Context Protocol
on POST /mcp (for AI assistants; --mcp=false turns it off), /healthz and
/readyz on --addr, and /metrics, /api/v1/misses and a /readyz with the last
reload's problems on the operations listener --ops-addr (keep it on loopback
or a cluster-internal address: it shows what users searched for). Without --catalog it serves the catalog built into errdex; with
it, edits to the directory are validated and applied without a restart
(SIGHUP reloads too), and a catalog with problems is refused while the last
good one keeps serving. SIGTERM or SIGINT shuts down gracefully.

Each flag's default comes from the environment variable named after it.
ERRDEX_SLACK_SIGNING_SECRET (environment only) turns on POST /chatops/slack.

Flags:
`

// serveFlags holds the flags of serve that need checking and converting
// after the parse, as given.
type serveFlags struct {
	proxies, level, debounce, rateLimit, shutdown string
	watch, inChannel, mcpOn                       string
	burst, maxSearches                            string
}

// parseServeConfig reads flags over environment over defaults.
func parseServeConfig(env *cmdEnv, args []string) (serveConfig, error) {
	var (
		cfg serveConfig
		raw serveFlags
	)
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.err)
	fs.Usage = func() {
		fmt.Fprint(env.err, serveUsage)
		fs.PrintDefaults()
	}
	defineServeFlags(fs, env, &cfg, &raw)
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	cfg.SlackSigningSecret = env.getenv(envSlackSecret)
	for _, convert := range []func(*serveConfig, serveFlags) error{
		parseSwitches, parseDurations, parseLimits, parseOpsAddr, parseTrustedProxies, parseLogging,
	} {
		if err := convert(&cfg, raw); err != nil {
			return cfg, err
		}
	}
	return cfg, nil
}

// defineServeFlags declares serve's flags on fs, each defaulting to its
// environment variable: into cfg those used as given, into raw the others.
func defineServeFlags(fs *flag.FlagSet, env *cmdEnv, cfg *serveConfig, raw *serveFlags) {
	getenv := func(name, def string) string {
		if v := env.getenv(name); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&cfg.Addr, "addr", getenv(envAddr, "127.0.0.1:8080"), "`host:port` to listen on (env "+envAddr+"); port 0 picks a free one")
	fs.StringVar(&cfg.OpsAddr, "ops-addr", getenv(envOpsAddr, "127.0.0.1:9090"), "`host:port` of the operations listener: /metrics, /api/v1/misses, /readyz with problems (env "+envOpsAddr+"); \"off\" turns it off")
	fs.StringVar(&cfg.CatalogDir, "catalog", getenv(envCatalog, ""), "`dir`ectory of catalog YAML files to serve and watch (env "+envCatalog+"); default: the built-in catalog")
	fs.StringVar(&cfg.IndexDir, "index-dir", getenv(envIndexDir, ""), "`dir`ectory to keep the search index in (env "+envIndexDir+"); default: in memory")
	fs.StringVar(&raw.watch, "watch", getenv(envWatch, "true"), "reload when the --catalog directory changes: true or false (env "+envWatch+")")
	fs.StringVar(&raw.debounce, "reload-debounce", "250ms", "how long a burst of catalog changes must quiet down before a reload")
	fs.StringVar(&raw.proxies, "trusted-proxies", getenv(envTrustedProxies, ""), "comma-separated `CIDRs` of proxies whose X-Forwarded-For is believed (env "+envTrustedProxies+"); default: none, the TCP peer is the client")
	fs.StringVar(&raw.rateLimit, "rate-limit", getenv(envRateLimit, "20"), "requests per second allowed to one client; 0 turns the limit off (env "+envRateLimit+")")
	fs.StringVar(&raw.burst, "rate-burst", getenv(envRateBurst, "40"), "requests one client may burst above the rate (env "+envRateBurst+")")
	fs.StringVar(&raw.maxSearches, "max-searches", getenv(envMaxSearches, "0"), "searches answered at once, beyond which they get 503 and Retry-After (env "+envMaxSearches+"); 0: 8 per CPU, at least 8")
	fs.StringVar(&cfg.BaseURL, "base-url", getenv(envBaseURL, ""), "public `URL` of this service, put before links in answers (env "+envBaseURL+"); default: site-relative links")
	fs.StringVar(&raw.inChannel, "slack-in-channel", getenv(envSlackInChannel, "false"), "post Slack answers to the channel, not only to the asker: true or false (env "+envSlackInChannel+")")
	fs.StringVar(&raw.mcpOn, "mcp", getenv(envMCP, "true"), "serve the Model Context Protocol on POST /mcp: true or false (env "+envMCP+")")
	fs.StringVar(&raw.level, "log-level", getenv(envLogLevel, "info"), "debug, info, warn or error (env "+envLogLevel+")")
	fs.StringVar(&cfg.LogFormat, "log-format", getenv(envLogFormat, "text"), "text or json (env "+envLogFormat+")")
	fs.StringVar(&raw.shutdown, "shutdown-timeout", getenv(envShutdownTimeout, "20s"), "how long in-flight requests may take to finish on SIGTERM (env "+envShutdownTimeout+")")
}

// parseSwitches reads the true-or-false flags.
func parseSwitches(cfg *serveConfig, raw serveFlags) error {
	var err error
	if cfg.SlackInChannel, err = strconv.ParseBool(raw.inChannel); err != nil {
		return fmt.Errorf("--slack-in-channel: %q is not true or false", raw.inChannel)
	}
	if cfg.MCP, err = strconv.ParseBool(raw.mcpOn); err != nil {
		return fmt.Errorf("--mcp: %q is not true or false", raw.mcpOn)
	}
	if cfg.Watch, err = strconv.ParseBool(raw.watch); err != nil {
		return fmt.Errorf("--watch: %q is not true or false", raw.watch)
	}
	return nil
}

// parseDurations reads the durations, each of which must be positive.
func parseDurations(cfg *serveConfig, raw serveFlags) error {
	var err error
	if cfg.Debounce, err = time.ParseDuration(raw.debounce); err != nil || cfg.Debounce <= 0 {
		return fmt.Errorf("--reload-debounce: %q is not a positive duration", raw.debounce)
	}
	if cfg.ShutdownTimeout, err = time.ParseDuration(raw.shutdown); err != nil || cfg.ShutdownTimeout <= 0 {
		return fmt.Errorf("--shutdown-timeout: %q is not a positive duration", raw.shutdown)
	}
	return nil
}

// parseLimits reads the rate limit, its burst and the cap on searches.
func parseLimits(cfg *serveConfig, raw serveFlags) error {
	var err error
	if cfg.RateLimit, err = strconv.ParseFloat(raw.rateLimit, 64); err != nil || cfg.RateLimit < 0 {
		return fmt.Errorf("--rate-limit: %q is not a number of requests per second", raw.rateLimit)
	}
	if cfg.RateBurst, err = strconv.Atoi(raw.burst); err != nil || cfg.RateBurst < 1 {
		return fmt.Errorf("--rate-burst: %q is not a positive number", raw.burst)
	}
	if cfg.MaxSearches, err = strconv.Atoi(raw.maxSearches); err != nil || cfg.MaxSearches < 0 {
		return fmt.Errorf("--max-searches: %q is not a number of searches", raw.maxSearches)
	}
	return nil
}

// parseOpsAddr turns "off" into no operations listener, and refuses one on
// the public listener's address.
func parseOpsAddr(cfg *serveConfig, _ serveFlags) error {
	if cfg.OpsAddr == "off" {
		cfg.OpsAddr = ""
	}
	if cfg.OpsAddr != "" && cfg.OpsAddr == cfg.Addr && !strings.HasSuffix(cfg.Addr, ":0") {
		return fmt.Errorf("--ops-addr: %q is --addr too; the operations listener needs an address of its own", cfg.OpsAddr)
	}
	return nil
}

// parseTrustedProxies reads the comma-separated CIDRs and addresses.
func parseTrustedProxies(cfg *serveConfig, raw serveFlags) error {
	for _, s := range strings.Split(raw.proxies, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			// A bare address is a one-address range.
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return fmt.Errorf("--trusted-proxies: %q is not a CIDR or an address", s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		cfg.TrustedProxies = append(cfg.TrustedProxies, p)
	}
	return nil
}

// parseLogging reads the log level and checks the log format.
func parseLogging(cfg *serveConfig, raw serveFlags) error {
	if err := cfg.LogLevel.UnmarshalText([]byte(raw.level)); err != nil {
		return fmt.Errorf("--log-level: %q is not debug, info, warn or error", raw.level)
	}
	if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
		return fmt.Errorf("--log-format: %q is not text or json", cfg.LogFormat)
	}
	return nil
}

func newLogger(w io.Writer, cfg serveConfig) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// serveGCPercent is the garbage collector's pace for serve unless GOGC
// says otherwise. The live heap is small (some 3 MB on the real catalog)
// and every request allocates about 2 KB inside net/http, so at Go's
// default of 100 the collector ran every ~1,400 requests, some 10% of the
// time under load, and both throughput and tail latency paid for it. At
// 400 it runs a quarter as often, for a heap goal of some 17 MB instead of
// 7 (a resident size of 48 MB against 35). docs/benchmarks.md has the
// figures; GOMEMLIMIT, if set, still caps the heap.
const serveGCPercent = 400

func runServe(ctx context.Context, env *cmdEnv, args []string) int {
	cfg, err := parseServeConfig(env, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		if !strings.HasPrefix(err.Error(), "flag provided but not defined") {
			env.errorf("serve: %v", err)
		}
		return exitUsage
	}
	log := newLogger(env.err, cfg)
	if env.getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	// Before the first index is built, as it requires. A reload's build
	// then takes one processor, not both, from the requests.
	search.UseOneAnalysisWorker()
	if err := serve(ctx, cfg, log); err != nil {
		log.Error("errdex serve stopped", "err", err)
		return exitFailed
	}
	return exitOK
}

// serve runs the service until ctx ends, then shuts it down gracefully.
func serve(ctx context.Context, cfg serveConfig, log *slog.Logger) error {
	cat, err := serveCatalog(cfg, log)
	if err != nil {
		return err
	}
	build := indexBuilder(cfg, log)
	// Logged before the build, which takes about a minute at 100k entries.
	log.Info("indexing the catalog", "entries", cat.Len())
	idx, err := build(ctx, cat)
	if err != nil {
		if ctx.Err() != nil {
			log.Info("stopped while indexing the catalog, before serving")
			return nil
		}
		return fmt.Errorf("indexing the catalog: %w", err)
	}
	holder := live.NewHolder(idx, log)
	defer holder.Close()

	var reloader *live.Reloader
	if cfg.CatalogDir != "" {
		reloader = live.NewReloader(cfg.CatalogDir, holder, build, log)
	}
	srv, err := web.New(webConfig(cfg, cat, log), holder, reloader, log)
	if err != nil {
		return err
	}

	// SIGHUP is caught before the listening line is logged, so whoever
	// waits for that line may signal at once without killing the process.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	ls, err := listen(cfg, srv)
	if err != nil {
		return err
	}

	// Reloads stop before the index holder closes: bg ends first. It ends
	// with ctx too, so that SIGTERM cancels a reload's build at once
	// rather than after the requests in flight are drained.
	bg, stopBG := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { stopBG(); wg.Wait() }()
	if reloader != nil && cfg.Watch {
		watchCatalog(bg, &wg, cfg, reloader, log)
	}
	// Logged once the watch and SIGHUP are in place, so a change made after
	// this line is seen.
	log.Info("listening", "addr", ls.addr, "ops_addr", ls.opsAddr, "catalog", cat.Source,
		"version", cat.Version, "entries", cat.Len(), "slack", cfg.SlackSigningSecret != "", "mcp", cfg.MCP)
	wg.Go(func() { reloadOnHUP(bg, hup, reloader, log) })

	select {
	case err := <-ls.errc:
		return err
	case <-ctx.Done():
	}
	return ls.shutdown(cfg.ShutdownTimeout, log)
}

// indexBuilder is how serve builds an index, first and on each reload. A
// build gives up when its context ends: SIGTERM during the first build, or
// during a reload's, does not wait for it (100k entries take about a
// minute, longer than the shutdown timeout and a pod's grace). Every
// build shares one analysis cache, so that the index a good edit brings
// answers its first queries as fast as the one it replaces answered its
// last, not several times slower.
func indexBuilder(cfg serveConfig, log *slog.Logger) live.BuildFunc {
	analyses := search.NewAnalysisCache()
	return func(ctx context.Context, cat *errdex.Catalog) (errdex.Index, error) {
		return search.New(ctx, cat, search.Options{Dir: cfg.IndexDir, Analyses: analyses, OnBatch: func(n int) {
			log.Debug("indexing", "entries", n, "of", cat.Len())
		}})
	}
}

// webConfig is the web server's part of cfg, with Slack and MCP when on.
func webConfig(cfg serveConfig, cat *errdex.Catalog, log *slog.Logger) web.Config {
	wcfg := web.Config{
		BaseURL:        cfg.BaseURL,
		TrustedProxies: cfg.TrustedProxies,
		RateLimit:      cfg.RateLimit,
		RateBurst:      cfg.RateBurst,
		MaxSearches:    cfg.MaxSearches,
	}
	if cfg.SlackSigningSecret != "" && cfg.BaseURL == "" {
		// Slack cannot follow a site-relative link: answers would carry
		// none, and no "Open in errdex" button.
		log.Warn("Slack is on without a base URL: its answers have no links; set --base-url or " + envBaseURL)
	}
	if cfg.SlackSigningSecret != "" {
		// Slack asks the server's application service, like every surface.
		wcfg.Slack = func(svc *app.Service) (http.Handler, error) {
			return chatops.NewSlack(chatops.SlackConfig{
				SigningSecret: cfg.SlackSigningSecret,
				InChannel:     cfg.SlackInChannel,
				BaseURL:       cfg.BaseURL,
				Logger:        log.With("handler", "slack"),
			}, svc)
		}
	}
	if cfg.MCP {
		// MCP asks the same service: the API's deadline, metrics and misses.
		wcfg.MCP = func(svc *app.Service) http.Handler {
			return mcp.New(mcp.Config{
				App:     svc,
				BaseURL: cfg.BaseURL,
				Version: cat.Version,
				Logger:  log.With("handler", "mcp"),
			}).HTTPHandler(mcp.HTTPOptions{BehindProxy: len(cfg.TrustedProxies) > 0})
		}
	}
	return wcfg
}

// listeners are the public and the operations HTTP servers, serving.
type listeners struct {
	http, ops     *http.Server // ops is nil when there is none
	addr, opsAddr string       // opsAddr is "" when there is none
	// errc gets what each server's Serve returns.
	errc chan error
}

// listen starts the public listener on cfg.Addr and, unless it is off,
// the operations listener on cfg.OpsAddr.
func listen(cfg serveConfig, srv *web.Server) (*listeners, error) {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	ls := &listeners{http: srv.HTTPServer(), addr: ln.Addr().String(), errc: make(chan error, 2)}
	go func() { ls.errc <- ls.http.Serve(ln) }()
	if cfg.OpsAddr != "" {
		opsLn, err := net.Listen("tcp", cfg.OpsAddr)
		if err != nil {
			ls.http.Close()
			return nil, fmt.Errorf("operations listener: %w", err)
		}
		ls.ops = srv.OpsHTTPServer()
		ls.opsAddr = opsLn.Addr().String()
		go func() { ls.errc <- ls.ops.Serve(opsLn) }()
	}
	return ls, nil
}

// shutdown lets the requests in flight on the public listener finish
// within timeout, and closes the operations listener at once.
func (ls *listeners) shutdown(timeout time.Duration, log *slog.Logger) error {
	log.Info("shutting down: finishing requests in flight", "timeout", timeout)
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if ls.ops != nil {
		// Nothing on the operations listener is worth waiting for.
		ls.ops.Close()
	}
	if err := ls.http.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	for range 1 + btoi(ls.ops != nil) {
		if err := <-ls.errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	log.Info("stopped")
	return nil
}

// watchCatalog reloads the catalog when its directory changes, until bg
// ends; wg waits for it.
func watchCatalog(bg context.Context, wg *sync.WaitGroup, cfg serveConfig, reloader *live.Reloader, log *slog.Logger) {
	w, err := live.NewWatcher(cfg.CatalogDir, cfg.Debounce, log)
	if err != nil {
		log.Error("not watching the catalog directory; SIGHUP still reloads", "err", err)
		return
	}
	wg.Go(func() { w.Run(bg, func() { reloader.Reload(bg, "watch") }) })
}

// reloadOnHUP reloads the catalog on each SIGHUP until bg ends; reloader
// is nil when serving the built-in catalog.
func reloadOnHUP(bg context.Context, hup <-chan os.Signal, reloader *live.Reloader, log *slog.Logger) {
	for {
		select {
		case <-bg.Done():
			return
		case <-hup:
			if reloader == nil {
				log.Info("SIGHUP: serving the built-in catalog, nothing to reload")
				continue
			}
			reloader.Reload(bg, "sighup")
		}
	}
}

// serveCatalog is loadCatalog; tests serve a large synthetic catalog.
var serveCatalog = loadCatalog

// loadCatalog loads the catalog to serve first. Unlike a reload there is no
// last good catalog to fall back on, so problems stop the start, each one
// logged with its file and line.
func loadCatalog(cfg serveConfig, log *slog.Logger) (*errdex.Catalog, error) {
	var (
		cat *errdex.Catalog
		err error
	)
	if cfg.CatalogDir != "" {
		cat, err = errdex.LoadDir(cfg.CatalogDir)
	} else {
		cat, err = errdex.Builtin()
	}
	var verr *errdex.ValidationError
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			log.Error("catalog problem", "file", p.File, "line", p.Line, "entry", p.Entry, "problem", p.Message)
		}
		return nil, fmt.Errorf("the catalog has %d problem(s)", len(verr.Problems))
	}
	return cat, err
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
