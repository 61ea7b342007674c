import json, os, re
import os
S=os.environ.get('VARIANT_SAMPLES', 'tests/fixtures/samples/')
V=os.environ.get('VARIANT_OUT', 'target/variants/')
os.makedirs(V, exist_ok=True)
os.makedirs(V,exist_ok=True)
L=open(S+'014-huaian-shi-2024-pdftext.txt').read().split('\n')
E14=json.load(open(S+'014-huaian-shi-2024-pdftext.expected.json'))
def blk(a,b): return L[a-1:b-1]   # 1-indexed, [a,b)
HEAD=blk(1,61); T2=blk(61,77); T3=blk(77,140); T4=blk(140,171); TAIL=blk(171,len(L)+1)
def w(name, lines, exp=E14):
    open(V+name,'w').write('\n'.join(lines) if isinstance(lines,list) else lines)
    json.dump(exp,open(V+name.rsplit('.',1)[0]+'.expected.json','w'),ensure_ascii=False)

LAB={'R1':'一、本年新收政府信息公开申请数量','R2':'二、上年结转政府信息公开申请数量',
'R3.1':'（一）予以公开','R3.2':'（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
'R3.3.1':'1.属于国家秘密','R3.3.2':'2.其他法律行政法规禁止公开','R3.3.3':'3.危及“三安全一稳定”','R3.3.4':'4.保护第三方合法权益','R3.3.5':'5.属于三类内部事务信息','R3.3.6':'6.属于四类过程性信息','R3.3.7':'7.属于行政执法案卷','R3.3.8':'8.属于行政查询事项',
'R3.4.1':'1.本机关不掌握相关政府信息','R3.4.2':'2.没有现成信息需要另行制作','R3.4.3':'3.补正后申请内容仍不明确',
'R3.5.1':'1.信访举报投诉类申请','R3.5.2':'2.重复申请','R3.5.3':'3.要求提供公开出版物','R3.5.4':'4.无正当理由大量反复申请','R3.5.5':'5.要求行政机关确认或重新出具已获取信息',
'R3.6':'（六）其他处理',
'R3.6.1':'1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请','R3.6.2':'2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请','R3.6.3':'3.其他',
'R3.7':'（七）总计','R4':'四、结转下年度继续办理'}
GROUP={'R3.3.1':'（三）不予公开','R3.4.1':'（四）无法提供','R3.5.1':'（五）不予处理','R3.6.1':'（六）其他处理'}
def fmt(v): return '' if v is None else str(v)
def t3_rows(exp, sep=' ', groups='line', numfmt=fmt, labfn=lambda r,l:l, r3line='三、本年度办理结果'):
    """flat rows: label sep v1 sep v2 ..."""
    out=[]
    for rid,vals in exp['table3'].items():
        if rid=='R3.1' and r3line: out.append(r3line)
        if rid in GROUP and groups=='line': out.append(GROUP[rid])
        lab=labfn(rid,LAB[rid])
        if rid in GROUP and groups=='prefix': lab=GROUP[rid]+sep+lab
        out.append(sep.join([lab]+[numfmt(v) for v in vals]))
    return out
T3HDR=['三、收到和处理政府信息公开申请情况','（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）','申请人情况','自然人 法人或其他组织 总计','商业企业 科研机构 社会公益组织 法律服务机构 其他']
T4HDR=['四、政府信息公开行政复议、行政诉讼情况','行政复议 行政诉讼','结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉','结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计']
def t4_line(exp,sep=' ',numfmt=fmt):
    return sep.join(numfmt(v) for g in ['行政复议','未经复议直接起诉','复议后起诉'] for v in exp['table4'][g])
