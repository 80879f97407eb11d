#!/usr/bin/env bash
# Python packages that some serving tests and the serving benchmark use, in a private virtual environment
# (.cache/python-test-venv, git-ignored; MODELGATE_PY_VENV overrides). Versions are pinned. Safe to run
# again: pip only installs what is missing.
#
#   (always)          numpy + tritonclient[http]  -> engine/test/serving/third-party-client.test.ts
#                                                    (NVIDIA's V2 client against our server; the test runs
#                                                    this script itself when the venv is missing)
#   --with-fixtures   onnx + onnxruntime          -> engine/test/fixtures/serving/make_models.py
#   --with-mlserver   mlserver + onnxruntime      -> bench/serving.bench.mjs (Seldon MLServer, same model)
#
# Usage: bash scripts/setup-python-test-deps.sh [--with-fixtures] [--with-mlserver]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${MODELGATE_PY_VENV:-$root/.cache/python-test-venv}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
pip() { "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"; }
pip "numpy==2.3.5" "tritonclient[http]==2.62.0"
for arg in "$@"; do
  case "$arg" in
    --with-fixtures) pip "onnx==1.19.1" "onnxruntime==1.23.2" ;;
    # uvloop 0.21+ breaks MLServer 1.7.1's parallel inference workers ("There is no current event loop")
    --with-mlserver) pip "mlserver==1.7.1" "uvloop==0.20.0" "onnxruntime==1.23.2" ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
echo "python test deps ready in $venv"
