#!/usr/bin/env python3
"""Differential test: our reference-list entries for real CSL-JSON exports against pandoc 3's
citeproc with the AMA 11th-edition CSL (ama.csl).

Our side is the golden file of RealReferenceGoldenTests (Fixtures/golden/references-real.txt):
one line `id<TAB>html` per item of each file of Fixtures/references/real/, in file order, which
the Swift test keeps equal to what the site renderer prints. Pandoc's side: the same items, each
given a plain id (`r001`, …; items without an id get one), in one bibliography, cited with
`nocite: '@*'`, rendered `--citeproc --csl ama.csl -t html`.

Both entries are reduced to text and normalised as the twenty-second session's probes did
(their compare.py): tags dropped, entities decoded, whitespace collapsed; our
trailing `PubMed` link dropped (its href must carry the item's PMID) and a DOI link required
when the item has a DOI; en dashes read as hyphens. Pandoc keeps only the first letter of a given
name exported as bare capitals (`"given": "YH"`, Crossref- and PubMed-built files): the probes cut
every run of capitals in both author lists to its first letter; here only those authors of ours
are (`Im YH` is compared as `Im Y`), so that any other difference of initials still shows.

An item that differs must be listed, with a reason category, in reference-expected-differences.txt
(explained in docs/conformance.md); exits 1 when the set of differing items changes either way.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile


class Obj(list):
    """A JSON object as its (key, value) pairs in file order, duplicate keys kept."""


def dumps(v):
    if isinstance(v, Obj):
        return "{" + ", ".join(json.dumps(k, ensure_ascii=False) + ": " + dumps(x) for k, x in v) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(dumps(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


def field(item, name):
    """A field's value (keys matched without case; the first if a key repeats)."""
    for k, v in item:
        if k.lower() == name.lower():
            return v
    return None


def item_pmid(item):
    pmid = field(item, "PMID")
    if pmid is not None:
        pmid = str(pmid).strip()
        return pmid[5:].strip() if pmid.lower().startswith("pmid:") and pmid[5:].strip() else pmid
    note = field(item, "note")
    if isinstance(note, str):
        for line in note.splitlines():
            k, _, v = line.partition(":")
            if k.strip().lower() == "pmid" and v.strip():
                return v.strip()
    return None


def golden_sections(path):
    """{file: [(key, html)]} in the golden file's order."""
    sections, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# "):
                current = line[2:]
                sections[current] = []
            elif line and not line.startswith("!"):
                key, _, entry = line.partition("\t")
                sections[current].append((key, entry))
    return sections


def text(h):
    h = re.sub(r"<[^>]+>", "", h)
    h = html.unescape(h)
    return re.sub(r"\s+", " ", h).strip()


def bare_initials(item, s):
    """Our entry with each author whose given name is exported as bare capitals (`"given": "YH"`)
    cut to the first initial (`Im Y`), as pandoc prints such names; only in the author list."""
    head, sep, rest = s.partition(". ")
    for name in field(item, "author") or []:
        if isinstance(name, Obj):
            family, given = field(name, "family"), field(name, "given")
            if isinstance(family, str) and isinstance(given, str) and re.fullmatch(r"[A-Z]{2,}", given):
                head = re.sub(r"(?<!\w)" + re.escape(f"{family} {given}") + r"(?!\w)", f"{family} {given[0]}", head, count=1)
    return head + sep + rest


def pandoc_entries(pandoc, csl, bibliography):
    """Pandoc's entries by id, and the items it cannot read (a real export pandoc rejects makes it
    reject the whole bibliography: such items are taken out, one at a time, and named)."""
    unreadable = {}
    left = list(bibliography)
    while True:
        with tempfile.TemporaryDirectory() as tmp:
            bib = os.path.join(tmp, "references.json")
            with open(bib, "w", encoding="utf-8") as f:
                f.write("[\n" + ",\n".join(dumps(item) for item in left) + "\n]\n")
            md = os.path.join(tmp, "refs.md")
            with open(md, "w", encoding="utf-8") as f:
                f.write("---\nnocite: '@*'\n---\n\nReferences.\n")
            p = subprocess.run([pandoc, "--citeproc", "--csl", csl, "--bibliography", bib, "-t", "html", md],
                               capture_output=True, text=True)
        bad = re.search(r"Error in \$\[(\d+)\]: (.*)", p.stderr)
        if p.returncode != 0 and bad:
            item = left.pop(int(bad.group(1)))
            unreadable[field(item, "id")] = bad.group(2).strip()
            continue
        if p.returncode != 0:
            raise SystemExit(f"pandoc failed ({p.returncode}): {p.stderr.strip()}")
        break
    if p.stderr.strip():
        print("pandoc: " + p.stderr.strip())
    entries = {}
    for m in re.finditer(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)(?=<div id="ref-|\Z)', p.stdout, re.S):
        body = re.sub(r'<div class="csl-left-margin">.*?</div>', "", m.group(2), flags=re.S)
        entries[m.group(1)] = text(body)
    for pid, error in unreadable.items():
        entries[pid] = f"(pandoc cannot read the item: {error})"
    return entries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pandoc", required=True)
    ap.add_argument("--csl", required=True, help="ama.csl")
    ap.add_argument("--items", required=True, help="the folder of real CSL-JSON files")
    ap.add_argument("--golden", required=True, help="RealReferenceGoldenTests' golden file (our entries)")
    ap.add_argument("--expected", required=True, help="expected differences: ID REASON[,REASON] per line, # comment lines")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    sections = golden_sections(args.golden)
    files = sorted(n for n in os.listdir(args.items) if n.endswith(".json"))
    if sorted(sections) != files:
        print(f"the golden file's files {sorted(sections)} are not the folder's {files}: re-record the golden file")
        return 1

    # Every item with a plain id for pandoc, and ours beside it (the golden file follows the items one for one).
    items, bibliography = [], []
    for name in files:
        with open(os.path.join(args.items, name), encoding="utf-8") as f:
            listed = json.loads(f.read(), object_pairs_hook=Obj)
        ours = sections[name]
        if len(listed) != len(ours):
            print(f"{name}: {len(listed)} items but {len(ours)} golden lines: re-record the golden file")
            return 1
        for item, (key, entry) in zip(listed, ours):
            m = re.fullmatch(r"\(no id, line (\d+)\)", key)
            key = f"{name}:{m.group(1)}" if m else key
            pid = "r%03d" % (len(bibliography) + 1)
            given = Obj((k, pid if k.lower() == "id" else v) for k, v in item)
            if field(item, "id") is None:
                given.insert(0, ("id", pid))
            bibliography.append(given)
            items.append((key, pid, item, entry))
    keys = [k for k, _, _, _ in items]
    if len(set(keys)) != len(keys):
        print("two items have the same id: the comparison names items by id")
        return 1

    theirs = pandoc_entries(args.pandoc, args.csl, bibliography)

    expected = {}
    with open(args.expected, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                parts = line.split()
                expected[parts[0]] = parts[1] if len(parts) > 1 else "?"

    differing = {}
    for key, pid, item, entry in items:
        notes = []
        pubmed = re.findall(r'href="https://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/"', entry)
        pmid = item_pmid(item)
        if pubmed and pubmed[0] != pmid:
            notes.append(f"PubMed link {pubmed[0]}, item's PMID {pmid}")
        if field(item, "DOI") and 'href="https://doi.org/' not in entry:
            notes.append("no DOI link")
        mine = text(entry)
        mine = re.sub(r"\s*PubMed$", "", mine)
        mine = re.sub(r"\s*PMID: \S+$", "", mine)
        pandoc = theirs.get(pid, "")
        a = bare_initials(item, mine.replace("\u2013", "-"))
        b = pandoc.replace("\u2013", "-")
        if a != b or notes:
            differing[key] = (mine, pandoc, notes)
            if args.verbose or key not in expected:
                print(f"--- {key} [{dict(item).get('type')}]{'  (' + expected[key] + ')' if key in expected else ''}")
                print(f"  ours:   {mine}")
                print(f"  pandoc: {pandoc}")
                for n in notes:
                    print(f"  note:   {n}")

    unexpected = sorted(k for k in differing if k not in expected)
    stale = sorted(k for k in expected if k not in differing)
    for k in unexpected:
        print(f"reference {k} differs from pandoc but is not in {args.expected}")
    for k in stale:
        print(f"reference {k} {'is not an item' if k not in keys else 'agrees with pandoc now'}: "
              f"remove it from {args.expected} and docs/conformance.md")
    counts = {}
    for k in differing:
        for reason in expected.get(k, "").split(","):
            if reason:
                counts[reason] = counts.get(reason, 0) + 1
    print("Items by reason (an item may have several): " + ", ".join(f"{c} {n}" for c, n in sorted(counts.items())))
    print(f"References vs pandoc: {len(items)} items, {len(items) - len(differing)} agree, {len(differing)} differ "
          f"({len(differing) - len(unexpected)} documented, {len(unexpected)} unexpected, {len(stale)} stale)")
    print(f"references: {len(items) - len(unexpected) - len(stale)} passed, {len(unexpected) + len(stale)} failed")
    return 0 if not unexpected and not stale else 1


if __name__ == "__main__":
    sys.exit(main())
