#!/usr/bin/env bash
# Soak: a bounded run at 80% of saturation with a mix of text, HTML, DOCX and malformed inputs
# (examples/loadgen.rs --only soak), the server's RSS every 10 s. The server runs as deployed
# (info logs, the submission event for every call, written to /dev/null here).
# Usage: tools/soak/run.sh [SECONDS (600)] [RATE (default: 80% of the measured saturation)]
# What to look for: RSS flat after warm-up, text p99 under 5 ms, no unexpected answers.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-600}"
rate="${2:-}"
port=50091
cargo build --release --quiet --bin nianbao --example loadgen
./target/release/nianbao serve --addr "127.0.0.1:$port" --max-concurrent 1000 >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
sleep 1
L=./target/release/examples/loadgen
if [ -z "$rate" ]; then
  echo "== saturation of the mix (10 s, as fast as answers come)"
  sat=$($L --addr "127.0.0.1:$port" --seconds 10 --concurrency 32 --client-threads 1 \
          --only soak --rate 1000000 | tee /dev/stderr | awk '/total:/ {print $(NF)}' | tr -d '/s')
  rate=$(python3 -c "print(int(float('$sat') * 0.8))")
fi
echo "== soak: $secs s at $rate req/s (pid $pid)"
$L --addr "127.0.0.1:$port" --seconds "$secs" --concurrency 32 --client-threads 1 \
   --only soak --rate "$rate" --pid "$pid"
