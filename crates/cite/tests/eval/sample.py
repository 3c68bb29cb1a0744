import json, os, random, re, glob, subprocess
random.seed(20260514)
C = '/work/shared/corpus'
CUE = re.compile(r'No\.|no\.|n°|Nº|resolution|résolution|resoluci|\bv\.|Vs\.|Serie C|Series [AC]|[A-Z]/\d|\d/\d|第|резолюц|сообщени|жалоб|قرار|البلاغ|communication|general comment|observation générale|[Aa]pplication|Report No|Informe|ECLI|recommendation|Caso|Case')
def window(text, m):
    s = max(0, m.start() - 150); e = min(len(text), m.end() + 250)
    while s > 0 and not text[s-1].isspace(): s -= 1
    while e < len(text) and not text[e].isspace(): e += 1
    return text[s:e].strip()
pool = {}
def add(src, text):
    text = text.strip()
    if len(text) < 40: return
    pool.setdefault(src.split('#')[0].split('/')[0], []).append((src, text))
def tb():
    for f in sorted(glob.glob(C+'/treaty-bodies/decisions/*.json')):
        d = json.load(open(f))
        for p in d['paragraphs']:
            add('treaty-bodies/decisions/%s#%s' % (os.path.basename(f), p['id']), p['text'])
def sp():
    for f in sorted(glob.glob(C+'/special-procedures/*.json')):
        for p in json.load(open(f)):
            add('special-procedures/%s#%s' % (os.path.basename(f), p.get('ID')), p.get('Text') or '')
def gc():
    for f in sorted(glob.glob(C+'/treaty-bodies/general-comments/*.json')):
        try: d = json.load(open(f))
        except Exception: continue
        items = d if isinstance(d, list) else d.get('paragraphs') or d.get('Paragraphs') or []
        for i, p in enumerate(items):
            t = p.get('Text') or p.get('text') if isinstance(p, dict) else None
            if t: add('general-comments/%s#%d' % (os.path.basename(f), i), t)
def hudoc():
    for f in sorted(glob.glob(C+'/echr/hudoc-texts/*.txt')):
        for i, para in enumerate(re.split(r'\n\s*\n', open(f, errors='replace').read())):
            add('echr/hudoc-texts/%s#%d' % (os.path.basename(f), i), para)
def upr():
    for f in sorted(glob.glob(C+'/upr/reports-text/*.txt')):
        for i, line in enumerate(open(f, errors='replace')):
            for j, chunk in enumerate(re.split(r'(?<=\.)\s+(?=\d{1,3}\.\s)', line)):
                add('upr/reports-text/%s#line%d.%d' % (os.path.basename(f), i+1, j), chunk)
def morocco():
    for line in open(C+'/recommendations-morocco/recommendations.jsonl'):
        r = json.loads(line)
        for k in ('Nom', 'NomAr'):
            if r.get(k): add('recommendations-morocco/recommendations.jsonl#Id=%s.%s' % (r['Id'], k), r[k])
def unpc():
    for lang in ('zh', 'ru', 'ar', 'es', 'fr'):
        for sset in ('devset', 'testset'):
            f = C+'/multilingual/un-parallel-corpus/%s/UNv1.0.%s.%s' % (sset, sset, lang)
            for i, line in enumerate(open(f)):
                add('un-parallel-corpus/%s/UNv1.0.%s.%s#line%d' % (sset, sset, lang, i+1), line)
def iacthr():
    files = sorted(glob.glob(C+'/iacthr/pdfs/*.pdf'))
    random.shuffle(files)
    for f in files[:25]:
        try: out = subprocess.run(['pdftotext', '-layout', '-q', f, '-'], capture_output=True, timeout=60).stdout.decode('utf8', 'replace')
        except Exception: continue
        for i, para in enumerate(re.split(r'\n\s*\n', out)):
            add('iacthr/pdfs/%s#block%d' % (os.path.basename(f), i), re.sub(r'[ \t]+', ' ', para))
for fn in (tb, sp, gc, hudoc, upr, morocco, unpc, iacthr): fn()
quota = {'treaty-bodies': 30, 'special-procedures': 20, 'general-comments': 10, 'echr': 25, 'upr': 15, 'recommendations-morocco': 14, 'un-parallel-corpus': 25, 'iacthr': 22}
out = []
for src, q in quota.items():
    items = pool.get(src, [])
    cued = [(s, t, m) for s, t in items for m in [CUE.search(t)] if m]
    random.shuffle(cued)
    if src == 'un-parallel-corpus':
        # balance languages
        by = {}
        for s, t, m in cued: by.setdefault(s.rsplit('.', 1)[1].split('#')[0], []).append((s, t, m))
        picked = [x for lang in sorted(by) for x in by[lang][:q // len(by)]]
    else:
        picked = cued[:q]
    for s, t, m in picked:
        # pick a random cue occurrence, not the first
        ms = list(CUE.finditer(t)); m = random.choice(ms)
        out.append({'source': s, 'text': window(t, m), 'selection': 'cue:' + m.group(0)})
    nocue = [x for x in items if len(x[1]) > 80]
    random.shuffle(nocue)
    for s, t in nocue[:2]:
        out.append({'source': s, 'text': t[:400], 'selection': 'random'})
with open('/tmp/evalwork/unlabelled.jsonl', 'w') as f:
    for i, r in enumerate(out):
        r['id'] = i + 1
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(out), {k: len(v) for k, v in pool.items()})
