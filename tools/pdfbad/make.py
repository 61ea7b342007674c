"""Writes hostile and broken PDFs for the PDF reader's tests: a scan with no text layer,
encrypted files, truncated files, decompression bombs, reference cycles, deep nesting, garbage
and an empty page tree. tests/fixtures/pdf-bad/README.md says what each one is and what a reader
should answer.

    python3 tools/pdfbad/make.py OUT_DIR [--sample PATH]

Needs reportlab 5.1.0, pypdf 7.1.1 (with cryptography, for AES), Pillow. --sample is the real
report the truncated files are cut from (default /work/shared/samples/005-hongze-qu-2024.pdf).
Deterministic: fixed seeds, reportlab invariant=1, pypdf's random bytes (file ID, AES IVs) drawn
from a seeded generator. The bytes of the compressed streams depend on the zlib and libjpeg the
Python build links; the decoded content does not.

Most files are written by hand with `build_pdf` (a list of object bodies in, a file with correct
offsets, xref table and trailer out), so each one is broken in exactly one known way.
"""
import argparse
import contextlib
import io
import logging
import os
import random
import secrets
import sys
import time
import warnings
import zlib

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

MIB = 1024 * 1024
BOMB_SIZE = 512 * MIB  # what the bombs inflate to
SINGLE_BOMB_SIZE = 256 * MIB  # one Flate stage: deflate gives at most ~1032:1, so ~250 KB stored
DEFAULT_SAMPLE = "/work/shared/samples/005-hongze-qu-2024.pdf"

# ---------------------------------------------------------------------------------------------
# Hand-written PDFs


def stream(entries: bytes, data: bytes) -> bytes:
    """An object body for a stream: `entries` are the dictionary's other keys."""
    return b"<< " + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def build_pdf(bodies, root=None, version=b"1.7", trailer_extra=b"") -> bytes:
    """A whole file from object bodies: bodies[i] is object i+1 (generation 0). `root` is the
    catalog's object number (default: the first body containing /Type /Catalog)."""
    if root is None:
        root = next(i + 1 for i, b in enumerate(bodies) if b"/Type /Catalog" in b)
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\n" % (len(bodies) + 1, root, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def build_pdf_xref_stream(plain, compressed, objstm_num, root, version=b"1.5") -> bytes:
    """A PDF 1.5 file with a cross-reference stream. `plain` maps object number -> body (written
    in the file); `compressed` maps object number -> index inside object stream `objstm_num`
    (itself one of `plain`). The xref stream takes the next free number and is not compressed."""
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(plain):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + plain[num] + b"\nendobj\n"
    xref_num = max(list(plain) + list(compressed)) + 1
    offsets[xref_num] = len(out)
    rows = bytearray()
    for num in range(xref_num + 1):
        if num in offsets:
            rows += bytes([1]) + offsets[num].to_bytes(4, "big") + bytes([0])
        elif num in compressed:
            rows += bytes([2]) + objstm_num.to_bytes(4, "big") + bytes([compressed[num]])
        else:
            rows += bytes([0]) + (0).to_bytes(4, "big") + bytes([0xFF if num == 0 else 0])
    body = stream(b"/Type /XRef /Size %d /W [1 4 1] /Root %d 0 R" % (xref_num + 1, root), bytes(rows))
    out += b"%d 0 obj\n" % xref_num + body + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_num]
    return bytes(out)


# A Type0 font as reportlab writes its built-in STSong-Light (not embedded; UCS-2 code units),
# and Helvetica for ASCII.
CJK_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
    b" /DescendantFonts [ << /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 0 >> /DW 1000"
    b" /FontDescriptor << /Type /FontDescriptor /FontName /STSongStd-Light /Flags 6"
    b" /FontBBox [ -25 -254 1000 880 ] /ItalicAngle 0 /Ascent 752 /Descent -271"
    b" /CapHeight 737 /StemV 58 >> >> ] >>"
)
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
FONTS = b"/Font << /F1 " + CJK_FONT + b" /F2 " + HELVETICA + b" >>"
MEDIABOX = b"/MediaBox [ 0 0 595 842 ]"


def cjk(text: str) -> bytes:
    """A hex string of UCS-2 code units for the CJK font."""
    return b"<" + text.encode("utf-16-be").hex().upper().encode() + b">"


def text_ops(y: int, cn: str, en: str) -> bytes:
    """Two lines of text at height y: Chinese in /F1 and ASCII in /F2."""
    return (
        b"BT /F1 14 Tf 72 %d Td %s Tj ET\n" % (y, cjk(cn))
        + b"BT /F2 10 Tf 72 %d Td (%s) Tj ET\n" % (y - 20, en.encode("ascii"))
    )


def deflate_stream(chunk: bytes, total: int, level=9) -> bytes:
    """zlib-compresses `total` bytes of `chunk` repeated, without holding them in memory."""
    assert total % len(chunk) == 0
    block = chunk * (MIB // len(chunk))
    comp = zlib.compressobj(level)
    parts = []
    left = total
    while left:
        part = block[: min(left, len(block))]
        parts.append(comp.compress(part))
        left -= len(part)
    parts.append(comp.flush())
    return b"".join(parts)


# ---------------------------------------------------------------------------------------------
# The fixtures


def scan_page_jpeg(seed: int, page: int) -> tuple[bytes, int, int]:
    """A grey 'scanned' A4 page at 72 dpi: paper noise, a title bar, lines of word blobs and a
    ruled table, JPEG-coded."""
    w, h = 595, 842
    rnd = random.Random(seed)
    noise = rnd.randbytes(w * h)
    img = Image.frombytes("L", (w, h), noise).point(lambda v: 228 + v // 24)
    d = ImageDraw.Draw(img)
    d.rectangle([200, 60, 395, 80], fill=40)  # title
    y = 120
    for _ in range(14 if page == 1 else 6):  # paragraphs of 'words'
        x = 72 + (24 if rnd.random() < 0.3 else 0)
        while x < w - 90:
            wd = rnd.randint(12, 60)
            d.rectangle([x, y, x + wd, y + 9], fill=rnd.randint(25, 70))
            x += wd + rnd.randint(4, 10)
        y += 22
    y += 20
    rows, cols = (10, 4) if page == 1 else (18, 3)
    cw, rh = (w - 144) // cols, 22
    for r in range(rows + 1):
        d.line([72, y + r * rh, 72 + cols * cw, y + r * rh], fill=30, width=1)
    for c in range(cols + 1):
        d.line([72 + c * cw, y, 72 + c * cw, y + rows * rh], fill=30, width=1)
    for r in range(rows):
        for c in range(cols):
            wd = rnd.randint(10, cw - 20) if c == 0 else rnd.randint(8, 30)
            x0 = 78 if c == 0 else 72 + (c + 1) * cw - 8 - wd
            d.rectangle([x0, y + r * rh + 7, x0 + wd, y + r * rh + 15], fill=rnd.randint(25, 70))
    img = img.rotate(0.4, resample=Image.BICUBIC, fillcolor=235)  # a slightly skewed scan
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=45, optimize=False, progressive=False)
    return buf.getvalue(), w, h


def make_scan() -> bytes:
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [ 3 0 R 6 0 R ] /Count 2 >>",
    ]
    for page in (1, 2):
        jpeg, w, h = scan_page_jpeg(100 + page, page)
        n = len(bodies) + 1  # page n, content n+1, image n+2
        bodies.append(
            b"<< /Type /Page /Parent 2 0 R %s /Resources << /XObject << /Im0 %d 0 R >> >>"
            b" /Contents %d 0 R >>" % (MEDIABOX, n + 2, n + 1)
        )
        bodies.append(stream(b"", b"q 595 0 0 842 0 0 cm /Im0 Do Q"))
        bodies.append(
            stream(
                b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
                b" /BitsPerComponent 8 /Filter /DCTDecode" % (w, h),
                jpeg,
            )
        )
    return build_pdf(bodies)


def report_pdf() -> bytes:
    """A small report-like PDF from reportlab: headings, a paragraph and a table in Chinese."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=10.5, leading=15, wordWrap="CJK")
    head = ParagraphStyle("h", parent=body, fontSize=12, leading=18)
    title = ParagraphStyle("t", parent=body, fontSize=16, leading=24, alignment=1)
    story = [
        Paragraph("某某区人民政府2024年政府信息公开工作年度报告", title),
        Paragraph("一、总体情况", head),
        Paragraph(
            "2024年，本区认真贯彻落实《中华人民共和国政府信息公开条例》，"
            "不断加大主动公开力度，依法做好依申请公开工作。",
            body,
        ),
        Spacer(1, 8),
        Paragraph("二、主动公开政府信息情况", head),
    ]
    rows = [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "3", "1", "25"],
    ]
    cell = ParagraphStyle("c", parent=body, fontSize=9, leading=11)
    table = Table([[Paragraph(c, cell) for c in r] for r in rows], colWidths=[150, 90, 90, 90])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story.append(table)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1, title="test", author="nianbao")
    doc.build(story)
    return buf.getvalue()


@contextlib.contextmanager
def seeded_secrets(seed: int):
    """pypdf draws the file ID and the AES IVs from secrets.token_bytes; for a fixture that must
    not change between runs, draw them from a seeded generator instead (test data only)."""
    rnd = random.Random(seed)
    saved = secrets.token_bytes
    secrets.token_bytes = lambda n=32: rnd.randbytes(n)
    try:
        yield
    finally:
        secrets.token_bytes = saved


def encrypt(pdf: bytes, seed: int, **kw) -> bytes:
    with seeded_secrets(seed):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
        writer.encrypt(**kw)
        buf = io.BytesIO()
        writer.write(buf)
    return buf.getvalue()


def make_flate_bomb(size=BOMB_SIZE) -> bytes:
    """Two FlateDecode stages: the stored ~1 KB inflates to ~0.5 MB, which inflates to 512 MiB
    of NUL bytes (whitespace in a content stream)."""
    inner = deflate_stream(b"\0", size)
    data = zlib.compress(inner, 9)
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R %s /Resources << %s >> /Contents 4 0 R >>" % (MEDIABOX, FONTS),
        stream(b"/Filter [ /FlateDecode /FlateDecode ]", data),
    ])


def make_flate_bomb_single(size=SINGLE_BOMB_SIZE) -> bytes:
    """One FlateDecode stage: 256 MiB of NUL bytes (whitespace in a content stream)."""
    data = deflate_stream(b"\0", size)
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R %s /Resources << >> /Contents 4 0 R >>" % MEDIABOX,
        stream(b"/Filter /FlateDecode", data),
    ])


def make_objstm_bomb(size=BOMB_SIZE) -> bytes:
    """The catalog, page tree and page live in an object stream whose decoded data is the three
    objects followed by NUL padding to 512 MiB (two FlateDecode stages, as in flate-bomb)."""
    objs = [
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>"),
        (3, b"<< /Type /Page /Parent 2 0 R %s /Resources << %s >> /Contents 4 0 R >>" % (MEDIABOX, FONTS)),
    ]
    data, header = b"", b""
    for num, body in objs:
        header += b"%d %d " % (num, len(data))
        data += body + b"\n"
    header = header.rstrip() + b"\n"
    first = len(header)
    prefix = header + data
    pad = size - len(prefix)
    comp = zlib.compressobj(9)
    inner = comp.compress(prefix)
    block = b"\0" * MIB
    while pad:
        part = block[: min(pad, MIB)]
        inner += comp.compress(part)
        pad -= len(part)
    inner += comp.flush()
    objstm = stream(
        b"/Type /ObjStm /N %d /First %d /Filter [ /FlateDecode /FlateDecode ]" % (len(objs), first),
        zlib.compress(inner, 9),
    )
    content = stream(b"", text_ops(760, "一、总体情况", "objstm-bomb: you should not be reading this"))
    return build_pdf_xref_stream({4: content, 5: objstm}, {1: 0, 2: 1, 3: 2}, objstm_num=5, root=1)


def make_cycle_xobject() -> bytes:
    page_content = text_ops(760, "一、总体情况", "cycle-xobject: page text before the form") + b"/Fx0 Do\n"
    form_content = text_ops(700, "二、主动公开", "cycle-xobject: form text") + b"/Fx0 Do\n"
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R %s /Resources << %s /XObject << /Fx0 5 0 R >> >>"
        b" /Contents 4 0 R >>" % (MEDIABOX, FONTS),
        stream(b"", page_content),
        stream(
            b"/Type /XObject /Subtype /Form /BBox [ 0 0 595 842 ]"
            b" /Resources << %s /XObject << /Fx0 5 0 R >> >>" % FONTS,
            form_content,
        ),
    ])


def make_cycle_pages() -> bytes:
    """Pages node 2 lists a real page and itself among its kids."""
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [ 3 0 R 2 0 R ] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R %s /Resources << %s >> /Contents 4 0 R >>" % (MEDIABOX, FONTS),
        stream(b"", text_ops(760, "一、总体情况", "cycle-pages: the one real page")),
    ])


def make_cycle_ref() -> bytes:
    """Objects 1 and 2 are references to each other; the page uses them as its /Contents and
    /Resources."""
    return build_pdf([
        b"2 0 R",
        b"1 0 R",
        b"<< /Type /Catalog /Pages 4 0 R >>",
        b"<< /Type /Pages /Kids [ 5 0 R ] /Count 1 >>",
        b"<< /Type /Page /Parent 4 0 R %s /Resources 2 0 R /Contents 1 0 R >>" % MEDIABOX,
    ])


def deep_tj(depth: int) -> bytes:
    return (
        text_ops(760, "一、总体情况", "deep-nesting: text before the deep TJ")
        + b"BT /F2 10 Tf 72 700 Td "
        + b"[" * depth + b"(deep)" + b"]" * depth
        + b" TJ ET\n"
        + text_ops(660, "二、主动公开", "deep-nesting: text after the deep TJ")
    )


def make_deep_nesting(dict_depth=10_000, array_depth=100_000, with_dict=True) -> bytes:
    deep = b"<< /A " * dict_depth + b"(bottom)" + b" >>" * dict_depth
    page = b"<< /Type /Page /Parent 2 0 R %s /Resources << %s >> /Contents 4 0 R%s >>" % (
        MEDIABOX, FONTS, b" /NianbaoDeep " + deep if with_dict else b"")
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
        page,
        stream(b"/Filter /FlateDecode", zlib.compress(deep_tj(array_depth), 9)),
    ])


def make_garbage() -> bytes:
    return b"%PDF-1.7\n" + random.Random(1).randbytes(4096)


def make_no_pages() -> bytes:
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [ ] /Count 0 >>",
    ])


# ---------------------------------------------------------------------------------------------
# Checks with pypdf


def pypdf_text(path, password=None, max_pages=10) -> tuple[int, str]:
    r = PdfReader(path, password=password)
    n = len(r.pages)
    return n, "".join((p.extract_text() or "") for p in list(r.pages)[:max_pages])


def try_(fn):
    try:
        return fn()
    except RecursionError as e:
        return f"RecursionError ({str(e)[:40]})"
    except Exception as e:  # noqa: BLE001 - a summary line, whatever pypdf raises
        return f"{type(e).__name__}: {str(e)[:70]}"


def inflated_size(data: bytes) -> tuple[int, bytes]:
    """How many bytes zlib `data` inflates to, counted 1 MiB at a time; and the first 4 KB."""
    d = zlib.decompressobj()
    total, head = 0, b""
    chunk = d.decompress(data, MIB)
    while chunk:
        total += len(chunk)
        head = head or chunk[:4096]
        chunk = d.decompress(d.unconsumed_tail, MIB)
    assert d.eof
    return total, head


def check(name, path) -> str:
    """One line saying what pypdf makes of the file (and assertions where the fixture's point
    can be checked cheaply)."""
    if name == "scan.pdf":
        r = PdfReader(path)
        raw = b"".join(p.get_contents().get_data() for p in r.pages)
        assert len(r.pages) == 2 and b"BT" not in raw and b"Tj" not in raw
        assert all("/Font" not in (p.get("/Resources") or {}) for p in r.pages)
        assert all(not (p.extract_text() or "").strip() for p in r.pages)
        return "2 pages, each one DCT image, no fonts, no text operators, pypdf text empty"
    if name in ("encrypted.pdf", "encrypted-rc4.pdf"):
        r = PdfReader(path)
        assert r.is_encrypted
        bad = try_(lambda: pypdf_text(path, password=""))
        assert not isinstance(bad, tuple), bad
        n, text = pypdf_text(path, password="secret")
        assert "一、总体情况" in text and "行政规范性文件" in text, text
        alg = r.trailer["/Encrypt"]
        return (f"encrypted V{alg['/V']} R{alg['/R']}; empty password -> {bad}; "
                f"'secret' -> {n} page, text has 一、总体情况")
    if name == "encrypted-empty-user.pdf":
        r = PdfReader(path)
        assert r.is_encrypted
        n, text = pypdf_text(path)  # pypdf tries the empty user password itself
        assert "一、总体情况" in text
        enc = r.trailer["/Encrypt"]
        return f"encrypted V{enc['/V']} R{enc['/R']} P={enc['/P']}; opens with no password, {n} page"
    if name == "garbage.pdf" or name.startswith("truncated"):
        res = try_(lambda: pypdf_text(path))
        if isinstance(res, tuple):
            return f"pypdf recovers {res[0]} page(s), {len(res[1])} chars (a reader may say PDF_DAMAGED)"
        return f"pypdf: {res}"
    if "bomb" in name:
        data = open(path, "rb").read()
        start = data.index(b"stream\n", data.index(b"/ObjStm" if "objstm" in name else b"/Filter")) + 7
        stored = data[start:data.index(b"\nendstream", start)]
        stages = 1 if name == "flate-bomb-single.pdf" else 2
        raw_len = len(stored)
        if stages == 2:
            stored = zlib.decompress(stored)  # ~0.5 MB
        size, head = inflated_size(stored)
        want = SINGLE_BOMB_SIZE if stages == 1 else BOMB_SIZE
        assert size == want, (name, size)
        # The same construction at 1 MiB must be a sound PDF that pypdf reads.
        twin = {"flate-bomb.pdf": make_flate_bomb, "flate-bomb-single.pdf": make_flate_bomb_single,
                "objstm-bomb.pdf": make_objstm_bomb}[name](MIB)
        n, text = pypdf_text(io.BytesIO(twin))
        assert n == 1
        if name == "objstm-bomb.pdf":
            assert head.startswith(b"1 0 2 ") and "objstm-bomb" in text, (head[:40], text)
        return (f"stream {raw_len} B stored, {stages} Flate stage(s) ->"
                f" {size // MIB} MiB (checked streaming); its 1 MiB twin opens in pypdf, 1 page")
    if name.startswith("cycle") or name.startswith("deep"):
        t0 = time.time()
        res = try_(lambda: pypdf_text(path))
        took = time.time() - t0
        if isinstance(res, tuple):
            return f"pypdf: {res[0]} page(s), text {res[1][:60]!r} ({took:.1f}s)"
        return f"pypdf: {res} ({took:.1f}s)"
    if name == "no-pages.pdf":
        r = PdfReader(path)
        assert len(r.pages) == 0
        return "pypdf opens it: 0 pages"
    return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--sample", default=DEFAULT_SAMPLE)
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # the broken files make it chatty
    warnings.simplefilter("ignore")
    sys.setrecursionlimit(3000)  # pypdf's checks of the cycle/deep files: fail fast, not crash

    sample = open(args.sample, "rb").read()
    report = report_pdf()
    files = {
        "scan.pdf": make_scan,
        "encrypted.pdf": lambda: encrypt(
            report, 1, user_password="secret", owner_password="owner", algorithm="AES-128"),
        "encrypted-rc4.pdf": lambda: encrypt(
            report, 2, user_password="secret", owner_password="owner", algorithm="RC4-128"),
        "encrypted-empty-user.pdf": lambda: encrypt(
            report, 3, user_password="", owner_password="owner", algorithm="AES-128",
            permissions_flag=UserAccessPermissions.PRINT | UserAccessPermissions.PRINT_TO_REPRESENTATION),
        "truncated.pdf": lambda: sample[: len(sample) * 55 // 100],
        "truncated-head.pdf": lambda: sample[:2000],
        "flate-bomb.pdf": make_flate_bomb,
        "flate-bomb-single.pdf": make_flate_bomb_single,
        "objstm-bomb.pdf": make_objstm_bomb,
        "cycle-xobject.pdf": make_cycle_xobject,
        "cycle-pages.pdf": make_cycle_pages,
        "cycle-ref.pdf": make_cycle_ref,
        "deep-nesting.pdf": make_deep_nesting,
        "deep-tj.pdf": lambda: make_deep_nesting(with_dict=False),
        "garbage.pdf": make_garbage,
        "no-pages.pdf": make_no_pages,
    }
    for name, make in files.items():
        data = make()
        assert len(data) < 400_000, (name, len(data))
        path = os.path.join(args.out_dir, name)
        with open(path, "wb") as f:
            f.write(data)
        print(f"{name:26} {len(data):>8} B  {check(name, path)}")


if __name__ == "__main__":
    main()
