#!/usr/bin/env python3
"""Types into the home page's search box in headless chromium and checks that every question of
the site can be found by typing part of it, and that a nonsense query leaves no question shown.

The questions come from the site's own search.json, so the test follows the content."""
import argparse
import json
import pathlib
import sys

from browser import chromium  # noqa: E402  (sets SE_OFFLINE before Selenium loads)
from selenium.webdriver.common.by import By  # noqa: E402


def visible_links(driver):
    return [li.find_element(By.TAG_NAME, "a").text
            for li in driver.find_elements(By.CSS_SELECTOR, "#all-questions > li") if li.is_displayed()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    args = ap.parse_args()
    site = pathlib.Path(args.site).resolve()
    questions = [entry["question"] for entry in json.loads((site / "search.json").read_text(encoding="utf-8"))]

    driver = chromium(390)
    failures = 0
    checks = 0
    try:
        driver.get((site / "index.html").as_uri())
        box = driver.find_element(By.ID, "search-input")
        if not box.is_displayed():
            print("search: the search box is hidden (script did not run)")
            return 1
        if len(visible_links(driver)) != len(questions):
            print("search: the full list is not shown before typing")
            failures += 1
        for question in questions:
            # A middle part of the question, in another case, as a reader might type it.
            words = question.rstrip("?").split()
            query = " ".join(words[len(words) // 2: len(words) // 2 + 3]).upper()
            box.clear()
            box.send_keys(query)
            shown = visible_links(driver)
            checks += 1
            if question not in shown:
                print(f"search: typing {query!r} does not find {question!r}")
                failures += 1
        box.clear()
        box.send_keys("zzqx nothing matches this")
        checks += 1
        if visible_links(driver):
            print("search: a nonsense query still shows questions")
            failures += 1
        status = driver.find_element(By.ID, "search-status").text
        if "0 questions match" not in status:
            print(f"search: status says {status!r} for no matches")
            failures += 1
    finally:
        driver.quit()
    print(f"search: {checks - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
