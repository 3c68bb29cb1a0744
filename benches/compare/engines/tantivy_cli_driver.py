#!/usr/bin/env python3
"""tantivy-cli (`cargo install tantivy-cli`, tantivy 0.24) on the benchmark corpus.

  tantivy_cli_driver.py index  --tantivy BIN --docs corpus.jsonl --index DIR --threads T
  tantivy_cli_driver.py search --tantivy BIN --index DIR --queries queries.json --rounds N --threads T --out FILE

Analysis: tantivy-cli has only tantivy's built-in tokenizers, so English text goes to a
field with `en_stem` (Porter stemming) and every other language to a field with the
`default` tokenizer (lowercase, no stemming). That tokenizer drops runs of CJK characters
longer than 40 bytes, so the driver writes Chinese text with a space between Han
characters (unigrams) and queries Chinese words as phrases of characters. lang,
mechanism, doc_type are `raw` fields, the year a fast i64. The schema is written as the
index's meta.json (what `tantivy new` writes interactively); documents are piped to
`tantivy index -t T` as JSON (conversion in this script, as the other drivers convert
while reading).

Queries: latencies come from `tantivy bench -n N` (in-process TopDocs(10) + Count; it
times the search only — query parsing and fetching the 10 stored ids are outside its
timer, unlike the other drivers); throughput on T cores runs T `tantivy bench` processes
at once over the same index. The top-10 ids come from `tantivy serve` (ranked hits, as
bench does not print them).
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def raw(name, stored=False):
    return {
        "name": name,
        "type": "text",
        "options": {
            "indexing": {"record": "position", "fieldnorms": False, "tokenizer": "raw"},
            "stored": stored,
            "fast": False,
        },
    }


def text(name, tokenizer):
    return {
        "name": name,
        "type": "text",
        "options": {
            "indexing": {"record": "position", "fieldnorms": True, "tokenizer": tokenizer},
            "stored": False,
            "fast": False,
        },
    }


def schema():
    fields = [raw("id", stored=True), raw("lang"), raw("mechanism"), raw("doc_type")]
    fields.append(
        {"name": "year", "type": "i64", "options": {"indexed": False, "fieldnorms": False, "fast": True, "stored": False}}
    )
    for lang in common.LANGS:
        fields.append(text("text_" + lang, "en_stem" if lang == "en" else "default"))
    return fields


def index(args):
    os.makedirs(args.index, exist_ok=True)
    for name in os.listdir(args.index):
        os.remove(os.path.join(args.index, name))
    meta = {
        "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
        "segments": [],
        "schema": schema(),
        "opstamp": 0,
    }
    with open(os.path.join(args.index, "meta.json"), "w") as handle:
        json.dump(meta, handle)
    process = subprocess.Popen(
        [args.tantivy, "index", "-i", args.index, "-t", str(args.threads)],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    count = 0
    for document in common.read_documents(args.docs):
        body = document["text"]
        if document["lang"] == "zh":
            body = HAN_RUN.sub(lambda match: " ".join(match.group(0)), body)
        record = {
            "id": document["id"],
            "lang": document["lang"],
            "mechanism": document["mechanism"],
            "doc_type": document["doc_type"],
            "year": document["year"],
            "text_" + document["lang"]: body,
        }
        process.stdin.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
        count += 1
    process.stdin.close()
    if process.wait() != 0:
        sys.exit("tantivy index failed")
    print(f'{{"documents": {count}}}')


def bench(tantivy, index_dir, query_file, rounds):
    """[(query, hits, seconds)] of every timed search of one `tantivy bench` run."""
    output = subprocess.run(
        [tantivy, "bench", "-i", index_dir, "-q", query_file, "-n", str(rounds)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    section = output.split("SEARCH", 1)[1].split("FETCH STORE", 1)[0]
    timings = []
    for line in section.splitlines():
        parts = line.rsplit("\t", 2)
        if len(parts) == 3 and parts[2].isdigit():
            timings.append((parts[0], int(parts[1]), int(parts[2]) / 1e6))
    return timings


def top_ids(tantivy, index_dir, queries):
    port = 3000 + os.getpid() % 2000
    server = subprocess.Popen(
        [tantivy, "serve", "-i", index_dir, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        answers = []
        for query in queries:
            url = f"http://127.0.0.1:{port}/api/?" + urllib.parse.urlencode({"q": query["tantivy"], "nhits": 10})
            for attempt in range(600):
                try:
                    with urllib.request.urlopen(url, timeout=120) as response:
                        serp = json.load(response)
                    break
                except (ConnectionError, urllib.error.URLError):
                    if server.poll() is not None:
                        sys.exit("tantivy serve exited")
                    time.sleep(0.2)
            answers.append([hit["doc"]["id"][0] for hit in serp["hits"]])
        return answers
    finally:
        server.kill()
        server.wait()


def search(args):
    queries = common.load_queries(args.queries)
    query_file = args.out + ".queries.txt"
    with open(query_file, "w", encoding="utf-8") as handle:
        for query in queries:
            handle.write(query["tantivy"] + "\n")
    timings = bench(args.tantivy, args.index, query_file, args.rounds + 1)
    per_query = len(queries)
    if len(timings) != per_query * (args.rounds + 1):
        sys.exit(f"tantivy bench printed {len(timings)} timings, expected {per_query * (args.rounds + 1)}")
    ids = top_ids(args.tantivy, args.index, queries)
    results = []
    for position, query in enumerate(queries):
        runs = timings[position::per_query]
        results.append(
            {
                "n": query["n"],
                "kind": query["kind"],
                "total": runs[0][1],
                "ids": ids[position],
                "latencies": [seconds for _, _, seconds in runs[1:]],  # the first round warms up
            }
        )
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [args.tantivy, "bench", "-i", args.index, "-q", query_file, "-n", str(args.rounds)],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(args.threads)
    ]
    for worker in workers:
        if worker.wait() != 0:
            sys.exit("tantivy bench failed")
    seconds = time.perf_counter() - started
    output = {
        "engine": "tantivy-cli",
        "queries": results,
        # tantivy bench searches every query twice per round (SEARCH: top 10 + count;
        # FETCH STORE: top 10 + stored docs): both passes are counted as queries.
        "throughput": {"threads": args.threads, "queries": 2 * args.threads * args.rounds * per_query, "seconds": seconds},
        "notes": "latency excludes query parsing and stored-id fetch (tantivy bench timer); "
        "throughput runs one `tantivy bench` process per core (both of its passes counted)",
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(output, handle)


def main():
    parser = common.driver_parser(__doc__)
    parser.add_argument("--tantivy", required=True, help="the tantivy-cli binary")
    args = parser.parse_args()
    if args.command == "index":
        index(args)
    else:
        search(args)


if __name__ == "__main__":
    main()
