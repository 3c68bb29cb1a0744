"""A small parser for the subset of the hrlex query language used by the benchmark query
sets, and its translation into each peer engine's own query syntax.

The text part of a query is handed to each engine's own query parser (so that it is
analysed exactly as that engine analysed the documents); field filters are split off and
become each engine's filter clauses (Lucene FILTER clauses, Xapian OP_FILTER, SQL WHERE,
tantivy `+field:value`).

Grammar (as in crates/index/src/query.rs): juxtaposition and AND bind tighter than OR;
NOT is unary; "phrases"; parentheses; field:value and year:A..B filters.
"""

import re

FILTER_FIELDS = {"lang": "lang", "mechanism": "mechanism", "type": "doc_type", "year": "year", "state": "state"}
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
TOKEN = re.compile(r'\s*(\(|\)|"[^"]*"|[^\s()"]+)')


def tokenize(query):
    tokens, position = [], 0
    query = query.strip()
    while position < len(query):
        match = TOKEN.match(query, position)
        if not match:
            raise ValueError(f"cannot tokenize {query!r} at {position}")
        tokens.append(match.group(1))
        position = match.end()
    return tokens


def parse(query):
    """Returns an AST: ('term', w) ('phrase', text) ('and', [..]) ('or', [..]) ('not', x)
    ('filter', field, value) ('range', field, low, high)."""
    tokens = tokenize(query)
    position = 0

    def peek():
        return tokens[position] if position < len(tokens) else None

    def take():
        nonlocal position
        position += 1
        return tokens[position - 1]

    def or_expr():
        children = [and_expr()]
        while peek() == "OR":
            take()
            children.append(and_expr())
        return children[0] if len(children) == 1 else ("or", children)

    def and_expr():
        children = [unary()]
        while peek() not in (None, ")", "OR"):
            if peek() == "AND":
                take()
            children.append(unary())
        return children[0] if len(children) == 1 else ("and", children)

    def unary():
        if peek() == "NOT":
            take()
            return ("not", unary())
        return primary()

    def primary():
        token = take()
        if token == "(":
            node = or_expr()
            if take() != ")":
                raise ValueError(f"unbalanced parenthesis in {query!r}")
            return node
        if token.startswith('"'):
            return ("phrase", token.strip('"'))
        field, colon, value = token.partition(":")
        if colon and field in FILTER_FIELDS:
            if ".." in value:
                low, high = value.split("..")
                return ("range", FILTER_FIELDS[field], int(low), int(high))
            return ("filter", FILTER_FIELDS[field], value.lower())
        return ("term", token)

    node = or_expr()
    if position != len(tokens):
        raise ValueError(f"trailing tokens in {query!r}")
    return node


def split_filters(node):
    """(text AST, [filters]): filters must be top-level conjuncts."""
    if node[0] in ("filter", "range"):
        raise ValueError("a query needs text besides its filters")
    if node[0] != "and":
        return node, []
    text = [child for child in node[1] if child[0] not in ("filter", "range")]
    filters = [child for child in node[1] if child[0] in ("filter", "range")]
    return (text[0] if len(text) == 1 else ("and", text)), filters


def has_han(node):
    if node[0] in ("term", "phrase"):
        return bool(HAN.search(node[1]))
    if node[0] == "not":
        return has_han(node[1])
    if node[0] in ("and", "or"):
        return any(has_han(child) for child in node[1])
    return False


def leaves(node):
    if node[0] in ("term", "phrase"):
        return [node[1]]
    if node[0] == "not":
        return leaves(node[1])
    if node[0] in ("and", "or"):
        return [leaf for child in node[1] for leaf in leaves(child)]
    return []


# --- emitters --------------------------------------------------------------------------


def _and_parts(children, emit, positive, negative):
    parts = []
    for child in children:
        if child[0] == "not":
            parts.append(negative(emit(child[1])))
        else:
            parts.append(positive(emit(child)))
    return parts


def to_xapian(node):
    """Xapian QueryParser syntax (AND, OR, NOT are binary; "a NOT b" = a AND NOT b)."""
    kind = node[0]
    if kind == "term":
        return node[1]
    if kind == "phrase":
        return f'"{node[1]}"'
    if kind == "or":
        return "(" + " OR ".join(to_xapian(child) for child in node[1]) + ")"
    if kind == "and":
        positive = [to_xapian(c) for c in node[1] if c[0] != "not"]
        negative = [to_xapian(c[1]) for c in node[1] if c[0] == "not"]
        text = " AND ".join(positive)
        for part in negative:
            text += f" NOT {part}"
        return f"({text})"
    if kind == "not":
        raise ValueError("a lone NOT is not comparable across engines")
    raise ValueError(kind)


def to_lucene(node):
    """Lucene classic QueryParser syntax with explicit +/- (default operator AND too)."""
    kind = node[0]
    if kind == "term":
        # `/` opens a regular expression in Lucene's syntax; symbols (A/HRC/22/53) are terms.
        return node[1].replace("/", "\\/")
    if kind == "phrase":
        return f'"{node[1]}"'
    if kind == "or":
        return "(" + " OR ".join(to_lucene(child) for child in node[1]) + ")"
    if kind == "and":
        return "(" + " ".join(_and_parts(node[1], to_lucene, lambda s: "+" + s, lambda s: "-" + s)) + ")"
    raise ValueError(kind)


def _unigram_han(text):
    return HAN_RUN.sub(lambda match: " ".join(match.group(0)), text)


def to_tantivy(node):
    """tantivy QueryParser syntax (tantivy-cli runs it with OR as default, so conjunctions
    are written with +). Han runs become phrases of single characters: tantivy-cli has
    only tantivy's built-in tokenizers, so the driver indexes Chinese as unigrams."""
    kind = node[0]
    if kind == "term":
        if HAN.search(node[1]):
            return f'"{_unigram_han(node[1])}"'
        return node[1]
    if kind == "phrase":
        return f'"{_unigram_han(node[1])}"'
    if kind == "or":
        return "(" + " ".join(to_tantivy(child) for child in node[1]) + ")"
    if kind == "and":
        return "(" + " ".join(_and_parts(node[1], to_tantivy, lambda s: "+" + s, lambda s: "-" + s)) + ")"
    raise ValueError(kind)


def tantivy_filters(filters):
    parts = []
    for item in filters:
        if item[0] == "filter":
            parts.append(f"+{item[1]}:{item[2]}")
        else:
            parts.append(f"+{item[1]}:[{item[2]} TO {item[3]}]")
    return " ".join(parts)


def _fts5_string(text):
    return '"' + text.replace('"', '""') + '"'


def to_fts5(node):
    """SQLite FTS5 MATCH syntax (AND, OR, NOT binary; every word quoted)."""
    kind = node[0]
    if kind in ("term", "phrase"):
        return _fts5_string(node[1])
    if kind == "or":
        return "(" + " OR ".join(to_fts5(child) for child in node[1]) + ")"
    if kind == "and":
        positive = [to_fts5(c) for c in node[1] if c[0] != "not"]
        negative = [to_fts5(c[1]) for c in node[1] if c[0] == "not"]
        text = " AND ".join(positive)
        for part in negative:
            text = f"({text}) NOT {part}"
        return f"({text})"
    raise ValueError(kind)


def to_sql_like(node, column="text"):
    """A SQL boolean expression of substring tests, `instr(text, ?) > 0`: a trigram MATCH
    cannot find strings shorter than three characters, and with SQLite 3.40 neither can
    LIKE '%…%' on a trigram table (it returns no row), so these scan. Returns (sql, args)."""
    kind = node[0]
    if kind in ("term", "phrase"):
        return f"instr({column}, ?) > 0", [node[1]]
    if kind == "not":
        sql, args = to_sql_like(node[1], column)
        return f"NOT ({sql})", args
    joiner = " AND " if kind == "and" else " OR "
    parts, args = [], []
    for child in node[1]:
        sql, child_args = to_sql_like(child, column)
        parts.append(f"({sql})")
        args += child_args
    return joiner.join(parts), args


def load_queries(path):
    """[(kind, query)] from a query file (`kind<TAB>query`, # comments)."""
    queries = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            kind, query = line.split("\t", 1)
            queries.append((kind, query))
    return queries


def translate_all(path):
    """Every query of a file in every engine's form, as dicts (what drivers read)."""
    out = []
    for number, (kind, query) in enumerate(load_queries(path)):
        text, filters = split_filters(parse(query))
        out.append(
            {
                "n": number,
                "kind": kind,
                "query": query,
                "han": has_han(text),
                "filters": [list(item) for item in filters],
                "xapian": to_xapian(text),
                "lucene": to_lucene(text),
                "tantivy": ("+" + to_tantivy(text) + " " + tantivy_filters(filters)) if filters else to_tantivy(text),
                "fts5": to_fts5(text),
                "han_min_chars": min((len(leaf) for leaf in leaves(text)), default=0),
                "sql_like": to_sql_like(text),
            }
        )
    return out


if __name__ == "__main__":
    import json
    import sys

    for item in translate_all(sys.argv[1]):
        print(json.dumps(item, ensure_ascii=False))
