#!/usr/bin/env bash
# Installs the Debian packages the build needs (cmark-gfm, Graphviz, jemalloc), when they are missing.
set -euo pipefail
need=()
for pkg in libcmark-gfm-dev libcmark-gfm-extensions-dev libgraphviz-dev libjemalloc-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
