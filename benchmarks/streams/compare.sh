#!/usr/bin/env bash
# Event-stream delivery: frames per second to 1 and to 100 consumers on loopback, through the generated endpoint of
# com.example.stream.subscribeEvents (stored frames, as an event log sends them: send buffer, ConsumerTooSlow watch,
# close handshake) against a bare ASP.NET Core WebSocket endpoint sending the same bytes (the ceiling). 1,000,000
# frames of 245 bytes per run, shared by the consumers; ROUNDS rounds (5 unless set), the two endpoints alternating
# which goes first; medians and ratios at the end. The server runs in its own process; the consumers are raw
# ClientWebSockets in another.
#   bash benchmarks/streams/compare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-5}
dotnet build -c Release benchmarks/Wisp.Xrpc.Benchmarks -v q -nologo >/dev/null
bench=benchmarks/Wisp.Xrpc.Benchmarks/bin/Release/net10.0/Wisp.Xrpc.Benchmarks

coproc SERVER { "$bench" serve-stream; }
read -r ready <&"${SERVER[0]}"
port=$(sed 's/[^0-9]//g' <<<"$ready")
trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
ours="ws://127.0.0.1:$port/xrpc/com.example.stream.subscribeEvents?limit=LIMIT"
raw="ws://127.0.0.1:$port/raw?limit=LIMIT"

rate() { sed 's/.*"framesPerSecond":\([0-9.]*\).*/\1/'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for consumers in 1 100; do
  o=()
  r=()
  for round in $(seq "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then
      a=$("$bench" stream-clients "$ours" "$consumers" | rate); b=$("$bench" stream-clients "$raw" "$consumers" | rate)
    else
      b=$("$bench" stream-clients "$raw" "$consumers" | rate); a=$("$bench" stream-clients "$ours" "$consumers" | rate)
    fi
    o+=("$a"); r+=("$b")
    echo "$consumers consumer(s), round $round: generated endpoint $a frames/s, raw WebSocket $b frames/s"
  done
  mo=$(median "${o[@]}"); mr=$(median "${r[@]}")
  echo "$consumers consumer(s): median generated $mo frames/s, raw $mr frames/s, ratio $(awk -v a="$mo" -v b="$mr" 'BEGIN {printf "%.2f", a / b}')x"
done
