#!/usr/bin/env bash
# Soak and faults, and the hostile-input latencies, for issue 7. Loopback only.
#
#   bench/soak.sh [flags of bench/cmd/soak]   the soak: errdex serve under a steady
#       mixed load for -duration (default 10m) while its catalog directory is
#       edited, broken and fixed every second, with SIGHUPs, then SIGTERM under
#       load, then kill -9 during a reload and a restart. About duration + 1 minute.
#       e.g. bench/soak.sh -duration 2m
#   bench/soak.sh hostile   the hostile-input tests (cmd/errdex/hostile_test.go),
#       their latencies judged against 50 ms. About 20 seconds.
#
# Prints the figures and PASS/FAIL per criterion; exits 1 if any criterion fails.
# SOAK_KEEP=1 keeps the working directory (the server's logs) for a post-mortem.
# The figures in docs/reliability.md are this script's output.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/errdex-soak.XXXXXX")"
if [ -n "${SOAK_KEEP:-}" ]; then
	echo "keeping $work (serve.log, kill.log, the catalog and index)"
else
	trap 'rm -rf "$work"' EXIT
fi

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(go version | cut -d' ' -f3-)"
echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
(cd "$root/bench" && go build -o "$work/soak" ./cmd/soak)

if [ "${1:-}" = hostile ]; then
	shift
	(cd "$root" && go test -count=1 -run '^TestHostile' ./cmd/errdex -args -hostile.report="$work/hostile.tsv") >&2
	"$work/soak" -hostile-report "$work/hostile.tsv"
	exit
fi

(cd "$root" && go build -o "$work/errdex" ./cmd/errdex)
"$work/soak" -bin "$work/errdex" -catalog "$root/catalog" -work "$work" "$@"
