#!/usr/bin/env bash
# Quick start, second command: installs what the build needs and runs every test, then checks
# the built site and the Markdown and citation layers with the web's own tools (quality.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build --build-tests
swift test --skip-build
Scripts/quality.sh
