#!/usr/bin/env python3
"""Generates a realistic Guideline Press content folder for benchmarks.

    generate.py OUT_DIR N [--seed S] [--refs R] [--hugo HUGO_DIR]

Writes OUT_DIR/site.yaml, OUT_DIR/articles/<slug>.md (N articles of about 7 KB),
OUT_DIR/pages/{editorial-policy,about}.md and OUT_DIR/references/refs.json (a shared
CSL-JSON bibliography of about 2,000 items, every one cited somewhere when N is large
enough). Every article uses every front-matter field, cites every claim with pandoc
citations, links to other articles' headings, and about one in ten draws a pathway whose
nodes click through to the article's own headings. The result passes `publish --check`
with no errors. The same seed gives the same bytes.

With --hugo, also writes a Hugo site with the same articles (Hugo-compatible YAML front
matter) and a minimal theme that renders the title, the content and the related questions,
so that Hugo does comparable work. Python 3.11, standard library only.
"""

import argparse
import json
import os
import random
import re
import shutil

TOPICS = [
    "breast-cancer", "her2-positive", "her2-low", "metastatic", "adjuvant", "neoadjuvant",
    "endocrine-therapy", "pathology", "cardiology", "cardio-oncology", "radiotherapy",
    "surgery", "genetics", "supportive-care", "pharmacology", "imaging", "screening",
    "survivorship", "geriatrics", "pregnancy", "brain-metastases", "toxicity", "biomarkers",
    "clinical-trials", "nursing", "palliative-care", "lung-cancer", "colorectal-cancer",
    "gastric-cancer", "ovarian-cancer",
]
CONDITIONS = [
    "HER2-positive early breast cancer", "HER2-low metastatic breast cancer",
    "hormone receptor-positive disease", "triple-negative breast cancer", "inflammatory breast cancer",
    "ductal carcinoma in situ", "brain metastases", "leptomeningeal disease", "bone metastases",
    "locally advanced disease", "node-positive disease", "residual disease after neoadjuvant therapy",
    "HER2-positive gastric cancer", "HER2-mutant lung cancer", "HER2-amplified colorectal cancer",
    "male breast cancer", "breast cancer in pregnancy", "older patients", "oligometastatic disease",
    "recurrent disease",
]
DRUGS = [
    "trastuzumab", "pertuzumab", "trastuzumab deruxtecan", "trastuzumab emtansine", "tucatinib",
    "lapatinib", "neratinib", "capecitabine", "docetaxel", "paclitaxel", "carboplatin",
    "anastrozole", "letrozole", "tamoxifen", "fulvestrant", "abemaciclib", "palbociclib",
    "ribociclib", "zoledronic acid", "denosumab", "margetuximab", "eribulin", "vinorelbine",
]
ASPECTS = [
    "the recommended first-line regimen", "the role of", "the optimal duration of",
    "the cardiac monitoring schedule for", "the evidence for", "the dosing of",
    "the management of toxicity from", "the place of", "the sequence of therapy with",
    "the testing strategy before",
]
SECTION_TITLES = [
    "Background", "Evidence summary", "Recommended regimen", "Dosing and schedule", "Monitoring",
    "Adverse effects", "Special populations", "Drug interactions", "Duration of therapy",
    "Response assessment", "Follow-up", "Patient counselling", "Second-line options",
    "Third-line treatment and beyond", "Testing and diagnosis", "Cardiac safety",
    "Older patients", "Renal and hepatic impairment", "Pregnancy and fertility",
    "Brain metastases", "Radiotherapy", "Surgery", "Endocrine therapy", "Supportive care",
    "Open questions", "Key trials", "Comparison with alternatives", "Practical points",
]
FAMILIES = [
    "Smith", "Garcia", "Nguyen", "Okafor", "Chen", "Lee", "Müller", "Rossi", "Kowalski", "Tanaka",
    "Swain", "Slamon", "Cortes", "Giordano", "Verma", "Tolaney", "Piccart", "Geyer", "Hurvitz",
    "Modi", "Baselga", "Gianni", "Untch", "Perez", "Romond", "Jones", "Wolff", "Hammond", "Curigliano",
    "Andre", "Loibl", "Schneeweiss", "Harbeck", "Cameron", "Goldhirsch", "Dowsett", "Pritchard",
]
GIVEN = ["S. H.", "M. A.", "J.", "K. L.", "D.", "A. B.", "R.", "T.", "C. K.", "E.", "P. J.", "L."]
JOURNALS = [
    ("Journal of Clinical Oncology", "J Clin Oncol"), ("New England Journal of Medicine", "N Engl J Med"),
    ("Lancet Oncology", "Lancet Oncol"), ("Annals of Oncology", "Ann Oncol"),
    ("JAMA Oncology", "JAMA Oncol"), ("Breast Cancer Research and Treatment", "Breast Cancer Res Treat"),
    ("Clinical Cancer Research", "Clin Cancer Res"), ("The Lancet", "Lancet"),
]
WORDS = (
    "patients treatment therapy survival response toxicity regimen benefit risk trial dose cycle "
    "months weeks median progression disease cardiac function monitoring baseline assessment "
    "guideline recommendation evidence outcome analysis cohort randomised phase improvement "
    "combination adjuvant setting metastatic invasive recurrence interval ejection fraction "
    "infusion schedule reduction interruption discontinuation clinically meaningful selected "
    "eligible standard preferred alternative option consider offer continue stop start"
).split()
BOARD = [
    ("mlee", "Maria Lee, MD", "Medical Oncology"),
    ("jokafor", "Joseph Okafor, MD, PhD", "Breast Pathology"),
    ("dchen", "Diana Chen, PharmD, PhD", "Clinical Pharmacy"),
    ("aschmidt", "Anna Schmidt, MD", "Radiation Oncology"),
    ("rpatel", "Ravi Patel, MD", "Cardio-oncology"),
    ("lmoreau", "Lucie Moreau, RN", "Oncology Nursing"),
]
STATUSES = ["approved", "under-review", "submitted"]


def anchor(text):
    """GitHub's heading anchor for ASCII heading text."""
    out = []
    for ch in text.lower():
        if ch in "-_" or ch.isalnum():
            out.append(ch)
        elif ch == " ":
            out.append("-")
    return "".join(out)


def date(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d}"


class Generator:
    def __init__(self, n, seed, ref_count):
        self.n = n
        self.rng = random.Random(seed)
        self.ref_count = ref_count
        self.refs = self.make_references()
        keys = [r["id"] for r in self.refs]
        self.rng.shuffle(keys)
        self.unused = keys  # cited first, so that every reference is cited somewhere
        self.articles = self.plan_articles()

    # -- references --------------------------------------------------------------------------
    def make_references(self):
        rng = self.rng
        refs = []
        for i in range(self.ref_count):
            family = rng.choice(FAMILIES)
            year = rng.randint(1998, 2025)
            authors = [{"family": family, "given": rng.choice(GIVEN)}]
            for _ in range(rng.randint(1, 7)):
                authors.append({"family": rng.choice(FAMILIES), "given": rng.choice(GIVEN)})
            journal, short = rng.choice(JOURNALS)
            first_page = rng.randint(1, 3000)
            item = {
                "id": f"{anchor(family).replace('ü', 'u')}{year}-{i}",
                "type": "article-journal",
                "title": self.sentence(8, 16, cap=True, end="").rstrip(),
                "author": authors,
                "container-title": journal,
                "container-title-short": short,
                "issued": {"date-parts": [[year, rng.randint(1, 12)]]},
                "volume": str(rng.randint(1, 400)),
                "issue": str(rng.randint(1, 24)),
                "page": f"{first_page}-{first_page + rng.randint(3, 20)}",
                "DOI": f"10.{1000 + i % 9000}/gp.{year}.{i:05d}",
            }
            if rng.random() < 0.8:
                item["PMID"] = str(20000000 + i * 7)
            refs.append(item)
        return refs

    def cite_key(self):
        if self.unused:
            return self.unused.pop()
        return self.rng.choice(self.refs)["id"]

    def citation(self):
        """A pandoc citation group: `[@a]`, `[@a; @b]` or `[see @a, p. 3; @b]`."""
        rng = self.rng
        count = rng.choice([1, 1, 1, 2, 2, 3])
        roll = rng.random()
        keys = [self.cite_key() for _ in range(1 if 0.1 <= roll < 0.15 else count)]
        if roll < 0.1:
            keys[0] = f"see @{keys[0]}, p. {rng.randint(1, 400)}"
            return "[" + "; ".join([keys[0]] + ["@" + k for k in keys[1:]]) + "]"
        if roll < 0.15:
            return f"[@{keys[0]}, pp. {rng.randint(1, 50)}-{rng.randint(51, 99)}]"
        return "[" + "; ".join("@" + k for k in keys) + "]"

    # -- text --------------------------------------------------------------------------------
    def sentence(self, lo=8, hi=16, cap=True, end="."):
        rng = self.rng
        words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
        if rng.random() < 0.5:
            words.insert(rng.randint(0, len(words)), rng.choice(DRUGS))
        if rng.random() < 0.3:
            words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 98)}%")
        text = " ".join(words)
        if len(words) > 5 and rng.random() < 0.15:
            text = text.replace(" " + words[2] + " ", f" *{words[2]}* ", 1)
        if len(words) > 5 and rng.random() < 0.1:
            text = text.replace(" " + words[4] + " ", f" **{words[4]}** ", 1)
        if cap:
            text = text[0].upper() + text[1:]
        return text + end

    def link(self, slug):
        """An internal link to another article, sometimes to one of its headings."""
        other = self.pick_other(slug)
        target = self.articles[other]
        label = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(2, 4)))
        if self.rng.random() < 0.5:
            return f"[{label}]({target['slug']}.md#{self.rng.choice(target['anchors'])})"
        return f"[{label}]({target['slug']}.md)"

    def pick_other(self, slug_index):
        other = self.rng.randrange(self.n - 1) if self.n > 1 else 0
        return other + 1 if other >= slug_index and self.n > 1 else other

    def claim(self, index, sentences=(1, 3), link_chance=0.12):
        parts = [self.sentence() for _ in range(self.rng.randint(*sentences))]
        if self.n > 1 and self.rng.random() < link_chance:
            parts.insert(self.rng.randint(0, len(parts)), f"See {self.link(index)}.")
        return " ".join(parts) + " " + self.citation()

    # -- articles ----------------------------------------------------------------------------
    def plan_articles(self):
        rng = self.rng
        articles = []
        seen = set()
        for i in range(self.n):
            condition = rng.choice(CONDITIONS)
            drug = rng.choice(DRUGS)
            aspect = rng.choice(ASPECTS)
            slug = anchor(f"{drug} {condition}").replace("--", "-").strip("-")
            slug = re.sub("-+", "-", slug) + f"-{i}"
            assert slug not in seen
            seen.add(slug)
            titles = rng.sample(SECTION_TITLES, rng.randint(6, 8))
            articles.append({
                "slug": slug,
                "question": f"What is {aspect} {drug} in {condition}?".replace("of the", "of").replace("  ", " "),
                "titles": titles,
                "anchors": [anchor(t) for t in titles],
                "pathway": rng.random() < 0.1,
                "table": rng.random() < 0.35,
            })
        return articles

    def front_matter(self, index):
        rng = self.rng
        a = self.articles[index]
        status = STATUSES[index % 3]
        month = rng.randint(1, 10)
        day = rng.randint(1, 28)
        year = 2025 if rng.random() < 0.5 else 2026
        updated = date(year, month, day)
        fm = {
            "question": a["question"],
            "status": status,
            "updated": updated,
            "topics": sorted(set(rng.sample(TOPICS, rng.randint(1, 3)))),
            "related": [self.articles[self.pick_other(index)]["slug"] for _ in range(rng.randint(2, 5))] if self.n > 1 else [],
        }
        fm["related"] = list(dict.fromkeys(fm["related"]))
        if status == "approved":
            # reviewed.on is in 2026 and not before `updated`.
            on_month = max(month, 1) if year == 2026 else rng.randint(1, 10)
            on = date(2026, on_month, day if year == 2026 else rng.randint(1, 28))
            fm["reviewed"] = {"by": sorted(rng.sample([b[0] for b in BOARD], rng.randint(1, 3))), "on": on}
        return fm

    def pathway(self, index):
        rng = self.rng
        a = self.articles[index]
        lines = ["```pathway", "flowchart TD", "  %% generated pathway"]
        steps = rng.randint(3, 6)
        ids = [f"s{k}" for k in range(steps)]
        lines.append(f"  {ids[0]}[Assess {rng.choice(CONDITIONS)}] --> d0{{Eligible for {rng.choice(DRUGS)}?}}")
        lines.append(f"  d0 -->|yes| {ids[1]}[Start {rng.choice(DRUGS)}]")
        lines.append(f"  d0 -->|no| {ids[2]}[Consider {rng.choice(DRUGS)}]")
        for k in range(3, steps):
            lines.append(f"  {ids[k - 1]} -->|progression| {ids[k]}[Then {rng.choice(DRUGS)} plus {rng.choice(DRUGS)}]")
        for node in ids:
            lines.append(f'  click {node} "#{rng.choice(a["anchors"])}"')
        lines.append("```")
        return "\n".join(lines)

    def table(self, index):
        rng = self.rng
        rows = ["| Regimen | Schedule | Evidence |", "|---|---|---|"]
        for _ in range(rng.randint(3, 6)):
            rows.append(f"| {rng.choice(DRUGS).capitalize()} plus {rng.choice(DRUGS)} | every {rng.randint(1, 4)} weeks "
                        f"for {rng.randint(3, 18)} cycles | {self.sentence(6, 12, end='')} {self.citation()} |")
        return "\n".join(rows)

    def section(self, index, title, with_table):
        rng = self.rng
        out = [f"## {title}", ""]
        for _ in range(rng.randint(1, 2)):
            kind = rng.random()
            if kind < 0.4:
                out.append(self.claim(index, (2, 3)))
            elif kind < 0.8:
                for _ in range(rng.randint(3, 5)):
                    out.append("- " + self.claim(index, (1, 2)))
            else:
                out.append(f"{self.sentence(5, 10)[:-1]} include:")
                out.append("")
                for _ in range(rng.randint(2, 4)):
                    out.append("- " + self.sentence(4, 10, end=";") + " " + self.citation())
            out.append("")
        if with_table:
            out.append(self.table(index))
            out.append("")
        return out

    def article(self, index):
        a = self.articles[index]
        fm = self.front_matter(index)
        lines = ["---", f"question: {fm['question']}", f"status: {fm['status']}", f"updated: {fm['updated']}"]
        if "reviewed" in fm:
            lines += ["reviewed:", f"  by: [{', '.join(fm['reviewed']['by'])}]", f"  on: {fm['reviewed']['on']}"]
        lines += [f"topics: [{', '.join(fm['topics'])}]", f"related: [{', '.join(fm['related'])}]", "---", ""]
        for _ in range(self.rng.randint(1, 2)):
            lines += [self.claim(index, (2, 4), link_chance=0.3), ""]
        if a["pathway"]:
            lines += [self.pathway(index), ""]
        table_at = self.rng.randrange(len(a["titles"])) if a["table"] else -1
        for k, title in enumerate(a["titles"]):
            lines += self.section(index, title, k == table_at)
        return fm, "\n".join(lines).rstrip("\n") + "\n"


SITE_YAML = """title: Guideline Press Benchmark Answers
base_url: https://guidelines.example.org/
language: en
editorial_policy: editorial-policy
review_interval_days: 365
ask_url: mailto:board@example.org
disclaimer: >
  Written for healthcare professionals. Each answer summarizes published guidelines and
  trials as read by our editorial board on the date shown; it is not a substitute for
  clinical judgment.
board:
"""

PAGES = {
    "editorial-policy": "---\ntitle: Editorial policy\n---\n\nEvery answer is reviewed by the editorial board.\n",
    "about": "---\ntitle: About\n---\n\nThis site was generated for benchmarks. See the [editorial policy](editorial-policy.md).\n",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


HUGO_CONFIG = """baseURL = "https://guidelines.example.org/"
languageCode = "en"
title = "Guideline Press Benchmark Answers"
disableKinds = ["taxonomy", "term"]
[markup.goldmark.extensions]
  table = true
  strikethrough = true
[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""

HUGO_SINGLE = """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="status">{{ .Params.status }} &middot; updated {{ .Date.Format "2006-01-02" }}</p>
{{ .Content }}
{{ with .Params.related }}<section class="related"><h2>Related questions</h2><ul>
{{ range . }}{{ with site.GetPage (printf "/articles/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span>{{ .Params.status }}</span></li>{{ end }}
{{ end }}</ul></section>{{ end }}
</article>{{ end }}
"""

HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span>{{ .Params.status }}</span></li>
{{ end }}</ul>{{ end }}
"""


def write_hugo(hugo_dir, articles):
    for sub in ("content", "layouts"):
        shutil.rmtree(os.path.join(hugo_dir, sub), ignore_errors=True)
    write(os.path.join(hugo_dir, "hugo.toml"), HUGO_CONFIG)
    write(os.path.join(hugo_dir, "layouts/_default/baseof.html"), HUGO_BASEOF)
    write(os.path.join(hugo_dir, "layouts/_default/single.html"), HUGO_SINGLE)
    write(os.path.join(hugo_dir, "layouts/_default/list.html"), HUGO_LIST)
    write(os.path.join(hugo_dir, "content/articles/_index.md"), "---\ntitle: Questions\n---\n")
    for slug, fm, body in articles:
        meta = {"title": fm["question"], "date": fm["updated"], "status": fm["status"],
                "topics": fm["topics"], "related": fm["related"]}
        if "reviewed" in fm:
            meta["reviewed"] = fm["reviewed"]
        # JSON is valid YAML, so quoting is always right.
        head = "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()) + "\n---\n"
        write(os.path.join(hugo_dir, "content/articles", slug + ".md"), head + body)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--refs", type=int, default=None, help="bibliography size (default: min(2000, 10 N))")
    parser.add_argument("--hugo", metavar="HUGO_DIR")
    args = parser.parse_args()

    ref_count = args.refs if args.refs is not None else max(1, min(2000, 10 * args.n))
    gen = Generator(args.n, args.seed, ref_count)
    out = args.out_dir
    for sub in ("articles", "pages", "references"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    board = "".join(f"  - id: {i}\n    name: {n}\n    role: {r}\n" for i, n, r in BOARD)
    write(os.path.join(out, "site.yaml"), SITE_YAML + board)
    for slug, text in PAGES.items():
        write(os.path.join(out, "pages", slug + ".md"), text)
    hugo_articles = []
    for i, a in enumerate(gen.articles):
        fm, text = gen.article(i)
        write(os.path.join(out, "articles", a["slug"] + ".md"), text)
        if args.hugo:
            hugo_articles.append((a["slug"], fm, text.split("\n---\n", 1)[1]))
    write(os.path.join(out, "references", "refs.json"), json.dumps(gen.refs, indent=1, ensure_ascii=False) + "\n")
    if args.hugo:
        write_hugo(args.hugo, hugo_articles)


if __name__ == "__main__":
    main()
