#!/usr/bin/env python3
"""Runs the GFM spec examples through the project's Markdown stage (gfm-render).

Uses spec_tests.py's own example reader and normalize.py's HTML normaliser from cmark-gfm's
test folder, calls the program once per example, counts passes and failures itself (the
harness's exit status wraps at 256), and compares the failing examples with the documented
list of expected failures. Exits 1 when the set of failing examples differs from that list.
"""
import argparse
import concurrent.futures
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec-dir", required=True, help="cmark-gfm's test/ folder (spec.txt, spec_tests.py, normalize.py)")
    ap.add_argument("--program", required=True)
    ap.add_argument("--expected", required=True, help="expected-failures file: NUMBER ... per line, # comments")
    ap.add_argument("--verbose", action="store_true", help="print a diff for every failure")
    ap.add_argument("--write-actual", help="write the actual failures in the expected-file format here")
    args = ap.parse_args()

    sys.path.insert(0, args.spec_dir)
    from spec_tests import get_tests  # noqa: E402
    from normalize import normalize_html  # noqa: E402

    tests = get_tests(args.spec_dir + "/spec.txt")

    def run(test):
        p = subprocess.run([args.program], input=test["markdown"].encode("utf-8"), capture_output=True)
        actual = p.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
        expected = test["html"].replace("\r\n", "\n")
        ok = p.returncode == 0 and normalize_html(actual) == normalize_html(expected)
        return test, ok, actual

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, tests))

    failed = [(t, actual) for t, ok, actual in results if not ok]
    passed = len(results) - len(failed)
    expected = {}
    with open(args.expected, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                expected[int(line.split()[0])] = line
    actual_set = {t["example"] for t, _ in failed}

    if args.verbose:
        for t, actual in failed:
            print(f"--- Example {t['example']} ({t['section']}) extensions={t['extensions']}")
            print("markdown:", repr(t["markdown"]))
            print("expected:", repr(t["html"]))
            print("actual:  ", repr(actual))
    if args.write_actual:
        with open(args.write_actual, "w", encoding="utf-8") as f:
            for t, _ in failed:
                f.write(f"{t['example']}\t{t['section']}\n")

    unexpected = sorted(actual_set - set(expected))
    fixed = sorted(set(expected) - actual_set)
    for n in unexpected:
        t = next(t for t, _ in failed if t["example"] == n)
        print(f"GFM example {n} ({t['section']}) fails but is not in {args.expected}")
    for n in fixed:
        print(f"GFM example {n} passes now: remove it from {args.expected} and docs/conformance.md")
    print(f"GFM spec: {len(results)} examples, {passed} pass, {len(failed)} fail "
          f"({len(failed) - len(unexpected)} documented, {len(unexpected)} unexpected, {len(fixed)} newly passing)")
    # The plain closing line CI reads.
    ok = not unexpected and not fixed
    print(f"gfm: {len(results) - len(unexpected) - len(fixed)} passed, {len(unexpected) + len(fixed)} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
