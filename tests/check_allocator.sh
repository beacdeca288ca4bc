#!/usr/bin/env bash
# The corridor binary allocates with jemalloc when built with CORRIDOR_JEMALLOC (the default):
# jemalloc reads MALLOC_CONF at its first allocation and names an option it does not know.
#   check_allocator.sh PATH/TO/corridor
set -uo pipefail
out=$(MALLOC_CONF=corridor_allocator_check:1 "$1" --version 2>&1)
if ! grep -q '^<jemalloc>: Invalid conf pair: corridor_allocator_check:1' <<<"$out"; then
    echo "allocator: $1 does not allocate with jemalloc (it ignored MALLOC_CONF): $out"
    exit 1
fi
echo "allocator: jemalloc"
