#!/usr/bin/env bash
# What users pay at every build: a clean Release `dotnet build` of a web project holding all 402 atproto lexicons
# (benchmarks/Wisp.Xrpc.AtprotoWeb), and the generator's own time inside csc (-p:ReportAnalyzer=true).
# The package's own projects are built first, so the timed build compiles only the web project itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
project=benchmarks/Wisp.Xrpc.AtprotoWeb
RUNS=${RUNS:-3}

dotnet build "$project" -c Release -v q -nologo >/dev/null   # restore + the library and generator, once
for run in $(seq 1 "$RUNS"); do
  rm -rf "$project/obj/Release" "$project/bin/Release"
  start=$(date +%s.%N)
  dotnet build "$project" -c Release --no-restore --no-dependencies -nologo -v q -p:ReportAnalyzer=true -bl:/tmp/atproto-build.binlog >/dev/null
  end=$(date +%s.%N)
  printf 'run %d: clean build %.1f s\n' "$run" "$(echo "$end - $start" | bc)"
done

# The generator's time as csc reports it (the last run), and what it emitted.
dotnet build "$project" -c Release --no-restore --no-dependencies -nologo -v:detailed -p:ReportAnalyzer=true --no-incremental 2>/dev/null \
  | grep -E "Wisp.Xrpc.Generators.XrpcGenerator|Total analyzer execution time|Total generator execution time" | sed 's/^ *//' | head -5
# How much code that is (written out once more, outside the timed runs).
out=$(mktemp -d)
dotnet build "$project" -c Release --no-restore --no-dependencies -nologo -v q --no-incremental \
  -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$out" >/dev/null
find "$out" -path '*Wisp.Xrpc.Generators*' -name '*.cs' -print0 | xargs -0 cat | wc -lc \
  | awk '{ printf "generated: %d lines, %.1f MB\n", $1, $2 / 1e6 }'
rm -rf "$out"
