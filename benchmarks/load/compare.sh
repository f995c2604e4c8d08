#!/usr/bin/env bash
# The generated endpoints against (a) hand-written minimal-API endpoints doing the same work and (b) a raw
# RequestDelegate writing fixed bytes, in one process (benchmarks/Wisp.Xrpc.LoadApp, in-memory store).
# Bounded: ROUNDS (default 3) rounds; in each, every row gets a 2 s warm-up and DURATION seconds (default 5) of
# measurement, CONNECTIONS (default 64), 2 wrk threads, loopback. Rows are interleaved round by round and each row
# reports its median round, so a slow moment of the shared 2-core machine does not decide a ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-5399}
url="http://127.0.0.1:$PORT"
results=$(mktemp)

command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet build benchmarks/Wisp.Xrpc.LoadApp -c Release -v quiet -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Development dotnet benchmarks/Wisp.Xrpc.LoadApp/bin/Release/net10.0/Wisp.Xrpc.LoadApp.dll --urls "$url" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; rm -f "$results"' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "$url/raw" && break; sleep 0.1; done
for name in a b c; do
  curl -s -o /dev/null -X POST "$url/xrpc/place.wisp.v2.secret.create" -H 'Content-Type: application/json' -H 'Authorization: DevDid did:plc:lister' -d "{\"name\":\"$name\"}"
done

measure() { # key path mode
  wrk -t2 -c"$CONNECTIONS" -d2s -s benchmarks/load/compare.lua "$url" -- "$2" "$3" >/dev/null
  local result
  result=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s benchmarks/load/compare.lua "$url" -- "$2" "$3" | grep '^RESULT')
  echo "$1 ${result#RESULT }" >>"$results"
}

# The raw rows come twice: a bare GET (what secret.list sends) and the very request secret.create sends
# (POST, JSON body, Authorization), which Kestrel and the authentication middleware still parse.
rows=(
  "raw_get|raw RequestDelegate, fixed bytes (GET)|/raw|get"
  "raw_post|raw RequestDelegate, fixed bytes (secret.create's POST)|/raw|create"
  "min_create|minimal API secret.create|/minimal/secret.create|create"
  "gen_create|generated secret.create|/xrpc/place.wisp.v2.secret.create|create"
  "min_list|minimal API secret.list|/minimal/secret.list|get"
  "gen_list|generated secret.list (query)|/xrpc/place.wisp.v2.secret.list|get"
)
for round in $(seq 1 "$ROUNDS"); do
  for row in "${rows[@]}"; do
    IFS='|' read -r key _ path mode <<<"$row"
    measure "$key" "$path" "$mode"
  done
done

echo "| endpoint | requests/s (median of $ROUNDS) | all rounds | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
for row in "${rows[@]}"; do
  IFS='|' read -r key label _ _ <<<"$row"
  grep "^$key " "$results" | sed "s/^$key //" | awk -v label="$label" -v key="$key" '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      rps[NR] = v["requests"] / (v["duration_us"] / 1e6); p50[NR] = v["p50_us"]; p99[NR] = v["p99_us"]; bad += v["non2xx"] }
    END {
      n = NR; for (i = 1; i <= n; i++) order[i] = i
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (rps[order[j]] < rps[order[i]]) { t = order[i]; order[i] = order[j]; order[j] = t }
      m = order[int((n + 1) / 2)]; all = ""
      for (i = 1; i <= n; i++) all = all (i > 1 ? " / " : "") sprintf("%.0f", rps[i])
      printf "| %s | %.0f | %s | %.2f ms | %.2f ms | %d |\n", label, rps[m], all, p50[m] / 1000, p99[m] / 1000, bad
      printf "%s %.0f\n", key, rps[m] > "/dev/stderr"
    }' 2>>"$results.median"
done
echo
awk '{ r[$1] = $2 } END {
  printf "generated / minimal API:        create %.2fx, list %.2fx\n", r["gen_create"] / r["min_create"], r["gen_list"] / r["min_list"]
  printf "generated / raw, same request:  create %.2fx (POST), list %.2fx (GET)\n", r["gen_create"] / r["raw_post"], r["gen_list"] / r["raw_get"]
  printf "generated create / raw GET:     %.2fx\n", r["gen_create"] / r["raw_get"]
}' "$results.median"
rm -f "$results.median"
