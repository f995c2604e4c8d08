#!/usr/bin/env bash
# secret.create throughput of the example app with each secret store, in one run, with wrk on loopback.
# Bounded: each store gets DURATION seconds (default 10) with CONNECTIONS connections (default 64) from 2 threads.
# Needs PostgreSQL running (./test.sh starts it and creates the wisp_test role) and wrk (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-5299}

command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet build example -c Release -v quiet -nologo >/dev/null

pg_port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
pg_db="wisp_bench_$$"
runuser -u postgres -- psql -p "$pg_port" -qc "CREATE DATABASE $pg_db OWNER wisp_test" >/dev/null
trap 'runuser -u postgres -- psql -p "$pg_port" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null' EXIT

echo "| store | requests/s | p50 latency | p99 latency | non-2xx |"
echo "|---|---|---|---|---|"
for store in memory sqlite postgres; do
  root=$(mktemp -d)
  ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
  Wisp__SecretStore=$store ConnectionStrings__WispSecrets="Host=127.0.0.1;Port=$pg_port;Username=wisp_test;Password=wisp_test;Database=$pg_db" \
    dotnet example/bin/Release/net10.0/Wisp.Xrpc.Example.dll --contentRoot "$root" --urls "http://127.0.0.1:$PORT" >/dev/null 2>&1 &
  app=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
  # Warm up (JIT, pools, schema), then measure.
  wrk -t2 -c"$CONNECTIONS" -d3s -s benchmarks/load/secret-create.lua "http://127.0.0.1:$PORT" >/dev/null
  result=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s benchmarks/load/secret-create.lua "http://127.0.0.1:$PORT" | grep '^RESULT')
  kill "$app"; wait "$app" 2>/dev/null || true
  rm -rf "$root"
  eval "$(sed 's/^RESULT //' <<<"$result")"
  awk -v s="$store" -v r="$requests" -v d="$duration_us" -v p50="$p50_us" -v p99="$p99_us" -v e="$non2xx" \
    'BEGIN { printf "| %s | %.0f | %.2f ms | %.2f ms | %d |\n", s, r / (d / 1e6), p50 / 1000, p99 / 1000, e }'
done
