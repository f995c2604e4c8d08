#!/usr/bin/env bash
# Consuming a recorded firehose (300 #commit frames the reference made from real commits, benchmarks/dag-cbor/
# firehose.bin): messages per second, this project's consumer (Wisp.Xrpc.FirehoseConsumer: frame, typed validated
# message, ReadBlocks with every block's CID checked, each record decoded) against the reference's (@atproto/sync
# 0.4.11's steps: Frame.fromBytes, subscribeRepos.$message validation, readCar with CID checks, cborToLexRecord;
# consume.mjs), in memory (no socket), interleaved: ROUNDS rounds (5 unless set) of SECONDS_PER_ROUND (5) each.
#   bash benchmarks/firehose/compare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-5}
seconds=${SECONDS_PER_ROUND:-5}
(cd benchmarks/firehose && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null)
dotnet build -c Release benchmarks/Wisp.Xrpc.FirehoseConsumer -v q -nologo >/dev/null
ours=benchmarks/Wisp.Xrpc.FirehoseConsumer/bin/Release/net10.0/Wisp.Xrpc.FirehoseConsumer

rate() { sed 's/.*"messagesPerSecond":\([0-9.]*\).*/\1/'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
o=()
j=()
for round in $(seq "$rounds"); do
  a=$("$ours" benchmarks/dag-cbor/firehose.bin "$seconds" | rate)
  b=$(node benchmarks/firehose/consume.mjs "$seconds" 2>/dev/null | rate)
  o+=("$a"); j+=("$b")
  echo "round $round: Wisp.Xrpc $a messages/s, @atproto/sync's steps $b messages/s"
done
mo=$(median "${o[@]}"); mj=$(median "${j[@]}")
echo "median: Wisp.Xrpc $mo messages/s, @atproto/sync's steps $mj messages/s, ratio $(awk -v a="$mo" -v b="$mj" 'BEGIN {printf "%.2f", a / b}')x"
