import os, sys, copy, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import *
# a01: 表三 before 表二 (whole sections swapped)
w('a01_t3_before_t2.txt', HEAD+T3+T2+T4+TAIL)
# a02: 表四 before 表三
w('a02_t4_before_t3.txt', HEAD+T2+T4+T3+TAIL)
# a03: order 四 三 二
w('a03_t4_t3_t2.txt', HEAD+T4+T3+T2+TAIL)
# a04: page footer variants inside T3
t3=list(T3)
i=t3.index('（五）不'); t3[i:i]=['第 5 页 共 8 页']
j=[k for k,l in enumerate(t3) if l.startswith('（七）总计')][0]; t3[j:j]=['— 6 —']
w('a04_footers.txt', HEAD+T2+t3+T4+TAIL)
# a05: page break repeats table header in T3 (after R3.4.1)
t3=list(T3)
i=t3.index('- 5 -')
t3[i+1:i+1]=T3[3:15]  # repeat 申请人情况 .. 其他 header block
w('a05_repeat_header.txt', HEAD+T2+t3+T4+TAIL)
# a06: page break that repeats header in a clean canonical table (both header lines)
rows=t3_rows(E14)
k=rows.index('（四）无法提供')
rows2=rows[:k]+['- 5 -']+T3HDR[2:]+rows[k:]
w('a06_canon_repeat_header.txt', HEAD+T2+T3HDR+rows2+T4+TAIL)
# a07: canonical clean (control)
w('a07_canon.txt', HEAD+T2+T3HDR+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL)
# a08: 三、本年度办理结果 printed twice
rows=t3_rows(E14); k=rows.index('三、本年度办理结果'); rows.insert(k+1,'三、本年度办理结果')
w('a08_r3_twice.txt', HEAD+T2+T3HDR+rows+T4HDR+[t4_line(E14)]+TAIL)
# a09: tab separated
w('a09_tabs.txt', HEAD+T2+[x.replace(' ','\t') for x in T3HDR]+t3_rows(E14,sep='\t')+[x.replace(' ','\t') for x in T4HDR]+[t4_line(E14,'\t')]+TAIL)
# a10: irregular spacing incl. ideographic spaces
import random; random.seed(1)
def irr(vals): return ''.join(v+random.choice(['  ','   ','\u3000',' \u3000 ','    ']) for v in vals).rstrip()
rows=[]
for r in t3_rows(E14,sep='\x00'):
    parts=r.split('\x00'); rows.append(irr(parts))
w('a10_irregular_spaces.txt', HEAD+T2+T3HDR+rows+T4HDR+[irr(t4_line(E14).split())]+TAIL)
# a11: markdown pipe tables
def md(rows): 
    out=[]
    for n,r in enumerate(rows):
        out.append('| '+' | '.join(r)+' |')
        if n==0: out.append('|'+'---|'*len(r))
    return out
hdr=[['项目','自然人','商业企业','科研机构','社会公益组织','法律服务机构','其他','总计']]
body=[[c if c else ' ' for c in r.split('\x00')] for r in t3_rows(E14,sep='\x00',groups='prefix',r3line=None)]
body=[r if len(r)==8 else r for r in body]
t4md=md([['行政复议结果维持','行政复议结果纠正','行政复议其他结果','行政复议尚未审结','行政复议总计','未经复议直接起诉结果维持','结果纠正','其他结果','尚未审结','总计','复议后起诉结果维持','结果纠正','其他结果','尚未审结','总计'],t4_line(E14).split()])
w('a11_markdown.txt', HEAD+T2+['三、收到和处理政府信息公开申请情况']+md(hdr+body)+['','四、政府信息公开行政复议、行政诉讼情况']+t4md+['']+TAIL)
# a12: labels with spaces and width/bracket variants
def lab_var(rid,l):
    l=l.replace('（','(').replace('）',')')
    l=re.sub(r'^(\d)\.',lambda m:m.group(1)+'、',l) if rid.startswith('R3.3') else l
    l=re.sub(r'^(\d)\.',lambda m:m.group(1)+'．',l) if rid.startswith('R3.4') else l
    l=re.sub(r'^(\d)\.',lambda m:m.group(1)+'. ',l) if rid.startswith('R3.5') else l
    return ' '.join(l) if rid in ('R1','R3.7') else l
hdr=['三、收到和处理政府信息公开申请情况','(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)','申 请 人 情 况','自 然 人 法人或其他组织 总 计','商业 企业 科研 机构 社会公益 组织 法律服务 机构 其 他']
w('a12_label_variants.txt', HEAD+T2+hdr+t3_rows(E14,labfn=lab_var)+T4HDR+[t4_line(E14)]+TAIL)
# a13: full-width digits
FW=str.maketrans('0123456789.','０１２３４５６７８９．')
w('a13_fullwidth_digits.txt', HEAD+[x.translate(FW) if re.search(r'\d+$',x) and not x.startswith('第') else x for x in T2]+T3HDR+t3_rows(E14,numfmt=lambda v:str(v).translate(FW))+T4HDR+[t4_line(E14,numfmt=lambda v:str(v).translate(FW))]+TAIL)
# a14: thousands separators
w('a14_thousands.txt', HEAD+['行政许可 447,228' if x=='行政许可 447228' else '行政处罚 3,985,758' if x=='行政处罚 3985758' else '行政事业性收费 96,171.6' if x.startswith('行政事业性收费') else x for x in T2]+T3HDR+t3_rows(E14,numfmt=lambda v:f'{v:,}')+T4HDR+[t4_line(E14)]+TAIL)
# a14b: thousands separators only in T3, tab-separated (no ambiguity with spaces)
w('a14b_thousands_tabs.txt', HEAD+T2+[x.replace(' ','\t') for x in T3HDR]+t3_rows(E14,sep='\t',numfmt=lambda v:f'{v:,}')+T4HDR+[t4_line(E14)]+TAIL)
# a15: placeholders for zeros ('—' and '/'): truth changes to the placeholder strings
e=copy.deepcopy(E14)
for rid in e['table3']: e['table3'][rid]=[('—' if v==0 else v) for v in e['table3'][rid]]
w('a15_dash_placeholder.txt', HEAD+T2+T3HDR+t3_rows(e)+T4HDR+[t4_line(E14)]+TAIL, e)
e=copy.deepcopy(E14)
for rid in e['table3']: e['table3'][rid]=[('/' if v==0 else v) for v in e['table3'][rid]]
w('a15b_slash_placeholder.txt', HEAD+T2+T3HDR+t3_rows(e)+T4HDR+[t4_line(E14)]+TAIL, e)
# a16: crawler header + title split + body above title
crawl=['首页 > 政务公开 > 政府信息公开年报','淮安市人民政府2024年政府信息公开工作年度报告','发布时间：2025-01-20 10:12 来源：市政府办公室 浏览次数：1203','字号：[ 大 中 小 ]  打印本页  关闭窗口','分享到：','']
w('a16_crawler_header.txt', crawl+L[1:])
w('a16b_crawler_split_title.txt', ['索引号：01400000/2025-00012','主题分类：政务公开','发布机构：淮安市人民政府办公室','发文日期：2025-01-20','名称：淮安市人民政府2024年政府信息公开工作年度报告','']+['淮安市人民政府','2024 年政府信息','公开工作年度报告']+L[3:])
