#!/usr/bin/env bash
# Installs HAProxy 2.6 for the haproxy gateway kind (Debian package `haproxy`). Idempotent: an haproxy already
# in .tools/bin, on PATH or in /usr/sbin is kept. Exit 0 when installed; otherwise non-zero with one line on
# stderr naming what to install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for candidate in "$ROOT/.tools/bin/haproxy" "$(command -v haproxy 2>/dev/null || true)" /usr/sbin/haproxy; do
  if [[ -n "$candidate" && -x "$candidate" ]]; then
    echo "haproxy present: $candidate ($("$candidate" -v | head -1))"
    exit 0
  fi
done
if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-haproxy: not root; install HAProxy 2.6 (Debian: apt-get install haproxy) or put an haproxy binary in $ROOT/.tools/bin" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-haproxy: no apt-get; install HAProxy 2.6 with this system's package manager or put an haproxy binary in $ROOT/.tools/bin" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends haproxy >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends haproxy >/dev/null 2>&1; } || {
  echo "install-haproxy: apt-get install haproxy failed; install HAProxy 2.6 by hand" >&2
  exit 1
}
# the package starts a system haproxy on :80 with /etc/haproxy/haproxy.cfg; the harness runs its own per run
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now haproxy >/dev/null 2>&1 || true; fi
echo "haproxy installed: $(/usr/sbin/haproxy -v | head -1)"
