#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for
# SECONDS (default 60), corpora seeded from the W3C suites and examples/.
# A crash leaves its input in build-fuzz/crashes/<target>/; copy it into
# tests/fuzz/regressions/<target>/ (the test run replays that folder) and fix it.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=${*:-query execute rdf iri roundtrip csv tokens}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCORRIDOR_FUZZ=ON >/dev/null
for t in $targets; do cmake --build build-fuzz -j 2 --target corridor_fuzz_$t >/dev/null; done
w3c=../shared/conformance/w3c
seed() { # target: fills build-fuzz/corpus/<target>
  local dir=build-fuzz/corpus/$1
  mkdir -p "$dir"
  case $1 in
    query|execute|tokens) find "$w3c/sparql" examples tests/queries -name '*.rq' -o -name '*.ru' 2>/dev/null | head -2000 |
             while read -r f; do cp "$f" "$dir/$(echo "$f" | md5sum | cut -c1-16)"; done ;;
    rdf) i=0; for f in $(find "$w3c/rdf" examples/tcriz tests/data -name '*.nt' -o -name '*.nq' -o -name '*.ttl' -o -name '*.trig' 2>/dev/null | head -1500); do
           case $f in *.nt) b='\x00';; *.nq) b='\x01';; *.ttl) b='\x02';; *) b='\x03';; esac
           { printf "$b"; head -c 20000 "$f"; } > "$dir/s$((i++))"; done ;;
    iri) printf 'http://a/b/c/d;p?q\n../../g' > "$dir/rfc"; printf 'file:///x/y\n./z#f' > "$dir/file" ;;
    csv) i=0; for f in examples/eiz/*.csv examples/kitic/*.tsv; do { printf '\x00'; cat "$f"; } > "$dir/s$((i++))"; done
         printf '\x01kind,name,maps_to,from,to,values\nfact,x,PolicyTransfer,transfer_from,transfer_to,element=tax\n' > "$dir/m" ;;
    roundtrip) printf 'plain' > "$dir/a"; printf 'tab\tquote"back\\slash\nnew' > "$dir/b"; printf '泰中 café' > "$dir/c" ;;
  esac
}
mkdir -p build-fuzz/crashes
for t in $targets; do
  seed "$t"
  mkdir -p "build-fuzz/crashes/$t"
  echo "== $t: ${seconds}s"
  ./build-fuzz/tests/corridor_fuzz_$t "build-fuzz/corpus/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="build-fuzz/crashes/$t/" -print_final_stats=1 2>&1 | grep -E "^(#|stat::|==|SUMMARY|artifact)" | tail -6 || true
done
echo "crashes found: $(find build-fuzz/crashes -type f | wc -l) (build-fuzz/crashes/)"
