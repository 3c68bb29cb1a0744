"""The relevance set (tests/relevance/judgments.jsonl) scored on any engine's answers.

  relevance.py queries JUDGMENTS > QUERIES.json        the set in the drivers' query form
  relevance.py score JUDGMENTS ENGINE=RESULTS.json...  one table per engine, then the means

RESULTS.json is what a driver's `search` writes ({"queries": [{"n", "ids"}]} or the list), the top 10 of
each query in the order of QUERIES.json. The measures are those of
tests/e2e/relevance/metrics.rs, at depth 10 for every engine (so the reciprocal rank
looks at the top 10 only): P@10 with grade 2 = 1, grade 1 = 0.5, a duplicate of a work
already shown = 0; nDCG@10 with gains 2^grade - 1; duplicates from the set's same_work
groups (the peers know no work ids).
"""

import json
import math
import sys

import querylang

DEPTH = 10
LANGUAGES = ["ar", "en", "es", "fr", "pt", "ru", "zh"]


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def queries(judgments):
    out = []
    for number, record in enumerate(judgments):
        text, filters = querylang.split_filters(querylang.parse(record["query"]))
        out.append({"n": number, "kind": record["kind"], "query": record["query"],
                    "filters": [list(item) for item in filters], "lucene": querylang.to_lucene(text)})
    return out


def score(record, ids):
    grades = record["judgments"]
    work = {}
    for group in record.get("same_work", []):
        for member in group:
            work[member] = group[0]
    seen, precision, dcg, relevant, duplicates = set(), 0.0, 0.0, 0, 0
    for rank, doc in enumerate(ids[:DEPTH]):
        key = work.get(doc, doc)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        grade = grades.get(doc, 0)
        precision += {2: 1.0, 1: 0.5}.get(grade, 0.0) / DEPTH
        dcg += (2 ** grade - 1) / math.log2(rank + 2)
        relevant += grade > 0
    best = {}
    for doc, grade in grades.items():
        key = work.get(doc, doc)
        best[key] = max(best.get(key, 0), grade)
    ideal = sorted((g for g in best.values() if g > 0), reverse=True)[:DEPTH]
    ideal_dcg = sum((2 ** g - 1) / math.log2(r + 2) for r, g in enumerate(ideal))
    rr = next((1 / (r + 1) for r, doc in enumerate(ids[:DEPTH]) if grades.get(doc) == 2), 0.0)
    return {"p10": precision, "ndcg": dcg / ideal_dcg if ideal_dcg else 0.0, "rr": rr,
            "relevant": relevant, "duplicates": duplicates}


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def summary(judgments, scores):
    rows = []
    for group in ["all"] + LANGUAGES:
        members = [(r, s) for r, s in zip(judgments, scores) if group in ("all", r["lang"])]
        rows.append((group, len(members),
                     mean(s["p10"] for r, s in members if r["kind"] == "topic"),
                     mean(s["rr"] for r, s in members if r["kind"] == "known-item"),
                     mean(s["ndcg"] for _, s in members),
                     sum(s["relevant"] == 0 for _, s in members),
                     sum(s["duplicates"] for _, s in members)))
    return rows


def main():
    if sys.argv[1] == "queries":
        for item in queries(load(sys.argv[2])):
            print(json.dumps(item, ensure_ascii=False))
        return
    judgments = load(sys.argv[2])
    engines = {}
    for spec in sys.argv[3:]:
        name, path = spec.split("=", 1)
        with open(path, encoding="utf-8") as handle:
            answer = json.load(handle)
            answer = answer["queries"] if isinstance(answer, dict) else answer
            results = {item["n"]: item["ids"] for item in answer}
        engines[name] = [score(record, results.get(n, [])) for n, record in enumerate(judgments)]
    names = list(engines)
    print("| query | lang | kind | " + " | ".join(f"{n} P@10 | {n} nDCG | {n} RR" for n in names) + " |")
    print("|---|---|---|" + "---:|---:|---:|" * len(names))
    for n, record in enumerate(judgments):
        cells = " | ".join(f"{engines[e][n]['p10']:.2f} | {engines[e][n]['ndcg']:.2f} | {engines[e][n]['rr']:.2f}" for e in names)
        print(f"| `{record['query']}` | {record['lang']} | {record['kind']} | {cells} |")
    print()
    print("| engine | group | queries | topic P@10 | known-item MRR@10 | nDCG@10 | no relevant hit | duplicates |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        for group, count, p10, mrr, ndcg, empty, dups in summary(judgments, engines[name]):
            print(f"| {name} | {group} | {count} | {p10:.3f} | {mrr:.3f} | {ndcg:.3f} | {empty} | {dups} |")


if __name__ == "__main__":
    main()
