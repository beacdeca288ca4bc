#!/usr/bin/env bash
# Installs the build and runtime dependencies from Debian's packages (bookworm).
# Uses sudo when not root; does nothing when everything is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  librocksdb-dev libserd-dev serdi libcli11-dev libfmt-dev doctest-dev libxxhash-dev
  antlr4 libantlr4-runtime-dev libedit-dev libpcre2-dev libssl-dev nlohmann-json3-dev libexpat1-dev libicu-dev libcsv-dev libraptor2-dev libcpp-httplib-dev
  libjemalloc-dev
  zstd openssl python3 clang-format git graphviz libgraphviz-dev python3-networkx python3-rdflib
  chromium
)
# Node.js and npm bundle the web view (web/) and drive the browser test. A machine that already
# has them (Debian's, or a nodejs package that carries npm) keeps its own.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
