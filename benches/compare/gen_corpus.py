#!/usr/bin/env python3
"""Scaled synthetic corpus for the side-by-side benchmark, made of real text.

Reads the canonical documents that `hrlex ingest --out` made of the real corpus
(JSON lines, one hrlex Document each) and writes COUNT synthetic hrlex Documents as JSON
lines, deterministically from SEED:

- each synthetic document copies a *template*: a real document drawn uniformly, so the
  language mix, the document-length distribution (paragraph count) and the joint
  metadata distribution (mechanism, doc type, states, date, outcome, themes, access…)
  are those of the real corpus;
- its paragraphs keep the template's printed numbers and pages, but each paragraph's
  text (with the citations ingest found in it) is drawn from the real paragraphs of
  documents of the same language and doc type (falling back to the same language), so
  paragraph lengths, vocabulary and citation density follow the real corpus while no two
  synthetic documents are copies;
- ids are `syn-<seed>-<n>`; `work_id` groups the language versions of the template's
  work (`syn-<seed>-<template work>-<n // languages>`), `source.path` names a virtual
  batch file of 100 documents.

A statistics file (`<out>.stats.json`) compares the source and the synthetic corpus on
those distributions, so the claim can be checked for every generated corpus.
"""

import argparse
import collections
import json
import random
import statistics
import sys


def text_bytes(document):
    return len(document.get("title", "").encode()) + sum(
        len(paragraph["text"].encode()) for paragraph in document.get("paragraphs", [])
    )


class Stats:
    """Distributions compared between the real and the synthetic corpus."""

    def __init__(self):
        self.documents = 0
        self.languages = collections.Counter()
        self.doc_types = collections.Counter()
        self.mechanisms = collections.Counter()
        self.paragraphs_per_document = []
        self.paragraph_bytes = []
        self.text_bytes = 0
        self.citations = 0

    def add(self, document, sample_paragraphs):
        self.documents += 1
        self.languages[document["lang"]] += 1
        self.doc_types[document["doc_type"]] += 1
        self.mechanisms[document["mechanism"]] += 1
        paragraphs = document.get("paragraphs", [])
        self.paragraphs_per_document.append(len(paragraphs))
        self.text_bytes += text_bytes(document)
        for paragraph in paragraphs:
            self.citations += len(paragraph.get("citations", []))
            if sample_paragraphs:
                self.paragraph_bytes.append(len(paragraph["text"].encode()))

    def summary(self):
        paragraphs = sum(self.paragraphs_per_document)

        def shares(counter):
            return {key: round(value / self.documents, 4) for key, value in counter.most_common(12)}

        lengths = sorted(self.paragraph_bytes) or [0]
        per_document = sorted(self.paragraphs_per_document) or [0]
        return {
            "documents": self.documents,
            "paragraphs": paragraphs,
            "text_mb": round(self.text_bytes / 1e6, 2),
            "language_share": shares(self.languages),
            "doc_type_share": shares(self.doc_types),
            "mechanism_share": shares(self.mechanisms),
            "paragraphs_per_document": {
                "mean": round(statistics.fmean(per_document), 2),
                "median": per_document[len(per_document) // 2],
                "p90": per_document[int(len(per_document) * 0.9)],
            },
            "paragraph_bytes": {
                "mean": round(statistics.fmean(lengths), 1),
                "median": lengths[len(lengths) // 2],
                "p90": lengths[int(len(lengths) * 0.9)],
            },
            "citations_per_1000_paragraphs": round(1000 * self.citations / max(paragraphs, 1), 2),
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", required=True, help="JSON lines written by `hrlex ingest --out`")
    parser.add_argument("--count", type=int, required=True, help="number of synthetic documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, help="output JSON lines")
    args = parser.parse_args()

    real = []
    with open(args.source, encoding="utf-8") as handle:
        for line in handle:
            document = json.loads(line)
            if document.get("paragraphs"):
                real.append(document)
    if not real:
        sys.exit(f"no documents with paragraphs in {args.source}")
    real.sort(key=lambda document: document["id"])  # the input order must not matter

    pools = collections.defaultdict(list)
    for document in real:
        for paragraph in document["paragraphs"]:
            if paragraph["text"].strip():
                pools[(document["lang"], document["doc_type"])].append(paragraph)
                pools[document["lang"]].append(paragraph)
    languages_per_work = collections.Counter(document["work_id"] for document in real)

    source_stats = Stats()
    for document in real:
        source_stats.add(document, True)

    rng = random.Random(args.seed)
    out_stats = Stats()
    with open(args.out, "w", encoding="utf-8") as out:
        for number in range(args.count):
            template = real[rng.randrange(len(real))]
            pool = pools.get((template["lang"], template["doc_type"]))
            if not pool or len(pool) < 20:
                pool = pools[template["lang"]]
            document = dict(template)
            document["id"] = f"syn-{args.seed}-{number}"
            group = number // max(languages_per_work[template["work_id"]], 1)
            document["work_id"] = f"syn-{args.seed}-{template['work_id']}-{group}"
            document["source"] = {
                "path": f"synthetic/batch-{number // 100:06d}.jsonl",
                "record": str(number % 100),
                "format": "jsonl",
                "importer": "bench-synthetic",
            }
            document["identifiers"] = []  # real identifiers would resolve to many copies
            document.pop("symbol", None)
            paragraphs = []
            for shape in template["paragraphs"]:
                drawn = pool[rng.randrange(len(pool))]
                paragraph = {"n": shape.get("n"), "text": drawn["text"]}
                if shape.get("page") is not None:
                    paragraph["page"] = shape["page"]
                if drawn.get("lang"):
                    paragraph["lang"] = drawn["lang"]
                if drawn.get("citations"):
                    paragraph["citations"] = drawn["citations"]
                paragraphs.append(paragraph)
            document["paragraphs"] = paragraphs
            out_stats.add(document, number < 20000)
            out.write(json.dumps(document, ensure_ascii=False))
            out.write("\n")

    stats = {"seed": args.seed, "source": source_stats.summary(), "synthetic": out_stats.summary()}
    with open(args.out + ".stats.json", "w", encoding="utf-8") as handle:
        json.dump(stats, handle, indent=1, ensure_ascii=False)
    print(json.dumps({"source": stats["source"]["text_mb"], "synthetic_mb": stats["synthetic"]["text_mb"],
                      "documents": args.count}), file=sys.stderr)


if __name__ == "__main__":
    main()
