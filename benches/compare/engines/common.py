"""Shared pieces of the peer drivers: reading the synthetic hrlex documents, the text
each engine indexes, and the query-timing protocol every driver follows.

Protocol (the same for every engine, hrlex's Rust driver included): open the index, run
every query once (warm-up; its top-10 ids and hit count are the results compared
between engines), then ROUNDS rounds of the whole query set on one thread (per-query
latencies), then ROUNDS rounds on each of THREADS workers at once (queries per second).
Python peers use worker processes for the parallel part (the GIL would otherwise
serialise them); each opens its own handle on the index.
"""

import argparse
import json
import multiprocessing
import time

LANGS = ["en", "fr", "es", "pt", "ru", "ar", "zh", "other"]


def driver_parser(description):
    """The command line every peer driver takes (run.sh calls them alike):
    `index --docs FILE --index DIR` and
    `search --index DIR --queries FILE --rounds R --threads T --out FILE`."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["index", "search"])
    parser.add_argument("--docs")
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out")
    return parser


def read_documents(path):
    """Yields dicts: id, lang, mechanism, doc_type, year (int or 0), text (title and
    paragraphs, one per line) — the same fields and text for every engine."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            document = json.loads(line)
            lang = document["lang"] if document["lang"] in LANGS else "other"
            date = document.get("date") or ""
            year = int(date[:4]) if date[:4].isdigit() else 0
            text = "\n".join([document.get("title", "")] + [p["text"] for p in document.get("paragraphs", [])])
            yield {
                "id": document["id"],
                "lang": lang,
                "mechanism": document["mechanism"],
                "doc_type": document["doc_type"],
                "year": year,
                "text": text,
            }


def load_queries(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _parallel_worker(args):
    factory, index_dir, queries, rounds = args
    run = factory(index_dir)
    count = 0
    for _ in range(rounds):
        for query in queries:
            run(query)
            count += 1
    return count


def measure(engine, factory, index_dir, queries, rounds, threads, out_path):
    """factory(index_dir) -> run(query, first=False) -> (total, [ids]); `first` is true for
    the warm-up run only (where an engine may count all hits). `factory` is a top-level
    function so that worker processes can build their own."""
    run = factory(index_dir)
    results = []
    for query in queries:
        total, ids = run(query, True)
        results.append({"n": query["n"], "kind": query["kind"], "total": total, "ids": ids, "latencies": []})
    for _ in range(rounds):
        for position, query in enumerate(queries):
            started = time.perf_counter()
            run(query)
            results[position]["latencies"].append(time.perf_counter() - started)
    context = multiprocessing.get_context("fork")
    with context.Pool(threads) as pool:
        started = time.perf_counter()
        counts = pool.map(_parallel_worker, [(factory, index_dir, queries, rounds)] * threads)
        seconds = time.perf_counter() - started
    output = {
        "engine": engine,
        "queries": results,
        "throughput": {"threads": threads, "queries": sum(counts), "seconds": seconds},
    }
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(output, handle)
