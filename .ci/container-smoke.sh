#!/usr/bin/env bash
# Builds the real Dockerfile and smoke-tests the image with no Docker engine and no image registry:
# Debian's buildah and mmdebstrap, the machine's Debian mirror and Maven Central only. Run as root.
# The base images are made locally (Debian bookworm + OpenJDK 17) and passed as the build arguments;
# the image then runs with `buildah run`, answers its health check, chats with two clients, and is
# checked to run as user 10001. Called by .ci/run; takes about 3 minutes.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)     # the project checkout (Dockerfile at its root)
LAB=${LAB:-${TMPDIR:-/tmp}/chat-relay-container}
ST=$LAB/storage RR=$LAB/runroot BASE=$LAB/base LOGS=$LAB/logs
TCP_PORT=${TCP_PORT:-25555} HTTP_PORT=${HTTP_PORT:-28080} MGMT_PORT=${MGMT_PORT:-28081}
IMAGE=localhost/chat-relay:test JDK=localhost/jdk:17 JRE=localhost/jre:17 CTR=chat-relay-smoke
# buildah ignores the storage env var: always pass root, runroot and driver explicitly
B=(buildah --root "$ST" --runroot "$RR" --storage-driver vfs)
PATH_ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

mkdir -p "$LAB" "$BASE" "$LOGS"
T0=$(date +%s%N); : > "$LOGS/timings.txt"
secs() { local ms=$(( ($(date +%s%N) - $2) / 1000000 )); printf '%-22s %4d.%01d s\n' "$1" $((ms/1000)) $((ms%1000/100)) | tee -a "$LOGS/timings.txt"; }
step() {   # step NAME CMD...: run, time, log
  local name=$1; shift; local s; s=$(date +%s%N)
  echo "== $name"
  "$@"
  secs "$name" "$s"
}

# ---- 1. tools from Debian (no recommends: no runc/crun/fuse-overlayfs needed for vfs + chroot isolation)
install_tools() {
  apt-get update -q >"$LOGS/apt.log"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    buildah mmdebstrap curl python3 >>"$LOGS/apt.log"
}
step apt-install install_tools

# ---- clean state: drop any previous storage (vfs: plain directories, no mounts left behind)
if [ -d "$ST" ]; then "${B[@]}" rm --all >/dev/null 2>&1 || true; rm -rf "$ST" "$RR"; fi

# ---- 2. base images, made locally
# the machine's own apt sources (its mirror), else mmdebstrap's default mirror for bookworm
SOURCES=()
if [ -f /etc/apt/sources.list.d/debian.sources ]; then SOURCES=(/etc/apt/sources.list.d/debian.sources); fi
# do not bake the build host's resolv.conf/hostname into the images (buildah run/build bind-mounts its own)
HOOKS=(--customize-hook='rm -f "$1"/etc/resolv.conf "$1"/etc/hostname')
# If the host trusts extra CAs (e.g. a TLS-intercepting egress proxy), the JDK image must trust them too,
# or ./mvnw fails with "PKIX path building failed". update-ca-certificates also refreshes Java's cacerts.
CA_HOOKS=()
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  CA_HOOKS=(--customize-hook='cp /usr/local/share/ca-certificates/*.crt "$1"/usr/local/share/ca-certificates/'
            --customize-hook='chroot "$1" update-ca-certificates')
fi
step mmdebstrap-jdk timeout 900 mmdebstrap --quiet --variant=minbase \
  --include=openjdk-17-jdk-headless,ca-certificates ${CA_HOOKS[@]+"${CA_HOOKS[@]}"} "${HOOKS[@]}" \
  bookworm "$BASE/jdk.tar" ${SOURCES[@]+"${SOURCES[@]}"}
step mmdebstrap-jre timeout 900 mmdebstrap --quiet --variant=minbase \
  --include=openjdk-17-jre-headless,ca-certificates "${HOOKS[@]}" \
  bookworm "$BASE/jre.tar" ${SOURCES[@]+"${SOURCES[@]}"}

import_tar() {  # import_tar TAR IMAGE: rootfs tarball -> single-layer image in buildah's storage
  local c; c=$("${B[@]}" from --name "import-$RANDOM" scratch)
  "${B[@]}" add "$c" "$1" /            # a local tar archive is extracted
  "${B[@]}" config --env "$PATH_ENV" --cmd /bin/bash "$c"
  "${B[@]}" commit -q --rm "$c" "$2" >/dev/null
}
step import-jdk import_tar "$BASE/jdk.tar" "$JDK"
step import-jre import_tar "$BASE/jre.tar" "$JRE"

# ---- 3. the real Dockerfile (chroot isolation = host network: Maven Central reachable in RUN)
build() {
  (cd "$REPO" && timeout 1800 "${B[@]}" build --isolation chroot \
     --build-arg BUILD_IMAGE="$JDK" --build-arg RUNTIME_IMAGE="$JRE" \
     --build-arg REVISION="$REVISION" --build-arg VERSION=ci -t "$IMAGE" .) >"$LOGS/build.log" 2>&1 \
   || { tail -50 "$LOGS/build.log"; return 1; }
}
REVISION=$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)
step build build
# the OCI labels carry the build arguments
label=$("${B[@]}" inspect --type image --format '{{index .OCIv1.Config.Labels "org.opencontainers.image.revision"}}' "$IMAGE")
echo "org.opencontainers.image.revision: $label"; [ "$label" = "$REVISION" ]
"${B[@]}" images
du -sh "$ST" | tee -a "$LOGS/timings.txt"

# ---- 4. run it: buildah run ignores ENTRYPOINT, so take it from the image config
BPID= JPID=
cleanup() {
  if [ -n "$JPID" ] && kill -0 "$JPID" 2>/dev/null; then kill -TERM "$JPID"; fi
  if [ -n "$BPID" ]; then timeout 40 tail --pid="$BPID" -f /dev/null || kill -KILL "$BPID" 2>/dev/null || true; fi
  "${B[@]}" rm "$CTR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

run_and_check() {
  "${B[@]}" rm "$CTR" >/dev/null 2>&1 || true
  "${B[@]}" from -q --name "$CTR" "$IMAGE" >/dev/null
  local uid; uid=$("${B[@]}" run --isolation chroot "$CTR" -- id -u)
  echo "id -u in the image: $uid"; [ "$uid" = 10001 ]
  local -a ep; read -r -a ep <<<"$("${B[@]}" inspect --type image \
      --format '{{range .OCIv1.Config.Entrypoint}}{{.}} {{end}}' "$IMAGE")"
  echo "entrypoint: ${ep[*]}"
  local launched; launched=$(date +%s%N)
  setsid "${B[@]}" run --isolation chroot "$CTR" -- "${ep[@]}" \
      --chat.tcp.port="$TCP_PORT" --server.port="$HTTP_PORT" --management.server.port="$MGMT_PORT" \
      >"$LOGS/app.log" 2>&1 </dev/null &
  BPID=$!
  # buildah -> buildah-chroot-runtime -> buildah-chroot-exec -> java
  local i p c
  for i in $(seq 1 120); do
    p=$BPID; while c=$(ps -o pid= --ppid "$p" | head -1 | tr -d ' '); [ -n "$c" ]; do p=$c; done
    [ "$(cat /proc/"$p"/comm 2>/dev/null)" = java ] && { JPID=$p; break; }
    kill -0 "$BPID" || { cat "$LOGS/app.log"; return 1; }; sleep 0.5
  done
  [ -n "$JPID" ]
  echo "java pid $JPID, $(grep ^Uid: /proc/"$JPID"/status)"
  grep -qE '^Uid:\s+10001\s+10001\s+10001\s+10001$' /proc/"$JPID"/status
  for i in $(seq 1 600); do
    curl -fsS "localhost:$MGMT_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
    kill -0 "$JPID" || { tail -50 "$LOGS/app.log"; return 1; }; sleep 0.2
  done
  secs launch-to-health-up "$launched"   # the image's start, class cache and warm-up included
  grep -m1 'chat-relay: \(AOT cache\|CDS archive\|no class cache\)' "$LOGS/build.log" || true   # what the image's class cache is
  curl -fsS "localhost:$MGMT_PORT/actuator/health"; echo
  curl -fsS "localhost:$MGMT_PORT/actuator/health" | grep -q '"status":"UP"'
  timeout 30 python3 - "$TCP_PORT" <<'EOF'
import socket, sys, time
port = int(sys.argv[1])
def readline(f):
    line = f.readline()
    if not line: raise SystemExit("connection closed")
    return line.decode().rstrip("\r\n")
def join(name):
    s = socket.create_connection(("127.0.0.1", port), timeout=10); f = s.makefile("rb")
    p = readline(f); assert p.startswith("Enter your name:"), p
    s.sendall((name + "\n").encode())
    w = readline(f); assert w.startswith("[SERVER] welcome, %s!" % name), w
    print(name, "<", w); return s, f
def expect(f, want, who):
    while True:
        l = readline(f); print(who, "<", l)
        if l == want: return
a, fa = join("alice"); b, fb = join("bob")
a.sendall(b"hello from alice\n"); expect(fb, "[alice] hello from alice", "bob")
b.sendall(b"hi alice\n"); expect(fa, "[bob] hi alice", "alice")
a.close(); b.close(); print("CHAT OK")
EOF
  # the chart's `helm test` command, run inside the image against the relay: the client logs in
  "${B[@]}" run --isolation chroot "$CTR" -- sh -c \
    "printf 'helm-test\n/quit\n' | /app/chat-relay client 127.0.0.1 $TCP_PORT | grep '^\[SERVER\] welcome, helm-test!'"
  echo "HELM TEST COMMAND OK"
}
step run-and-check run_and_check

# ---- 5. stop cleanly: SIGTERM to java (SIGTERM to buildah makes it SIGKILL the app), expect 143
stop_app() {
  kill -TERM "$JPID"
  local rc=0; wait "$BPID" || rc=$?
  echo "buildah run exit: $rc (143 = java ended on SIGTERM)"; [ "$rc" = 143 ] || [ "$rc" = 0 ]
  grep -q 'Commencing graceful shutdown\|ionShutdownHook' "$LOGS/app.log"
  BPID= JPID=
  "${B[@]}" rm "$CTR" >/dev/null
}
step stop stop_app
secs TOTAL "$T0"
