#!/usr/bin/env bash
# The corridor binary must not link the libraries it opens only when a feature needs
# them (storage/shared_library.h): each one linked is loaded, with all its own
# dependencies, at every start of every command.
#   check_startup_libraries.sh PATH/TO/corridor
set -uo pipefail
needed=$(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || { echo "startup libraries: cannot read what $1 links"; exit 1; }
bad=$(echo "$needed" | grep -E '^lib(raptor2|gvc|cgraph|cdt|cpp-httplib|ssl|crypto)\.' || true)
if [ -n "$bad" ]; then
    echo "startup libraries: $1 links $(echo $bad), which it should open only when needed"
    exit 1
fi
echo "startup libraries ok ($(echo "$needed" | wc -l) linked)"
