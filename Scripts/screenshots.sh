#!/usr/bin/env bash
# Renders the main pages of the sample site and its review build with headless chromium at
# phone (390 px) and desktop (1280 px) widths into screenshots/, for people to look at (not a
# test). Full-page height is taken from the page itself via a tall window.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SWIFT_SCRATCH:-.build}
dpkg -s chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
swift build --scratch-path "$scratch" --product publish >/dev/null
bin=$(swift build --scratch-path "$scratch" --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin/publish" --output "$work/site" >/dev/null
"$bin/publish" --review --output "$work/review" >/dev/null
mkdir -p screenshots
pages=(
  "home site/index.html"
  "article site/articles/hr-positive-her2-positive-treatment/index.html"
  "questions site/questions/index.html"
  "pathways site/pathways/index.html"
  "review-dashboard review/review/index.html"
)
for entry in "${pages[@]}"; do
  name=${entry%% *}; path=${entry#* }
  for width in 390 1280; do
    height=$([ "$width" = 390 ] && echo 2400 || echo 1600)
    /usr/bin/chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
      --window-size="$width,$height" --screenshot="$PWD/screenshots/$name-$width.png" \
      "file://$work/$path" >/dev/null 2>&1
    echo "screenshots/$name-$width.png"
  done
done
