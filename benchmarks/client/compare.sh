#!/usr/bin/env bash
# The generated client against the reference JavaScript client (@atproto/xrpc, pinned in tests/reference), calling one
# server (this project's, serving com.example.client.getThing on loopback), one call at a time, interleaved:
# ROUNDS rounds of SECONDS each per client. Prints each round, then the medians and their ratio.
#   bash benchmarks/client/compare.sh            (ROUNDS=5 SECONDS=5 by default)
# The server runs in its own process; the clients take turns, so they never share the CPU with each other.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-5}
seconds=${SECONDS_PER_ROUND:-5}

(cd tests/reference && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null)
dotnet build -c Release benchmarks/Wisp.Xrpc.Benchmarks -v q -nologo >/dev/null
bench=benchmarks/Wisp.Xrpc.Benchmarks/bin/Release/net10.0/Wisp.Xrpc.Benchmarks

coproc SERVER { "$bench" serve-client; }
read -r ready <&"${SERVER[0]}"
port=$(sed 's/[^0-9]//g' <<<"$ready")
url="http://127.0.0.1:$port"
trap 'kill $SERVER_PID 2>/dev/null || true' EXIT

ours=()
theirs=()
for round in $(seq "$rounds"); do
  js=$(node tests/reference/bench-client.mjs "$url" "$seconds" 2>/dev/null)
  cs=$("$bench" client-loop "$url" "$seconds")
  j=$(sed 's/.*"callsPerSecond":\([0-9.]*\).*/\1/' <<<"$js")
  c=$(sed 's/.*"callsPerSecond":\([0-9.]*\).*/\1/' <<<"$cs")
  theirs+=("$j")
  ours+=("$c")
  echo "round $round: generated client $c calls/s, @atproto/xrpc $j calls/s"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_ours=$(median "${ours[@]}")
m_theirs=$(median "${theirs[@]}")
echo "median: generated client $m_ours calls/s, @atproto/xrpc $m_theirs calls/s, ratio $(awk -v a="$m_ours" -v b="$m_theirs" 'BEGIN {printf "%.2f", a / b}')x"
