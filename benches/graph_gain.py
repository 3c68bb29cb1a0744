#!/usr/bin/env python3
"""How many more citations resolve, between two ingests of the same corpus.

Usage: graph_gain.py BEFORE.jsonl AFTER.jsonl

Each file is the output of `hrlex ingest --out` (one document per line). A citation
resolves when its key is an identifier of another document (not the citing document nor
a language version of its work); `comm:?:n/yyyy` (a communication cited without its
body) resolves to that communication of any body. These are the graph's term-lookup
rules (`crates/index/src/graph.rs`) without the related-key expansion, which the
recognizer makes unnecessary here since it gives a decision both its symbol and its
communication key. Prints, per ingest, the resolved (citing document, key) pairs, the
document-to-document edges and how many of those cross systems, and the difference.
"""

import json
import sys
from collections import defaultdict

SYSTEMS = {
    **dict.fromkeys(
        "ccpr cat cedaw cerd cescr crc crpd ced cmw spt upr special-procedures hrc ga ohchr".split(),
        "un",
    ),
    "ecthr": "european",
    "ecommhr": "european",
    "iacthr": "inter-american",
    "iachr": "inter-american",
    "achpr": "african",
    "afchpr": "african",
    "ecowas": "african",
    "national-court": "national",
}


def load(path):
    documents = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            document = json.loads(line)
            keys = set()
            for paragraph in document.get("paragraphs", []):
                for citation in paragraph.get("citations", []):
                    keys.add(citation["key"])
            documents.append(
                {
                    "id": document["id"],
                    "work": document["work_id"],
                    "system": SYSTEMS.get(document["mechanism"], "other"),
                    "identifiers": set(document.get("identifiers", [])),
                    "cites": keys,
                }
            )
    return documents


def measure(documents):
    bearers = defaultdict(list)
    communications = defaultdict(list)
    for document in documents:
        for key in document["identifiers"]:
            bearers[key].append(document)
            if key.startswith("comm:"):
                number = key.split(":", 2)[2]
                communications[number].append(document)
    resolved_keys = 0
    edges = set()
    cross_system = set()
    targeted = set()
    for citing in documents:
        for key in citing["cites"]:
            if key.startswith("comm:?:"):
                targets = communications.get(key.split(":", 2)[2], [])
            else:
                targets = bearers.get(key, [])
            targets = [
                t
                for t in targets
                if t["id"] != citing["id"] and t["work"] != citing["work"]
            ]
            if not targets:
                continue
            resolved_keys += 1
            for target in targets:
                edge = (citing["id"], target["id"])
                edges.add(edge)
                targeted.add(target["id"])
                if target["system"] != citing["system"]:
                    cross_system.add(edge)
    return {
        "documents": len(documents),
        "cited keys": sum(len(d["cites"]) for d in documents),
        "resolved keys": resolved_keys,
        "edges": len(edges),
        "cross-system edges": len(cross_system),
        "documents cited by another": len(targeted),
    }


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    before = measure(load(sys.argv[1]))
    after = measure(load(sys.argv[2]))
    print(f"{'':28} {'before':>10} {'after':>10} {'gain':>10}")
    for name in before:
        print(f"{name:28} {before[name]:>10} {after[name]:>10} {after[name] - before[name]:>+10}")


if __name__ == "__main__":
    main()
