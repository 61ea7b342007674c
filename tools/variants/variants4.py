import os, sys, copy, json, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import *
S6=open(S+'006-shanghai-bangongting-2019.html').read()
E6=json.load(open(S+'006-shanghai-bangongting-2019.expected.json'))
def td(x,rs=1,cs=1,wrap=lambda x:x):
    a=(f' rowspan="{rs}"' if rs>1 else '')+(f' colspan="{cs}"' if cs>1 else '')
    return f'<td{a}>{wrap(x)}</td>'
def html_t3(exp, wrap=lambda x:x, blank=lambda v: '' if v is None else str(v), split_after=None, repeat_header=False, br=False):
    hdr=('<tr>'+td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',3,3,wrap)+td('申请人情况',1,7,wrap)+'</tr>'
        '<tr>'+td('自然人',2,1,wrap)+td('法人或其他组织',1,5,wrap)+td('总计',2,1,wrap)+'</tr>'
        '<tr>'+''.join(td(x,1,1,wrap) for x in ['商业企业','科研机构','社会公益组织','法律服务机构','其他'])+'</tr>')
    rows=[]
    ids=list(exp['table3'])
    n3=sum(1 for r in ids if r.startswith('R3.') and r!='R3.7')+1
    grp_n={'R3.3.1':8,'R3.4.1':3,'R3.5.1':5,'R3.6.1':3}
    for rid in ids:
        vals=''.join(td(blank(v),1,1,wrap) for v in exp['table3'][rid])
        lab=LAB[rid]
        if br and len(lab)>8: lab=lab[:6]+'<br/>'+lab[6:]
        if rid in ('R1','R2','R4'): rows.append('<tr>'+td(lab,1,3,wrap)+vals+'</tr>'); continue
        pre=''
        if rid=='R3.1': pre=td('三、本年度办理结果',n3,1,wrap)
        if rid in grp_n: pre+=td(GROUP[rid],grp_n[rid],1,wrap)
        if rid in ('R3.1','R3.2','R3.7','R3.6') : rows.append('<tr>'+pre+td(lab,1,2,wrap)+vals+'</tr>')
        else: rows.append('<tr>'+pre+td(lab,1,1,wrap)+vals+'</tr>')
    if split_after:
        k=ids.index(split_after)+1
        second=('<table border="1"><tbody>'+(hdr if repeat_header else '')+''.join(rows[k:])+'</tbody></table>')
        return '<table border="1"><tbody>'+hdr+''.join(rows[:k])+'</tbody></table><p style="text-align:center">- 5 -</p>'+second
    return '<table border="1"><tbody>'+hdr+''.join(rows)+'</tbody></table>'
def html_t4(exp,wrap=lambda x:x):
    sub=['结果维持','结果纠正','其他结果','尚未审结','总计']
    h=('<tr>'+td('行政复议',1,5,wrap)+td('行政诉讼',1,10,wrap)+'</tr>'
       '<tr>'+''.join(td(x,2,1,wrap) for x in sub)+td('未经复议直接起诉',1,5,wrap)+td('复议后起诉',1,5,wrap)+'</tr>'
       '<tr>'+''.join(td(x,1,1,wrap) for x in sub*2)+'</tr>')
    v='<tr>'+''.join(td('' if x is None else str(x),1,1,wrap) for g in ['行政复议','未经复议直接起诉','复议后起诉'] for x in exp['table4'][g])+'</tr>'
    return '<table border="1"><tbody>'+h+v+'</tbody></table>'
def html_t2(wrap=lambda x:x):
    r=[('第二十条第（一）项',),('信息内容','本年制发件数','本年废止件数','现行有效件数'),('规章','1','0','11'),('行政规范性文件','8','26','66'),
       ('第二十条第（五）项',),('信息内容','本年处理决定数量'),('行政许可','447228'),('第二十条第（六）项',),('信息内容','本年处理决定数量'),('行政处罚','3985758'),('行政强制','88283'),
       ('第二十条第（八）项',),('信息内容','本年收费金额（单位：万元）'),('行政事业性收费','96171.6')]
    out=[]
    for row in r:
        if len(row)==1: out.append('<tr>'+td(row[0],1,4,wrap)+'</tr>')
        elif len(row)==2: out.append('<tr>'+td(row[0],1,1,wrap)+td(row[1],1,3,wrap)+'</tr>')
        else: out.append('<tr>'+''.join(td(x,1,1,wrap) for x in row)+'</tr>')
    return '<table border="1"><tbody>'+''.join(out)+'</tbody></table>'
P=lambda lines: ''.join(f'<p>{l}</p>' for l in lines)
def doc14(t3=None,t4=None,t2=None,head=None,order=('2','3','4'),wrap=lambda x:x):
    parts={'2':P(['二、主动公开政府信息情况'])+(t2 or html_t2(wrap)),
           '3':P(['三、收到和处理政府信息公开申请情况'])+(t3 or html_t3(E14,wrap)),
           '4':P(['四、政府信息公开行政复议、行政诉讼情况'])+(t4 or html_t4(E14,wrap))}
    h=head or ('<p style="text-align:center">淮安市人民政府2024年政府信息公开工作年度报告</p>'+P([l for l in HEAD[3:] if not re.match(r'^- \d+ -$',l)]))
    return '<html><head><meta charset="utf-8"><title>淮安市人民政府2024年政府信息公开工作年度报告</title></head><body>'+h+''.join(parts[o] for o in order)+P([l for l in TAIL if not re.match(r'^- \d+ -$',l)])+'</body></html>'
w('h01_official.html', doc14())
w('h02_nested_spans.html', doc14(wrap=lambda x:f'<p align="center"><span style="font-size:12pt"><span style="font-family:宋体"><font>{x}</font></span></span></p>'))
w('h03_split_no_header.html', doc14(t3=html_t3(E14,split_after='R3.4.1')))
w('h04_split_repeat_header.html', doc14(t3=html_t3(E14,split_after='R3.4.1',repeat_header=True)))
w('h05_br_in_labels.html', doc14(t3=html_t3(E14,br=True)))
w('h07_t4_before_t3.html', doc14(order=('2','4','3')))
w('h08_t3_before_t2.html', doc14(order=('3','2','4')))
# GBK-encoded with meta charset
d=doc14().replace('charset="utf-8"','charset="gbk"')
open(V+'h09_gbk.html','wb').write(d.encode('gbk')); json.dump(E14,open(V+'h09_gbk.expected.json','w'),ensure_ascii=False)
d=doc14().replace('<meta charset="utf-8">','<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
open(V+'h09b_gb2312_httpequiv.html','wb').write(d.encode('gb18030')); json.dump(E14,open(V+'h09b_gb2312_httpequiv.expected.json','w'),ensure_ascii=False)
open(V+'h10_bom.html','wb').write(b'\xef\xbb\xbf'+doc14().encode()); json.dump(E14,open(V+'h10_bom.expected.json','w'),ensure_ascii=False)
# th cells and thead
w('h11_th_thead.html', doc14(t3=html_t3(E14).replace('<tbody><tr>','<thead><tr>',1)))
# single (六) row in html
e=copy.deepcopy(E14); d={}
for k,v in e['table3'].items():
    if k=='R3.6.1': d['R3.6']=[sum(x) for x in zip(*[e['table3'][q] for q in ('R3.6.1','R3.6.2','R3.6.3')])]
    elif k in ('R3.6.2','R3.6.3'): continue
    else: d[k]=v
e2={**e,'table3':d}
ex={**e,'table3':{**d,'R3.6.1':[None]*7,'R3.6.2':[None]*7,'R3.6.3':[None]*7}}
w('h12_single_r36.html', doc14(t3=html_t3(e2)), ex)
# ---- 006 perturbations
def w6(name,s,exp=E6): w(name,s,exp)
tabs=[m.start() for m in re.finditer('<table',S6)]; ends=[m.end() for m in re.finditer('</table>',S6)]
T2h=S6[tabs[0]:ends[0]]; T3h=S6[tabs[1]:ends[1]]; T4h=S6[tabs[2]:ends[2]]
# where are section headings?
i3=S6.rfind('<p>三、',0,tabs[1]); i4=S6.rfind('<p>四、',0,tabs[2])
print('heads',S6[i3:i3+40],S6[i4:i4+40])
sec3=S6[i3:ends[1]]; sec4=S6[i4:ends[2]]
w6('h20_006_t4_before_t3.html', S6[:i3]+sec4+S6[ends[1]:i4]+sec3+S6[ends[2]:])
# split T3 at R3.4 with <p>第 5 页</p>
k=T3h.find('<tr><td rowspan="3"><p>（四）无法提供')
w6('h21_006_split.html', S6.replace(T3h, T3h[:k]+'</tbody></table><p>第 5 页</p><table border="1"><tbody>'+T3h[k:]))
# negative delta in 2019 T2 (truth changed)
e=copy.deepcopy(E6); e['table2']['A20_5.行政许可.本年增/减']=-8; e['table2']['A20_6.行政处罚.本年增/减']=-12; e['table2']['A20_5.行政许可.上一年项目数量']=120
t2=T2h
rows=t2.split('<tr>')
for n,r in enumerate(rows):
    if '<p>行政许可</p>' in r:
        c=re.findall(r'<p align="center">0</p>',r); r=r.replace('<p align="center">0</p>','<p align="center">120</p>',1).replace('<p align="center">0</p>','<p align="center">-8</p>',1); rows[n]=r
    if '<p>行政处罚</p>' in r:
        r=r.replace('<p align="center">0</p>','<p align="center">0</p>',1); parts=r.split('<p align="center">0</p>'); r=parts[0]+'<p align="center">0</p>'+parts[1]+'<p align="center">－12</p>'+'<p align="center">0</p>'.join(parts[2:]); rows[n]=r
w6('h22_006_negative_delta.html', S6.replace(T2h,'<tr>'.join(rows)), e)
w('h06_nbsp_padded.html', doc14(t3=html_t3(E14,blank=lambda v:f'&nbsp;{v}&nbsp;')))
w('h06b_nbsp_blank_cells.html', doc14(t3=html_t3({**E14,'table3':{k:[None if x==0 else x for x in v] for k,v in E14['table3'].items()}},blank=lambda v:'&nbsp;' if v is None else str(v))), {**E14,'table3':{k:[None if x==0 else x for x in v] for k,v in E14['table3'].items()}})
i3=S6.find('<p>三、收到和处理'); i4=S6.find('<p><br />四、政府信息公开行政复议'); 
print(i3,i4,tabs, ends)
sec3=S6[i3:ends[1]]; sec4=S6[i4:ends[2]]
w6('h20_006_t4_before_t3.html', S6[:i3]+sec4+S6[ends[1]:i4]+sec3+S6[ends[2]:])
