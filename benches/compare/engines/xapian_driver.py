#!/usr/bin/python3
"""Xapian (Debian python3-xapian, run with /usr/bin/python3) on the benchmark corpus.

  xapian_driver.py index  --docs corpus.jsonl --index DIR
  xapian_driver.py search --index DIR --queries queries.json --rounds N --threads T --out FILE

Analysis: each document's text goes to a per-language prefix (XTEN, XTFR, …) through a
TermGenerator with that language's Snowball stemmer (english, french, spanish,
portuguese, russian, arabic; none for Chinese and other) and Xapian's CJK n-gram mode
(FLAG_CJK_NGRAM: Han characters as unigrams and bigrams); lang, mechanism and doc_type
are boolean terms, the year a sortable value. A query is parsed once per language
(that language's stemmer and prefix, STEM_SOME, AND as default operator, phrases,
Boolean operators, CJK n-grams), the parses are ORed — as hrlex and the Lucene driver
search every language field — and filters are applied with OP_FILTER / OP_VALUE_RANGE.
Measures: what engines/common.py says (index time and memory are taken by run.sh).
"""

import os
import sys

import xapian

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

STEMMERS = {"en": "english", "fr": "french", "es": "spanish", "pt": "portuguese", "ru": "russian", "ar": "arabic"}
FILTER_PREFIX = {"lang": "XL", "mechanism": "XM", "doc_type": "XD"}
YEAR_SLOT = 0


def text_prefix(lang):
    return "XT" + lang.upper()


def index(args):
    database = xapian.WritableDatabase(args.index, xapian.DB_CREATE_OR_OVERWRITE)
    generators = {}
    for lang in common.LANGS:
        generator = xapian.TermGenerator()
        if lang in STEMMERS:
            generator.set_stemmer(xapian.Stem(STEMMERS[lang]))
            generator.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
        generator.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
        generators[lang] = generator
    count = 0
    database.begin_transaction(False)
    for document in common.read_documents(args.docs):
        xdoc = xapian.Document()
        generator = generators[document["lang"]]
        generator.set_document(xdoc)
        generator.index_text(document["text"], 1, text_prefix(document["lang"]))
        for field, prefix in FILTER_PREFIX.items():
            xdoc.add_boolean_term(prefix + document[field])
        xdoc.add_value(YEAR_SLOT, xapian.sortable_serialise(document["year"]))
        xdoc.set_data(document["id"])
        database.add_document(xdoc)
        count += 1
    database.commit_transaction()
    database.close()
    print(f'{{"documents": {count}}}')


def searcher(index_dir):
    database = xapian.Database(index_dir)
    enquire = xapian.Enquire(database)
    parsers = []
    flags = (
        xapian.QueryParser.FLAG_PHRASE
        | xapian.QueryParser.FLAG_BOOLEAN
        | xapian.QueryParser.FLAG_LOVEHATE
        | xapian.QueryParser.FLAG_CJK_NGRAM
    )
    for lang in common.LANGS:
        parser = xapian.QueryParser()
        parser.set_database(database)
        parser.set_default_op(xapian.Query.OP_AND)
        parser.add_prefix("", text_prefix(lang))
        if lang in STEMMERS:
            parser.set_stemmer(xapian.Stem(STEMMERS[lang]))
            parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        parsers.append(parser)

    def run(query, first=False):
        parsed = [parser.parse_query(query["xapian"], flags) for parser in parsers]
        combined = xapian.Query(xapian.Query.OP_OR, parsed)
        for item in query["filters"]:
            if item[0] == "filter":
                condition = xapian.Query(FILTER_PREFIX[item[1]] + item[2])
            else:
                condition = xapian.Query(
                    xapian.Query.OP_VALUE_RANGE,
                    YEAR_SLOT,
                    xapian.sortable_serialise(item[2]),
                    xapian.sortable_serialise(item[3]),
                )
            combined = xapian.Query(xapian.Query.OP_FILTER, combined, condition)
        enquire.set_query(combined)
        matches = enquire.get_mset(0, 10)
        ids = [match.document.get_data().decode() for match in matches]
        return matches.get_matches_estimated(), ids

    return run


def main():
    args = common.driver_parser(__doc__).parse_args()
    if args.command == "index":
        index(args)
    else:
        common.measure("xapian", searcher, args.index, common.load_queries(args.queries), args.rounds, args.threads, args.out)


if __name__ == "__main__":
    main()
