#!/usr/bin/env bash
# Runs every fuzz target for a bounded time on stable Rust (no sanitizer: -s none).
# Usage: fuzz/run.sh [SECONDS_PER_TARGET]   (default 30)
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-30}"
# FUZZ_QUICK_BUILD=1 (CI's smoke): the targets built unoptimised (cargo fuzz --dev, no debug
# info) instead of cargo-fuzz's optimised single-codegen-unit build; the build takes a fraction of
# the time, the targets run slower. Debug assertions and overflow checks are on either way.
quick=()
if [ "${FUZZ_QUICK_BUILD:-}" = 1 ]; then
  quick=(--dev)
  export CARGO_PROFILE_DEV_DEBUG=0
fi
fixtures=../tests/fixtures/samples
mkdir -p corpus/fuzz_text corpus/fuzz_html corpus/fuzz_docx corpus/fuzz_request corpus/fuzz_pdf
cp "$fixtures"/*.txt corpus/fuzz_text/
cp "$fixtures"/*.html corpus/fuzz_html/
cp "$fixtures"/*.docx corpus/fuzz_docx/
# Small PDFs (the generated template layouts and the broken files) seed the PDF target.
cp ../tests/fixtures/pdf/pdf-*-blank0*.pdf corpus/fuzz_pdf/
find ../tests/fixtures/pdf-bad -name "*.pdf" -size -20k -exec cp {} corpus/fuzz_pdf/ \;
for t in fuzz_text fuzz_html fuzz_docx fuzz_request fuzz_pdf; do
  echo "== $t (${secs}s)"
  cargo fuzz run "$t" -s none "${quick[@]}" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -max_len=1048576
done
