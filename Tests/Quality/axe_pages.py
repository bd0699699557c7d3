#!/usr/bin/env python3
"""Runs axe-core in headless Debian chromium over every HTML page of the given site folders.

Pages load through file:// URLs. axe runs with its default rule set (WCAG 2 A/AA and best
practices); every violation is printed with its rule, impact and first nodes, and the exit
status is 1 when there is any.
"""
import argparse
import json
import pathlib
import sys

from browser import chromium  # noqa: E402  (sets SE_OFFLINE before Selenium loads)


def axe_script():
    import selenium_axe_python
    path = pathlib.Path(selenium_axe_python.__file__).parent / "axe-core" / "axe.min.js"
    return path.read_text(encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--width", type=int, default=1280)
    args = ap.parse_args()

    driver = chromium(args.width)
    script = axe_script()
    pages = violations = 0
    try:
        for folder in args.folders:
            for page in sorted(pathlib.Path(folder).resolve().rglob("*.html")):
                driver.get(page.as_uri())
                driver.execute_script(script)
                result = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document).then(r => done(JSON.stringify(r.violations)),"
                    " e => done(JSON.stringify([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}])));")
                found = json.loads(result)
                pages += 1
                for v in found:
                    violations += 1
                    print(f"{page}: {v['id']} ({v.get('impact')}): {v.get('help')}")
                    for node in v.get("nodes", [])[:3]:
                        print(f"    {node.get('target')}: {node.get('failureSummary', '').splitlines()[-1:]}")
    finally:
        driver.quit()
    print(f"axe: {pages} pages, {violations} violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
