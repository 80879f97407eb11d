#!/usr/bin/env bash
# Python packages that some serving tests and the serving benchmark use, in a private virtual environment
# (.cache/python-test-venv, git-ignored). Versions are pinned. Safe to run again: it only installs what is missing.
#   onnx + numpy        -> engine/test/fixtures/serving/make_models.py (regenerates the tiny test models)
#   tritonclient[http]  -> engine/test/serving/third-party-client.test.ts (a real V2 client against our server)
#   onnxruntime         -> reference predictions from Python, and MLServer's custom ONNX runtime in the bench
#   mlserver            -> bench/serving.bench.mjs (Seldon MLServer serving the same ONNX model over V2)
# Usage: bash scripts/setup-python-test-deps.sh [--with-mlserver]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${MODELGATE_PY_VENV:-$root/.cache/python-test-venv}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "numpy==2.3.5" "onnx==1.19.1" "onnxruntime==1.23.2" "tritonclient[http]==2.62.0"
if [ "${1:-}" = "--with-mlserver" ]; then
  # uvloop 0.21+ breaks MLServer 1.7.1's parallel inference workers ("There is no current event loop")
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "mlserver==1.7.1" "uvloop==0.20.0"
fi
echo "python test deps ready in $venv"
