import re, json, hashlib, collections, os, sys
import corpus
from queries import Q
from spec_ki import KI
from spec_topic import T
D = corpus.DOCS
CAP2, CAP1 = 400, 250

def file_hash(src):
    p = '/work/shared/corpus/' + src.split('#')[0]
    return hashlib.blake2b(open(p,'rb').read()).hexdigest() if os.path.isfile(p) else None

def para_hits(d, rxs):
    n = 0
    for _, t in [(None, d['title'])] + d['paras']:
        if all(r.search(t) for r in rxs): n += 1
    return n

def pool_ids(q):
    ids = []
    for k, qq in enumerate([q[3]] + q[4]):
        r = corpus.search(qq, 30, show=False)
        ids.append(r)
    return ids

def work_key_sets(ids):
    """Groups of judged ids that are versions of one work: the index's work id, one
    decision symbol (full text + metadata record), byte-identical files, the same
    recommendation text for the same State (UPR Info export vs. report extraction),
    the IACtHR Series C number + date (language versions)."""
    parent = {i: i for i in ids}
    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]; x = parent[x]
        return x
    def union(a, b): parent[find(a)] = find(b)
    keys = collections.defaultdict(list)
    for i in ids:
        d = D[i]
        keys[('work', d['work'])].append(i)
        if d['id'].split(':')[0] in ('tb', 'ohchr') and d['symbol']:
            keys[('sym', d['symbol'].upper())].append(i)
        if d['mech'] in ('iacthr', 'iachr') and d['type'] in ('judgment','report') and d['symbol'] and d['date']:
            keys[('seriesc', d['symbol'], d['date'])].append(i)
        if d['src'].startswith('iacthr/pdfs/'):
            keys[('bytes', file_hash(d['src']))].append(i)
        if d['type'] == 'recommendation' and d['paras']:
            text = re.sub(r'^[\d. ]+', '', d['paras'][0][1]).lower()
            text = re.sub(r'\s*\([^)]*\)\s*$', '', text)
            text = re.sub(r'\W+', ' ', text).strip()[:160]
            keys[('rec', tuple(d['states'] or []), (d['date'] or '')[:4], text)].append(i)
    for k, members in keys.items():
        for m in members[1:]: union(members[0], m)
    groups = collections.defaultdict(list)
    for i in ids: groups[find(i)].append(i)
    return sorted([sorted(g) for g in groups.values() if len(g) > 1])

def judge_topic(spec, pools):
    base = T[spec['same_as']] if 'same_as' in spec else spec
    rxs = [re.compile(r, re.I) for r in base['all']]
    strict = [re.compile(r, re.I) for r in base.get('strict2', [])]
    where = base.get('where')
    counts = {}
    for d in D.values():
        if where and not where(d): continue
        n = para_hits(d, rxs)
        if n: counts[d['id']] = n
    pooled = {i for p in pools for i in p}
    g2 = [i for i, n in counts.items() if n >= base['k2'] and D[i]['type'] in base['types2'] and (not strict or para_hits(D[i], strict) > 0)]
    g2.sort(key=lambda i: -counts[i]); g2 = g2[:CAP2] + [i for i in g2[CAP2:] if i in pooled]
    rest = [i for i, n in counts.items() if n >= base['k1'] and i not in set(g2)]
    rest.sort(key=lambda i: -counts[i])
    g1 = rest[:CAP1] + [i for i in rest[CAP1:] if i in pooled]
    j = {i: 2 for i in g2}; j.update({i: 1 for i in g1})
    for i in spec.get('g2', []): j[i] = 2
    for i in spec.get('g1', []): j[i] = 1
    for i in spec.get('bad', []): j[i] = 0
    return j, counts

def judge_ki(spec):
    j = {}
    if 'g1_re' in spec:
        rx = re.compile(spec['g1_re'], re.I)
        for d in D.values():
            if any(rx.search(t) for _, t in [(None, d['title'])] + d['paras']): j[d['id']] = 1
    if 'g1_where' in spec:
        for d in D.values():
            if spec['g1_where'](d): j[d['id']] = 1
    for i in spec.get('g1', []): j[i] = 1
    if 'g2_where' in spec:
        for d in D.values():
            if spec['g2_where'](d): j[d['id']] = 2
    for i in spec.get('g2', []): j[i] = 2
    for i in spec.get('bad', []): j[i] = 0
    return j

def main(out, only):
    old = {}
    if only and os.path.exists(out):
        old = {json.loads(l)['id']: json.loads(l) for l in open(out)}
    recs = []
    for qid, lang, kind, query, refs in Q:
        if only and qid not in only and qid in old:
            recs.append(old[qid]); continue
        pools = pool_ids((qid, lang, kind, query, refs))
        spec = KI.get(qid) or T[qid]
        j = judge_ki(spec) if kind == 'known-item' else judge_topic(spec, pools)[0]
        for i in pools[0][:10]:
            j.setdefault(i, 0)
        for i in j:
            assert i in D, (qid, i)
        groups = work_key_sets([i for i in j if j[i] > 0])
        m = re.findall(r'\b(type|mechanism|state|year|lang):(\S+)', query)
        rec = dict(id=qid, query=query, lang=lang, kind=kind, need=spec['need'] if 'need' in spec else T[spec['same_as']]['need'],
                   filters={k: v for k, v in m} or None,
                   judgments=dict(sorted(j.items(), key=lambda kv: (-kv[1], kv[0]))), same_work=groups)
        if rec['filters'] is None: del rec['filters']
        recs.append(rec)
        c = collections.Counter(j.values())
        print(f"{qid:<28} {lang} {kind:<10} g2={c[2]:<4} g1={c[1]:<4} g0={c[0]:<3} groups={len(groups)}", file=sys.stderr)
    with open(out, 'w') as f:
        for r in recs: f.write(json.dumps(r, ensure_ascii=False) + '\n')
if __name__ == '__main__':
    main(sys.argv[1], set(sys.argv[2:]))
