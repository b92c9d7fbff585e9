#!/usr/bin/env bash
# Gauntlet's one entry point. Builds what is stale, makes sure toxiproxy-server 2.12.0 is there,
# then hands its arguments to the harness CLI.
#
#   ./run.sh                          run the default scenario (one-of-three-crashes)
#   ./run.sh run <name|file> [--set path=value ...]
#   ./run.sh list | validate <file>... | report <run-dir> | compare <run-dir> <run-dir>
#   ./run.sh gate <suite> [--trials N]   CI gate: junit.xml + summary.md, exit 0/1/2/3
#   ./run.sh sweep <file> [--resume]     tune gateway settings over a grid or random search
#   ./run.sh soak [--minutes N]          steady load + random faults; fails on gateway resource growth
#   ./run.sh bench gateway               our gateway vs HAProxy and nginx (a benchmark, not a test)
#   ./run.sh test [--skip-its]        the whole test suite (installs what it needs first)
#   ./run.sh gateway --config <file>  our gateway alone, in the foreground
#   ./run.sh backend [options]        one fake backend alone, in the foreground
#   ./run.sh bench gateway [--seconds N] [--connections C]   ours vs HAProxy vs nginx (bench/)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$ROOT/.tools/bin"
TOXIPROXY_VERSION="2.12.0"
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

run_tests() {
  local its=true
  for arg in "$@"; do
    case "$arg" in
      --skip-its) its=false ;;
      *) die 2 "test: unknown option $arg (expected: --skip-its)" ;;
    esac
  done
  local toxi; toxi="$(toxiproxy_binary)"
  [[ "$its" == true ]] && install_test_tools
  cd "$ROOT"
  local args=(-B --no-transfer-progress install "-Dgauntlet.toxiproxy=$toxi")
  [[ "$its" == false ]] && args+=(-DskipITs=true)
  mvn "${args[@]}"
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
  build
  exec "$ROOT/bench/gateway-bench.sh" "$@"
}

need_tools
cmd="${1:-}"
case "$cmd" in
  test) shift; run_tests "$@" ;;
  bench) shift; run_bench "$@" ;;
  gateway) shift; build; exec java -Xmx128m -XX:+UseSerialGC -jar "$ROOT/gateway-under-test/target/gateway.jar" "$@" ;;
  backend) shift; build; exec java -Xmx64m -XX:+UseSerialGC -jar "$ROOT/fake-backends/target/fake-backend.jar" "$@" ;;
  *) build; harness "$@" ;;
esac
