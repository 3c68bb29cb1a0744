#!/usr/bin/env python3
"""Writes authorities.tsv: the keys and case names under which one decision (one
*authority*) is cited, so that the citation graph can join a citation by name, by
application number, by Series A or C number, by ECLI, by HUDOC item id, by
communication number or by UN symbol. This script gathers, per authority,

    keys<TAB>names<TAB>stage<TAB>source

* `keys`: citation keys of `docs/citation-keys.md` (`ecthr:app:14038/88 ecthr:seriesA:161
  ecli:CE:ECHR:1989:0707JUD001403888 hudoc:001-57619`), space-separated;
* `names`: the case name as the source writes it, ` | `-separated, in any language
  (`CASE OF SOERING v. THE UNITED KINGDOM | AFFAIRE SOERING c. ROYAUME-UNI`);
* `stage`: `merits` when the decision is the one on the merits (a case cited by name
  alone means it), else empty;
* `source`: which file gave the line.

Sources, all in ../shared/corpus (the development corpus):

* `echr/citation_authority_eng.csv` — the ECtHR's official citation strings: case name,
  application numbers, Series A number of old judgments, ECLI and item id when given;
* `echr/historical_citation_catalog.json` — HUDOC records of the judgments published in
  Series A (1959–1998): English and French titles, Series A number, application
  numbers, ECLI, item ids (this is what joins `Soering v. the United Kingdom`, Series A
  no. 161, to application no. 14038/88);
* `iacthr/metadata/entities.jsonl` — Uwazi records of Inter-American Court judgments:
  Series C number (`C-257`), title in Spanish, English and Portuguese, State, stage;
* `iacthr/pdfs/*.pdf` — the Inter-American Court's own citations of its judgments, in
  the official form `Caso Velásquez Rodríguez Vs. Honduras. Fondo. Sentencia de 29 de
  julio de 1988. Serie C No. 4` (and `Case of … v. …. Merits. … Series C No. 4`), read
  with poppler's `pdftotext`. A name written with two numbers for the same stage keeps
  the number written most often (the Court sometimes mis-cites);
* `treaty-bodies/ohchr-2016-05-07-v02.xml` — the OHCHR jurisprudence export: symbol,
  communication numbers, author's display name and State of each treaty-body decision.

A key that names several authorities in the sources (a Series A volume holding two
judgments, `Series A no. 103`) is left out of all of them.

and pipes them through `hrlex_cite::compile_authorities` (the crate's example
`compile_authorities`), which turns each name into the `name:` key the citation reader
gives it, with the same code, and joins it to the one authority it designates (a name of
several authorities joins none; among the judgments of one Inter-American case, the name
means the merits judgment). The table holds `keys<TAB>names<TAB>source` lines, keys `;`-separated.

Run from the repository root (needs `pdftotext`, Debian `poppler-utils`, and cargo):
    python3 crates/cite/data/make_authorities.py ../shared/corpus > crates/cite/data/authorities.tsv
"""
import csv
import json
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from pathlib import Path


def application_key(text):
    """`014038/88` → `ecthr:app:14038/88`; None unless `<digits>/<2 digits>`."""
    match = re.fullmatch(r"0*(\d{1,6})/(\d{2})", text.strip())
    return f"ecthr:app:{match.group(1)}/{match.group(2)}" if match else None


def series_a_key(reporter_key):
    """`SERIES_A:::161::` → `ecthr:seriesA:161`; `SERIES_A:::235:B:` → `…:235-B`."""
    parts = reporter_key.split(":")
    if len(parts) < 5 or parts[0] != "SERIES_A" or not parts[3].isdigit():
        return None
    suffix = f"-{parts[4]}" if parts[4] else ""
    return f"ecthr:seriesA:{parts[3]}{suffix}"


def dr_key(reporter_key):
    """`DR::31:::130` → `ecthr:dr:31/130`."""
    parts = reporter_key.split(":")
    if len(parts) == 6 and parts[0] == "DR" and parts[2].isdigit() and parts[5].isdigit():
        return f"ecthr:dr:{parts[2]}/{parts[5]}"
    return None


def ecli_key(ecli):
    ecli = ecli.strip().upper()
    return "ecli:" + ecli[len("ECLI:"):] if ecli.startswith("ECLI:") else None


def hudoc_key(itemid):
    itemid = itemid.strip()
    return f"hudoc:{itemid}" if re.fullmatch(r"\d{3}-\d+", itemid) else None


class Entry:
    def __init__(self, source, keys, names, stage=""):
        self.source = source
        self.keys = [key for key in keys if key]
        self.names = [" ".join(name.split()) for name in names if name and name.strip()]
        self.stage = stage


def echr_authority(corpus):
    with open(corpus / "echr/citation_authority_eng.csv", newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            keys = [application_key(number) for number in re.split(r"[;, ]+", row["appnos"])]
            keys.append(series_a_key(row["reporter_key"]))
            keys.append(dr_key(row["reporter_key"]))
            keys.append(ecli_key(row["target_ecli"]))
            keys.append(hudoc_key(row["target_itemid"]))
            yield Entry("echr/citation_authority_eng.csv", keys, [row["title"]])


def echr_historical(corpus):
    catalog = json.loads((corpus / "echr/historical_citation_catalog.json").read_text("utf-8"))
    for record in catalog["entries"]:
        keys = [application_key(number) for number in record["appnos"]]
        keys.append(series_a_key(record["reporter_key"]))
        keys.append(dr_key(record["reporter_key"]))
        keys.append(ecli_key(record.get("target_ecli") or ""))
        keys.append(hudoc_key(record.get("target_itemid") or ""))
        yield Entry("echr/historical_citation_catalog.json", keys, [record["title"]])


MERITS_WORDS = ("fondo", "merits", "merito", "fond")
# The words that name a stage of proceedings (`Excepciones Preliminares, Fondo,
# Reparaciones y Costas`), in Spanish, English, Portuguese and French.
STAGE_WORDS = set(MERITS_WORDS) | {
    "excepciones", "excepcion", "preliminares", "preliminar", "preliminary", "objections",
    "objection", "excecoes", "excecao", "reparaciones", "reparations", "reparacoes", "costas",
    "costs", "custas", "interpretacion", "interpretation", "interpretacao", "competencia",
    "competence", "admisibilidad", "admissibility", "revision",
}


def is_merits(stage_text):
    folded = fold(stage_text)
    return any(word in folded.split() for word in MERITS_WORDS)


def stage_of(stage_text):
    """The stage words of a citation (`Fondo, Reparaciones y Costas` →
    {fondo, reparaciones, costas}), to tell the judgments of one case apart."""
    return frozenset(word for word in fold(stage_text).split() if word in STAGE_WORDS)


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"\w+", plain))


def iacthr_metadata(corpus):
    path = corpus / "iacthr/metadata/entities.jsonl"
    separator = {"es": "Vs.", "pt": "Vs.", "en": "v."}
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        if record.get("template") != "Sentencia de la corte":
            continue
        metadata = record["metadata"]
        numbers = [value["value"] for value in metadata.get("n_mero", [])]
        states = [value["label"] for value in metadata.get("pa_s", [])]
        match = re.fullmatch(r"C-(\d+)", numbers[0]) if numbers else None
        if not match or len(states) != 1:
            continue
        applicant = record["title"].split(". ")[0].strip()
        name = f"{applicant} {separator.get(record['language'], 'v.')} {states[0]}"
        stages = " ".join(value.get("label", "") for value in metadata.get("tipo", []))
        yield Entry(
            "iacthr/metadata/entities.jsonl",
            [f"iacthr:C:{match.group(1)}"],
            [name],
            "merits" if is_merits(stages) else "",
        )


# `Caso X Vs. Y. <Etapa>. Sentencia de <fecha>. Serie C No. N` and the English and
# Portuguese forms; up to three sentences between the name and the Series number.
OFFICIAL_CITATION = re.compile(
    r"(?P<name>(?:Caso|Case of|Case)\s[^.;:]{2,120}?\s(?:Vs\.|vs\.|v\.)\s[^.;:]{2,40}?)\."
    r"(?P<between>(?:[^.;]{0,160}\.){0,3}?)\s*"
    r"S[ée]ri(?:e|es)\s+C\s*(?:No\.?|N[º°o]\.?|n[º°o]\.?)\s*(?P<number>\d{1,3})\b"
)


def pdf_texts(folder):
    for path in sorted(folder.glob("*.pdf")):
        result = subprocess.run(
            ["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=False,
        )
        if result.returncode == 0:
            yield result.stdout.decode("utf-8", errors="replace")


def iacthr_citations(corpus):
    """Name/number pairs of the Court's official citations, mis-cites dropped."""
    mentions = []
    for text in pdf_texts(corpus / "iacthr/pdfs"):
        flat = " ".join(text.replace("\u00ad", "").split())
        for match in OFFICIAL_CITATION.finditer(flat):
            between = match.group("between")
            mentions.append((match.group("name"), stage_of(between), int(match.group("number"))))
    # A name (folded) and stage written with several numbers: the most written one,
    # when it has at least twice the mentions of the next; else none.
    numbers_of = defaultdict(Counter)
    for name, stage, number in mentions:
        numbers_of[(fold(name), stage)][number] += 1
    chosen = {}
    for group, counts in numbers_of.items():
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
            chosen[group] = ranked[0][0]
    names_of = defaultdict(set)
    merits_of = defaultdict(Counter)
    for name, stage, number in mentions:
        if chosen.get((fold(name), stage)) == number:
            names_of[number].add(name)
            merits_of[number][bool(stage & set(MERITS_WORDS))] += 1
    for number in sorted(names_of):
        merits = merits_of[number][True] > merits_of[number][False]
        yield Entry(
            "iacthr/pdfs (official citations)",
            [f"iacthr:C:{number}"],
            sorted(names_of[number]),
            "merits" if merits else "",
        )


def ohchr_export(corpus):
    root = ElementTree.parse(corpus / "treaty-bodies/ohchr-2016-05-07-v02.xml").getroot()
    for item in root:
        committee = (item.findtext("Committee") or "").strip()
        symbol = "".join((item.findtext("Id_string") or "").split()).upper()
        keys = [f"un:{symbol}"] if "/D/" in symbol else []
        for number in re.findall(r"(\d{1,4})/(\d{4})", item.findtext("Communication_numbers") or ""):
            keys.append(f"comm:{committee}:{int(number[0])}/{number[1]}")
        countries = [value.text for value in item.find("Countries") or [] if value.text]
        display_name = (item.findtext("Display_name") or "").strip()
        names = [f"{display_name} v. {countries[0]}"] if display_name and len(countries) == 1 else []
        views = "views" in (item.findtext("Type_of_decision") or "").lower()
        if keys:
            yield Entry("treaty-bodies/ohchr-2016-05-07-v02.xml", keys, names, "merits" if views else "")


def ambiguous_keys(entries):
    """Keys whose entries name different applications (a Series A volume of two
    judgments): no key of an application-numbered family is shared by them."""
    applications_of = defaultdict(set)
    for entry in entries:
        applications = frozenset(key for key in entry.keys if key.startswith("ecthr:app:"))
        if applications:
            for key in entry.keys:
                if not key.startswith("ecthr:app:"):
                    applications_of[key].add(applications)
    ambiguous = set()
    for key, sets in applications_of.items():
        if len(sets) > 1 and not frozenset.intersection(*sets):
            ambiguous.add(key)
    return ambiguous


def merged(entries):
    """Entries sharing a key are one authority (union-find over keys)."""
    parent = {}

    def find(key):
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for entry in entries:
        for key in entry.keys[1:]:
            parent[find(key)] = find(entry.keys[0])
    groups = defaultdict(lambda: {"keys": set(), "names": [], "stage": "", "sources": set()})
    for entry in entries:
        if not entry.keys:
            continue
        group = groups[find(entry.keys[0])]
        group["keys"].update(entry.keys)
        for name in entry.names:
            if name not in group["names"]:
                group["names"].append(name)
        if entry.stage:
            group["stage"] = entry.stage
        group["sources"].add(entry.source)
    return groups.values()


def key_order(key):
    family = key.split(":")[0]
    return (["ecthr", "iacthr", "comm", "un", "ecli", "hudoc"].index(family)
            if family in ("ecthr", "iacthr", "comm", "un", "ecli", "hudoc") else 9, key)


def main():
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
    entries = []
    for reader in (echr_authority, echr_historical, iacthr_metadata, iacthr_citations, ohchr_export):
        entries.extend(reader(corpus))
    ambiguous = ambiguous_keys(entries)
    for entry in entries:
        entry.keys = [key for key in entry.keys if key not in ambiguous]
    rows = []
    for group in merged(entries):
        keys = sorted(group["keys"], key=key_order)
        # A line with one key and no name joins nothing.
        if len(keys) < 2 and not group["names"]:
            continue
        rows.append((keys, group["names"], group["stage"], sorted(group["sources"])))
    rows.sort(key=lambda row: key_order(row[0][0]))
    lines = ["# keys\tnames\tsource (generated by crates/cite/data/make_authorities.py from "
             f"../shared/corpus; do not edit by hand); {len(ambiguous)} keys naming several "
             "authorities left out"]
    for keys, names, stage, sources in rows:
        clean = [name.replace("\t", " ").replace("|", "/") for name in names]
        lines.append("\t".join([" ".join(keys), " | ".join(clean), stage, ",".join(sources)]))
    compiled = subprocess.run(
        ["cargo", "run", "--quiet", "-p", "hrlex-cite", "--example", "compile_authorities"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    sys.stdout.write(compiled.stdout)
    print(f"authorities: {len(rows)} lines, {len(ambiguous)} ambiguous keys left out",
          file=sys.stderr)


if __name__ == "__main__":
    main()
