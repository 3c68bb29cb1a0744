exec(open('sample.py').read().split("for fn in (tb")[0])
random.seed(777)
for fn in (tb, sp, gc, hudoc, upr, morocco, unpc, iacthr): fn()
NUM = re.compile(r'\d+\s?/\s?\d+|\b[Nn]o\.?\s?\d|n°\s?\d|Nº\s?\d|Series [AC]|Serie [AC]|第\s?\d+[/号]|ECLI|\b[A-Z]{1,5}/[A-Z]|№\s?\d|رقم\s?\d')
def windowb(text, m):
    s = max(0, m.start() - 120); e = min(len(text), m.end() + 200)
    while s > 0 and not text[s-1].isspace(): s -= 1
    while e < len(text) and not text[e].isspace(): e += 1
    return text[s:e].strip()
quota = {'treaty-bodies': 18, 'special-procedures': 14, 'general-comments': 6, 'echr': 16, 'upr': 8, 'recommendations-morocco': 8, 'un-parallel-corpus': 20, 'iacthr': 16}
out = []
for src, q in quota.items():
    cued = [(s, t) for s, t in pool.get(src, []) if NUM.search(t)]
    random.shuffle(cued)
    if src == 'un-parallel-corpus':
        by = {}
        for s, t in cued: by.setdefault(s.rsplit('.', 1)[1].split('#')[0], []).append((s, t))
        picked = [x for lang in sorted(by) for x in by[lang][:q // len(by)]]
    elif src == 'recommendations-morocco':
        fr = [x for x in cued if x[0].endswith('.Nom')]; ar = [x for x in cued if x[0].endswith('NomAr')]
        picked = fr[:q//2] + ar[:q//2]
    else:
        picked = cued[:q]
    for s, t in picked:
        m = random.choice(list(NUM.finditer(t)))
        out.append({'source': s, 'text': windowb(t, m), 'selection': 'numeric-cue:' + m.group(0)})
with open('unlabelled_b.jsonl', 'w') as f:
    for i, r in enumerate(out):
        r['id'] = 1000 + i + 1
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(out))
