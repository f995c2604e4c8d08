#!/usr/bin/env bash
# Build cost of a feed generator on the prebuilt atproto lexicons (issue #13), interleaved in one run with:
#   template  - `dotnet new web`, the floor every ASP.NET Core project pays;
#   feedgen   - example-feed-generator's sources referencing Wisp.Xrpc.Generators + Wisp.Xrpc.Lexicons.Atproto
#               from a local feed (packed here), no lexicon file of its own;
#   copied    - the same sources with the 402 atproto lexicons copied into lexicons/ instead (today's way).
# Each run: a clean Release build (bin/ and obj/Release removed, restore kept), then a build after editing one
# file (Program.cs for the template, the handlers for the others). Prints every time, then medians and ratios.
# The environment's UseSharedCompilation=false applies: every build is a cold csc (no compiler server). To measure as
# users build, with the compiler server: BUILD_ARGS=-p:UseSharedCompilation=true bash benchmarks/build/feed-generator-build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-bench.$(date +%s)"
feed="$work/feed"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

dotnet pack src/Wisp.Xrpc -c Release -o "$feed" -p:Version="$version" -v q -nologo >/dev/null
dotnet pack src/Wisp.Xrpc.Lexicons.Atproto -c Release -o "$feed" -p:Version="$version" -v q -nologo >/dev/null
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="local" value="$feed" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="Wisp.Xrpc.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
  <fallbackPackageFolders><add key="machine" value="$packages" /></fallbackPackageFolders>
</configuration>
XML

(cd "$work" && dotnet new web -o template -n Template --no-restore >/dev/null)

project() { # folder, extra PackageReference lines, extra properties
  mkdir -p "$work/$1"
  cp example-feed-generator/*.cs example-feed-generator/appsettings.json "$work/$1/"
  cat >"$work/$1/FeedGen.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>Wisp.Xrpc.FeedGenerator</RootNamespace>
    $3
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Wisp.Xrpc.Generators" Version="$version" />
    $2
  </ItemGroup>
</Project>
XML
}
project feedgen "<PackageReference Include=\"Wisp.Xrpc.Lexicons.Atproto\" Version=\"$version\" />" ""
project copied "" "<WispXrpcNamespace>Wisp.Xrpc.Lexicons</WispXrpcNamespace>"
mkdir -p "$work/copied/lexicons" && cp -r "$root/../shared/lexicons/atproto/." "$work/copied/lexicons/"

export NUGET_PACKAGES="$work/packages"
for p in template feedgen copied; do
  (cd "$work/$p" && dotnet restore -v q >/dev/null && dotnet build -c Release --no-restore -v q -nologo ${BUILD_ARGS:-} >/dev/null)
done

edited_file() { [ "$1" = template ] && echo Program.cs || echo Handlers.cs; }
time_build() { # folder -> seconds
  local start end
  start=$(date +%s.%N)
  (cd "$work/$1" && dotnet build -c Release --no-restore -v q -nologo ${BUILD_ARGS:-} >/dev/null)
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

results="$work/results"
: >"$results"
for run in $(seq 1 "$RUNS"); do
  for p in template feedgen copied; do
    rm -rf "$work/$p/bin" "$work/$p/obj/Release"
    clean=$(time_build "$p")
    echo "// edit $run" >>"$work/$p/$(edited_file "$p")"
    edit=$(time_build "$p")
    printf 'run %d %-8s clean %5.1f s  after one edit %5.1f s\n' "$run" "$p" "$clean" "$edit"
    echo "$p $clean $edit" >>"$results"
  done
done

python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
med = {p: (statistics.median(float(r[1]) for r in rows if r[0] == p), statistics.median(float(r[2]) for r in rows if r[0] == p)) for p in ("template", "feedgen", "copied")}
for p, (clean, edit) in med.items():
    print(f"median {p:8} clean {clean:5.1f} s ({clean / med['template'][0]:.2f}x template)  after one edit {edit:5.1f} s ({edit / med['template'][1]:.2f}x template)")
PY
