"""Select the held-out evaluation passages (ids 2001-) from ../shared/corpus.

Every document already used in passages.jsonl is excluded (document level: a treaty-body
decision, a special-procedure report, a general comment, a HUDOC text, a UPR report, a
Morocco recommendation record, a UN parallel-corpus document in every language, an
Inter-American PDF).  Sources are stratified; in each ~80 % of the passages are windows
around a citation cue, ~20 % are random paragraphs (precision).  Output (unlabelled, the
labels live in heldout_labels.py): heldout_unlabelled.jsonl beside this file.

    python3 heldout.py            # needs pdftotext (poppler-utils); reads the .docx as a zip
"""
import glob, html, json, os, random, re, subprocess, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
C = os.path.join(HERE, '../../../../../shared/corpus')
if not os.path.isdir(C):
    C = '/work/shared/corpus'
random.seed(20261127)

CUE = re.compile(
    r'\d+\s?/\s?\d+|\bNos?\.|\bno\.?\s?\d|\bn[°º]\s?\d|Nº|№|\bv\.|\bc\.|\bVs\.|'
    r'[Rr]esolution|[Rr]ésolution|[Rr]esoluci|Serie[s]? [AC]|第\s?\d+|резолюц|сообщени|жалоб|'
    r'قرار|البلاغ|رقم\s?\d|[Cc]ommunications? [Nn]o|[Gg]eneral [Cc]omments? (?:[Nn]o|\d)|'
    r'[Gg]eneral [Rr]ecommendations? (?:[Nn]o|\d|[IVX])|'
    r'observation générale|[Aa]pplication [Nn]o|Report No|Informe|ECLI|[Rr]ecommendations? \d|'
    r'\b(?:A|E|S|CCPR|CAT|CEDAW|CERD|CRC|CRPD|HRI)/[A-Z0-9]')


def doc_of(src):
    """Document identity of a source string (the unit of exclusion)."""
    path, _, frag = src.partition('#')
    if path.startswith('treaty-bodies/decisions/'):
        return 'tb:' + re.sub(r'-\d{4}$', '', frag)
    if path.startswith('recommendations-morocco/'):
        return 'ma:' + frag.split('.')[0]
    if path.startswith('un-parallel-corpus/'):
        sset = path.split('/')[1]
        return 'unpc:' + UNPC_IDS[sset][int(frag[4:]) - 1]
    return path.replace('general-comments/', 'treaty-bodies/general-comments/')


UNPC_IDS = {}
for sset in ('devset', 'testset'):
    f = '%s/multilingual/un-parallel-corpus/%s/UNv1.0.%s.ids' % (C, sset, sset)
    UNPC_IDS[sset] = [line.split()[0] for line in open(f)]

USED = set()
for line in open(os.path.join(HERE, 'passages.jsonl')):
    USED.add(doc_of(json.loads(line)['source']))

pool = {}  # stratum -> [(source, text, mechanism)]


def add(stratum, src, text, mechanism):
    text = re.sub(r'[ \t]+', ' ', text).strip()
    if len(text) < 40 or doc_of(src) in USED:
        return
    pool.setdefault(stratum, []).append((src, text, mechanism))


def tb():
    for f in sorted(glob.glob(C + '/treaty-bodies/decisions/*.json')):
        for p in json.load(open(f))['paragraphs']:
            mech = 'cescr' if p['id'].startswith('e-c-12') else p['id'].split('-')[0]
            add('treaty-bodies', 'treaty-bodies/decisions/%s#%s' % (os.path.basename(f), p['id']), p['text'], mech)


def sp():
    for f in sorted(glob.glob(C + '/special-procedures/*.json')):
        for p in json.load(open(f)):
            add('special-procedures', 'special-procedures/%s#%s' % (os.path.basename(f), p.get('ID')),
                p.get('Text') or '', 'special-procedures')


def gc():
    for f in sorted(glob.glob(C + '/treaty-bodies/general-comments/*.json')):
        try:
            d = json.load(open(f))
        except Exception:
            continue
        items = d if isinstance(d, list) else d.get('paragraphs') or d.get('Paragraphs') or []
        mech = os.path.basename(f).split('Annotated_')[-1].split('_')[0].split('-')[0].lower()
        mech = {'escr': 'cescr'}.get(mech, mech)
        for i, p in enumerate(items):
            t = (p.get('Text') or p.get('text')) if isinstance(p, dict) else None
            if t:
                add('general-comments', 'general-comments/%s#%d' % (os.path.basename(f), i), t, mech)


def hudoc():
    for f in sorted(glob.glob(C + '/echr/hudoc-texts/*.txt')):
        for i, para in enumerate(re.split(r'\n\s*\n', open(f, errors='replace').read())):
            add('echr', 'echr/hudoc-texts/%s#%d' % (os.path.basename(f), i), para, 'ecthr')


def upr():
    for f in sorted(glob.glob(C + '/upr/reports-text/*.txt')):
        for i, line in enumerate(open(f, errors='replace')):
            for j, chunk in enumerate(re.split(r'(?<=\.)\s+(?=\d{1,3}\.\s)', line)):
                add('upr', 'upr/reports-text/%s#line%d.%d' % (os.path.basename(f), i + 1, j), chunk, 'upr')


def upr_recs():
    import csv
    for f in sorted(glob.glob(C + '/upr/recommendations/*.csv')):
        rows = list(csv.DictReader(open(f, newline='', errors='replace').read().replace('\r', '\n').splitlines()))
        for i, r in enumerate(rows):
            add('upr-recommendations', 'upr/recommendations/%s#row%d' % (os.path.basename(f), i + 2), r.get('Text') or '', 'upr')
    for f in sorted(glob.glob(C + '/upr/year-csvs/*.csv')):
        for i, r in enumerate(csv.DictReader(open(f, newline='', errors='replace'))):
            add('upr-recommendations', 'upr/year-csvs/%s#row%d' % (os.path.basename(f), i + 2), r.get('text') or '', 'upr')


def morocco_mech(r):
    m = r.get('Mecanisme') or ''
    if m.startswith('Proc'):
        return 'special-procedures'
    if m.startswith('Examen'):
        return 'upr'
    label = (r.get('organe') or {}).get('Label') or ''
    g = re.search(r'\((\w+)\)', label)
    return g.group(1).lower() if g else None


def morocco():
    for line in open(C + '/recommendations-morocco/recommendations.jsonl'):
        r = json.loads(line)
        for k in ('Nom', 'NomAr'):
            if r.get(k):
                add('recommendations-morocco-' + k, 'recommendations-morocco/recommendations.jsonl#Id=%s.%s' % (r['Id'], k),
                    r[k], morocco_mech(r))


def unpc():
    for lang in ('zh', 'ru', 'ar', 'es', 'fr'):
        for sset in ('devset', 'testset'):
            f = C + '/multilingual/un-parallel-corpus/%s/UNv1.0.%s.%s' % (sset, sset, lang)
            for i, line in enumerate(open(f)):
                add('un-parallel-corpus-' + lang, 'un-parallel-corpus/%s/UNv1.0.%s.%s#line%d' % (sset, sset, lang, i + 1), line, None)


def pdftext(f):
    try:
        out = subprocess.run(['pdftotext', '-layout', '-q', f, '-'], capture_output=True, timeout=60).stdout
    except Exception:
        return ''
    return out.decode('utf8', 'replace')


def iacthr():
    files = sorted(glob.glob(C + '/iacthr/pdfs/*.pdf'))
    files = [f for f in files if 'iacthr/pdfs/' + os.path.basename(f) not in USED]
    random.shuffle(files)
    for f in files[:25]:
        for i, para in enumerate(re.split(r'\n\s*\n', pdftext(f))):
            add('iacthr', 'iacthr/pdfs/%s#block%d' % (os.path.basename(f), i), para, 'iacthr')


def strip_html(h):
    h = re.sub(r'(?is)<(script|style).*?</\1>', ' ', h)
    h = re.sub(r'(?i)</?(p|div|h\d|li|tr|br|section)\b[^>]*>', '\n\n', h)
    return html.unescape(re.sub(r'<[^>]+>', ' ', h))


def africa():
    d = json.load(open(C + '/africa/sample_documents.json'))
    titles = {x['pk']: x['fields'].get('title') for x in d if x['model'] == 'peachjam.coredocument'}
    for x in d:
        if x['model'] != 'peachjam.documentcontent':
            continue
        h = x['fields'].get('content_html') or ''
        doc = x['fields']['document']
        title = titles.get(int(doc)) or titles.get(doc) or ''
        mech = 'ecowas' if 'ECOWASCJ' in title else None
        for i, para in enumerate(re.split(r'\n\s*\n', strip_html(h))):
            add('africa', 'africa/sample_documents.json#document=%s.block%d' % (doc, i), para, mech)
    for i, para in enumerate(re.split(r'\n\s*\n', pdftext(C + '/africa/citations.pdf'))):
        add('africa', 'africa/citations.pdf#block%d' % i, para, 'achpr')
    for i, para in enumerate(re.split(r'\n\s*\n', pdftext(C + '/africa/gauteng_judgment.pdf'))):
        add('africa', 'africa/gauteng_judgment.pdf#block%d' % i, para, 'national-court')
    xml = zipfile.ZipFile(C + '/africa/zagpjhc_judgment.docx').read('word/document.xml').decode('utf8')
    for i, para in enumerate(re.findall(r'<w:p[ >].*?</w:p>', xml, flags=re.S)):
        add('africa', 'africa/zagpjhc_judgment.docx#p%d' % i, html.unescape(re.sub(r'<[^>]+>', '', para)), 'national-court')


def window(text, m):
    s = max(0, m.start() - 150)
    e = min(len(text), m.end() + 250)
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    while e < len(text) and not text[e].isspace():
        e += 1
    return text[s:e].strip()


for fn in (tb, sp, gc, hudoc, upr, upr_recs, morocco, unpc, iacthr, africa):
    fn()

# stratum: (cued, random)
QUOTA = {
    'treaty-bodies': (22, 5), 'special-procedures': (16, 4), 'general-comments': (10, 2),
    'echr': (18, 4), 'upr': (10, 2), 'upr-recommendations': (5, 2),
    'recommendations-morocco-Nom': (5, 1), 'recommendations-morocco-NomAr': (5, 1),
    'un-parallel-corpus-zh': (4, 1), 'un-parallel-corpus-ru': (4, 1), 'un-parallel-corpus-ar': (4, 1),
    'un-parallel-corpus-es': (4, 1), 'un-parallel-corpus-fr': (4, 1),
    'iacthr': (16, 4), 'africa': (8, 3),
}
out = []
for stratum, (q_cue, q_rand) in QUOTA.items():
    items = pool.get(stratum, [])
    cued = [x for x in items if CUE.search(x[1])]
    random.shuffle(cued)
    seen_docs = {}
    picked = []
    for x in cued:  # at most 2 passages per document, to spread over documents
        d = doc_of(x[0])
        if seen_docs.get(d, 0) >= 2:
            continue
        seen_docs[d] = seen_docs.get(d, 0) + 1
        picked.append(x)
        if len(picked) == q_cue:
            break
    for src, text, mech in picked:
        m = random.choice(list(CUE.finditer(text)))
        out.append({'source': src, 'selection': 'cue:' + m.group(0), 'mechanism': mech, 'text': window(text, m)})
    chosen = {p[0] for p in picked}
    rest = [x for x in items if len(x[1]) > 80 and x[0] not in chosen]
    random.shuffle(rest)
    for src, text, mech in rest[:q_rand]:
        cut = text[:400]
        if len(text) > 400 and ' ' in cut:
            cut = cut[:cut.rfind(' ')]
        out.append({'source': src, 'selection': 'random', 'mechanism': mech, 'text': cut.strip()})

# Batch B (ids 2201-): numeric cues only, weighted towards the kinds batch A had few of
# (ECtHR, Inter-American, communications); own seed, so batch A is unchanged; paragraphs
# already in batch A are skipped.
rng = random.Random(20261128)
NUM = re.compile(r'\d+\s?/\s?\d+|\b[Nn]os?\.?\s?\d|\bn[°º]\s?\d|\bn o \d|Nº\s?\d|Seri(?:e|es) [AC]|'
                 r'第\s?\d+[/号]|ECLI|\b[A-Z]{1,5}/[A-Z]|№\s?\d|رقم\s?\d')
QUOTA_B = {
    'treaty-bodies': 12, 'special-procedures': 6, 'general-comments': 4, 'echr': 14, 'upr': 4,
    'recommendations-morocco-Nom': 2, 'recommendations-morocco-NomAr': 2,
    'un-parallel-corpus-zh': 2, 'un-parallel-corpus-ru': 2, 'un-parallel-corpus-ar': 2,
    'un-parallel-corpus-es': 2, 'un-parallel-corpus-fr': 2, 'iacthr': 14, 'africa': 2,
}
taken = {r['source'] for r in out}
out_b = []
for stratum, q in QUOTA_B.items():
    cued = [x for x in pool.get(stratum, []) if x[0] not in taken and NUM.search(x[1])]
    rng.shuffle(cued)
    seen_docs = {}
    picked = []
    for x in cued:
        d = doc_of(x[0])
        if seen_docs.get(d, 0) >= 2:
            continue
        seen_docs[d] = seen_docs.get(d, 0) + 1
        picked.append(x)
        if len(picked) == q:
            break
    for src, text, mech in picked:
        m = rng.choice(list(NUM.finditer(text)))
        s = max(0, m.start() - 120)
        e = min(len(text), m.end() + 200)
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < len(text) and not text[e].isspace():
            e += 1
        out_b.append({'source': src, 'selection': 'numeric-cue:' + m.group(0), 'mechanism': mech,
                      'text': text[s:e].strip()})

with open(os.path.join(HERE, 'heldout_unlabelled.jsonl'), 'w') as f:
    for i, r in enumerate(out):
        r = {'id': 2001 + i, **r}
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for i, r in enumerate(out_b):
        r = {'id': 2201 + i, **r}
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(out), sum(r['selection'] != 'random' for r in out), len(out_b), {k: len(v) for k, v in pool.items()})
