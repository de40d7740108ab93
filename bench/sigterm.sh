#!/usr/bin/env bash
# SIGTERM during a large first build (issue 12 point 7). Loopback only.
#
#   bench/sigterm.sh            5 runs: a 100k-entry catalog, SIGTERM 10 s into its build
#   SIGNAL_AT=batch DELAYS=1 RUNS=3 bench/sigterm.sh   SIGTERM 1 s after the first of
#       its ten 10,000-entry batches is in: inside the second, the longest wait there is
#   ENTRIES=30000 DELAYS="5 15" RUNS=2 SHUTDOWN_TIMEOUT=5s bench/sigterm.sh
#   BIN=/tmp/errdex.test bench/sigterm.sh   a test binary built already (go test -c ./cmd/errdex)
#
# errdex's loader refuses a catalog over 4 MiB of YAML, so no --catalog
# directory can hold 100k entries. The script builds cmd/errdex's test binary,
# which, with ERRDEX_TEST_SYNTH_ENTRIES set, is errdex itself (its main, signal
# handling, serve and index build) serving internal/synth's catalog of that
# size. For each delay in DELAYS and each of RUNS runs it starts
#   errdex serve --addr 127.0.0.1:0 --ops-addr 127.0.0.1:0 --shutdown-timeout T
# waits for its "indexing the catalog" line (SIGNAL_AT=start, the default) or
# for its first batch (SIGNAL_AT=batch), sleeps the delay, sends SIGTERM
# and measures the time to exit and the exit status. A run passes when errdex
# exits 0 within the shutdown timeout, having said "stopped while indexing";
# one still running 30 s past the timeout is killed and fails.
# Prints one line per run and RESULT: PASS or FAIL; exits 1 on a failure.
set -euo pipefail

entries="${ENTRIES:-100000}"
delays="${DELAYS:-10}"
runs="${RUNS:-5}"
timeout="${SHUTDOWN_TIMEOUT:-20s}"
signal_at="${SIGNAL_AT:-start}"
case "$signal_at" in
start) ready='"msg":"indexing the catalog"' ;;
batch) ready='"msg":"indexing",' ;;
*) echo "SIGNAL_AT=$signal_at: start or batch" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/errdex-sigterm.XXXXXX")"
if [ -n "${SIGTERM_KEEP:-}" ]; then
	echo "keeping $work (the logs)"
else
	trap 'rm -rf "$work"' EXIT
fi

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(go version | cut -d' ' -f3-)"
echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
bin="${BIN:-$work/errdex.test}"
if [ -z "${BIN:-}" ]; then
	(cd "$root" && go test -c -o "$bin" ./cmd/errdex)
else
	echo "binary: $bin (not built from this commit)"
fi
echo "SIGTERM at: $signal_at + each of DELAYS=\"$delays\" s; shutdown timeout $timeout"

limit_s=$(( ${timeout%s} + 30 )) # the hang guard; SHUTDOWN_TIMEOUT in whole seconds
failed=0
printf '%-4s %-7s %-8s %-18s %-6s %-10s %-17s %s\n' run delay entries "batches at signal" status "exit after" "stopped indexing" "load average"
for delay in $delays; do
	for i in $(seq 1 "$runs"); do
		log="$work/serve-$delay-$i.log"
		: >"$log"
		ERRDEX_TEST_SYNTH_ENTRIES="$entries" "$bin" serve --addr 127.0.0.1:0 --ops-addr 127.0.0.1:0 \
			--log-format json --log-level debug --shutdown-timeout "$timeout" >"$log" 2>&1 &
		pid=$!
		until grep -q "$ready" "$log"; do
			if ! kill -0 "$pid" 2>/dev/null; then
				echo "errdex exited before indexing:" >&2
				cat "$log" >&2
				exit 1
			fi
			sleep 0.05
		done
		sleep "$delay"
		batches=$(grep -c '"msg":"indexing",' "$log" || true)
		load=$(cut -d' ' -f1-3 /proc/loadavg)
		t0=$(date +%s%N)
		kill -TERM "$pid"
		(sleep "$limit_s" && kill -KILL "$pid" 2>/dev/null) &
		guard=$!
		set +e
		wait "$pid"
		status=$?
		set -e
		t1=$(date +%s%N)
		kill "$guard" 2>/dev/null || true
		wait "$guard" 2>/dev/null || true
		ms=$(( (t1 - t0) / 1000000 ))
		said=no
		grep -q 'stopped while indexing' "$log" && said=yes
		verdict=PASS
		if [ "$status" -ne 0 ] || [ "$said" != yes ] || [ "$ms" -gt $(( ${timeout%s} * 1000 )) ]; then
			verdict=FAIL
			failed=1
		fi
		printf '%-4s %-7s %-8s %-18s %-6s %-10s %-17s %s  %s\n' "$i" "${delay}s" "$entries" "$batches" "$status" "${ms} ms" "$said" "$load" "$verdict"
	done
done
if [ "$failed" -ne 0 ]; then
	echo "RESULT: FAIL"
	exit 1
fi
echo "RESULT: PASS"
