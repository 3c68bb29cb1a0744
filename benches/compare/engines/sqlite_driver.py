#!/usr/bin/python3
"""SQLite FTS5 (Python's sqlite3 module) on the benchmark corpus.

  sqlite_driver.py index  --docs corpus.jsonl --index DIR
  sqlite_driver.py search --index DIR --queries queries.json --rounds N --threads T --out FILE

Analysis: documents not in Chinese go to a contentless FTS5 table tokenized with
`porter unicode61 remove_diacritics 2` (FTS5's only stemmer is Porter's English one; other
languages are folded and lowercased, not stemmed); Chinese documents go to an FTS5 table
with the `trigram` tokenizer. Metadata (id, lang, mechanism, doc_type, year) is an
ordinary table joined on rowid; filters are SQL conditions. A query whose text has Han
characters runs against the trigram table: through MATCH, ranked by bm25, when every
word is at least three characters long, else (a trigram MATCH cannot find shorter
strings, and on SQLite 3.40 a LIKE on a trigram table finds nothing for them either)
through `instr()` substring tests, a scan, unranked, in rowid order. Other queries run MATCH on
the main table, ORDER BY rank (bm25). Hit counts are taken once, outside the timed runs
(`count(*)` would double the work of every timed query).
"""

import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def index(args):
    os.makedirs(args.index, exist_ok=True)
    path = os.path.join(args.index, "fts.sqlite")
    if os.path.exists(path):
        os.remove(path)
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE docs (rowid INTEGER PRIMARY KEY, id TEXT, lang TEXT, mechanism TEXT, doc_type TEXT, year INTEGER);
        CREATE VIRTUAL TABLE fts USING fts5(text, content='', tokenize='porter unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE fts_zh USING fts5(text, tokenize='trigram');
        """
    )
    count = 0
    with connection:
        for rowid, document in enumerate(common.read_documents(args.docs), start=1):
            connection.execute(
                "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)",
                (rowid, document["id"], document["lang"], document["mechanism"], document["doc_type"], document["year"]),
            )
            table = "fts_zh" if document["lang"] == "zh" else "fts"
            connection.execute(f"INSERT INTO {table} (rowid, text) VALUES (?, ?)", (rowid, document["text"]))
            count += 1
    connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    connection.execute("INSERT INTO fts_zh(fts_zh) VALUES ('optimize')")
    connection.commit()
    connection.close()
    print(f'{{"documents": {count}}}')


def filter_sql(filters):
    sql, args = "", []
    for item in filters:
        if item[0] == "filter":
            sql += f" AND d.{item[1]} = ?"
            args.append(item[2])
        else:
            sql += f" AND d.{item[1]} BETWEEN ? AND ?"
            args += [item[2], item[3]]
    return sql, args


def statement(query, count=False):
    conditions, condition_args = filter_sql(query["filters"])
    select = "count(*)" if count else "d.id"
    if query["han"] and query["han_min_chars"] < 3:
        like, like_args = query["sql_like"]
        sql = f"SELECT {select} FROM fts_zh f JOIN docs d ON d.rowid = f.rowid WHERE ({like}){conditions}"
        args = like_args + condition_args
    else:
        table = "fts_zh" if query["han"] else "fts"
        sql = f"SELECT {select} FROM {table} f JOIN docs d ON d.rowid = f.rowid WHERE {table} MATCH ?{conditions}"
        args = [query["fts5"]] + condition_args
        if not count:
            sql += " ORDER BY f.rank"
    if not count:
        sql += " LIMIT 10"
    return sql, args


def searcher(index_dir):
    connection = sqlite3.connect("file:" + os.path.join(index_dir, "fts.sqlite") + "?mode=ro", uri=True)
    def run(query, first=False):
        sql, args = statement(query)
        ids = [row[0] for row in connection.execute(sql, args)]
        total = None
        if first:  # counted once, outside the timed rounds
            count_sql, count_args = statement(query, count=True)
            total = connection.execute(count_sql, count_args).fetchone()[0]
        return total, ids

    return run


def main():
    args = common.driver_parser(__doc__).parse_args()
    if args.command == "index":
        index(args)
    else:
        common.measure("sqlite-fts5", searcher, args.index, common.load_queries(args.queries), args.rounds, args.threads, args.out)


if __name__ == "__main__":
    main()
