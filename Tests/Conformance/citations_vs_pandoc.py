#!/usr/bin/env python3
"""Differential test: the project's citation finder (citations-json) against pandoc 3.

Feeds every case of citation-cases.json to both, walks pandoc's JSON AST for Cite elements
(citationId, citationPrefix, citationSuffix, citationMode; prefixes and suffixes stringified),
and compares keys, prefixes, suffixes and modes. A case that differs must be listed, with its
reason, in citation-expected-differences.txt (and docs/conformance.md); exits 1 when the set
of differing cases changes either way.
"""
import argparse
import json
import subprocess
import sys


def stringify(inlines):
    out = []
    for el in inlines:
        t, c = el.get("t"), el.get("c")
        if t == "Str":
            out.append(c.replace("\u00a0", " "))  # pandoc's smart NBSP after "p." and the like
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Code", "Math", "RawInline"):
            out.append(c[1] if t != "Math" else c[1])
        elif t in ("Emph", "Strong", "Strikeout", "Underline", "Superscript", "Subscript", "SmallCaps"):
            out.append(stringify(c))
        elif t in ("Link", "Image", "Span"):
            out.append(stringify(c[1]))
        elif t == "Quoted":
            q = '"' if c[0]["t"] == "DoubleQuote" else "'"
            out.append(q + stringify(c[1]) + q)
        elif t == "Cite":
            out.append(stringify(c[1]))
        elif t == "Note":
            pass
    return "".join(out)


def pandoc_citations(pandoc, markdown):
    p = subprocess.run([pandoc, "-f", "markdown", "-t", "json"], input=markdown.encode("utf-8"),
                       capture_output=True, check=True)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Cite":
                group = []
                for cit in node["c"][0]:
                    suffix = stringify(cit["citationSuffix"]).strip()
                    if suffix.startswith(","):
                        suffix = suffix[1:].strip()  # ours drops the separating comma
                    group.append({"id": cit["citationId"],
                                  "prefix": stringify(cit["citationPrefix"]).strip(),
                                  "suffix": suffix,
                                  "mode": cit["citationMode"]["t"]})
                found.append(group)
                walk(node["c"][1])
                return
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(p.stdout)["blocks"])
    return found


def ours(program, markdown):
    p = subprocess.run([program], input=markdown.encode("utf-8"), capture_output=True, check=True)
    return json.loads(p.stdout)["citations"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pandoc", required=True)
    ap.add_argument("--program", required=True, help="the citations-json executable")
    ap.add_argument("--cases", required=True)
    ap.add_argument("--expected", required=True, help="expected differences: NAME ... per line, # comments")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    cases = json.load(open(args.cases, encoding="utf-8"))
    expected = set()
    with open(args.expected, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                expected.add(line.split()[0])

    differing = set()
    for case in cases:
        theirs = pandoc_citations(args.pandoc, case["markdown"])
        mine = ours(args.program, case["markdown"])
        if theirs != mine:
            differing.add(case["name"])
            if args.verbose or case["name"] not in expected:
                print(f"--- {case['name']}: {case['markdown']!r}")
                print(f"  pandoc: {json.dumps(theirs, ensure_ascii=False)}")
                print(f"  ours:   {json.dumps(mine, ensure_ascii=False)}")

    names = {c["name"] for c in cases}
    unexpected = sorted(differing - expected)
    fixed = sorted(expected - differing)
    for n in unexpected:
        print(f"citation case {n} differs from pandoc but is not in {args.expected}")
    for n in fixed:
        print(f"citation case {n} {'is not a case' if n not in names else 'agrees with pandoc now'}: "
              f"remove it from {args.expected} and docs/conformance.md")
    print(f"Citations vs pandoc: {len(cases)} cases, {len(cases) - len(differing)} agree, "
          f"{len(differing)} differ ({len(differing) - len(unexpected)} documented, {len(unexpected)} unexpected, "
          f"{len(fixed)} stale)")
    print(f"citations: {len(cases) - len(unexpected) - len(fixed)} passed, {len(unexpected) + len(fixed)} failed")
    return 0 if not unexpected and not fixed else 1


if __name__ == "__main__":
    sys.exit(main())
