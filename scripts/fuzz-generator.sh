#!/usr/bin/env bash
# A longer run of the generator fuzz test (tests/Wisp.Xrpc.Generators.Tests/FuzzTests.cs): lexicons from
# ../shared/lexicons mutated at random, each checked for no crash and either a located error or code that compiles.
# Usage: scripts/fuzz-generator.sh [cases] [seed]   (defaults: 10000 cases, seed 1; the test suite runs 150 with seed 11)
set -euo pipefail
cd "$(dirname "$0")/.."
export WISP_FUZZ_CASES="${1:-10000}"
export WISP_FUZZ_SEED="${2:-1}"
dotnet test tests/Wisp.Xrpc.Generators.Tests --filter "FullyQualifiedName~FuzzTests" --logger "console;verbosity=normal"
