#!/usr/bin/env bash
# Fuzzes the citation scanner, the front-matter splitter and parser, the Markdown parser and the
# bibliography's JSON reader (against JSONDecoder) with libFuzzer for SECONDS (default 60). Not part
# of the tests: run it by hand or nightly.
#
#   Scripts/fuzz.sh [SECONDS] [extra libFuzzer flags…]
#
# The seeds in Fuzz/corpus/ are read; new interesting inputs go to Fuzz/work/ (ignored by
# git, kept between runs); a crashing input is written to Fuzz/artifacts/ and can be replayed
# with the plain build:
#   swift run FuzzCitations Fuzz/artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
scratch=.build-fuzz
# -DFUZZING drops the replay `main`, so that libFuzzer's own `main` links.
swift build --scratch-path "$scratch" --product FuzzCitations -c debug \
    --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
mkdir -p Fuzz/work Fuzz/artifacts
# Swift's own backtracer would fight libFuzzer's crash handling.
SWIFT_BACKTRACE=enable=no "$scratch/debug/FuzzCitations" Fuzz/work Fuzz/corpus \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=Fuzz/artifacts/ -print_final_stats=1 "$@"
