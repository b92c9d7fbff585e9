#!/usr/bin/env bash
# Installs nginx 1.22 open source for the nginx gateway kind (Debian package `nginx`). Idempotent: an nginx already
# in .tools/bin, on PATH or in /usr/sbin is kept. Exit 0 when installed; otherwise non-zero with one line on
# stderr naming what to install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for candidate in "$ROOT/.tools/bin/nginx" "$(command -v nginx 2>/dev/null || true)" /usr/sbin/nginx; do
  if [[ -n "$candidate" && -x "$candidate" ]]; then
    echo "nginx present: $candidate ($("$candidate" -v 2>&1 | head -1))"
    exit 0
  fi
done
if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-nginx: not root; install nginx 1.22 (Debian: apt-get install nginx) or put an nginx binary in $ROOT/.tools/bin" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-nginx: no apt-get; install nginx 1.22 with this system's package manager or put an nginx binary in $ROOT/.tools/bin" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends nginx >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends nginx >/dev/null 2>&1; } || {
  echo "install-nginx: apt-get install nginx failed; install nginx 1.22 by hand" >&2
  exit 1
}
# the package may start a system nginx on :80; the harness runs its own per run, in the foreground
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now nginx >/dev/null 2>&1 || true; fi
echo "nginx installed: $(/usr/sbin/nginx -v 2>&1 | head -1)"
