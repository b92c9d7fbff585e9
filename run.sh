#!/usr/bin/env bash
# Gauntlet's one entry point. Builds what is stale, makes sure toxiproxy-server 2.12.0 is there,
# then hands its arguments to the harness CLI.
#
#   ./run.sh                          run the default scenario (one-of-three-crashes)
#   ./run.sh run <name|file> [--set path=value ...]
#   ./run.sh run <scenario> --runtime containers   the same in Docker containers (needs a Docker daemon;
#                                     pulls, else builds, the base images first: docker/build-base-images.sh)
#   ./run.sh run <scenario> --dry-run [--json]   validate and plan only: topology, fault times, predicted bounds
#   ./run.sh init [dir]                  a commented starter scenario, suite and sweep
#   ./run.sh list | validate <file>... | report <run-dir> | compare <run-dir> <run-dir>
#   ./run.sh <command> --help            every command's options
#   ./run.sh gate <suite> [--trials N]   CI gate: junit.xml + summary.md, exit 0/1/2/3
#   ./run.sh sweep <file> [--resume]     tune gateway settings over a grid or random search
#   ./run.sh soak [--minutes N]          steady load + random faults; fails on gateway resource growth
#   ./run.sh bench gateway               our gateway vs Envoy, HAProxy and nginx (a benchmark, not a test)
#   ./run.sh test [--skip-its] [--with-docker] [--all-gateways]   the whole test suite (installs what it needs first); the
#                                     container tests run when a Docker daemon is reachable, else skip saying
#                                     why; --with-docker (root with apt) installs docker.io and starts dockerd
#                                     first; --all-gateways gates ci.yaml against every gateway kind
#                                     (CiSuiteKindsIT), not only haproxy, nginx and caddy.
#                                     CI (.ci/run) runs ./run.sh test --with-docker
#   ./run.sh gateway --config <file>  our gateway alone, in the foreground
#   ./run.sh backend [options]        one fake backend alone, in the foreground
#   ./run.sh bench gateway [--seconds N] [--connections C]   ours vs HAProxy vs nginx (bench/)
set -euo pipefail

# For the containers runtime (Testcontainers), in everything started from here (harness JVM, mvn and its
# test JVMs): no Ryuk (its image cannot be pulled without a registry; the harness removes its own
# containers by label), and published ports are reached on localhost.
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$ROOT/.tools/bin"
TOXIPROXY_VERSION="2.12.0"
# The images our Dockerfiles (and the runtime's Toxiproxy) start FROM; pulled, else built by docker/build-base-images.sh.
BASE_IMAGES=(eclipse-temurin:17-jre "ghcr.io/shopify/toxiproxy:$TOXIPROXY_VERSION")
PULL_TIMEOUT="${GAUNTLET_PULL_TIMEOUT:-120}"   # seconds per image
MODULES=(reports fake-backends gateway-under-test harness)
JARS=(reports/target/reports-0.1.0-SNAPSHOT.jar fake-backends/target/fake-backend.jar
      gateway-under-test/target/gateway.jar harness/target/harness.jar)

die() { local code=$1; shift; echo "run.sh: $*" >&2; exit "$code"; }

need_tools() {
  command -v java >/dev/null || die 3 "java not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
  command -v mvn >/dev/null || die 3 "mvn not found: install Maven (apt-get install maven)"
}

# A module is stale when anything under its src/ or a pom is newer than its jar.
stale_modules() {
  local i
  for i in "${!MODULES[@]}"; do
    local jar="$ROOT/${JARS[$i]}" mod="$ROOT/${MODULES[$i]}"
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$mod/src" "$mod/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
      echo "${MODULES[$i]}"
    fi
  done
}

build() {
  local stale
  stale="$(stale_modules | paste -sd, -)"
  [[ -z "$stale" ]] && return 0
  local log="$ROOT/target/build.log"
  mkdir -p "$ROOT/target"
  echo "building ${stale} ..." >&2
  if ! (cd "$ROOT" && mvn -B -q -DskipTests -pl "$stale" -am install >"$log" 2>&1); then
    cat "$log" >&2
    die 3 "build failed (full log: $log)"
  fi
  # Maven leaves a jar untouched when its contents did not change, which would leave it "stale" forever.
  local i
  for i in "${!MODULES[@]}"; do
    [[ -f "$ROOT/${JARS[$i]}" ]] && touch "$ROOT/${JARS[$i]}"
  done
}

toxiproxy_binary() {
  if [[ -x "$TOOLS/toxiproxy-server" ]]; then echo "$TOOLS/toxiproxy-server"; return; fi
  if command -v toxiproxy-server >/dev/null && toxiproxy-server -version 2>&1 | grep -q "$TOXIPROXY_VERSION"; then
    command -v toxiproxy-server; return
  fi
  command -v go >/dev/null || die 3 "toxiproxy-server $TOXIPROXY_VERSION not found and Go is not installed: install Go (apt-get install golang) or put toxiproxy-server $TOXIPROXY_VERSION on PATH"
  echo "installing toxiproxy-server $TOXIPROXY_VERSION into .tools/bin ..." >&2
  mkdir -p "$TOOLS"
  local tmp; tmp="$(mktemp -d)"
  if ! GOBIN="$tmp" go install "github.com/Shopify/toxiproxy/v2/cmd/server@v$TOXIPROXY_VERSION" >"$tmp/log" 2>&1; then
    cat "$tmp/log" >&2; die 3 "go install of toxiproxy-server $TOXIPROXY_VERSION failed"
  fi
  mv "$tmp/server" "$TOOLS/toxiproxy-server"; rm -rf "$tmp"
  echo "$TOOLS/toxiproxy-server"
}

harness() {
  exec java -Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED \
    -Dgauntlet.home="$ROOT" -Dgauntlet.toxiproxy="$(toxiproxy_binary)" \
    -jar "$ROOT/harness/target/harness.jar" "$@"
}

# Test-only system tools, installed when missing and we may (root with apt): nftables for the packet-level
# faults, chromium to open the HTML report in a real browser. Without them those tests skip, saying why.
install_test_tools() {
  local missing=()
  command -v nft >/dev/null || missing+=(nftables)
  command -v chromium >/dev/null || missing+=(chromium)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]} for the tests ..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
      || echo "run.sh: could not install ${missing[*]}; the tests that need them will be skipped" >&2
  else
    echo "run.sh: ${missing[*]} not installed (needs root and apt); the tests that need them will be skipped" >&2
  fi
}

# The real gateways under test (issue 14), each by its kind's own tools/install-<kind>.sh: it exits 0 at once
# when its gateway is already there, else installs it or exits non-zero with one line saying why (not root,
# no apt, no Go). The ITs of a kind whose gateway is missing skip, saying why.
install_gateways() {
  local script kind
  for script in "$ROOT"/tools/install-*.sh; do
    [[ -f "$script" ]] || continue
    kind=$(basename "$script" .sh); kind=${kind#install-}
    mkdir -p "$ROOT/.tools"
    if ! bash "$script" >"$ROOT/.tools/install-$kind.log" 2>&1; then
      echo "run.sh: could not install $kind ($(grep -v '^[[:space:]]*$' "$ROOT/.tools/install-$kind.log" | tail -1));" \
        "the tests of gateway kind $kind will be skipped" >&2
    fi
  done
}

# ---- Docker (the containers runtime and its tests) ----------------------------------------------------
# Each sets DOCKER_PROBLEM (why containers cannot be used) when it fails.
DOCKER_PROBLEM=""
WITH_DOCKER=false   # ./run.sh test --with-docker: may also apt-get install what the base-image script needs

docker_up() { command -v docker >/dev/null && timeout 20 docker info >/dev/null 2>&1; }

docker_server_version() { timeout 20 docker version -f '{{.Server.Version}}' 2>/dev/null || echo unknown; }

# Why docker info failed, in a few words (its first error line, without the trailing question).
docker_info_error() {
  command -v docker >/dev/null || { echo "docker is not installed"; return; }
  local msg
  msg="$(timeout 20 docker info 2>&1 >/dev/null | grep -m1 -v '^ *$' | sed 's/ *Is the docker daemon running?//; s/: Get "[^"]*".*//; s/[.]$//')" || true
  echo "${msg:-docker info failed}"
}

can_apt() { [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; }

# --with-docker: when no daemon answers and we are root with apt, install docker.io (and mmdebstrap, for
# the base-image script) if missing, start dockerd in the background (it outlives run.sh), wait up to 60 s.
start_docker() {
  docker_up && return 0
  if ! can_apt; then
    DOCKER_PROBLEM="no Docker daemon is reachable ($(docker_info_error)) and starting one needs root with apt-get"
    echo "run.sh: --with-docker: $DOCKER_PROBLEM; the container tests will be skipped" >&2
    return 1
  fi
  mkdir -p "$ROOT/target"
  local missing=()
  command -v dockerd >/dev/null && command -v docker >/dev/null || missing+=(docker.io)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  if ((${#missing[@]})); then
    echo "run.sh: installing ${missing[*]} (apt-get; log: target/apt-docker.log) ..." >&2
    if ! (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}") \
        >"$ROOT/target/apt-docker.log" 2>&1; then
      DOCKER_PROBLEM="apt-get install ${missing[*]} failed (log: target/apt-docker.log)"
      echo "run.sh: $DOCKER_PROBLEM" >&2
      return 1
    fi
  fi
  # A package's postinst may already have started one; start ours only when no dockerd is running.
  if ! docker_up && ! pgrep -x dockerd >/dev/null; then
    setsid nohup dockerd >"$ROOT/target/dockerd.log" 2>&1 </dev/null &
    echo "run.sh: started dockerd in the background (pid $!, log: target/dockerd.log)" >&2
  fi
  local waited=0
  until docker_up; do
    if ((waited >= 60)); then
      DOCKER_PROBLEM="dockerd did not answer docker info within 60 s (log: target/dockerd.log)"
      echo "run.sh: $DOCKER_PROBLEM" >&2
      return 1
    fi
    sleep 1; waited=$((waited + 1))
  done
  echo "run.sh: Docker daemon $(docker_server_version) is up (after ${waited} s)" >&2
}

# The base images present, else pulled, else built locally by docker/build-base-images.sh (which keeps the
# images already present). Needs a reachable daemon; one line per thing it does, on stderr.
ensure_base_images() {
  local missing=() img
  for img in "${BASE_IMAGES[@]}"; do
    docker image inspect "$img" >/dev/null 2>&1 || missing+=("$img")
  done
  ((${#missing[@]})) || return 0
  echo "run.sh: base images missing: ${missing[*]}; pulling ..." >&2
  local pulled=true
  for img in "${missing[@]}"; do
    timeout "$PULL_TIMEOUT" docker pull -q "$img" >/dev/null 2>&1 || { pulled=false; break; }
  done
  if [[ "$pulled" == true ]]; then
    echo "run.sh: pulled ${missing[*]}" >&2
    return 0
  fi
  mkdir -p "$ROOT/target"
  local log="$ROOT/target/base-images.log"
  if [[ "$WITH_DOCKER" == true ]] && ! command -v mmdebstrap >/dev/null && can_apt; then
    echo "run.sh: installing mmdebstrap for docker/build-base-images.sh (apt-get; log: target/apt-docker.log) ..." >&2
    (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y mmdebstrap) >"$ROOT/target/apt-docker.log" 2>&1 \
      || echo "run.sh: apt-get install mmdebstrap failed (log: target/apt-docker.log)" >&2
  fi
  echo "run.sh: pull failed (no registry?); building them with docker/build-base-images.sh (about 45 s; log: target/base-images.log) ..." >&2
  local why
  if "$ROOT/docker/build-base-images.sh" >"$log" 2>&1; then
    why="it did not make them all"
    local still=()
    for img in "${missing[@]}"; do
      docker image inspect "$img" >/dev/null 2>&1 || still+=("$img")
    done
    if ((${#still[@]} == 0)); then
      echo "run.sh: built ${missing[*]} locally" >&2
      return 0
    fi
  else
    why="$(grep -m1 '^build-base-images:' "$log" || tail -n1 "$log")"
  fi
  DOCKER_PROBLEM="base images ${missing[*]} missing: the pull failed and docker/build-base-images.sh failed (${why}; log: target/base-images.log)"
  echo "run.sh: $DOCKER_PROBLEM" >&2
  return 1
}

# A run/gate/sweep with --runtime containers (or --runtime=containers) on the command line.
wants_containers() {
  local prev="" arg
  for arg in "$@"; do
    [[ "$arg" == --runtime=containers || ( "$prev" == --runtime && "$arg" == containers ) ]] && return 0
    prev="$arg"
  done
  return 1
}

prepare_containers_runtime() {
  if ! docker_up; then
    echo "run.sh: --runtime containers needs a Docker daemon and none is reachable ($(docker_info_error)): start Docker" >&2
    return 0   # the harness says what failed, with its exit code
  fi
  ensure_base_images || true
}

run_tests() {
  local its=true with_docker=false all_gateways=false arg
  for arg in "$@"; do
    case "$arg" in
      --skip-its) its=false ;;
      --with-docker) with_docker=true ;;
      --all-gateways) all_gateways=true ;;   # CiSuiteKindsIT gates ci.yaml against every kind, not only the default ones
      *) die 2 "test: unknown option $arg (expected: --skip-its, --with-docker, --all-gateways)" ;;
    esac
  done
  local toxi; toxi="$(toxiproxy_binary)"
  if [[ "$its" == true ]]; then install_test_tools; install_gateways; fi
  # The container tests: a reachable daemon and both base images, else -Dgauntlet.containers=false and they skip.
  # --skip-its without --with-docker leaves Docker alone (no integration test would use it).
  local containers=false docker_version=""
  if [[ "$with_docker" == true ]]; then
    WITH_DOCKER=true
    start_docker || true
  fi
  if [[ -n "$DOCKER_PROBLEM" ]]; then
    :
  elif [[ "$its" == false && "$with_docker" == false ]]; then
    :
  elif ! command -v docker >/dev/null; then
    DOCKER_PROBLEM="Docker is not installed"
  elif ! docker_up; then
    DOCKER_PROBLEM="no Docker daemon is reachable ($(docker_info_error))"
  elif ensure_base_images; then
    containers=true
    docker_version="$(docker_server_version)"
  fi
  cd "$ROOT"
  local marker; marker="$(mktemp)"   # a report newer than this was written by this mvn
  local args=(-B --no-transfer-progress install "-Dgauntlet.toxiproxy=$toxi" "-Dgauntlet.containers=$containers")
  [[ "$its" == false ]] && args+=(-DskipITs=true)
  [[ "$all_gateways" == true ]] && args+=(-Dgauntlet.allGateways=true)
  local rc=0
  mvn "${args[@]}" || rc=$?
  container_tests_line "$its" "$containers" "$docker_version" "$rc" "$marker"
  rm -f "$marker"
  return "$rc"
}

# Container test counts from this mvn's failsafe reports (TEST-*ContainersIT.xml newer than $1), as
# "executed total first-skip-reason": executed = tests − skipped, summed over the <testsuite> elements.
container_tests_counted() {
  local marker=$1 mod file head tests skipped executed=0 total=0 why=""
  for mod in "${MODULES[@]}"; do
    while IFS= read -r file; do
      head="$(grep -m1 -o '<testsuite [^>]*>' "$file")" || continue
      tests="$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$head")"
      skipped="$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$head")"
      total=$((total + ${tests:-0}))
      executed=$((executed + ${tests:-0} - ${skipped:-0}))
      [[ -z "$why" ]] && why="$(grep -m1 -o '<skipped message="[^"]*"' "$file" | sed 's/<skipped message="//; s/"$//')" || true
    done < <(find "$ROOT/$mod/target/failsafe-reports" -name 'TEST-*ContainersIT.xml' -newer "$marker" 2>/dev/null)
  done
  echo "$executed $total ${why:-no reason given}"
}

# The last line of ./run.sh test, saying plainly whether the container tests ran: "ran" only when at least
# one container test executed (args: its containers docker_version mvn_rc marker).
container_tests_line() {
  local its=$1 containers=$2 docker_version=$3 rc=$4 marker=$5
  if [[ "$its" == false ]]; then
    local ready=""
    [[ "$containers" == true ]] && ready=" (Docker $docker_version and the base images are ready)"
    [[ -n "$DOCKER_PROBLEM" ]] && ready=" (and Docker is not usable: $DOCKER_PROBLEM)"
    echo "container tests: SKIPPED — --skip-its runs no integration tests${ready}; run ./run.sh test without --skip-its"
    return
  fi
  local executed total why
  read -r executed total why < <(container_tests_counted "$marker")
  if ((executed > 0)); then
    echo "container tests: ran ($executed tests, Docker ${docker_version:-unknown})"
  elif ((total > 0)); then
    echo "container tests: SKIPPED — all $total container tests skipped ($why)"
  elif [[ "$containers" == true ]]; then
    local why_none="no *ContainersIT test ran (none found)"
    ((rc == 0)) || why_none="mvn failed (exit $rc) before any *ContainersIT ran"
    echo "container tests: NOT RUN — $why_none; Docker $docker_version and the base images were ready"
  else
    echo "container tests: SKIPPED — ${DOCKER_PROBLEM}; run ./run.sh test --with-docker (root) or start Docker"
  fi
}

# haproxy, nginx and wrk (and curl, ss) for the benchmark, from Debian's packages when missing.
bench_tools() {
  local missing=() tool pkg
  for tool in haproxy:haproxy nginx:nginx wrk:wrk curl:curl ss:iproute2; do
    pkg="${tool#*:}"; tool="${tool%%:*}"
    command -v "$tool" >/dev/null || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null || die 3 "missing ${missing[*]} and no apt-get: install them (Debian 12: haproxy 2.6, nginx 1.22)"
  echo "installing ${missing[*]} ..." >&2
  local log="$ROOT/target/apt.log"
  mkdir -p "$ROOT/target"
  if ! (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}") >"$log" 2>&1; then
    cat "$log" >&2; die 3 "apt-get install ${missing[*]} failed (full log: $log)"
  fi
}

run_bench() {
  [[ "${1:-}" == gateway ]] || die 2 "bench: ${1:-missing} (expected: gateway, e.g. ./run.sh bench gateway [--seconds N] [--connections C])"
  shift
  bench_tools
  if [[ ! -x "$TOOLS/envoy" ]]; then
    bash "$ROOT/tools/install-envoy.sh" || die 3 "bench: envoy is needed and tools/install-envoy.sh could not install it"
  fi
  build
  exec "$ROOT/bench/gateway-bench.sh" "$@"
}

# Sourced (e.g. to try a function in isolation): define everything, run nothing.
[[ "${BASH_SOURCE[0]}" != "$0" ]] && return 0

need_tools
cmd="${1:-}"
case "$cmd" in
  test) shift; run_tests "$@" ;;
  bench) shift; run_bench "$@" ;;
  gateway) shift; build; exec java -Xmx128m -XX:+UseSerialGC -jar "$ROOT/gateway-under-test/target/gateway.jar" "$@" ;;
  backend) shift; build; exec java -Xmx64m -XX:+UseSerialGC -jar "$ROOT/fake-backends/target/fake-backend.jar" "$@" ;;
  run|gate|sweep) build; if wants_containers "$@"; then prepare_containers_runtime; fi; harness "$@" ;;
  *) build; harness "$@" ;;
esac
