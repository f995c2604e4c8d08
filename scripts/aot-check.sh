#!/usr/bin/env bash
# Publishes both examples with Native AOT, checks that publishing gave no trim/AOT warning, then runs each native
# binary and calls it: place.wisp.v2.secret.create on the example, app.bsky.feed.describeFeedGenerator (and the 501
# of a method it does not map) on the feed generator, which serves two methods of the prebuilt atproto lexicons.
# The feed generator may be at most 3 MB larger than the example. Installs clang/lld/zlib (Debian) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v clang >/dev/null || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang lld zlib1g-dev >/dev/null
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

publish() { # project, folder
  local log="$out/$2.log"
  if ! dotnet publish "$1" -c Release -r linux-x64 -o "$out/$2" >"$log" 2>&1; then
    cat "$log"; echo "AOT publish of $1 failed"; exit 1
  fi
  local warnings
  warnings=$(grep -cE 'warning (IL[0-9]+|AOT)' "$log" || true)
  [ "$warnings" -eq 0 ] || { grep -E 'warning (IL[0-9]+|AOT)' "$log"; echo "AOT publish of $1: $warnings trim/AOT warnings"; exit 1; }
}

wait_for() { for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; return 1; }

publish example example
publish example-feed-generator feed
example_bytes=$(stat -c %s "$out/example/Wisp.Xrpc.Example")
feed_bytes=$(stat -c %s "$out/feed/Wisp.Xrpc.FeedGenerator.Example")
echo "AOT publish: 0 trim/AOT warnings; example $((example_bytes / 1024)) KiB, feed generator $((feed_bytes / 1024)) KiB (difference $(((feed_bytes - example_bytes) / 1024)) KiB)"

port=5499
ASPNETCORE_ENVIRONMENT=Development "$out/example/Wisp.Xrpc.Example" --contentRoot "$out" --urls "http://127.0.0.1:$port" >"$out/app.log" 2>&1 &
app=$!
wait_for $port || true
status=$(curl -s -o "$out/body" -w '%{http_code}' -X POST "http://127.0.0.1:$port/xrpc/place.wisp.v2.secret.create" \
  -H 'Content-Type: application/json' -H 'Authorization: DevDid did:plc:aot' -d '{"name":"native"}')
kill "$app"; wait "$app" 2>/dev/null || true
echo "native secret.create: HTTP $status $(cat "$out/body")"
[ "$status" = 200 ]

port=5498
"$out/feed/Wisp.Xrpc.FeedGenerator.Example" --contentRoot "$out/feed" --urls "http://127.0.0.1:$port" >"$out/feed.log" 2>&1 &
app=$!
wait_for $port || true
status=$(curl -s -o "$out/body" -w '%{http_code}' "http://127.0.0.1:$port/xrpc/app.bsky.feed.describeFeedGenerator")
unmapped=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/xrpc/app.bsky.feed.getTimeline")
kill "$app"; wait "$app" 2>/dev/null || true
echo "native describeFeedGenerator: HTTP $status $(cat "$out/body"); getTimeline: HTTP $unmapped"
[ "$status" = 200 ] || { cat "$out/feed.log"; exit 1; }
[ "$unmapped" = 501 ]
[ $((feed_bytes - example_bytes)) -le $((3 * 1024 * 1024)) ] || { echo "the feed generator is more than 3 MB larger than the example"; exit 1; }
