#!/usr/bin/env bash
# Everything the test suite needs beyond `npm ci`, installed on first use (npm's `pretest` runs this):
#   - promtool (Prometheus' rule checker) for the generated SLO rules;
#   - a private Python venv with a real Open Inference Protocol client (tritonclient[http]).
# Both steps are idempotent and fast when already done.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/setup-opa.sh"
bash "$here/setup-promtool.sh"
bash "$here/setup-python-test-deps.sh"
