#!/usr/bin/env bash
# Quick start, second command: installs what the build needs and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift build --build-tests
swift test --skip-build
