#!/usr/bin/env bash
# clang-tidy with .clang-tidy's checks over our sources, using the build's compile_commands.json.
# Left out: the generated parser, and the files that include the ANTLR runtime (clang 14 cannot
# compile antlr4-runtime/misc/InterpreterDataReader.h on its own; the fuzz build works around it
# with an umbrella header). Not part of the test command (minutes on two cores); run it before a
# change lands: tests/tidy.sh [BUILD_DIR] [FILE...]
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
command -v clang-tidy >/dev/null || { echo "clang-tidy is not installed (apt install clang-tidy)"; exit 77; }
[ -f "$build/compile_commands.json" ] || { echo "no $build/compile_commands.json: configure the build first"; exit 2; }
files=${*:-$(git ls-files 'storage/*.cpp' 'query/*.cpp' 'cases/*.cpp' 'cli/*.cpp' |
             grep -v '^query/ast/\(parse\|ast_builder[a-z_]*\|syntax_errors\)\.cpp$')}
out=$(echo "$files" | tr ' ' '\n' | xargs -P 2 -n 4 clang-tidy -p "$build" --quiet 2>/dev/null)
findings=$(echo "$out" | grep -E "(warning|error):")
if [ -n "$findings" ]; then
  echo "$findings"
  echo "tidy: $(echo "$findings" | wc -l) finding(s)"
  exit 1
fi
echo "tidy ok: $(echo "$files" | wc -w) files"
