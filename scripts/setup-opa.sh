#!/usr/bin/env bash
# Build the pinned OPA CLI into .tools/bin/opa (idempotent; run by `npm ci`).
#
# Resolution order matches engine/src/policy/toolchain.ts:
#   1. $MODELGATE_OPA set        -> use it, build nothing
#   2. `opa` on PATH             -> use it, build nothing
#   3. .tools/bin/opa is pinned  -> nothing to do
#   4. otherwise                 -> go build ./tools/opa (a few minutes on 2 cores)
# The pinned version is the OPA requirement in tools/opa/go.mod (go.sum committed).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin/opa"
pinned="$(awk '$1 == "require" && $2 == "github.com/open-policy-agent/opa" { print $3 } \
               $1 == "github.com/open-policy-agent/opa" { print $2 }' "$root/tools/opa/go.mod" | head -n 1)"
pinned="${pinned#v}"
if [ -z "$pinned" ]; then
  echo "setup-opa: cannot read the pinned OPA version from tools/opa/go.mod" >&2
  exit 1
fi

# An OPA the user chose wins; a different version is allowed but called out.
use_existing() {
  local found
  found="$("$1" version 2>/dev/null | sed -n 's/^Version: //p' || true)"
  if [ "$found" = "$pinned" ]; then
    echo "setup-opa: using $2 ($1, OPA $found)"
  else
    echo "setup-opa: using $2 ($1, OPA ${found:-unknown}); modelgate pins OPA $pinned" >&2
  fi
}
if [ -n "${MODELGATE_OPA:-}" ]; then
  use_existing "$MODELGATE_OPA" "MODELGATE_OPA"
  exit 0
fi
if path_opa="$(command -v opa 2>/dev/null)"; then
  use_existing "$path_opa" "opa on PATH"
  exit 0
fi
if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -qx "Version: $pinned"; then
  echo "setup-opa: OPA $pinned already built at .tools/bin/opa"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
setup-opa: no OPA binary found and Go is not installed, so OPA $pinned cannot be built.
  Fix one of:
    - install Go (>= the 'go' line in tools/opa/go.mod, https://go.dev/dl) and run scripts/setup-opa.sh
    - put an OPA $pinned binary on PATH as 'opa'
    - export MODELGATE_OPA=/path/to/opa
MSG
  exit 1
fi

echo "setup-opa: building OPA $pinned from the Go module proxy into .tools/bin/opa (takes a few minutes) ..."
mkdir -p "$root/.tools/bin"
tmp="$bin.tmp.$$"
trap 'rm -f "$tmp"' EXIT
start=$SECONDS
(
  cd "$root/tools/opa"
  GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/open-policy-agent/opa/v1/version.Version=$pinned" \
    -o "$tmp" .
)
mv -f "$tmp" "$bin"
trap - EXIT
echo "setup-opa: built OPA $("$bin" version | sed -n 's/^Version: //p') in $((SECONDS - start))s"
