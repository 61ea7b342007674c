import os, sys, copy, json, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import *
E6=json.load(open(S+'006-shanghai-bangongting-2019.expected.json'))
e=copy.deepcopy(E6)
e['table3']={k:[0 if x is None else x for x in v] for k,v in e['table3'].items()}
# make totals consistent
for k,v in e['table3'].items(): v[6]=sum(v[:6])
e['table4']={k:[0 if x is None else x for x in v] for k,v in e['table4'].items()}
t2v={'A20_1':[('规章',[13,13,524]),('规范性文件',[60,60,368])],
     'A20_5':[('行政许可',[120,-8,3500]),('其他对外管理服务事项',[45,3,800])],
     'A20_6':[('行政处罚',[30,-2,150]),('行政强制',[6,0,12])],
     'A20_8':[('行政事业性收费',[4,-1])],
     'A20_9':[('政府集中采购',[6,251000])]}
cols={'A20_1':['本年新制作数量','本年新公开数量','对外公开总数量'],'A20_5':['上一年项目数量','本年增/减','处理决定数量'],'A20_6':['上一年项目数量','本年增/减','处理决定数量'],'A20_8':['上一年项目数量','本年增/减'],'A20_9':['采购项目数量','采购总金额']}
cap={'A20_1':'第二十条第（一）项','A20_5':'第二十条第（五）项','A20_6':'第二十条第（六）项','A20_8':'第二十条第（八）项','A20_9':'第二十条第（九）项'}
e['table2']={f'{i}.{r}.{c}':v for i,rows in t2v.items() for r,vals in rows for c,v in zip(cols[i],vals)}
e['units']={}
e['year']=2019
def t2_text(sep=' ',neg=lambda v:str(v), money=lambda v:str(v)):
    out=['二、主动公开政府信息情况']
    for i,rows in t2v.items():
        out.append(cap[i]); out.append(sep.join(['信息内容']+cols[i]))
        for r,vals in rows:
            vs=[neg(v) if c=='本年增/减' else (money(v) if c=='采购总金额' else str(v)) for c,v in zip(cols[i],vals)]
            out.append(sep.join([r]+vs))
    return out
head=['上海市人民政府办公厅','2019年政府信息公开工作年度报告','本年度报告中所列数据统计期限从2019年1月1日到12月31日止。','一、总体情况','2019年，上海市人民政府办公厅坚持以习近平新时代中国特色社会主义思想为指导。']
tail=['五、存在的主要问题及改进情况','一是专业领域的理论学习仍需加强。','六、其他需要报告的事项','无。']
def doc(t2=None, t3=None, t4=None, exp=e, sep=' '):
    return head+(t2 or t2_text(sep))+[x.replace(' ',sep) for x in T3HDR]+(t3 or t3_rows(exp,sep=sep))+[x.replace(' ',sep) for x in T4HDR]+[t4 or t4_line(exp,sep)]+tail
w('d01_2019_canon.txt', doc(), e)
w('d02_2019_tabs.txt', doc(sep='\t'), e)
w('d03_2019_neg_fullwidth_minus.txt', doc(t2=t2_text(neg=lambda v: ('－'+str(-v)) if v<0 else str(v))), e)
w('d04_2019_neg_unicode_minus.txt', doc(t2=t2_text(neg=lambda v: ('−'+str(-v)) if v<0 else str(v))), e)
w('d05_2019_neg_jian.txt', doc(t2=t2_text(neg=lambda v: ('减'+str(-v)) if v<0 else ('+'+str(v) if v>0 else '0'))), e)
w('d06_2019_plus_sign.txt', doc(t2=t2_text(neg=lambda v: ('+'+str(v)) if v>0 else str(v))), e)
e7=copy.deepcopy(e); e7['units']={'A20_9.政府集中采购.采购总金额':'元'}
w('d07_2019_money_yuan.txt', doc(t2=t2_text(money=lambda v:f'{v}元')), e7)
e8=copy.deepcopy(e); e8['table2']['A20_9.政府集中采购.采购总金额']=25.1; e8['units']={'A20_9.政府集中采购.采购总金额':'万元'}
t2v['A20_9']=[('政府集中采购',[6,25.1])]
w('d08_2019_money_wanyuan.txt', doc(t2=t2_text(money=lambda v:f'{v}万元'),exp=e8), e8)
t2v['A20_9']=[('政府集中采购',[6,251000])]
w('d08b_2019_money_comma.txt', doc(t2=t2_text(money=lambda v:'251,000.00' if v==251000 else str(v)),exp=e), e)
# d09: 2019 wording in T2 but report year 2021 (wrong template): truth template 2019
e9=copy.deepcopy(e); e9['year']=2021; 
h9=[x.replace('2019','2021') for x in head]
w('d09_2019_layout_in_2021.txt', h9+t2_text()+T3HDR+t3_rows(e)+T4HDR+[t4_line(e)]+tail, e9)
# d10: 2019 report with F2021 three (六) sub-rows (mixed): truth: 2019 template table3 shape? label only R3.6 as sum? skip truth; keep values
# d11: 2020 report (F2019) where (六) printed as 3 subrows -> skip
# d12: 2019 T2 with '/' placeholders for (八)(九)
e12=copy.deepcopy(e)
for k in list(e12['table2']):
    if k.startswith('A20_8') or k.startswith('A20_9'): e12['table2'][k]='/'
t=t2_text(); t=[re.sub(r'^(行政事业性收费|政府集中采购) .*$', lambda m: m.group(1)+' / /', x) for x in t]
w('d12_2019_slash_t2.txt', doc(t2=t), e12)
# d13: 2019 T2 with '—' placeholders in delta column only
e13=copy.deepcopy(e)
for k in list(e13['table2']):
    if k.endswith('本年增/减'): e13['table2'][k]='—'
t=[]
for x in t2_text():
    p=x.split(' ')
    if p[0] in ('行政许可','其他对外管理服务事项','行政处罚','行政强制','行政事业性收费'): p[2]='—'
    t.append(' '.join(p))
w('d13_2019_dash_delta.txt', doc(t2=t), e13)
