#!/usr/bin/env bash
# The generated endpoints against (a) hand-written minimal-API endpoints doing the same work and (b) a raw
# RequestDelegate writing fixed bytes, in one process, one run (benchmarks/Wisp.Xrpc.LoadApp, in-memory store).
# Bounded: DURATION seconds (default 8) per row after a 2 s warm-up, CONNECTIONS (default 64), 2 wrk threads, loopback.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-8}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-5399}
url="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet build benchmarks/Wisp.Xrpc.LoadApp -c Release -v quiet -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Development dotnet benchmarks/Wisp.Xrpc.LoadApp/bin/Release/net10.0/Wisp.Xrpc.LoadApp.dll --urls "$url" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "$url/raw" && break; sleep 0.1; done
for name in a b c; do
  curl -s -o /dev/null -X POST "$url/xrpc/place.wisp.v2.secret.create" -H 'Content-Type: application/json' -H 'Authorization: DevDid did:plc:lister' -d "{\"name\":\"$name\"}"
done

run() { # label path mode
  wrk -t2 -c"$CONNECTIONS" -d2s -s benchmarks/load/compare.lua "$url" -- "$2" "$3" >/dev/null
  local result
  result=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s benchmarks/load/compare.lua "$url" -- "$2" "$3" | grep '^RESULT')
  eval "$(sed 's/^RESULT //' <<<"$result")"
  rps=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  printf '| %s | %s | %.2f ms | %.2f ms | %d |\n' "$1" "$rps" "$(awk -v v="$p50_us" 'BEGIN{print v/1000}')" "$(awk -v v="$p99_us" 'BEGIN{print v/1000}')" "$non2xx"
  eval "rps_$4=$rps"
}

echo "| endpoint | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
run "raw RequestDelegate, fixed bytes" /raw get raw
# Minimal API first: the store grows with each create row, so the generated rows run against the larger heap.
run "minimal API secret.create" /minimal/secret.create create min_create
run "generated secret.create" /xrpc/place.wisp.v2.secret.create create gen_create
run "minimal API secret.list" /minimal/secret.list get min_list
run "generated secret.list (query)" /xrpc/place.wisp.v2.secret.list get gen_list
echo
awk -v gc="$rps_gen_create" -v mc="$rps_min_create" -v gl="$rps_gen_list" -v ml="$rps_min_list" -v raw="$rps_raw" 'BEGIN {
  printf "generated / minimal API: create %.2fx, list %.2fx\n", gc / mc, gl / ml
  printf "generated / raw:         create %.2fx, list %.2fx\n", gc / raw, gl / raw
}'
