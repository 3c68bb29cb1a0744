#!/usr/bin/env python3
"""Attests the forms of the legal vocabulary in the development corpus, and helps mine them.

The vocabulary (`crates/analysis/data/legal-vocabulary.tsv`) lists, for each concept, its
surface forms in Arabic, Chinese, English, French, Russian, Spanish and Portuguese. This
script counts how often each form occurs in the real documents of `../shared/corpus`, in
the form's own language, and writes the count and the sources into the TSV's last two
columns, so that a reviewer sees at a glance which forms are attested (count > 0) and
which were entered by hand from the official UN/regional titles (count 0: the corpus has
no text of that language on the subject; the form is kept, marked so by its 0).

Corpus text per language (the sources are listed in `SOURCES` below):
  - the UN Parallel Corpus dev/test sets (six UN languages, sentence-aligned);
  - the UDHR (7 languages) and the UN Charter (6 languages);
  - the Moroccan recommendations (French and Arabic versions of the same recommendation);
  - ECtHR HUDOC texts (English, French);
  - IACtHR/IACHR PDFs (Spanish, English, Portuguese, French), as text by `pdftotext`
    (poppler-utils), language told by stop-word counts;
  - treaty-body decisions, general comments, special-procedure reports, ACHPR/ECOWAS
    texts (English).

Matching (an approximation of the analyzers, which this script cannot run): text and form
are NFKC-normalized, case-folded, Latin diacritics stripped, Russian ё → е, Arabic
alef/hamza variants → ا, ة → ه, ى → ي, harakat dropped. Words of a form match whole
corpus words with room for inflection: Latin-script words may take a plural `s`/`es`;
Russian words match on all but their last two letters (the whole word when it has four
letters or fewer) plus up to four letters of ending (`исчезновение` meets `исчезновений`); Arabic words may take a
conjunction/preposition prefix (و ف ب ل ك, `ال` → `لل`) and a short suffix; Chinese forms
match as substrings. Words may be separated by spaces or hyphens.

Usage:
  attest.py --write      recount and rewrite the TSV's count/sources columns
  attest.py --check      recount; exit 1 if a count in the TSV is out of date
  attest.py --report     print per-language totals of concepts/forms/attested forms
  attest.py --mine TEXT --lang LANG
                         print the aligned sentences of the UN parallel corpus whose LANG
                         side contains TEXT, in all six languages (how the forms were
                         looked for: read the aligned sentences, take the equivalent)
"""

from __future__ import annotations

import argparse
import collections
import html
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VOCABULARY = REPO / "crates/analysis/data/legal-vocabulary.tsv"
LANGS = ("ar", "zh", "en", "fr", "ru", "es", "pt")
HEADER = "concept\tlang\tform\tcount\tsources"


def corpus_root(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    return REPO.parent / "shared" / "corpus"


# ---------------------------------------------------------------- normalization

ARABIC_MAP = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0629": "\u0647", "\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643",
}
ARABIC_DROP = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
ARABIC_TABLE = str.maketrans(ARABIC_MAP)


LATIN_MARKS = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("ё", "е").replace("\u2019", "'").replace("\u00ad", "")
    if not text.isascii():
        text = ARABIC_DROP.sub("", text)
        text = text.translate(ARABIC_TABLE)
        # Latin letters decompose to an ASCII base and marks in U+0300..U+036F; other
        # scripts keep theirs (Cyrillic й is not и with a diacritic).
        text = LATIN_MARKS.sub("", unicodedata.normalize("NFD", text))
        text = unicodedata.normalize("NFC", text).replace("œ", "oe").replace("æ", "ae")
    return text


ARABIC_CONJUNCTIONS = ("", "و", "ف")


def arabic_prefixes(word: str) -> tuple[str, set[str]]:
    """(the literal core a match starts with, the prefixes allowed before it)."""
    if word.startswith("ال"):
        prefixes = {c + p + "ال" for c in ARABIC_CONJUNCTIONS for p in ("", "ب", "ك")}
        prefixes |= {c + "لل" for c in ARABIC_CONJUNCTIONS}
        return word[2:], prefixes
    return word, {c + p for c in ARABIC_CONJUNCTIONS for p in ("", "ب", "ل", "ك")}


def word_pattern(word: str, lang: str) -> str:
    if lang == "ru":
        stem = word[:-2] if len(word) > 4 else word
        return re.escape(stem) + r"\w{0,4}"
    if lang == "ar":
        return re.escape(word) + r"(?:ه|ات|ين|ون|يه|ها)?"
    if word.isascii() and word[-1:].isalpha():
        return re.escape(word) + r"(?:s|es)?"
    return re.escape(word)


class FormMatcher:
    """Counts a form's occurrences in normalized text (see the module doc for the rules).

    The regex starts with a literal so that the engine can skip ahead fast; the word
    boundary (and for Arabic the prefixes) before a match are checked by hand."""

    def __init__(self, form: str, lang: str):
        normalized = normalize(form)
        self.lang = lang
        self.prefixes = {""}
        if lang == "zh":
            self.pattern = re.compile(re.escape(normalized.replace(" ", "")))
            return
        words = [word for word in re.split(r"[\s\-]+", normalized.strip()) if word]
        if lang == "ar":
            words[0], self.prefixes = arabic_prefixes(words[0])
        body = r"[\s\-]+".join(word_pattern(word, lang) for word in words)
        self.pattern = re.compile(body + r"(?!\w)")

    def count(self, text: str) -> int:
        if self.lang == "zh":
            return len(self.pattern.findall(text))
        found = 0
        for match in self.pattern.finditer(text):
            start = match.start()
            for prefix in self.prefixes:
                prefix_start = start - len(prefix)
                if prefix_start < 0 or text[prefix_start:start] != prefix:
                    continue
                if prefix_start == 0 or not is_word_char(text[prefix_start - 1]):
                    found += 1
                    break
        return found


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


# ---------------------------------------------------------------- corpus text

def strings_in(value, keys=("text", "Text")):
    """Every string under a `text`/`Text` key of a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in keys and isinstance(item, str):
                yield item
            else:
                yield from strings_in(item, keys)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item, keys)


LATIN_STOP_WORDS = {
    "en": {"the", "of", "and", "to", "in", "that", "is", "which"},
    "es": {"el", "los", "las", "del", "que", "por", "una", "con"},
    "pt": {"os", "das", "dos", "não", "uma", "pelo", "com", "em"},
    "fr": {"le", "les", "des", "du", "que", "est", "une", "dans"},
}


def guess_latin_language(text: str) -> str:
    words = re.findall(r"\w+", text[:20000].lower())
    counts = {lang: sum(word in stop for word in words) for lang, stop in LATIN_STOP_WORDS.items()}
    return max(counts, key=counts.get)


def pdf_texts(pdfs: Path, cache: Path):
    cache.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(pdfs.glob("*.pdf")):
        target = cache / (pdf.stem + ".txt")
        if not target.exists():
            try:
                subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", str(pdf), str(target)],
                               timeout=120, check=False)
            except (OSError, subprocess.TimeoutExpired) as error:
                print(f"warning: {pdf}: {error}", file=sys.stderr)
                continue
        if target.exists():
            yield pdf.name, target.read_text(encoding="utf-8", errors="replace")


def load_corpus(root: Path, pdf_cache: Path) -> dict[str, list[tuple[str, str]]]:
    """Language → [(source name, normalized text)]."""
    texts: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)

    def add(lang: str, source: str, text: str):
        texts[lang].append((source, normalize(text)))

    parallel = root / "multilingual/un-parallel-corpus"
    for part in ("devset", "testset"):
        for lang in LANGS:
            path = parallel / part / f"UNv1.0.{part}.{lang}"
            if path.exists():
                add(lang, "un-parallel", path.read_text(encoding="utf-8"))
    udhr = {"arb": "ar", "cmn_hans": "zh", "eng": "en", "fra": "fr", "rus": "ru", "spa": "es",
            "por_BR": "pt", "por_PT": "pt"}
    for name, lang in udhr.items():
        path = root / f"multilingual/udhr/{name}.html"
        if path.exists():
            add(lang, "udhr", html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))
    for lang in ("ar", "zh", "en", "fr", "ru", "es"):
        path = root / f"multilingual/un-charter/raw_un_charter_{lang}.txt"
        if path.exists():
            add(lang, "un-charter", path.read_text(encoding="utf-8"))
    morocco = root / "recommendations-morocco/recommendations.jsonl"
    if morocco.exists():
        french, arabic = [], []
        for line in morocco.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            french.append(record.get("Nom") or "")
            arabic.append(record.get("NomAr") or "")
            organ = record.get("organe") or {}
            french.append(organ.get("Label") or "")
            arabic.append(organ.get("LabelAr") or "")
        add("fr", "morocco", "\n".join(french))
        add("ar", "morocco", "\n".join(arabic))
    for path in sorted((root / "echr/hudoc-texts").glob("*.txt")):
        lang = "fr" if path.stem.endswith("_FRE") else "en"
        add(lang, "echr", path.read_text(encoding="utf-8", errors="replace"))
    for folder in ("treaty-bodies/decisions", "treaty-bodies/general-comments", "special-procedures"):
        source = folder.split("/")[-1]
        for path in sorted((root / folder).glob("*.json")):
            value = json.loads(path.read_text(encoding="utf-8"))
            add("en", source, "\n".join(strings_in(value)))
    africa = root / "africa/sample_documents.json"
    if africa.exists():
        value = json.loads(africa.read_text(encoding="utf-8"))
        raw = "\n".join(strings_in(value, keys=("html", "text", "content", "body")))
        add("en", "africa", html.unescape(re.sub(r"<[^>]+>", " ", raw)))
    for name, text in pdf_texts(root / "iacthr/pdfs", pdf_cache):
        add(guess_latin_language(text), "iacthr", text)
    return texts


# ---------------------------------------------------------------- the vocabulary file

def read_vocabulary(path: Path):
    """(lines kept verbatim or None, rows) where a row is [concept, lang, form, count, sources]."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line == HEADER:
            rows.append((line, None))
            continue
        cells = line.split("\t")
        if len(cells) < 3 or cells[1] not in LANGS:
            sys.exit(f"{path}:{number}: expected concept<TAB>lang<TAB>form[<TAB>count<TAB>sources]")
        cells = (cells + ["", ""])[:5]
        rows.append((line, cells))
    return rows


def count_form(form: str, lang: str, texts) -> tuple[int, str]:
    matcher = FormMatcher(form, lang)
    by_source: collections.Counter[str] = collections.Counter()
    for source, text in texts.get(lang, []):
        found = matcher.count(text)
        if found:
            by_source[source] += found
    total = sum(by_source.values())
    sources = ",".join(f"{source}:{n}" for source, n in by_source.most_common())
    return total, sources


def recount(rows, texts):
    out = []
    for line, cells in rows:
        if cells is None:
            out.append((line, None))
            continue
        total, sources = count_form(cells[2], cells[1], texts)
        new = cells[:3] + [str(total), sources or "-"]
        out.append(("\t".join(new), new))
    return out


def report(rows):
    concepts = collections.defaultdict(set)
    forms = collections.Counter()
    attested = collections.Counter()
    for _, cells in rows:
        if cells is None:
            continue
        concepts[cells[1]].add(cells[0])
        forms[cells[1]] += 1
        if cells[3] not in ("", "0"):
            attested[cells[1]] += 1
    all_concepts = set().union(*concepts.values()) if concepts else set()
    print(f"concepts: {len(all_concepts)}")
    print("lang  concepts  forms  attested  hand-entered (count 0)")
    for lang in LANGS:
        print(f"{lang:4}  {len(concepts[lang]):8}  {forms[lang]:5}  {attested[lang]:8}  "
              f"{forms[lang] - attested[lang]:5}")
    print(f"all   {len(all_concepts):8}  {sum(forms.values()):5}  {sum(attested.values()):8}  "
          f"{sum(forms.values()) - sum(attested.values()):5}")


def mine(root: Path, text: str, lang: str, limit: int):
    parallel = root / "multilingual/un-parallel-corpus"
    needle = FormMatcher(text, lang)
    shown = 0
    for part in ("devset", "testset"):
        sides = {code: (parallel / part / f"UNv1.0.{part}.{code}").read_text(encoding="utf-8").splitlines()
                 for code in ("ar", "zh", "en", "fr", "ru", "es")}
        for index, line in enumerate(sides[lang]):
            if needle.count(normalize(line)):
                for code, lines in sides.items():
                    print(f"{code}: {lines[index]}")
                print()
                shown += 1
                if shown >= limit:
                    return


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="the development corpus (default ../shared/corpus)")
    parser.add_argument("--pdf-cache", default=os.environ.get("TMPDIR", "/tmp") + "/hrlex-vocabulary-pdf-text")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--report", action="store_true")
    mode.add_argument("--mine")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--limit", type=int, default=5)
    args = parser.parse_args()
    root = corpus_root(args.corpus)
    if args.mine:
        mine(root, args.mine, args.lang, args.limit)
        return
    rows = read_vocabulary(VOCABULARY)
    if args.report:
        report(rows)
        return
    texts = load_corpus(root, Path(args.pdf_cache))
    counted = recount(rows, texts)
    if args.write:
        VOCABULARY.write_text("\n".join(line for line, _ in counted) + "\n", encoding="utf-8")
        report(counted)
        return
    stale = [(old[1], new[1]) for old, new in zip(rows, counted)
             if old[1] is not None and old[1][3:5] != new[1][3:5]]
    for old, new in stale:
        print(f"stale: {old[0]} {old[1]} {old[2]!r}: file says {old[3] or '?'}, corpus has {new[3]}")
    report(counted)
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()
