#!/usr/bin/env bash
# Quick start, first command: installs what the build needs and builds the sample site into Site/.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build --product publish
swift run publish "$@"
