#!/usr/bin/env bash
# How much of the 402-lexicon build any typed generator must pay: clean Release builds of three web projects made
# from the `dotnet new web` template, interleaved, RUNS times:
#   empty         the template as it is;
#   declarations  + every class, interface, constant and auto-property the generator emits for the atproto corpus,
#                 with no method, attribute or doc comment (benchmarks/build/Wisp.Xrpc.BuildFloor strips them):
#                 the least any generator that gives each lexicon definition a C# class must emit;
#   generated     + everything the generator emits, as plain source files (no generator run).
# The projects live outside the repository, as a user's would (no Directory.Build.props of ours applies).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
RUNS=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build src/Wisp.Xrpc -c Release -v q -nologo >/dev/null
dotnet build benchmarks/build/Wisp.Xrpc.BuildFloor -c Release -v q -nologo >/dev/null
dotnet build benchmarks/Wisp.Xrpc.AtprotoWeb -c Release -v q -nologo --no-incremental \
  -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$work/emitted" >/dev/null
mkdir -p "$work/src-generated"
cp "$work"/emitted/Wisp.Xrpc.Generators/*/*.cs "$work/src-generated/"
printf 'generated: %s files, %s lines\n' "$(ls "$work/src-generated" | wc -l)" "$(cat "$work"/src-generated/*.cs | wc -l)"
printf 'declarations: '
dotnet benchmarks/build/Wisp.Xrpc.BuildFloor/bin/Release/net10.0/Wisp.Xrpc.BuildFloor.dll "$work/src-generated" "$work/src-declarations"

variants=(empty declarations generated)
for variant in "${variants[@]}"; do
  project="$work/$variant"
  dotnet new web -o "$project" -n "Floor${variant^}" >/dev/null
  if [ "$variant" != empty ]; then
    sed -i "s#</Project>#  <ItemGroup>\n    <Reference Include=\"$repo/src/Wisp.Xrpc/bin/Release/net10.0/Wisp.Xrpc.dll\" />\n    <Compile Include=\"$work/src-$variant/*.cs\" />\n  </ItemGroup>\n</Project>#" \
      "$project/Floor${variant^}.csproj"
  fi
  dotnet build "$project" -c Release -v q -nologo >/dev/null   # restore, and a first build the runs do not count
done

declare -A times
for run in $(seq 1 "$RUNS"); do
  for variant in "${variants[@]}"; do
    project="$work/$variant"
    rm -rf "$project/obj/Release" "$project/bin/Release"
    start=$(date +%s.%N)
    dotnet build "$project" -c Release --no-restore -nologo -v q >/dev/null
    end=$(date +%s.%N)
    times[$variant]+="$(printf '%.1f ' "$(echo "$end - $start" | bc)")"
  done
done
for variant in "${variants[@]}"; do
  printf '%-13s clean build: %s s\n' "$variant" "${times[$variant]% }"
done
