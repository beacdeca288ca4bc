#!/usr/bin/env bash
# The corridor binary allocates with jemalloc when built with CORRIDOR_JEMALLOC (the default):
# jemalloc reads MALLOC_CONF at its first allocation and names an option it does not know, and
# every allocation entry point is exported for the libraries opened later.
#   check_allocator.sh PATH/TO/corridor
set -uo pipefail
out=$(MALLOC_CONF=corridor_allocator_check:1 "$1" --version 2>&1)
if ! grep -q '^<jemalloc>: Invalid conf pair: corridor_allocator_check:1' <<<"$out"; then
    echo "allocator: $1 does not allocate with jemalloc (it ignored MALLOC_CONF): $out"
    exit 1
fi
# Libraries opened later resolve their allocations against the binary's dynamic symbols.
exported=$(nm -D --defined-only "$1" | awk '{print $3}')
for symbol in malloc calloc realloc free aligned_alloc posix_memalign memalign valloc; do
    if ! grep -qx "$symbol" <<<"$exported"; then
        echo "allocator: $1 does not export $symbol: a library opened later would allocate with glibc's"
        exit 1
    fi
done
echo "allocator: jemalloc"
