#!/bin/sh
# Exports the Word and HTML samples to PDF with LibreOffice, as offices publish them, into
# tests/fixtures/pdf/lo-<stem>.pdf, each with its label copied to lo-<stem>.expected.json ("file"
# set to the PDF, a line added to "notes"). Run from the repository root:
#
#     sh tools/pdfvariants/lo_export.sh [OUT_DIR]      (default tests/fixtures/pdf)
#
# Inputs: the shared Word sample and the HTML sample (tests/fixtures/samples/, else
# /work/shared/samples/), and the python-docx documents tests/fixtures/pdf-layout/docx-*.docx.
# LibreOffice runs headless with a fresh profile, under a timeout (it can hang on a stale one).
# Its PDFs are not byte-reproducible (creation date, document id).
set -eu

OUT=${1:-tests/fixtures/pdf}
SAMPLES=tests/fixtures/samples
SHARED=/work/shared/samples
TMP=$(mktemp -d /tmp/lo-export.XXXXXX)
PROFILE=file://$TMP/profile
mkdir -p "$OUT" "$TMP/in" "$TMP/out"

pick() { # a sample from tests/fixtures/samples, else from the shared samples
    if [ -f "$SAMPLES/$1" ]; then echo "$SAMPLES/$1"; else echo "$SHARED/$1"; fi
}

# source document <TAB> its label
{
    printf '%s\t%s\n' "$(pick 006-shanghai-bangongting-2019-word.docx)" "$(pick 006-shanghai-bangongting-2019-word.expected.json)"
    # (Not the HTML sample: LibreOffice lays its 表三 wider than the page, so the first and last
    # columns are cut off the PDF; no reader of that PDF can see them.)
    for d in tests/fixtures/pdf-layout/docx-*.docx; do
        printf '%s\t%s\n' "$d" "${d%.docx}.expected.json"
    done
} >"$TMP/list"

while IFS="$(printf '\t')" read -r src label; do
    cp "$src" "$TMP/in/"
done <"$TMP/list"

# One LibreOffice run for all the documents.
timeout 300 soffice "-env:UserInstallation=$PROFILE" --headless --norestore \
    --convert-to pdf --outdir "$TMP/out" "$TMP"/in/* >"$TMP/soffice.log" 2>&1 || {
    echo "soffice failed or timed out:" >&2
    cat "$TMP/soffice.log" >&2
    exit 1
}
grep -v '^convert ' "$TMP/soffice.log" >&2 || true

while IFS="$(printf '\t')" read -r src label; do
    base=$(basename "$src")
    stem=${base%.*}
    pdf="$TMP/out/$stem.pdf"
    [ -s "$pdf" ] || { echo "no PDF for $src" >&2; exit 1; }
    cp "$pdf" "$OUT/lo-$stem.pdf"
    python3 - "$label" "lo-$stem.pdf" "$base" >"$OUT/lo-$stem.expected.json" <<'PY'
import json, sys
label, pdf, source = sys.argv[1:]
e = json.load(open(label))
e["file"] = pdf
e["notes"] = f"{source} exported to PDF by LibreOffice (tools/pdfvariants/lo_export.sh). " + e.get("notes", "")
print(json.dumps(e, ensure_ascii=False, indent=1))
PY
    echo "$OUT/lo-$stem.pdf"
done <"$TMP/list"

rm -rf "$TMP"
