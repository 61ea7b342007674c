import os, sys, copy, json, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import *
def canon(exp=E14, t3=None, t4=None, t2=T2, head=HEAD, tail=TAIL):
    return head+t2+T3HDR+(t3 if t3 is not None else t3_rows(exp))+(t4 if t4 is not None else T4HDR+[t4_line(exp)])+tail
# g01: T3 one cell per line
rows=[]
for r in t3_rows(E14):
    p=r.split(' ')
    rows+= p
w('g01_t3_one_cell_per_line.txt', canon(t3=rows))
# g02: T2 one cell per line
t2=[]
for x in T2:
    p=x.split(' ')
    if len(p)>1 and re.match(r'^[\d.]+$',p[-1]): t2+=p
    else: t2.append(x)
w('g02_t2_one_cell_per_line.txt', canon(t2=t2))
# g03: T4 values as 3 lines of 5 (one per group)
v=t4_line(E14).split()
w('g03_t4_three_lines.txt', canon(t4=T4HDR+[' '.join(v[0:5]),' '.join(v[5:10]),' '.join(v[10:15])]))
# g04: T4 values tab separated with a blank (truth null) 
e=copy.deepcopy(E14); e['table4']['复议后起诉'][1]=None
w('g04_t4_tab_blank.txt', canon(exp=e,t4=[x.replace(' ','\t') for x in T4HDR]+[t4_line(e,'\t')]), e)
# g05: T4 values in markdown row
w('g05_t4_markdown.txt', canon(t4=T4HDR[:1]+['| 行政复议 ||||| 行政诉讼 |||||||||| ','|'+'---|'*15,'| '+' | '.join(t4_line(E14).split())+' |']))
# g06: T3 with a 法人或其他组织 小计 column (template-spec R5), printed one cell per line
def sub(vals): return vals[:1]+[sum(vals[1:6])]+vals[1:]
rows=[]
for r in t3_rows(E14):
    p=r.split(' ')
    if len(p)==8: rows+=[p[0]]+[str(x) for x in sub([int(x) for x in p[1:]])]
    else: rows.append(r)
hdr=T3HDR[:3]+['自然人','法人或其他组织','总计','小计','商业企业','科研机构','社会公益组织','法律服务机构','其他']
w('g06_t3_subtotal_one_cell_per_line.txt', HEAD+T2+hdr+rows+T4HDR+[t4_line(E14)]+TAIL)
# g07: T3 rows wrapped by PDF extraction: label and four values, then the other three alone
def wrap(rows, cut, between=None):
    out=[]
    for r in rows:
        p=r.split(' ')
        if len(p)==8 and re.match(r'^\d',p[1]):
            out.append(' '.join(p[:1+cut]))
            if between is not None: out.append(between)
            out.append(' '.join(p[1+cut:]))
        else: out.append(r)
    return out
w('g07_t3_rows_wrapped.txt', canon(t3=wrap(t3_rows(E14), 4)))
# g08: the same cut after two values, with a page number between the halves
w('g08_t3_rows_wrapped_page_number.txt', canon(t3=wrap(t3_rows(E14), 2, '- 3 -')))
# g09: a web page whose report (tables included) is one <p> per line of the PDF text (a CMS
# that flattened the tables); g10: the same lines in one <p> separated by <br>
import html as _html
_src=open(S+'014-huaian-shi-2024-pdftext.txt').read().split('\n')
def _page(body): return '<html><head><meta charset="utf-8"><title>年报</title></head><body><div class="article">'+body+'</div></body></html>'
for _name,_body in [('g09_html_paragraph_per_line.html',''.join(f'<p>{_html.escape(l)}</p>' for l in _src)),
                    ('g10_html_br_lines.html','<p>'+'<br>\n'.join(_html.escape(l) for l in _src)+'</p>')]:
    open(V+_name,'w').write(_page(_body))
    json.dump(E14,open(V+_name.rsplit('.',1)[0]+'.expected.json','w'),ensure_ascii=False)
# g11: T3 drawn with box characters (│ cells, ├──┼──┤ rules) by a converter; g12: full-width ｜
def _boxed(rows, bar):
    out=['┌'+'┬'.join(['────']*8)+'┐']
    for r in rows:
        out.append(bar+bar.join(r.split(' '))+bar)
        out.append('├'+'┼'.join(['────']*8)+'┤')
    out[-1]='└'+'┴'.join(['────']*8)+'┘'
    return out
w('g11_t3_box_drawing.txt', canon(t3=_boxed(t3_rows(E14),'│')))
w('g12_t3_fullwidth_pipes.txt', canon(t3=['｜'+'｜'.join(r.split(' '))+'｜' for r in t3_rows(E14)]))
# g13/g14: every row of seven or more values in the PDF text of 淮安 and 洪泽 wrapped after its
# third value (values-only rows under vertical labels included)
def _wrap_sample(base):
    out=[]
    for l in open(S+base+'.txt').read().split('\n'):
        m=re.match(r'^(.*?\S)[ \t]+((?:[\d.]+[ \t]+){4,}[\d.]+)\s*$', l)
        if m:
            nums=re.split(r'[ \t]+', m.group(2))
            out+=[m.group(1)+' '+' '.join(nums[:3]), ' '.join(nums[3:])]
        else: out.append(l)
    return out
w('g13_huaian_rows_wrapped.txt', _wrap_sample('014-huaian-shi-2024-pdftext'))
w('g14_hongze_rows_wrapped.txt', _wrap_sample('004-hongze-qu-2023-pdftext'), json.load(open(S+'004-hongze-qu-2023-pdftext.expected.json')))
# g15: 表三 labels printed without their enumerators (`总计`, `予以公开`, `属于国家秘密`)
w('g15_t3_labels_unnumbered.txt', canon(t3=[re.sub(r'^(\d\.|（[一二三四五六七]）)', '', r) for r in t3_rows(E14)]))
# g16: sub-items numbered with circled digits (①属于国家秘密)
w('g16_t3_circled_numbers.txt', canon(t3=[(lambda m: '①②③④⑤⑥⑦⑧'[int(m.group(1))-1]+m.group(2) if m else r)(re.match(r'^(\d)\.(.*)$', r)) for r in t3_rows(E14)]))
# g17/g18: the 上海 page inside a site's layout table (navigation row, footer row), and beside a
# sidebar column
_h=open(S+'006-shanghai-bangongting-2019.html', encoding='utf-8').read()
_e006=json.load(open(S+'006-shanghai-bangongting-2019.expected.json'))
for _name,_page in [('g17_html_layout_table.html','<table width="100%"><tr><td class="nav">首页 &gt; 政府信息公开</td></tr><tr><td>'+_h+'</td></tr><tr><td>版权所有 上海市人民政府</td></tr></table>'),
                    ('g18_html_layout_sidebar.html','<table><tr><td width="200">栏目导航<br>政策文件<br>年度报告</td><td>'+_h+'</td></tr></table>')]:
    open(V+_name,'w').write('<html><head><meta charset="utf-8"></head><body>'+_page+'</body></html>')
    json.dump(_e006,open(V+_name.rsplit('.',1)[0]+'.expected.json','w'),ensure_ascii=False)
# g19: the 上海 Word file with its whole body inside a one-cell table (a bordered frame)
import zipfile as _zip
_z=_zip.ZipFile(S+'006-shanghai-bangongting-2019-word.docx')
_x=_z.read('word/document.xml').decode('utf-8')
_b=_x.index('<w:body>')+len('<w:body>'); _s=_x.rfind('<w:sectPr')
_framed=_x[:_b]+'<w:tbl><w:tr><w:tc>'+_x[_b:_s]+'<w:p/></w:tc></w:tr></w:tbl>'+_x[_s:]
_o=_zip.ZipFile(V+'g19_docx_frame_table.docx','w',_zip.ZIP_DEFLATED)
for _it in _z.infolist():
    _o.writestr(_it, _framed.encode('utf-8') if _it.filename=='word/document.xml' else _z.read(_it.filename))
_o.close()
json.dump(json.load(open(S+'006-shanghai-bangongting-2019-word.expected.json')),open(V+'g19_docx_frame_table.expected.json','w'),ensure_ascii=False)
