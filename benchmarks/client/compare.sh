#!/usr/bin/env bash
# The generated client against the same call written by hand (HttpClient + System.Text.Json source generation, no
# validation) and against the reference JavaScript client (@atproto/xrpc, pinned in tests/reference), all calling one
# server (this project's, serving com.example.client.getThing on loopback), one call at a time, interleaved:
# ROUNDS rounds of SECONDS_PER_ROUND seconds per client. Prints each round, then the medians and their ratios.
#   bash benchmarks/client/compare.sh            (ROUNDS=5 SECONDS_PER_ROUND=5 by default)
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

rate() { sed 's/.*"callsPerSecond":\([0-9.]*\).*/\1/'; }
ours=()
hand=()
theirs=()
# The server's JIT warms up on a round nobody counts; then the two .NET clients take turns going first.
"$bench" client-loop "$url" "$seconds" >/dev/null
for round in $(seq "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    c=$("$bench" client-loop "$url" "$seconds" | rate)
    h=$("$bench" client-loop "$url" "$seconds" handwritten | rate)
  else
    h=$("$bench" client-loop "$url" "$seconds" handwritten | rate)
    c=$("$bench" client-loop "$url" "$seconds" | rate)
  fi
  j=$(node tests/reference/bench-client.mjs "$url" "$seconds" 2>/dev/null | rate)
  ours+=("$c")
  hand+=("$h")
  theirs+=("$j")
  echo "round $round: generated $c calls/s, hand-written $h calls/s, @atproto/xrpc $j calls/s"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
m_ours=$(median "${ours[@]}")
m_hand=$(median "${hand[@]}")
m_theirs=$(median "${theirs[@]}")
echo "median: generated $m_ours calls/s, hand-written $m_hand calls/s, @atproto/xrpc $m_theirs calls/s"
echo "generated / hand-written: $(ratio "$m_ours" "$m_hand")x; generated / @atproto/xrpc: $(ratio "$m_ours" "$m_theirs")x"
