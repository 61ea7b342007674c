#!/usr/bin/env bash
# Realistic variants of the shared samples (tables reordered, wrapped rows, breadcrumbs, one cell
# a line, ... with the samples' true cells), read by nianbao and compared cell by cell.
# Usage: tools/variants/run.sh [MIN_EXACT]   (run from the repository root; needs a built binary,
# NIANBAO_BIN, default target/debug/nianbao). Fails when fewer than MIN_EXACT variants come out
# exactly right (cells and metadata, no cell left ambiguous). A cell left ambiguous with the true
# value among its candidates is counted apart: not settled, not wrong.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export VARIANT_OUT="${VARIANT_OUT:-target/variants/}"
rm -rf "$VARIANT_OUT"
for g in "$here"/variants*.py; do python3 "$g" > /dev/null; done
total=0; exact=0; unwrong=0
report="$VARIANT_OUT/report.txt"
: > "$report"
for f in "$VARIANT_OUT"*.txt "$VARIANT_OUT"*.html "$VARIANT_OUT"*.docx; do
  [ -e "$f" ] || continue
  e="${f%.*}.expected.json"
  [ -f "$e" ] || continue
  out="$(python3 "$here/cmp.py" "$f" "$e")"
  line="${out%%$'\n'*}"
  echo "$line" >> "$report"
  total=$((total + 1))
  if [[ "$line" == *": 0 wrong cells; meta: ok; ambiguous: 0;"* ]]; then exact=$((exact + 1)); fi
  if [[ "$line" == *": 0 wrong cells; meta: ok;"* ]]; then unwrong=$((unwrong + 1)); fi
done
grep -v ": 0 wrong cells; meta: ok; ambiguous: 0;" "$report" || true
echo "variants: $exact of $total exactly right; $unwrong of $total with no wrong cell (the rest of those left ambiguous, the truth among the candidates) (details: $report)"
min="${1:-0}"
if [ "$exact" -lt "$min" ]; then
  echo "fewer than $min variants exactly right" >&2
  exit 1
fi
