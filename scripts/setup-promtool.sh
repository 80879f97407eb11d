#!/usr/bin/env bash
# Install promtool (Prometheus rule checker), which the monitor tests run against the rules that
# `modelgate slo rules` generates. Idempotent: does nothing when promtool is already there.
#
# Resolution order matches engine/test/monitor/prometheus-rules.test.ts:
#   1. $MODELGATE_PROMTOOL set  -> use it
#   2. `promtool` on PATH       -> use it
#   3. otherwise                -> apt-get install prometheus (Debian/Ubuntu; ships /usr/bin/promtool)
set -euo pipefail

if [ -n "${MODELGATE_PROMTOOL:-}" ]; then
  "$MODELGATE_PROMTOOL" --version >/dev/null
  echo "setup-promtool: using MODELGATE_PROMTOOL ($MODELGATE_PROMTOOL)"
  exit 0
fi
if command -v promtool >/dev/null 2>&1; then
  echo "setup-promtool: using $(command -v promtool) ($(promtool --version 2>&1 | head -n 1))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<MSG
setup-promtool: promtool is not installed and this system has no apt-get.
  Install Prometheus (it ships promtool) from https://prometheus.io/download/ and put promtool on PATH,
  or export MODELGATE_PROMTOOL=/path/to/promtool.
MSG
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup-promtool: installing the Debian 'prometheus' package for promtool ..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# The package starts a Prometheus server on hosts with systemd; the tests only need the binary.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  $sudo systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
echo "setup-promtool: $(promtool --version 2>&1 | head -n 1)"
