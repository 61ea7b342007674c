"""Lays a labelled sample's tables out as the State Council template does, in a real PDF
(reportlab, built-in CJK font), and extracts its text with pypdf: the extraction the shared
PDF-text samples came from. Blank cells (null in the labels) are left empty in the PDF, so the
extraction drops them the way it does in the wild.

    python3 tools/pdfvariants/make.py OUT_DIR [--blank-rate R] [--seed S] [--layout | --docx | --pdf]
        [--narrow] [--tall] [--no-rules] [--footers] [--repeat-header]

Writes OUT_DIR/<name>.txt (the pypdf text) and OUT_DIR/<name>.expected.json for every sample (the
text and HTML samples of tests/fixtures/samples/, or of $VARIANT_SAMPLES; a Word or PDF sample is
a second copy of one of them and is skipped), and, with --blank-rate, three copies
(-blank0..2) where that share of the zero cells is blanked.
--layout: pypdf's layout mode (text placed by its position on the page, as `pdftotext -layout`
does), names end -layout.
--docx: the same layout as a Word document (python-docx) instead, names start docx-.
--pdf: the PDF itself instead of its text, OUT_DIR/<name>.pdf (compressed, byte-reproducible).
Its 表三 breaks at the page end wherever it falls, inside the merged label cells too (a vertical
label cut by the break is printed part on each page, `（四）无` / `法提供`, as Word does); the text
modes keep reportlab's own breaks (only between rows no merged cell crosses).
--narrow: a narrower label column (labels wrapped over up to six lines), names end -narrow.
--tall: larger type (11 pt cells, 14 pt text), so the tables run over more pages, names end -tall.
--no-rules: no ruling lines or boxes at all (the cells placed as with them), names end -norules.
--footers: a page number (`- 3 -`) at the foot of every page.
--repeat-header: 表三's header printed again on every page the table runs onto (no suffix).
Suffixes come in that order: pdf-<sample>[-blank<k>][-narrow][-tall][-norules][-layout].
"""
import copy
import io
import json
import os
import random
import sys

from pypdf import PdfReader
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
# --tall: larger type in the tables and the text, so that 表三 runs over a page break.
TALL = "--tall" in sys.argv
CELL_SIZE, CELL_LEADING = (11, 15) if TALL else (8, 10)
BODY = ParagraphStyle("b", fontName="STSong-Light", fontSize=10.5, leading=15, wordWrap="CJK")
CELL = ParagraphStyle("c", fontName="STSong-Light", fontSize=CELL_SIZE, leading=CELL_LEADING, wordWrap="CJK")
HEAD = ParagraphStyle("h", parent=BODY, fontSize=12, leading=18)
if TALL:
    BODY = ParagraphStyle("b", parent=BODY, fontSize=14, leading=24)
    HEAD = ParagraphStyle("h", parent=BODY, fontSize=16, leading=28)

SAMPLES = os.environ.get("VARIANT_SAMPLES", "tests/fixtures/samples/")
LAB = {
    "R1": "一、本年新收政府信息公开申请数量",
    "R2": "二、上年结转政府信息公开申请数量",
    "R3.1": "（一）予以公开",
    "R3.2": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "R3.3.1": "1.属于国家秘密",
    "R3.3.2": "2.其他法律行政法规禁止公开",
    "R3.3.3": "3.危及“三安全一稳定”",
    "R3.3.4": "4.保护第三方合法权益",
    "R3.3.5": "5.属于三类内部事务信息",
    "R3.3.6": "6.属于四类过程性信息",
    "R3.3.7": "7.属于行政执法案卷",
    "R3.3.8": "8.属于行政查询事项",
    "R3.4.1": "1.本机关不掌握相关政府信息",
    "R3.4.2": "2.没有现成信息需要另行制作",
    "R3.4.3": "3.补正后申请内容仍不明确",
    "R3.5.1": "1.信访举报投诉类申请",
    "R3.5.2": "2.重复申请",
    "R3.5.3": "3.要求提供公开出版物",
    "R3.5.4": "4.无正当理由大量反复申请",
    "R3.5.5": "5.要求行政机关确认或重新出具已获取信息",
    "R3.6": "（六）其他处理",
    "R3.6.1": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "R3.6.2": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "R3.6.3": "3.其他",
    "R3.7": "（七）总计",
    "R4": "四、结转下年度继续办理",
}
GROUP = {"R3.3.1": "（三）不予公开", "R3.4.1": "（四）无法提供", "R3.5.1": "（五）不予处理", "R3.6.1": "（六）其他处理"}
T2_2021 = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], "A20_1", ["规章", "行政规范性文件"]),
    ("第二十条第（五）项", ["本年处理决定数量"], "A20_5", ["行政许可"]),
    ("第二十条第（六）项", ["本年处理决定数量"], "A20_6", ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], "A20_8", ["行政事业性收费"]),
]
T2_2019 = [
    ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], "A20_1", ["规章", "规范性文件"]),
    ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"], "A20_5", ["行政许可", "其他对外管理服务事项"]),
    ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"], "A20_6", ["行政处罚", "行政强制"]),
    ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], "A20_8", ["行政事业性收费"]),
    ("第二十条第（九）项", ["采购项目数量", "采购总金额"], "A20_9", ["政府集中采购"]),
]
T4 = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


# The width of 表三's item-label column (points): 130 wraps the longest labels over two or three
# lines; --narrow (80) over four to six.
LABEL_WIDTH = 80 if "--narrow" in sys.argv else 130


def footer(canvas, doc):
    """A page number at the foot of every page, as government PDFs print it (`- 3 -`)."""
    if "--footers" in sys.argv:
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")


def p(text, style=CELL):
    return Paragraph(text, style)


def show(v):
    return "" if v is None else str(v)


class SpanBreakingTable(Table):
    """A table that breaks at a page end even inside merged cells, as Word and WPS do (reportlab
    itself only breaks between rows no vertical span crosses, so 表三 would move whole to the next
    page or break only before （一） or after （七）). A vertical label cut by the break keeps the
    characters drawn above the cut on the first page and the rest on the next (`（四）无` / `法提供`):
    what the published PDFs show. The header rows (`head`, 表三's three) are never broken."""

    head = 0

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):
        n = Table._getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=1)
        return n if n > self.head else 0

    def split(self, availWidth, availHeight):
        parts = Table.split(self, availWidth, availHeight)
        if len(parts) != 2:
            return parts
        top, rest = parts
        n = len(top._cellvalues)
        skip = rest.repeatRows if isinstance(rest.repeatRows, int) else len(rest.repeatRows)
        heights = self._rowHeights
        pad = 6  # a cell's top + bottom padding
        for _, (sc, sr), (ec, er) in self._spanCmds:
            if sc != ec or not sr < n <= er:
                continue
            cell = self._cellvalues[sr][sc]  # (the table keeps a flowable as a one-item list)
            text = plain(cell[0] if isinstance(cell, (list, tuple)) else cell)
            h0, h1 = sum(heights[sr:n]), sum(heights[n : er + 1])
            # The characters above the cut, the label drawn centred in the whole span ...
            k = int((h0 - (h0 + h1 - len(text) * CELL_LEADING) / 2) // CELL_LEADING)
            # ... as far as each part has room for its share.
            k = max(len(text) - int((h1 - pad) // CELL_LEADING), min(k, int((h0 - pad) // CELL_LEADING)))
            k = max(0, min(len(text), k))
            top._cellvalues[sr][sc] = [p("<br/>".join(text[:k]))] if k else ""
            rest._cellvalues[skip][sc] = [p("<br/>".join(text[k:]))] if k < len(text) else ""
        return parts


def grid(data, spans, widths, repeat=0, table=Table):
    t = table(data, colWidths=widths, repeatRows=repeat if "--repeat-header" in sys.argv else 0)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
    ]
    if "--no-rules" not in sys.argv:
        style.insert(0, ("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    style += [("SPAN", a, b) for a, b in spans]
    t.setStyle(TableStyle(style))
    t.nianbao_grid = (data, spans)  # for the DOCX writer
    return t


def table2(e):
    spec = T2_2021 if e["template"] == "2021" else T2_2019
    flow = []
    for caption, cols, item, rows in spec:
        n = len(cols)
        data = [[p(caption)] + [""] * n, [p("信息内容")] + [p(c) for c in cols]]
        for r in rows:
            data.append([p(r)] + [show(e["table2"].get(f"{item}.{r}.{c}")) for c in cols])
        flow.append(grid(data, [((0, 0), (n, 0))], [130] + [300 / n] * n))
    return flow


def table3(e):
    # Three label columns as in the template: 三、本年度办理结果 (vertical), the group (（三）不予公开,
    # vertical over its items), the item.
    head = [
        [p("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), "", "", p("申请人情况")] + [""] * 6,
        ["", "", "", p("自然人"), p("法人或其他组织"), "", "", "", "", p("总计")],
        ["", "", "", "", p("商业企业"), p("科研机构"), p("社会公益组织"), p("法律服务机构"), p("其他"), ""],
    ]
    spans = [((0, 0), (2, 2)), ((3, 0), (9, 0)), ((3, 1), (3, 2)), ((4, 1), (8, 1)), ((9, 1), (9, 2))]
    data = list(head)
    first3 = end3 = group_start = None
    for rid in e["table3"]:
        vals = [show(v) for v in e["table3"][rid]]
        y = len(data)
        if rid in ("R1", "R2", "R4"):
            data.append([p(LAB[rid]), "", ""] + vals)
            spans.append(((0, y), (2, y)))
            continue
        first3 = y if first3 is None else first3
        end3 = y
        if rid.count(".") == 1:
            data.append(["", p(LAB[rid]), ""] + vals)
            spans.append(((1, y), (2, y)))
            continue
        if rid in GROUP:
            group_start = y
        data.append(["", "", p(LAB[rid])] + vals)
        last = {"R3.3": 8, "R3.4": 3, "R3.5": 5, "R3.6": 3}[rid.rsplit(".", 1)[0]]
        if rid.endswith("." + str(last)):
            data[group_start][1] = p("<br/>".join(GROUP[rid.rsplit(".", 1)[0] + ".1"]))
            spans.append(((1, group_start), (1, y)))
    data[first3][0] = p("<br/>".join("三、本年度办理结果"))
    spans.append(((0, first3), (0, end3)))
    # (--pdf: broken anywhere, inside the vertical labels too; the text modes keep reportlab's
    # own breaks, so that their fixtures regenerate unchanged)
    table = SpanBreakingTable if "--pdf" in sys.argv else Table
    # (the vertical labels' columns hold one character a line: wider for --tall's larger type)
    vertical = [26, 28] if TALL else [22, 26]
    t = grid(data, spans, vertical + [LABEL_WIDTH] + [40] * 7, repeat=3, table=table)
    t.head = len(head)
    return [t]


def table4(e):
    data = [
        [p("行政复议")] + [""] * 4 + [p("行政诉讼")] + [""] * 9,
        [p(c) for c in T4] + [p("未经复议直接起诉")] + [""] * 4 + [p("复议后起诉")] + [""] * 4,
        [""] * 5 + [p(c) for c in T4] * 2,
        [show(v) for k in ("行政复议", "未经复议直接起诉", "复议后起诉") for v in e["table4"][k]],
    ]
    spans = [((0, 0), (4, 0)), ((5, 0), (14, 0)), ((5, 1), (9, 1)), ((10, 1), (14, 1))]
    spans += [((k, 1), (k, 2)) for k in range(5)]
    return [grid(data, spans, [32] * 15)]


def flowables(e):
    sec = e["sections"]
    flow = [p(f"{e['organ']}{e['year']}年政府信息公开工作年度报告", HEAD), Spacer(1, 8)]
    intro = (
        f"本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限自{e['year']}年1月1日起至"
        f"{e['year']}年12月31日止。"
    )
    flow.append(p(intro, BODY))
    body = {
        "一": "本年度严格落实条例规定，依法做好政府信息公开工作。",
        "五": "存在的问题是公开的及时性还需提高。下一步将加强培训。",
        "六": "本年度未收取信息处理费。",
    }
    for k in "一二三四五六":
        h = sec.get(k)
        if h:
            flow.append(p(h, HEAD))
        if k == "二":
            flow += table2(e)
        elif k == "三":
            flow += table3(e)
        elif k == "四":
            flow += table4(e)
        else:
            flow.append(p(body[k], BODY))
    return flow


def pdf_bytes(e):
    """The PDF itself: page streams compressed (FlateDecode only, without reportlab's ASCII85
    layer), and invariant (no date or random document id), so that a rerun writes the same bytes."""
    rl_config.useA85 = 0
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, pageCompression=1, invariant=1)
    doc.build(flowables(e), onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def pdf_text(e, mode="plain"):
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(flowables(e), onFirstPage=footer, onLaterPages=footer)
    return "\n".join(pg.extract_text(extraction_mode=mode) for pg in PdfReader(buf).pages)


def plain(cell):
    """A grid cell's text (a vertical label's characters joined again)."""
    if isinstance(cell, Paragraph):
        return cell.text.replace("<br/>", "")
    return str(cell)


def docx_bytes(e):
    """The same flow as a Word document (python-docx): merged cells as gridSpan / vMerge, a
    vertical label as one string in a cell whose text runs top to bottom."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    for f in flowables(e):
        grid_ = getattr(f, "nianbao_grid", None)
        if grid_ is None:
            if isinstance(f, Paragraph):
                d.add_paragraph(plain(f))
            continue
        data, spans = grid_
        t = d.add_table(rows=len(data), cols=len(data[0]))
        t.style = "Table Grid"
        for r, row in enumerate(data):
            for c, cell in enumerate(row):
                t.cell(r, c).text = plain(cell)
        for (c0, r0), (c1, r1) in spans:
            top = t.cell(r0, c0)
            text = top.text
            merged = top.merge(t.cell(r1, c1))
            # (merging concatenates the cells' paragraphs; keep the first cell's text)
            for para in merged.paragraphs[1:]:
                para._element.getparent().remove(para._element)
            merged.paragraphs[0].text = text
            if r1 - r0 >= 3 and c0 == c1:
                tc_pr = merged._tc.get_or_add_tcPr()
                direction = OxmlElement("w:textDirection")
                direction.set(qn("w:val"), "tbRlV")
                tc_pr.append(direction)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def blanked(e, rate, rng):
    """Zero cells left blank, as many offices print them (a blank for a nonzero value would break
    the report's own sums: another defect)."""
    e = copy.deepcopy(e)
    for k, v in e["table2"].items():
        if v == 0 and rng.random() < rate:
            e["table2"][k] = None
    for t in ("table3", "table4"):
        for vals in e[t].values():
            for i in range(len(vals)):
                if vals[i] == 0 and rng.random() < rate:
                    vals[i] = None
    return e


def main():
    out = sys.argv[1]
    rate = float(sys.argv[sys.argv.index("--blank-rate") + 1]) if "--blank-rate" in sys.argv else 0.0
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    for f in sorted(os.listdir(SAMPLES)):
        if not f.endswith(".expected.json"):
            continue
        e = json.load(open(SAMPLES + f))
        # A Word or PDF sample is a second copy of a report already here as text or HTML.
        if e["file"].endswith((".docx", ".pdf")):
            continue
        # Template-shaped sections only: a label's section heading must be present for its table.
        if not all(e["sections"].get(k) for k in "二三四"):
            e["sections"] = dict(e["sections"], 二="二、主动公开政府信息情况", 三="三、收到和处理政府信息公开申请情况", 四="四、政府信息公开行政复议、行政诉讼情况")
        stem = "pdf-" + f.split(".expected")[0]
        variants = [(stem, e)]
        if rate:
            variants += [(f"{stem}-blank{i}", blanked(e, rate, rng)) for i in range(3)]
        suffixes = (("--narrow", "-narrow"), ("--tall", "-tall"), ("--no-rules", "-norules"), ("--layout", "-layout"))
        for flag, suffix in suffixes:
            if flag in sys.argv:
                variants = [(n + suffix, v) for n, v in variants]
        if "--docx" in sys.argv:
            variants = [(n.replace("pdf-", "docx-", 1), v) for n, v in variants]
        for name, v in variants:
            v = dict(
                v,
                file=name + ".txt",
                uncertain=[],
                defects=[],
                notes=f"tools/pdfvariants/make.py from {f}" + (" (zero cells blanked)" if "blank" in name else ""),
            )
            if "--docx" in sys.argv:
                v["file"] = name + ".docx"
                open(os.path.join(out, name + ".docx"), "wb").write(docx_bytes(v))
            elif "--pdf" in sys.argv:
                v["file"] = name + ".pdf"
                open(os.path.join(out, name + ".pdf"), "wb").write(pdf_bytes(v))
            else:
                mode = "layout" if "--layout" in sys.argv else "plain"
                open(os.path.join(out, name + ".txt"), "w").write(pdf_text(v, mode))
            json.dump(v, open(os.path.join(out, name + ".expected.json"), "w"), ensure_ascii=False)


main()
