#!/usr/bin/env bash
# Publishes the example with Native AOT, checks that publishing gave no trim/AOT warning, then runs the native
# binary and calls place.wisp.v2.secret.create on it. Installs clang/lld/zlib (Debian) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v clang >/dev/null || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang lld zlib1g-dev >/dev/null
fi

out=$(mktemp -d)
log="$out/publish.log"
trap 'rm -rf "$out"' EXIT
if ! dotnet publish example -c Release -r linux-x64 -o "$out/bin" >"$log" 2>&1; then
  cat "$log"; echo "AOT publish failed"; exit 1
fi
warnings=$(grep -cE 'warning (IL[0-9]+|AOT)' "$log" || true)
echo "AOT publish: $warnings trim/AOT warnings; binary $(du -h "$out/bin/Wisp.Xrpc.Example" | cut -f1)"
[ "$warnings" -eq 0 ] || { grep -E 'warning (IL[0-9]+|AOT)' "$log"; exit 1; }

port=5499
ASPNETCORE_ENVIRONMENT=Development "$out/bin/Wisp.Xrpc.Example" --contentRoot "$out" --urls "http://127.0.0.1:$port" >"$out/app.log" 2>&1 &
app=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
status=$(curl -s -o "$out/body" -w '%{http_code}' -X POST "http://127.0.0.1:$port/xrpc/place.wisp.v2.secret.create" \
  -H 'Content-Type: application/json' -H 'Authorization: DevDid did:plc:aot' -d '{"name":"native"}')
kill "$app"; wait "$app" 2>/dev/null || true
echo "native secret.create: HTTP $status $(cat "$out/body")"
[ "$status" = 200 ]
