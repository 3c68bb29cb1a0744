import json, pickle, os, re, subprocess, sys
PK='/tmp/relset/docs.pkl'
def load():
    if os.path.exists(PK):
        return pickle.load(open(PK,'rb'))
    docs={}
    for line in open('/tmp/relset-docs.jsonl'):
        d=json.loads(line)
        docs[d['id']]=dict(id=d['id'],work=d['work_id'],lang=d['lang'],title=d['title'],mech=d['mechanism'],type=d['doc_type'],
            symbol=d.get('symbol'),ids=d.get('identifiers'),case=d.get('case_name'),date=d.get('date'),states=d.get('states'),
            src=d['source']['path']+('#'+str(d['source'].get('record')) if d['source'].get('record') else ''),outcome=d.get('outcome'),
            paras=[(p.get('n'),p['text']) for p in d['paragraphs']])
    pickle.dump(docs,open(PK,'wb'))
    return docs
DOCS=load()
def short(d):
    return f"{d['id']:<45} {d['lang']} {d['mech']:<10} {d['type']:<16} {str(d['symbol'])[:30]:<30} {d['date']} | {d['title'][:90]}"
def grep(pattern, flags=re.I, where=None, limit=60, ctx=120, skip_types=()):
    rx=re.compile(pattern, flags); out=[]
    for d in DOCS.values():
        if where and not where(d): continue
        if d['type'] in skip_types: continue
        n=0; first=None
        for pn,t in d['paras']:
            ms=list(rx.finditer(t))
            if ms:
                n+=len(ms)
                if first is None:
                    m=ms[0]; first=(pn,t[max(0,m.start()-ctx):m.end()+ctx].replace('\n',' '))
        if n==0 and rx.search(d['title']): n=0.5; first=('title',d['title'])
        if n: out.append((n,d,first))
    out.sort(key=lambda x:-x[0])
    print(len(out),'docs')
    for n,d,first in out[:limit]:
        print(n, short(d)); print('     ', first[0], first[1][:2*ctx+40])
    return out
def search(q, limit=30, show=True, extra=()):
    r=subprocess.run(['/tmp/relset-hrlex','search','--index','/tmp/relset-index','--json','--limit',str(limit),*extra,'--',q],capture_output=True,text=True)
    if r.returncode!=0: print('ERR',r.stderr); return []
    j=json.loads(r.stdout)
    if show:
        print('total',j['total'])
        for i,h in enumerate(j['hits']):
            print(f"{i+1:>2} {h['id']:<45} {h['lang']} {h['mechanism']:<10} {h['doc_type']:<16} {str(h.get('symbol'))[:28]:<28} | {h['title'][:70]}")
            if h['paragraphs']: print('      ',h['paragraphs'][0]['snippet'][:200].replace('\n',' '))
    return [h['id'] for h in j['hits']]
def show(id, pattern=None, n=8, ctx=300):
    d=DOCS[id]; print(short(d)); print('   src',d['src'],'work',d['work'],'case',d['case'],'ids',d['ids'],'states',d['states'],'outcome',d['outcome'])
    k=0
    for pn,t in d['paras']:
        if pattern is None or re.search(pattern,t,re.I):
            if pattern:
                m=re.search(pattern,t,re.I); s=t[max(0,m.start()-ctx):m.end()+ctx]
            else: s=t[:ctx]
            print('  [',pn,']',s.replace('\n',' ')); k+=1
            if k>=n: break
