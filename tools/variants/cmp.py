#!/usr/bin/env python3
"""usage: cmp.py VARIANT EXPECTED.json [--tmpl 2019|2021 override] [--quiet]"""
import sys, json, csv, io, subprocess, unicodedata
import os
N=os.environ.get('NIANBAO_BIN', 'target/debug/nianbao')
COLS3=['NP','BIZ','RES','NGO','LAW','OTH','TOT']
COLS4=['KEEP','CORR','OTHER','PEND','TOT']
G4={'行政复议':'RV','未经复议直接起诉':'LD','复议后起诉':'LR'}
def norm(s): return unicodedata.normalize('NFKC',s).replace(' ','')
def main():
    f, e = sys.argv[1], sys.argv[2]
    exp=json.load(open(e))
    try:
        p=subprocess.run([N,'render','--to','csv',f],capture_output=True,text=True,timeout=30)
    except subprocess.TimeoutExpired:
        print('HANG'); return
    if p.returncode!=0:
        print('RENDER rc',p.returncode,p.stderr[:500]); return
    rows=list(csv.DictReader(io.StringIO(p.stdout)))
    got={}
    t2={}
    for r in rows:
        got[(r['table'],r['row'],r['column'])]=(r['value'],r['state'])
        if r['table']=='T2':
            item=r['row'].split('.')[0]
            t2[(item,norm(r['row_label']),norm(r['column_label']))]=(r['value'],r['state'])
    wrong=[]
    # Cells left ambiguous with the truth among their candidates (blank: 空白): not settled, and
    # not wrong either.
    ambiguous=[]
    def among(ev, val):
        for c in val.split('|'):
            if c=='空白':
                if ev is None: return True
                continue
            if ev is None: continue
            try:
                if float(c)==float(ev): return True
            except ValueError:
                pass
        return False
    def cmpv(key, ev, gv):
        if gv is None:
            wrong.append((key,ev,'<absent>')); return
        val,state=gv
        if state=='ambiguous':
            (ambiguous if among(ev, val) else wrong).append((key,ev,f'{val}[{state}]'))
            return
        if ev is None:
            if val!='': wrong.append((key,ev,f'{val}[{state}]'))
            return
        if isinstance(ev,(int,float)):
            try:
                ok = float(val)==float(ev)
            except: ok=False
            if not ok: wrong.append((key,ev,f'{val}[{state}]'))
        else:
            if norm(val)!=norm(str(ev)): wrong.append((key,ev,f'{val}[{state}]'))
    for k,ev in exp['table2'].items():
        item,rl,cl=k.split('.',2)
        gv=t2.get((item,norm(rl),norm(cl)))
        if gv is None and rl=='规范性文件': gv=t2.get((item,'行政规范性文件',norm(cl)))
        if gv is None and rl=='行政规范性文件': gv=t2.get((item,'规范性文件',norm(cl)))
        cmpv('T2 '+k,ev,gv)
    for rid,vals in exp['table3'].items():
        for c,ev in zip(COLS3,vals):
            gv=got.get(('T3',rid,c))
            if gv is None and ev is None: continue
            cmpv(f'T3 {rid} {c}',ev,gv)
    for g,vals in exp['table4'].items():
        for c,ev in zip(COLS4,vals):
            cmpv(f'T4 {g} {c}',ev,got.get(('T4',G4[g],c)))
    # extra T3 rows present in output but not expected
    exp3=set(exp['table3'])
    extra=sorted({r['row'] for r in rows if r['table']=='T3' and r['row'] not in exp3 and r['value']!=''})
    j=json.loads(subprocess.run([N,'render','--to','json',f],capture_output=True,text=True).stdout)
    md=j.get('metadata',{})
    meta=[]
    if md.get('issuingBody')!=exp['organ']: meta.append(f"organ {md.get('issuingBody')!r} vs {exp['organ']!r}")
    if md.get('reportYear')!=exp['year']: meta.append(f"year {md.get('reportYear')} vs {exp['year']}")
    tv=md.get('templateVersion','')
    if not tv.endswith(exp['template']): meta.append(f"template {tv} vs {exp['template']}")
    c=subprocess.run([N,'check',f],capture_output=True,text=True)
    codes={}
    for line in c.stdout.splitlines():
        if '[' in line and ']:' in line and line.split('[')[0] in ('error','warning','info'):
            code=line.split('[')[0]+':'+line.split('[')[1].split(']')[0]; codes[code]=codes.get(code,0)+1
    print(f"{f}: {len(wrong)} wrong cells; meta: {meta or 'ok'}; ambiguous: {len(ambiguous)}; extra T3 rows: {extra}; check rc={c.returncode}")
    print('  findings:',' '.join(f'{k}x{v}' for k,v in sorted(codes.items())))
    for w in wrong[:40]: print('   ',w)
    if len(wrong)>40: print('    ...')
main()
