import os, sys, copy, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import *
def canon(exp=E14, t3=None, t4=None, t2=T2, head=HEAD, tail=TAIL):
    return head+t2+T3HDR+(t3 if t3 is not None else t3_rows(exp))+(t4 if t4 is not None else T4HDR+[t4_line(exp)])+tail
BODY=HEAD[3:]
# c01: subtotal rows for groups (三)(四)(五)(六)
rows=[]
subs={'R3.3.1':['R3.3.%d'%i for i in range(1,9)],'R3.4.1':['R3.4.1','R3.4.2','R3.4.3'],'R3.5.1':['R3.5.%d'%i for i in range(1,6)],'R3.6.1':['R3.6.1','R3.6.2','R3.6.3']}
for rid,vals in E14['table3'].items():
    if rid=='R3.1': rows.append('三、本年度办理结果')
    if rid in subs:
        s=[sum(x) for x in zip(*[E14['table3'][k] for k in subs[rid]])]
        rows.append(GROUP[rid]+' '+' '.join(map(str,s)))
    rows.append(LAB[rid]+' '+' '.join(map(str,vals)))
w('c01_subtotal_rows.txt', canon(t3=rows))
# c02: organ on line above title; title split
w('c02_organ_above_title.txt', ['淮安市人民政府办公室','淮安市人民政府','2024年','政府信息公开工作年度报告']+BODY+T2+T3HDR+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL)
# c03: title with year in Chinese numerals
w('c03_year_chinese.txt', ['淮安市人民政府二〇二四年政府信息公开工作年度报告']+BODY+T2+T3HDR+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL)
# c04: "2024年度" + crawler publish date 2025 first
w('c04_pubdate_first.txt', ['发布日期：2025-01-22','来源：淮安市人民政府办公室','淮安市人民政府2024年度政府信息公开工作年度报告']+BODY+T2+T3HDR+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL)
# c05: crawler breadcrumb using "当前位置："
w('c05_breadcrumb.txt', ['当前位置：首页 > 信息公开 > 政府信息公开年报','淮安市人民政府2024年政府信息公开工作年度报告','发布时间：2025-01-22  来源：市政府办公室','']+BODY+T2+T3HDR+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL)
# c06: crawler: nav menu lines
w('c06_nav_menu.txt', ['首页','政务公开','政务服务','互动交流','走进淮安','淮安市人民政府2024年政府信息公开工作年度报告']+BODY+T2+T3HDR+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL)
# c07: title without organ; organ in 发布机构
w('c07_title_no_organ.txt', ['发布机构：淮安市人民政府','2024年政府信息公开工作年度报告']+BODY+T2+T3HDR+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL)
# c08: title in 《》 and year range sentence mentions 2023 first
w('c08_prev_year_mention.txt', ['淮安市人民政府','2024年政府信息公开工作年度报告','（2023年度报告见附件）']+BODY+T2+T3HDR+t3_rows(E14)+T4HDR+[t4_line(E14)]+TAIL)
# c09: T3 rows that also carry a sequence-number column (序号)
rows=[f'{i+1} '+r if r.count(' ')==7 else r for i,r in enumerate(t3_rows(E14))]
w('c09_seq_column.txt', canon(t3=rows))
# c10: R3.2 label split across two lines with the values on the first line
rows=t3_rows(E14)
k=[i for i,r in enumerate(rows) if r.startswith('（二）')][0]
vals=rows[k].split(' ',1)[1]
rows[k:k+1]=['（二）部分公开（区分处理的，只计这一情 '+vals,'形，不计其他情形）']
w('c10_label_split_values_first_line.txt', canon(t3=rows))
# c11: (六) sub-labels with '，' separator and without numbering
rows=[r.replace('、行政机关不再','，行政机关不再') for r in t3_rows(E14)]
w('c11_comma_variant.txt', canon(t3=rows))
# c12: R3.3.2 typo/damaged label "其他法律行政止公开" and '1.' -> 'l.' OCR
rows=[r.replace('2.其他法律行政法规禁止公开','2.其他法律行政止公开').replace('1.属于国家秘密','l.属于国家秘密') for r in t3_rows(E14)]
w('c12_damaged_labels.txt', canon(t3=rows))
# c13: missing R3.3.3 row entirely (deleted by author) - truth: that row null
e=copy.deepcopy(E14); e['table3']['R3.3.3']=[None]*7
rows=[r for r in t3_rows(E14) if not r.startswith('3.危及')]
w('c13_row_missing.txt', canon(t3=rows), e)
# c14: two rows swapped in print order (R3.5.2 before R3.5.1)
rows=t3_rows(E14); a=[i for i,r in enumerate(rows) if r.startswith('1.信访')][0]; rows[a],rows[a+1]=rows[a+1],rows[a]
w('c14_rows_swapped.txt', canon(t3=rows))
# c15: a blank cell in the middle of a tab row (truth null)
e=copy.deepcopy(E14); e['table3']['R3.3.1'][2]=None
rows=t3_rows(e,sep='\t')
w('c15_tab_blank_cell.txt', canon(t3=rows), e)
# c16: blank cell in space-separated row (truth null) -> should be ambiguous or flagged
rows=t3_rows(e,sep=' ')
w('c16_space_blank_cell.txt', canon(t3=rows), e)
