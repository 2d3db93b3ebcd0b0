#!/usr/bin/env bash
# The one entry point behind README's two commands, for a fresh Debian 12 machine (run as root):
#   docker/dev.sh run  [azemu start options]   install what is missing, build, start azemu
#   docker/dev.sh test                         install what is missing, build, run every test
#   docker/dev.sh test -R REGEX                the same, only the ctest entries REGEX names
#   docker/dev.sh sanitize [ctest args]        the sanitized build (build-fuzz) and its tests alone
#   docker/dev.sh image [--prebuilt]           the container image (docker/Dockerfile) with docker or podman;
#                                              --prebuilt copies this checkout's build/ instead of compiling
#   docker/dev.sh client-image                 the az client image of compose.yaml and the lab (docker/client/)
#   docker/dev.sh image-test [NAME...]         builds the image (--prebuilt) and runs tests/container/NAME_test.sh
#                                              (all of them without NAME; ctest e2e_container runs this)
# `test` without arguments ends with the CI form of the sanitized build (see SANITIZED_CI below):
# clang + ASan + UBSan unit suites of the core, Entra and Key Vault, and their fuzz targets, 30 s each;
# `sanitize` builds and runs all of it (every unit suite, every fuzz target):
# every libFuzzer target for AZEMU_FUZZ_SECONDS (30) from its seeds (tests/fuzz/).
# Package installs are skipped when everything is already there, so reruns are fast.
set -euo pipefail

cmd=${1:-run}
shift || true
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${AZEMU_BUILD_DIR:-$ROOT/build}

BUILD_PACKAGES=(g++ cmake ninja-build ccache pkg-config libboost1.81-dev nlohmann-json3-dev libsqlite3-dev
  libssl-dev libcryptsetup-dev libcli11-dev doctest-dev ca-certificates)
# Every VM is a user-mode Linux guest; its image is assembled from these installed packages
# (vm-sim/guest/build-guest.sh), its network uses ip netns + socat relays (vm-sim/machine/guest_network).
VM_PACKAGES=(user-mode-linux busybox-static cryptsetup-bin dosfstools mtools dropbear-bin e2fsprogs iproute2 socat)
# `--vm-runtime qemu` (vm-sim/qemu/): QEMU, and Debian's x86-64 kernel unpacked (not installed: no
# initramfs hooks, no bootloader) into QEMU_KERNEL_DIR, where the runtime looks (AZEMU_QEMU_KERNEL_DIR).
QEMU_PACKAGES=(qemu-system-x86)
QEMU_KERNEL_DIR=${AZEMU_QEMU_KERNEL_DIR:-/var/cache/azemu/qemu-kernel}

prepare_qemu_kernel() {
  ls "$QEMU_KERNEL_DIR"/boot/vmlinuz-* > /dev/null 2>&1 && return 0
  local pkg tmp
  # linux-image-amd64 is a metapackage: its dependency names the versioned kernel package.
  pkg=$(apt-cache depends linux-image-amd64 2> /dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
  if [ -z "$pkg" ]; then
    apt-get update -qq
    pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
  fi
  [ -n "$pkg" ] || { echo "azemu: cannot resolve linux-image-amd64's kernel package" >&2; return 1; }
  echo "azemu: unpacking $pkg into $QEMU_KERNEL_DIR" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -qq "$pkg" 2> /dev/null && dpkg -x ./*.deb "$tmp/root")
  mkdir -p "$(dirname "$QEMU_KERNEL_DIR")"
  rm -rf "$QEMU_KERNEL_DIR"
  mv "$tmp/root" "$QEMU_KERNEL_DIR"
  rm -rf "$tmp"
}

# The sanitized build: clang's libFuzzer, ASan and UBSan runtimes.
SANITIZE_PACKAGES=(clang-14 libclang-rt-14-dev)
SANITIZED_BUILD=${AZEMU_SANITIZED_BUILD_DIR:-$ROOT/build-fuzz}
# The CI form: a cold clang + ASan build of everything costs ~50 min on 2 cores, past CI's budget;
# these targets (~130 objects) cover the request pipeline, tokens, Graph and Key Vault. The rest
# (ARM, vm-sim, the service-body and request-path fuzzers) runs with `docker/dev.sh sanitize` and
# bench/fuzz.sh.
SANITIZED_CI_TARGETS=(emulator_tests fake_aad_tests fake_keyvault_tests fuzz_jwt_verify fuzz_odata_filter
  fuzz_jwk_import fuzz_luks_header)
SANITIZED_CI_TESTS='^(emulator_tests|fake_aad_tests|fake_keyvault_tests|fuzz_jwt_verify|fuzz_odata_filter|fuzz_jwk_import|fuzz_luks_header)$'

# Tests drive the real az CLI; cloud mode needs *.localhost to resolve (libnss-myhostname).
TEST_PACKAGES=(azure-cli libnss-myhostname curl jq python3 openssh-client wrk)
# The teaching UI's browser suite (tests/e2e/ui_browser_test.sh): Debian's chromium, driven by puppeteer-core.
UI_TEST_PACKAGES=(chromium)

# puppeteer-core for the browser suite, from tests/e2e/ui's lockfile; PUPPETEER_SKIP_DOWNLOAD: the system
# chromium is used, no browser is downloaded. Skipped when the tree matches the lockfile (the suite checks too).
ensure_ui_deps() {
  (cd "$ROOT/tests/e2e/ui" && PUPPETEER_SKIP_DOWNLOAD=1 flock /tmp/azemu-npm-ui.lock sh -c '
    want=$(sha256sum package-lock.json | cut -d" " -f1)
    [ "$(cat node_modules/.azemu-complete 2>/dev/null)" = "$want" ] ||
      { npm ci --no-audit --no-fund --loglevel=error > /dev/null && echo "$want" > node_modules/.azemu-complete; }')
}

# The container image (docker/Dockerfile): podman from Debian when no docker engine answers; its base is a
# debootstrap Debian 12 root imported as an image (no registry here), cached in BASE_ROOT_DIR.
CONTAINER_PACKAGES=(podman runc uidmap slirp4netns catatonit golang-github-containernetworking-plugin-dnsname
  podman-compose debootstrap python3-yaml)
IMAGE=${AZEMU_IMAGE:-localhost/azemu:latest}
BASE_ROOT_DIR=${AZEMU_BASE_ROOT_DIR:-/var/cache/azemu/bookworm-root}
LOCAL_BASE_IMAGE=localhost/debian:bookworm-updates

# container_engine: prints docker when a docker engine answers, else podman (with this machine class's
# settings, docker/podman/containers.conf: runc, cgroupfs, ulimits within the host's); AZEMU_CONTAINER_ENGINE
# picks one.
container_engine() {
  if [ "${AZEMU_CONTAINER_ENGINE:-}" = docker ] ||
    { [ -z "${AZEMU_CONTAINER_ENGINE:-}" ] && command -v docker > /dev/null && docker info > /dev/null 2>&1; }; then
    echo docker
  else
    echo podman
  fi
}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$ROOT/docker/podman/containers.conf}  # read by podman only

# ensure_base_image ENGINE: prints the BASE_IMAGE to build from. AZEMU_BASE_IMAGE wins; docker pulls
# Debian's official image; podman here imports a minbase debootstrap root (~1 min once, then cached).
ensure_base_image() {
  local engine=$1
  if [ -n "${AZEMU_BASE_IMAGE:-}" ]; then echo "$AZEMU_BASE_IMAGE"; return; fi
  if [ "$engine" = docker ]; then echo docker.io/library/debian:bookworm; return; fi
  if ! podman image exists "$LOCAL_BASE_IMAGE"; then
    if [ ! -x "$BASE_ROOT_DIR/bin/sh" ]; then
      local mirror
      mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2> /dev/null)
      echo "azemu: debootstrap bookworm into $BASE_ROOT_DIR (${mirror:-http://deb.debian.org/debian})" >&2
      mkdir -p "$(dirname "$BASE_ROOT_DIR")"
      rm -rf "$BASE_ROOT_DIR.tmp"
      debootstrap --variant=minbase bookworm "$BASE_ROOT_DIR.tmp" "${mirror:-http://deb.debian.org/debian}" > /dev/null
      mv "$BASE_ROOT_DIR.tmp" "$BASE_ROOT_DIR"
    fi
    # debootstrap's sources.list names bookworm alone: add the point-release updates and security suites, so
    # the image's packages get their fixes.
    local uri
    uri=$(awk '/^deb / { print $2; exit }' "$BASE_ROOT_DIR/etc/apt/sources.list")
    {
      echo "deb ${uri:-http://deb.debian.org/debian} bookworm main"
      echo "deb ${uri:-http://deb.debian.org/debian} bookworm-updates main"
      echo "deb http://deb.debian.org/debian-security bookworm-security main"
    } > "$BASE_ROOT_DIR/etc/apt/sources.list"
    echo "azemu: importing $BASE_ROOT_DIR as $LOCAL_BASE_IMAGE" >&2
    tar --one-file-system -C "$BASE_ROOT_DIR" -c . | podman import -q - "$LOCAL_BASE_IMAGE" > /dev/null
  fi
  echo "$LOCAL_BASE_IMAGE"
}

# build_image [--prebuilt]: builds IMAGE. --prebuilt: the `prebuilt` stage from a small context holding
# this checkout's binaries (build/, stripped) and the guest image sources: no compiler in the image build.
build_image() {
  local engine base context target=() started=$SECONDS
  engine=$(container_engine)
  base=$(ensure_base_image "$engine")
  local opts=(-f "$ROOT/docker/Dockerfile" --build-arg "BASE_IMAGE=$base" -t "$IMAGE")
  # podman: docker format keeps HEALTHCHECK (OCI images have none); host network for apt in RUN steps.
  [ "$engine" = podman ] && opts+=(--format docker --network host)
  if [ "${1:-}" = --prebuilt ]; then
    context=$(mktemp -d /tmp/azemu-image-context.XXXXXX)
    mkdir -p "$context/docker" "$context/vm-sim/ade"
    cp "$ROOT/docker/Dockerfile" "$ROOT/docker/entrypoint.sh" "$ROOT/docker/install-binaries.sh" "$context/docker/"
    cp -a "$ROOT/vm-sim/guest" "$context/vm-sim/"
    cp "$ROOT/vm-sim/ade/HandlerManifest.json" "$context/vm-sim/ade/"
    sh "$ROOT/docker/install-binaries.sh" "$BUILD" "$context/prebuilt"
    target=(--target prebuilt)
  else
    context=$ROOT
  fi
  echo "azemu: $engine build ${target[*]} -t $IMAGE (base $base)" >&2
  "$engine" build "${opts[@]}" "${target[@]}" "$context" >&2
  [ "$context" = "$ROOT" ] || rm -rf "$context"
  # The image this replaced, untagged: each CI run would otherwise leave one behind.
  "$engine" image prune -f > /dev/null 2>&1 || true
  echo "azemu: image $IMAGE built in $((SECONDS - started)) s, $("$engine" image inspect -f '{{.Size}}' "$IMAGE" |
    awk '{ printf "%.0f MB", $1 / 1e6 }')" >&2
}

# The client image of compose.yaml and the lab's seed Job (docker/client/Dockerfile): Debian 13 with az 2.74.
# podman here: its base is the az 2.74 root the e2e suites cache (tests/e2e/az274/ensure-root.sh), imported.
CLIENT_IMAGE=${AZEMU_CLIENT_IMAGE:-localhost/azemu-az-client:latest}
LOCAL_CLIENT_BASE=localhost/debian:trixie-az274
build_client_image() {
  local engine base started=$SECONDS
  engine=$(container_engine)
  base=${AZEMU_CLIENT_BASE_IMAGE:-}
  if [ -z "$base" ] && [ "$engine" = docker ]; then base=docker.io/library/debian:trixie; fi
  if [ -z "$base" ]; then
    base=$LOCAL_CLIENT_BASE
    if ! podman image exists "$base"; then
      local root
      root=$("$ROOT/tests/e2e/az274/ensure-root.sh")
      echo "azemu: importing $root as $base" >&2
      tar --one-file-system -C "$root" -c . | podman import -q - "$base" > /dev/null
    fi
  fi
  local opts=(-f "$ROOT/docker/client/Dockerfile" --build-arg "BASE_IMAGE=$base" -t "$CLIENT_IMAGE")
  [ "$engine" = podman ] && opts+=(--format docker --network host)
  "$engine" build -q "${opts[@]}" "$ROOT/docker/client" > /dev/null
  echo "azemu: client image $CLIENT_IMAGE built in $((SECONDS - started)) s" >&2
}

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "azemu: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
  fi
}

ensure_localhost_names() {
  # libnss-myhostname's postinst adds "myhostname" to nsswitch.conf; make sure it is there.
  if ! grep -qE '^hosts:.*myhostname' /etc/nsswitch.conf; then
    sed -i -E 's/^(hosts:[[:space:]]+files)/\1 myhostname/' /etc/nsswitch.conf
  fi
}

build() {
  # ccache hits across checkouts in different folders (CI clones afresh next to the old one).
  export CCACHE_BASEDIR=$ROOT CCACHE_NOHASHDIR=true
  cmake -S "$ROOT" -B "$BUILD" -G Ninja > /dev/null
  cmake --build "$BUILD"
}

# Unit suites under ASan + UBSan (not the guest/e2e ones: guests are separate processes) and a
# short run of every fuzz target. One clang build serves both (see CMakeLists.txt, AZEMU_FUZZ).
# -O1 keeps fuzzing fast; line tables are enough for symbolized reports and link much faster.
sanitized() {
  export CCACHE_BASEDIR=$ROOT CCACHE_NOHASHDIR=true
  CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$SANITIZED_BUILD" -G Ninja -DAZEMU_FUZZ=ON \
    -DAZEMU_FUZZ_SECONDS="${AZEMU_FUZZ_SECONDS:-30}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" > /dev/null
  if [ "${1:-}" = ci ]; then
    shift
    cmake --build "$SANITIZED_BUILD" --target "${SANITIZED_CI_TARGETS[@]}"
    (cd "$SANITIZED_BUILD" && ctest --output-on-failure -j2 -R "$SANITIZED_CI_TESTS" "$@")
  else
    cmake --build "$SANITIZED_BUILD"
    (cd "$SANITIZED_BUILD" && ctest --output-on-failure -j2 -L 'unit|fuzz' -LE 'vm|e2e' "$@")
  fi
}

case "$cmd" in
  run)
    install_missing "${BUILD_PACKAGES[@]}" "${VM_PACKAGES[@]}"
    case " $* " in *" qemu "* | *"=qemu "*) install_missing "${QEMU_PACKAGES[@]}" && prepare_qemu_kernel ;; esac
    build
    exec "$BUILD/bin/azemu" start "$@"
    ;;
  test)
    install_missing "${BUILD_PACKAGES[@]}" "${VM_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${QEMU_PACKAGES[@]}" "${UI_TEST_PACKAGES[@]}"
    # ctest e2e_container runs `dev.sh image-test` (podman, debootstrap).
    install_missing "${CONTAINER_PACKAGES[@]}"
    prepare_qemu_kernel
    # The JavaScript SDK tests need node + npm; keep a node that is already there (Debian's is older).
    command -v npm > /dev/null || install_missing nodejs npm
    install_missing "${SANITIZE_PACKAGES[@]}"
    ensure_localhost_names
    ensure_ui_deps
    # The az 2.74 client's Debian 13 root (tests/e2e/az274/ensure-root.sh): ~6 min once per machine, cached
    # under /var/cache/azemu; it is made while azemu compiles.
    mkdir -p "$BUILD"
    "$ROOT/tests/e2e/az274/ensure-root.sh" > "$BUILD/az274-root.log" 2>&1 &
    root_pid=$!
    build
    wait "$root_pid" || { cat "$BUILD/az274-root.log" >&2; exit 1; }
    status=0
    (cd "$BUILD" && ctest --output-on-failure -j2 "$@") || status=$?
    # A filtered run (-R ...) is a developer's quick loop; the whole run adds the sanitized build.
    if [ $# -eq 0 ]; then
      started=$SECONDS
      sanitized ci || status=$?
      echo "azemu: sanitized build and tests took $((SECONDS - started)) s" >&2
    fi
    exit $status
    ;;
  sanitize)
    install_missing "${BUILD_PACKAGES[@]}" "${SANITIZE_PACKAGES[@]}"
    sanitized "$@"
    ;;
  image)
    command -v docker > /dev/null || install_missing "${CONTAINER_PACKAGES[@]}"
    [ "${1:-}" != --prebuilt ] || [ -x "$BUILD/bin/azemu" ] || { install_missing "${BUILD_PACKAGES[@]}" && build; }
    build_image "$@"
    ;;
  client-image)
    command -v docker > /dev/null || install_missing "${CONTAINER_PACKAGES[@]}"
    build_client_image
    ;;
  image-test)
    # podman: the kube, compose and Testcontainers suites use podman's kube play, podman-compose and its
    # Docker API service (image_test.sh alone also runs with AZEMU_CONTAINER_ENGINE=docker).
    export AZEMU_CONTAINER_ENGINE=${AZEMU_CONTAINER_ENGINE:-podman}
    install_missing "${CONTAINER_PACKAGES[@]}"
    install_missing "${TEST_PACKAGES[@]}"
    [ -x "$BUILD/bin/azemu" ] || { install_missing "${BUILD_PACKAGES[@]}" "${VM_PACKAGES[@]}" && build; }
    build_image --prebuilt
    build_client_image
    # Every tests/container/*_test.sh (or the ones named: image-test image kube), each against IMAGE.
    export AZEMU_IMAGE=$IMAGE AZEMU_CLIENT_IMAGE=$CLIENT_IMAGE
    status=0
    for t in ${*:-$(cd "$ROOT/tests/container" && ls -- *_test.sh | sed 's/_test.sh$//')}; do
      started=$SECONDS
      echo "# tests/container/${t}_test.sh" >&2
      bash "$ROOT/tests/container/${t}_test.sh" || status=1
      echo "# tests/container/${t}_test.sh took $((SECONDS - started)) s" >&2
    done
    exit $status
    ;;
  *)
    echo "usage: $0 run|test|sanitize|image [--prebuilt]|image-test" >&2
    exit 2
    ;;
esac
