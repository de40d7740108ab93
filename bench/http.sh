#!/usr/bin/env bash
# HTTP side by side: errdex serve against a bare net/http server returning
# the same pre-encoded bytes, each pinned to core 1, driven by wrk pinned to
# core 0, on the lookup, entry and search endpoints, alternating ROUNDS times, at
# 16 connections and then at one. Loopback only. Prints a table and
# PASS/FAIL against the targets of issue 7:
#   lookup and entry: throughput >= 0.8x the bare server's, p99 < 2 ms (16 conns);
#   one connection: p50 within 1.5x of the bare server's.
#
# Usage: bench/http.sh            (DUR=10s CONNS=16 ROUNDS=2 by default; ~5 minutes)
# On a shared machine, DUR=5s ROUNDS=4 takes as long and interleaves finer.
# Needs: go, wrk (apt-get install -y wrk), taskset, curl.
set -euo pipefail

cd "$(dirname "$0")"
BENCH=$(pwd)
DUR=${DUR:-10s}
CONNS=${CONNS:-16}
ROUNDS=${ROUNDS:-2}
EPORT=${EPORT:-18081}
BPORT=${BPORT:-18082}
WORK=$(mktemp -d)
PIDS=()

cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk taskset curl go; do
	command -v "$tool" >/dev/null || { echo "http.sh: $tool not found (wrk: apt-get install -y wrk)" >&2; exit 1; }
done

echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(go version | cut -d' ' -f3), wrk $(wrk -v 2>&1 | head -1 | cut -d' ' -f2), load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "building errdex and bareserver..." >&2
(cd .. && go build -o "$WORK/errdex" ./cmd/errdex)
go build -o "$WORK/bareserver" ./cmd/bareserver

wait_up() { # url
	for _ in $(seq 1 100); do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "http.sh: $1 did not come up" >&2
	exit 1
}

# errdex, rate limit off so that wrk's single client is not throttled.
taskset -c 1 "$WORK/errdex" serve --addr "127.0.0.1:$EPORT" --rate-limit 0 --log-level warn --watch false \
	>"$WORK/errdex.log" 2>&1 &
PIDS+=($!)
wait_up "http://127.0.0.1:$EPORT/readyz"

# The three requests, and the bytes errdex answers them with.
declare -A PATHS=(
	[lookup]="/api/v1/lookup?code=4019"
	[entry]="/api/v1/entries/kakao-share/4019"
	[search]="/api/v1/search?q=template+not+found"
)
for ep in lookup entry search; do
	curl -fsS "http://127.0.0.1:$EPORT${PATHS[$ep]}" >"$WORK/$ep.json"
	echo "$ep: ${PATHS[$ep]} -> $(wc -c <"$WORK/$ep.json") bytes" >&2
done

taskset -c 1 "$WORK/bareserver" -addr "127.0.0.1:$BPORT" -dir "$WORK" >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_up "http://127.0.0.1:$BPORT/healthz"

# to_us converts wrk's "1.23ms", "456.00us", "1.01s" to microseconds.
to_us() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") print n; else if (u == "ms") print n * 1000; else if (u == "s") print n * 1000000; else print n
	}'
}

# run SERVER ENDPOINT CONNS: one wrk run; appends "server ep conns rps p50us p99us errors" to results.
run() {
	local server=$1 ep=$2 c=$3 port out
	port=$EPORT
	[ "$server" = bare ] && port=$BPORT
	out=$(taskset -c 0 wrk -t1 -c"$c" -d"$DUR" --latency "http://127.0.0.1:$port${PATHS[$ep]}")
	local rps p50 p99 errs
	rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
	p50=$(to_us "$(awk '$1 == "50%" {print $2}' <<<"$out")")
	p99=$(to_us "$(awk '$1 == "99%" {print $2}' <<<"$out")")
	errs=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {for (i = 4; i <= NF; i += 2) n += $i} END {print n + 0}' <<<"$out")
	echo "$server $ep $c $rps $p50 $p99 $errs" >>"$WORK/results"
	printf '  %-6s %-6s c=%-2s %10.0f req/s  p50 %7.0f us  p99 %7.0f us  errors %s\n' "$server" "$ep" "$c" "$rps" "$p50" "$p99" "$errs" >&2
}

: >"$WORK/results"
for c in "$CONNS" 1; do
	for rep in $(seq 1 "$ROUNDS"); do
		echo "round $rep at $c connection(s), $DUR each..." >&2
		for ep in lookup entry search; do
			# Who goes first alternates by round: the second run of a pair
			# finds the core warm from the first.
			if [ $((rep % 2)) -eq 1 ]; then
				run errdex "$ep" "$c"
				run bare "$ep" "$c"
			else
				run bare "$ep" "$c"
				run errdex "$ep" "$c"
			fi
		done
	done
done

echo "runs: $DUR each, $ROUNDS rounds per connection count; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"

# Average the runs of each (server, endpoint, conns), then compare.
awk -v conns="$CONNS" '
{ k = $1 " " $2 " " $3; rps[k] += $4; p50[k] += $5; p99[k] += $6; err[k] += $7; n[k]++ }
END {
	for (k in n) { rps[k] /= n[k]; p50[k] /= n[k]; p99[k] /= n[k] }
	printf "\n| endpoint | conns | errdex req/s | bare req/s | ratio | errdex p50 us | bare p50 us | p50 ratio | errdex p99 us | bare p99 us | errors |\n"
	printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
	split("lookup entry search", eps, " ")
	split(conns " 1", cs, " ")
	for (ci = 1; ci <= 2; ci++) for (ei = 1; ei <= 3; ei++) {
		c = cs[ci]; ep = eps[ei]; e = "errdex " ep " " c; b = "bare " ep " " c
		printf "| %s | %s | %.0f | %.0f | %.2fx | %.0f | %.0f | %.2fx | %.0f | %.0f | %d |\n", ep, c, rps[e], rps[b], rps[e] / rps[b], p50[e], p50[b], p50[e] / p50[b], p99[e], p99[b], err[e] + err[b]
	}
	print ""
	fail = 0
	for (ei = 1; ei <= 2; ei++) {
		ep = eps[ei]; e = "errdex " ep " " conns; b = "bare " ep " " conns
		r = rps[e] / rps[b]
		v = (r >= 0.8) ? "PASS" : "FAIL"; if (v == "FAIL") fail = 1
		printf "%s  %-6s throughput %.0f req/s = %.2fx bare (target >= 0.8x)\n", v, ep, rps[e], r
		v = (p99[e] < 2000) ? "PASS" : "FAIL"; if (v == "FAIL") fail = 1
		printf "%s  %-6s p99 %.0f us at %s connections (target < 2000 us; the bare server: %.0f us)\n", v, ep, p99[e], conns, p99[b]
	}
	for (ei = 1; ei <= 3; ei++) {
		ep = eps[ei]; e = "errdex " ep " 1"; b = "bare " ep " 1"
		r = p50[e] / p50[b]
		if (ep == "search") { printf "info  %-6s p50 at 1 connection %.0f us = %.2fx bare (search does work the bare server does not)\n", ep, p50[e], r; continue }
		v = (r <= 1.5) ? "PASS" : "FAIL"; if (v == "FAIL") fail = 1
		printf "%s  %-6s p50 at 1 connection %.0f us = %.2fx bare (target <= 1.5x)\n", v, ep, p50[e], r
	}
	for (k in err) if (err[k] > 0 && k ~ /^errdex/) { printf "FAIL  %s: %d failed requests\n", k, err[k]; fail = 1 }
	print (fail ? "FAIL: some targets missed" : "PASS: all targets met")
	exit fail
}' "$WORK/results"
