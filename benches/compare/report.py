#!/usr/bin/env python3
"""Turns one run directory of benches/compare/run.sh into Markdown tables, and splices
them into BENCHMARKS.md.

  report.py --run DIR [--engines "hrlex lucene …"] [--seconds S]   prints the report
                                                                   (default: every engine
                                                                   with results in DIR)
  report.py --splice REPORT.md --into BENCHMARKS.md                replaces the section

Measures, per engine (from the same run):
- indexing: wall time, CPU time (user + sys, GNU time), text MB / wall s, text MB per
  CPU-second ("per core"), index size on disk and its ratio to the text, peak RSS;
- queries: p50 / p99 of the single-thread latencies of every query of a kind over all
  rounds; queries per second with one worker per core;
- agreement with hrlex: hit counts relative to hrlex's; per query, |top-10(hrlex) ∩ top-10(peer)| / max(|top-10(hrlex)|,
  |top-10(peer)|) (1 when both are empty), averaged per kind; and the number of queries
  where the engine found nothing;
- ratios hrlex / peer for latency (above 1: hrlex slower) and indexing throughput
  (above 1: hrlex faster).
"""

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess

SECTION = "## Side-by-side comparison"
KINDS = ["term", "phrase", "boolean", "filtered", "zh", "ar", "ru"]


def gnu_time(path):
    values = {}
    with open(path) as handle:
        for line in handle:
            key, _, value = line.strip().rpartition(": ")
            values[key] = value
    wall = values["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    seconds = sum(float(part) * 60 ** position for position, part in enumerate(reversed(wall)))
    return {
        "wall": seconds,
        "cpu": float(values["User time (seconds)"]) + float(values["System time (seconds)"]),
        "rss_mb": int(values["Maximum resident set size (kbytes)"]) / 1024,
    }


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round((len(ordered) - 1) * fraction))]


def overlap(first, second):
    if not first and not second:
        return 1.0
    return len(set(first) & set(second)) / max(len(first), len(second))


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout.split("\n")[1].split()[1]
    return f"{os.cpu_count()} vCPU ({cpu}), {memory} GB RAM, {platform.system()} {platform.release()}"


def ratio(value, reference):
    return f"{value / reference:.2f}" if reference else "–"


# `hrlex-plain` is hrlex on the same index answering what the peers answer (top-10 ids:
# no paragraphs, snippets or translations); `hrlex` is the full answer.
ORDER = ["hrlex", "hrlex-plain", "lucene", "tantivy-cli", "xapian", "sqlite"]


def engines_in(run):
    """Every engine with complete results in the run directory (index timing, size and
    search results), hrlex first, then the usual order, then any other."""
    found = []
    for name in os.listdir(run):
        if name.endswith(".index.time"):
            engine = name[: -len(".index.time")]
            if all(os.path.exists(os.path.join(run, f"{engine}.{part}")) for part in ("size", "search.json")):
                found.append(engine)
    return sorted(found, key=lambda e: (ORDER.index(e) if e in ORDER else len(ORDER), e))


def measured(run, engine):
    values = {}
    path = os.path.join(run, f"{engine}.measured")
    if os.path.exists(path):
        for line in open(path):
            key, _, value = line.rstrip("\n").partition("=")
            values[key] = value
    return values


def report(args):
    run = args.run
    available = engines_in(run)
    if args.engines:
        missing = [e for e in args.engines.split() if e not in available]
        if missing:
            raise SystemExit(f"no complete results in {run} for: {' '.join(missing)}")
        engines = args.engines.split()
    else:
        engines = available
    if not engines:
        raise SystemExit(f"no engine has complete results in {run}")
    stats = json.load(open(os.path.join(run, "corpus.stats.json")))
    synthetic = stats["synthetic"]
    text_mb = synthetic["text_mb"]
    lines = []
    out = lines.append
    out(SECTION)
    out("")
    out(
        f"Report of `{run}` made on {datetime.date.today().isoformat()} after `{args.command.strip()}` "
        f"({args.seconds} s), {machine()}. Machine shared with other builds: compare ratios within "
        "one run, not absolute numbers across runs."
    )
    out("")
    out("Engines may be measured in separate invocations of `run.sh` into the same run directory;")
    out("when and from which commit of this repository each one was measured (UTC; 1-minute load")
    out("average of the machine when it started):")
    out("")
    out("| engine | measured (start → end, UTC) | commit | load at start | command |")
    out("|---|---|---|---|---|")
    shas = set()
    for engine in engines:
        item = measured(run, engine)
        if not item:
            modified = datetime.datetime.fromtimestamp(
                os.path.getmtime(os.path.join(run, f"{engine}.index.time")), datetime.timezone.utc
            )
            item = {"finished": modified.strftime("%Y-%m-%dT%H:%M:%SZ") + " (file time)"}
        if item.get("corpus_stats_sha256"):
            shas.add(item["corpus_stats_sha256"])
        out(
            f"| {engine} | {item.get('started', '?')} → {item.get('finished', '?')} | {item.get('revision', '?')} | "
            f"{item.get('host_load', '?').split(' ')[0]} | `{item.get('command', '?')}` |"
        )
    if len(shas) > 1:
        out("")
        out("**Warning: the engines above were measured on corpora with different statistics "
            f"(corpus.stats.json digests {', '.join(sorted(shas))}); do not compare them.**")
    out("")
    languages = ", ".join(f"{key} {value:.0%}" for key, value in synthetic["language_share"].items())
    out(
        f"Corpus: {synthetic['documents']:,} synthetic documents (seed {stats['seed']}), "
        f"{synthetic['paragraphs']:,} paragraphs, {text_mb:,.1f} MB of text, generated by "
        f"`gen_corpus.py` from {stats['source']['documents']:,} real documents "
        f"({stats['source']['text_mb']:.1f} MB) that `hrlex ingest` made of `../shared/corpus`. "
        f"Languages: {languages}. Paragraphs per document: mean "
        f"{synthetic['paragraphs_per_document']['mean']} (real {stats['source']['paragraphs_per_document']['mean']}); "
        f"paragraph bytes: median {synthetic['paragraph_bytes']['median']} (real {stats['source']['paragraph_bytes']['median']}); "
        f"citations per 1000 paragraphs {synthetic['citations_per_1000_paragraphs']} "
        f"(real {stats['source']['citations_per_1000_paragraphs']})."
    )
    out("")
    here = os.path.dirname(os.path.abspath(__file__))
    out(open(os.path.join(here, "method.md")).read().rstrip())
    out("")

    indexing = {}
    for engine in engines:
        timing = gnu_time(os.path.join(run, f"{engine}.index.time"))
        size = int(open(os.path.join(run, f"{engine}.size")).read())
        indexing[engine] = dict(timing, size=size)
    out("### Indexing")
    out("")
    out("| engine | wall s | CPU s | MB/s | MB/s per core | hrlex ÷ engine (per core) | index MB | index ÷ text | peak RSS MB |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    hrlex_per_core = text_mb / indexing["hrlex"]["cpu"] if "hrlex" in indexing else None
    for engine, item in indexing.items():
        per_core = text_mb / item["cpu"]
        out(
            f"| {engine} | {item['wall']:.1f} | {item['cpu']:.1f} | {text_mb / item['wall']:.2f} | {per_core:.2f} | "
            f"{ratio(hrlex_per_core, per_core) if hrlex_per_core else '–'} | {item['size'] / 1e6:.1f} | "
            f"{item['size'] / (text_mb * 1e6):.2f} | {item['rss_mb']:.0f} |"
        )
    out("")

    results = {}
    for engine in engines:
        path = os.path.join(run, f"{engine}.search.json")
        if os.path.exists(path):
            results[engine] = json.load(open(path))
    queries = [json.loads(line) for line in open(os.path.join(run, "queries.json"))]
    rounds = len(next(iter(results.values()))["queries"][0]["latencies"]) if results else 0
    out(f"### Query latency, one thread (ms, p50 / p99 over {rounds} rounds of each kind's queries)")
    out("")
    ratio_engines = [e for e in engines if e != "hrlex"] if "hrlex" in engines else []
    out("| kind | queries | " + " | ".join(engines) + "".join(f" | hrlex ÷ {e} (p50)" for e in ratio_engines) + " |")
    out("|---|---:|" + "---:|" * (len(engines) + len(ratio_engines)))
    p50s = {}
    for kind in KINDS + ["all"]:
        cells, medians = [], {}
        count = 0
        for engine in engines:
            latencies = [
                value
                for query in results[engine]["queries"]
                if kind == "all" or query["kind"] == kind
                for value in query["latencies"]
            ]
            count = sum(1 for query in results[engine]["queries"] if kind == "all" or query["kind"] == kind)
            if not latencies:
                cells.append("–")
                continue
            medians[engine] = percentile(latencies, 0.5)
            cells.append(f"{percentile(latencies, 0.5) * 1000:.2f} / {percentile(latencies, 0.99) * 1000:.2f}")
        p50s[kind] = medians
        ratios = [ratio(medians["hrlex"], medians[e]) if "hrlex" in medians and e in medians else "–" for e in ratio_engines]
        label = f"**{kind}**" if kind == "all" else kind
        out(f"| {label} | {count} | " + " | ".join(cells) + "".join(f" | {r}" for r in ratios) + " |")
    out("")
    out("### Throughput, one worker per core (queries/s over the whole query set)")
    out("")
    out("| engine | workers | queries/s | hrlex ÷ engine |")
    out("|---|---:|---:|---:|")
    qps = {e: r["throughput"]["queries"] / r["throughput"]["seconds"] for e, r in results.items()}
    for engine, value in qps.items():
        out(f"| {engine} | {results[engine]['throughput']['threads']} | {value:.1f} | {ratio(qps['hrlex'], value) if 'hrlex' in qps else '–'} |")
    out("")
    out("### Agreement with hrlex (mean top-10 overlap per kind) and empty results")
    out("")
    if "hrlex" not in results:
        out("(hrlex has no results in this run directory yet: no agreement or ratios.)")
        out("")
    peers = [e for e in engines if e != "hrlex" and e in results]
    out("| kind | " + " | ".join(peers) + " |")
    out("|---|" + "---:|" * len(peers))
    hrlex_by_n = {q["n"]: q for q in results["hrlex"]["queries"]} if "hrlex" in results else {}
    for kind in KINDS + ["all"]:
        cells = []
        for engine in peers:
            values = [
                overlap(hrlex_by_n[q["n"]]["ids"], q["ids"])
                for q in results[engine]["queries"]
                if (kind == "all" or q["kind"] == kind) and q["n"] in hrlex_by_n
            ]
            cells.append(f"{statistics.fmean(values):.2f}" if values else "–")
        out(f"| {kind} | " + " | ".join(cells) + " |")
    out("")
    out("Hit counts relative to hrlex's (median over each kind's queries of peer hits ÷ hrlex hits;")
    out("Xapian's are its estimates): below 1 the peer matches fewer documents (less stemming or")
    out("folding), above 1 more.")
    out("")
    out("| kind | " + " | ".join(peers) + " |")
    out("|---|" + "---:|" * len(peers))
    for kind in KINDS + ["all"]:
        cells = []
        for engine in peers:
            values = [
                q["total"] / hrlex_by_n[q["n"]]["total"]
                for q in results[engine]["queries"]
                if (kind == "all" or q["kind"] == kind)
                and q["n"] in hrlex_by_n
                and hrlex_by_n[q["n"]]["total"]
                and q["total"] is not None
            ]
            cells.append(f"{statistics.median(values):.2f}" if values else "–")
        out(f"| {kind} | " + " | ".join(cells) + " |")
    empty = {e: [q for q in r["queries"] if not q["ids"]] for e, r in results.items()}
    out("")
    out(
        "Queries with no hit: "
        + "; ".join(
            f"{engine} {len(items)}" + (f" ({', '.join(queries[q['n']]['query'] for q in items)})" if items else "")
            for engine, items in empty.items()
        )
        + "."
    )
    out("")
    incremental = os.path.join(run, "hrlex.incremental.json")
    if os.path.exists(incremental):
        item = json.load(open(incremental))
        out("### hrlex incremental update of the same index (`update_index`, as `hrlex index` runs it)")
        out("")
        out("| run | files | documents re-indexed | seconds |")
        out("|---|---:|---:|---:|")
        out(f"| unchanged corpus | {item['files']} (all unchanged) | 0 | {item['unchanged_seconds']:.2f} |")
        out(
            f"| {item['changed_percent']}% of files changed | {item['changed_files']} changed | "
            f"{item['changed_documents']} | {item['changed_seconds']:.2f} |"
        )
        out(f"| full build (above) | {item['files']} | {synthetic['documents']} | {indexing['hrlex']['wall']:.2f} |" if "hrlex" in indexing else "")
        out("")
    files = os.path.join(run, "hrlex.files")
    if os.path.exists(files):
        by_kind = {}
        for line in open(files):
            size, path = line.rstrip("\n").split("\t", 1)
            if os.path.isfile(path) and "." in os.path.basename(path):
                extension = os.path.basename(path).rsplit(".", 1)[1]
                by_kind[extension] = by_kind.get(extension, 0) + int(size)
        total = sum(by_kind.values()) or 1
        parts = ", ".join(f"`.{k}` {v / 1e6:.1f} MB ({v / total:.0%})" for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1])[:6])
        out(f"hrlex index files by kind: {parts}.")
        out("")
    e2e = os.path.join(run, "e2e.md")
    if os.path.exists(e2e):
        out(open(e2e).read().rstrip())
        out("")
    findings = os.path.join(here, "findings.md")
    if os.path.exists(findings):
        out(open(findings).read().rstrip())
        out("")
    return "\n".join(line for line in lines if line is not None)


def splice(args):
    section = open(args.splice).read().rstrip() + "\n"
    text = open(args.into).read() if os.path.exists(args.into) else "# Benchmarks\n"
    start = text.find(SECTION)
    if start < 0:
        text = text.rstrip() + "\n\n" + section
    else:
        following = re.search(r"^## ", text[start + len(SECTION):], flags=re.M)
        end = start + len(SECTION) + following.start() if following else len(text)
        text = text[:start] + section + ("\n" + text[end:] if following else "")
    open(args.into, "w").write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run")
    parser.add_argument("--engines", default="", help="a subset of the engines with results in --run (default: all of them)")
    parser.add_argument("--seconds", type=int, default=0)
    parser.add_argument("--command", default="benches/compare/run.sh")
    parser.add_argument("--splice")
    parser.add_argument("--into")
    args = parser.parse_args()
    if args.splice:
        splice(args)
    else:
        print(report(args))


if __name__ == "__main__":
    main()
