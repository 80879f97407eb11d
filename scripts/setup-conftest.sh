#!/usr/bin/env bash
# Build the pinned conftest CLI into .tools/bin/conftest (idempotent). Used only by the policy
# benchmark's part (c) (`npm run bench -- policy`); not by `npm ci`, `npm test` or CI.
#
# Resolution order matches bench/policy.bench.mjs:
#   1. $CONFTEST set                   -> use it, build nothing
#   2. `conftest` on PATH              -> use it, build nothing
#   3. .tools/bin/conftest is pinned   -> nothing to do
#   4. otherwise                       -> go build the `tool` of tools/conftest/go.mod (minutes on 2 cores)
#
# Unlike OPA (tools/opa), conftest's command package is internal/, so no wrapper module can import
# it. tools/conftest/go.mod instead declares conftest's main package as a `tool` (Go >= 1.24) and
# pins its version and every dependency (go.sum committed); `go build <main package>` from that
# module builds it like a wrapper would, without the replace directives `go install` refuses.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="github.com/open-policy-agent/conftest"
bin="$root/.tools/bin/conftest"
pinned="$(awk -v m="$module" '$1 == "require" && $2 == m { print $3 } $1 == m { print $2 }' \
  "$root/tools/conftest/go.mod" | head -n 1)"
pinned="${pinned#v}"
if [ -z "$pinned" ]; then
  echo "setup-conftest: cannot read the pinned conftest version from tools/conftest/go.mod" >&2
  exit 1
fi

# `conftest --version` prints "Conftest: X.Y.Z" on its first line.
version_of() { "$1" --version 2>/dev/null | sed -n 's/^Conftest: v\{0,1\}//p' | head -n 1 || true; }
use_existing() {
  local found
  found="$(version_of "$1")"
  if [ "$found" = "$pinned" ]; then
    echo "setup-conftest: using $2 ($1, conftest $found)"
  else
    echo "setup-conftest: using $2 ($1, conftest ${found:-unknown}); the benchmark pins conftest $pinned" >&2
  fi
}
if [ -n "${CONFTEST:-}" ]; then
  use_existing "$CONFTEST" "CONFTEST"
  exit 0
fi
if path_conftest="$(command -v conftest 2>/dev/null)"; then
  use_existing "$path_conftest" "conftest on PATH"
  exit 0
fi
if [ -x "$bin" ] && [ "$(version_of "$bin")" = "$pinned" ]; then
  echo "setup-conftest: conftest $pinned already built at .tools/bin/conftest"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
setup-conftest: no conftest binary found and Go is not installed, so conftest $pinned cannot be built.
  Fix one of:
    - install Go (>= the 'go' line in tools/conftest/go.mod, https://go.dev/dl) and rerun scripts/setup-conftest.sh
    - put a conftest $pinned binary on PATH as 'conftest'
    - export CONFTEST=/path/to/conftest
MSG
  exit 1
fi

echo "setup-conftest: building conftest $pinned from the Go module proxy into .tools/bin/conftest (takes a few minutes) ..."
mkdir -p "$root/.tools/bin"
tmp="$bin.tmp.$$"
trap 'rm -f "$tmp"' EXIT
start=$SECONDS
(
  cd "$root/tools/conftest"
  GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X $module/internal/version.Version=$pinned" \
    -o "$tmp" "$module"
)
mv -f "$tmp" "$bin"
trap - EXIT
echo "setup-conftest: built conftest $(version_of "$bin") in $((SECONDS - start))s"
