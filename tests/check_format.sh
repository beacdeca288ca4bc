#!/usr/bin/env bash
# The house style (.clang-format) holds for every C++ file git tracks.
# Usage: check_format.sh SOURCE_DIR
set -uo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "skipped: clang-format is not installed"; exit 77; }
files=$(git ls-files '*.cpp' '*.h' 2>/dev/null)
[ -n "$files" ] || { echo "skipped: not a git checkout"; exit 77; }
if ! out=$(clang-format --dry-run --Werror $files 2>&1); then
  echo "$out" | grep -E "(warning|error):" | head -20
  echo "format: run clang-format -i on the files above (the style is .clang-format)"
  exit 1
fi
echo "format ok"
