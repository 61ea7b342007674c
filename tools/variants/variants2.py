import os, sys, copy, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import *
T4C=[T4HDR, [t4_line(E14)]]
def canon(exp=E14, t3=None, t4=None, t2=T2, head=HEAD, tail=TAIL):
    return head+t2+T3HDR+(t3 if t3 is not None else t3_rows(exp))+(t4 if t4 is not None else T4HDR+[t4_line(exp)])+tail
# b01: single (六) row in 2021 report
e=copy.deepcopy(E14)
s=[sum(x) for x in zip(*[e['table3'][k] for k in ('R3.6.1','R3.6.2','R3.6.3')])]
t3=copy.deepcopy(e); 
d={}
for k,v in e['table3'].items():
    if k=='R3.6.1': d['R3.6']=s
    elif k in ('R3.6.2','R3.6.3'): continue
    else: d[k]=v
t3['table3']=d
w('b01_single_r36.txt', canon(t3=t3_rows(t3)), {**e,'table3':{**{k:v for k,v in d.items()},'R3.6.1':None,'R3.6.2':None,'R3.6.3':None}} )
# fix expected for b01: R3.6.x null lists
ex=json.load(open(V+'b01_single_r36.expected.json'))
for k in ('R3.6.1','R3.6.2','R3.6.3'): ex['table3'][k]=[None]*7
json.dump(ex,open(V+'b01_single_r36.expected.json','w'),ensure_ascii=False)
# b02: 2019 wording in 2021 report (T2 headers 2019-style for (一) but F2021 rest)
t2=[x.replace('行政规范性文件','规范性文件') for x in T2]
w('b02_2019_word_guifan.txt', canon(t2=t2))
# b03: vertical labels for every group (one char per line), labels on own lines, values on next line
rows=[]
for rid,vals in E14['table3'].items():
    if rid=='R3.1': rows += list('三、本年度办理结果')
    if rid in GROUP: rows += list(GROUP[rid])
    lab=LAB[rid]
    rows += [lab[i:i+8] for i in range(0,len(lab),8)]
    rows.append(' '.join(map(str,vals)))
w('b03_labels_broken_values_own_line.txt', canon(t3=rows))
# b04: values row first, then the label (some PDF extractors)
rows=[]
for rid,vals in E14['table3'].items():
    if rid in GROUP: rows.append(GROUP[rid])
    rows.append(' '.join(map(str,vals))); rows.append(LAB[rid])
w('b04_values_before_label.txt', canon(t3=rows))
# b05: table 4 transposed: one row per group
t4=['四、政府信息公开行政复议、行政诉讼情况','类别 结果维持 结果纠正 其他结果 尚未审结 总计']+[ (g+' '+' '.join(map(str,E14['table4'][g]))) for g in ['行政复议','未经复议直接起诉','复议后起诉']]
w('b05_t4_transposed.txt', canon(t4=t4))
# b06: table 4 one value per line
w('b06_t4_one_per_line.txt', canon(t4=T4HDR+t4_line(E14).split()))
# b07: table 4 header then values split over two lines (PDF wrap)
vals=t4_line(E14).split()
w('b07_t4_values_two_lines.txt', canon(t4=T4HDR+[' '.join(vals[:10]),' '.join(vals[10:])]))
# b08: table 4 with page footer between header and values
w('b08_t4_footer.txt', canon(t4=T4HDR+['- 6 -',t4_line(E14)]))
# b09: numbers with 件 suffix
w('b09_jian_suffix.txt', canon(t3=t3_rows(E14,numfmt=lambda v:f'{v}件')))
# b10: T3 rows with group label on same line as first sub-row AND tabs, empty trailing tabs
rows=[r+'\t\t' for r in t3_rows(E14,sep='\t',groups='prefix')]
w('b10_group_prefix_trailing_tabs.txt', canon(t3=rows))
# b11: T3 columns with 法人或其他组织 小计 column added (local modification)
def sub(vals): return vals[:1]+[sum(vals[1:6])]+vals[1:]
rows=[]
for r in t3_rows(E14):
    p=r.split(' ')
    if len(p)==8: rows.append(' '.join([p[0]]+[str(x) for x in sub([int(x) for x in p[1:]])]))
    else: rows.append(r)
hdr=T3HDR[:3]+['自然人 法人或其他组织 总计','小计 商业企业 科研机构 社会公益组织 法律服务机构 其他']
w('b11_subtotal_column.txt', HEAD+T2+hdr+rows+T4HDR+[t4_line(E14)]+TAIL)
# b12: total column first? no. b12: header row with 总计 before 法人 group order as printed in PDF: "自然人 总计" then sub-heads -- keep values canonical
hdr=T3HDR[:3]+['自然人','总计','商业企业','科研机构','社会公益组织','法律服务机构','其他']
w('b12_header_scrambled.txt', HEAD+T2+hdr+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL)
# b13: 表二 tables merged into single-line with tabs and a 小计/blank col, plus money with unit
t2=[x.replace(' ','\t') for x in T2]
w('b13_t2_tabs.txt', canon(t2=t2))
# b14: heading numerals with spaces and half-width: "三 、收到和处理..." & "(三)"; sections as "第三部分"
t3h=['三、 收到和处理政府信息公开申请情况']+T3HDR[1:]
w('b14_heading_space.txt', HEAD+T2+t3h+t3_rows(E14)+['四 、政府信息公开行政复议、行政诉讼情况']+T4HDR[1:]+[t4_line(E14)]+TAIL)
