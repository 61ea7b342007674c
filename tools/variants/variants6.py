import os, sys, copy, json, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import *
def canon(exp=E14, t3=None, t4=None, t2=T2, head=HEAD, tail=TAIL):
    return head+t2+T3HDR+(t3 if t3 is not None else t3_rows(exp))+(t4 if t4 is not None else T4HDR+[t4_line(exp)])+tail
def ins(rows, before_prefix, new):
    k=[i for i,r in enumerate(rows) if r.startswith(before_prefix)][0]; return rows[:k]+new+rows[k:]
# f01: bare page number line inside T3
w('f01_bare_pagenum_t3.txt', canon(t3=ins(t3_rows(E14),'3.补正后',['5'])))
w('f01b_bare_pagenum_t3_after_group.txt', canon(t3=ins(t3_rows(E14),'1.信访',['5'])))
w('f01c_pagenum_slash.txt', canon(t3=ins(t3_rows(E14),'3.补正后',['5/8'])))
# f02: bare page number between T4 header and values
w('f02_bare_pagenum_t4.txt', canon(t4=T4HDR+['6',t4_line(E14)]))
# f03: T4 header repeated after page break
w('f03_t4_header_repeated.txt', canon(t4=T4HDR+['- 6 -']+T4HDR[1:]+[t4_line(E14)]))
# f04: note line with numbers after T3 
w('f04_note_after_t3.txt', canon(t3=t3_rows(E14)+['注：本表中“其他”包括个体工商户2件、其他组织2件。']))
# f05: note line with numbers after T4 values
w('f05_note_after_t4.txt', canon(t4=T4HDR+[t4_line(E14),'注：2024年共收到行政复议351件，行政诉讼46件。']))
# f06: bare page number inside T2
t2=list(T2); k=t2.index('第二十条 第（八）项'); t2.insert(k,'4')
w('f06_bare_pagenum_t2.txt', canon(t2=t2))
# f07: bare page number immediately before the R4 row, as in a page-bottom
w('f07_pagenum_before_R4.txt', canon(t3=ins(t3_rows(E14),'四、结转',['6'])))
# f08: T3 header with 序号 column and unit row "单位：件"
w('f08_unit_line.txt', HEAD+T2+T3HDR[:1]+['单位：件']+T3HDR[1:]+t3_rows(E14)+T4HDR[:1]+['单位：件']+T4HDR[1:]+[t4_line(E14)]+TAIL)
# f09: the sample's own layout: page footer '- 5 -' replaced by bare '5' (original 014 text)
w('f09_orig_bare_pagenums.txt', [re.sub(r'^- (\d+) -$',r'\1',l) for l in L])
# f10: original 014 with footers '第 N 页'
w('f10_orig_di_ye.txt', [re.sub(r'^- (\d+) -$',r'第 \1 页',l) for l in L])
