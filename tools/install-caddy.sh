#!/usr/bin/env bash
# Installs Caddy 2.11.9 for the caddy gateway kind into .tools/bin with
# `go install github.com/caddyserver/caddy/v2/cmd/caddy@v2.11.9` (Debian's caddy 2.6 lacks health_passes and
# health_fails). Idempotent: a caddy already in .tools/bin or on PATH is kept. Exit 0 when installed; otherwise
# non-zero with one line on stderr naming what to install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=2.11.9
for candidate in "$ROOT/.tools/bin/caddy" "$(command -v caddy 2>/dev/null || true)"; do
  if [[ -n "$candidate" && -x "$candidate" ]]; then
    echo "caddy present: $candidate"
    exit 0
  fi
done
if ! command -v go >/dev/null 2>&1; then
  echo "install-caddy: Go is not installed; install Go (apt-get install golang) or put a caddy $VERSION binary in $ROOT/.tools/bin" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if ! GOBIN="$tmp" go install "github.com/caddyserver/caddy/v2/cmd/caddy@v$VERSION" >"$tmp/log" 2>&1; then
  cat "$tmp/log" >&2
  echo "install-caddy: go install of caddy v$VERSION failed (see above); put a caddy $VERSION binary in $ROOT/.tools/bin" >&2
  exit 1
fi
mkdir -p "$ROOT/.tools/bin"
mv "$tmp/caddy" "$ROOT/.tools/bin/caddy"
echo "caddy installed: $ROOT/.tools/bin/caddy ($(go version -m "$ROOT/.tools/bin/caddy" | awk '$1=="mod"{print $3}'))"
