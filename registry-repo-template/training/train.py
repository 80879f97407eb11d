#!/usr/bin/env python3
"""Train the example models of the modelgate registry template and write the registry files.

Run from anywhere:

    python registry-repo-template/training/train.py

What it does, deterministically (fixed seeds, single-threaded training, fixed timestamps):

1. generates two seeded synthetic retail datasets with real signal
   (store x SKU x day rows for demand/stock-outs, and till baskets with injected anomalies);
2. trains three models, in two versions where the registry needs them:
   - demand-forecast  (LightGBM regressor)      1.0.0, 1.1.0
   - stockout-risk    (XGBoost classifier)      1.0.0, 1.1.0
   - basket-anomaly   (scikit-learn IsolationForest) 1.0.0
3. exports each one to ONNX with one input tensor per feature (shape [-1, 1]); categorical features are
   one-hot encoded inside the graph; the classifier has no ZipMap (tensor outputs only);
4. evaluates every ONNX file with onnxruntime on the holdout split (metrics come from the artifact that
   will serve, not from the Python model) and writes, next to the artifacts:
   - models/<model>/versions/<version>.yaml (artifact uri/sha256/size, metrics, slice_metrics, lineage)
   - contracts/<model>.yaml (signature read back from the ONNX file, drift baseline from training data)
   - training/samples.json (example rows with the outputs onnxruntime gives, for cross-runtime tests)

Hand-written files (model cards, SLOs, environments, modelgate.yaml, CODEOWNERS) are not touched.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

import onnx
import onnxruntime as ort
from lightgbm import LGBMRegressor
from xgboost import XGBClassifier
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import IsolationForest
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    mean_absolute_error,
    mean_squared_error,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
)
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

from skl2onnx import to_onnx, update_registered_converter
from skl2onnx.common.data_types import FloatTensorType, StringTensorType
from skl2onnx.common.shape_calculator import (
    calculate_linear_classifier_output_shapes,
    calculate_linear_regressor_output_shapes,
)
from onnxmltools.convert.lightgbm.operator_converters.LightGbm import convert_lightgbm
from onnxmltools.convert.xgboost.operator_converters.XGBoost import convert_xgboost

# --------------------------------------------------------------------------------------------------
# constants

TRAINING_DIR = Path(__file__).resolve().parent
REPO = TRAINING_DIR.parent  # the registry repo root (registry-repo-template/)

SEED = 20260901
TARGET_OPSET = {"": 15, "ai.onnx.ml": 3}
OPSET = TARGET_OPSET[""]
HOLDOUT_SHARE = 0.25
N_SKU_DAYS = 8000
N_BASKETS = 8000
ANOMALY_SHARE = 0.02
N_STORES = 40
STORE_FORMATS = ["mall", "street", "outlet"]
STORE_FORMAT_P = [0.3, 0.5, 0.2]
REGIONS = ["north", "south", "east", "west"]

SKU_DATASET_ID = "retail-store-sku-daily-synthetic-2026-09"
BASKET_DATASET_ID = "retail-till-baskets-synthetic-2026-09"

# code_commit: the registry format wants a commit; the template is built outside any training repo,
# so the identity of the code is the sha1 of this script, truncated to 12 hex characters.
CODE_COMMIT = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]

YAML_SCHEMA_BASE = "https://modelgate.dev/schemas/"

# Feature specifications. min/max are the accepted domain (the generator clips to them), which is
# what request validation enforces; the drift baseline below is computed from the training data.
F = {
    "price": dict(min=0.1, max=100, unit="EUR", description="Shelf price of the SKU in the store, after promotion, in euros."),
    "promo_flag": dict(min=0, max=1, unit="flag", description="1.0 when the SKU is on promotion tomorrow, else 0.0."),
    "day_of_week": dict(min=0, max=6, unit="day", description="Day of the week being forecast, 0 = Monday ... 6 = Sunday."),
    "avg_daily_units_7d": dict(min=0, max=500, unit="units/day", description="Mean units sold per day over the last 7 days."),
    "temperature_c": dict(min=-30, max=45, unit="degC", description="Forecast mean outdoor temperature at the store tomorrow."),
    "on_hand_units": dict(min=0, max=5000, unit="units", description="Units on hand at the start of the day."),
    "open_order_units": dict(min=0, max=5000, unit="units", description="Units on open replenishment orders not yet received."),
    "lead_time_days": dict(min=1, max=21, unit="days", description="Supplier lead time of the open order, in days."),
    "store_format": dict(categories=STORE_FORMATS, description="Format of the store: mall, street or outlet."),
    "basket_value": dict(min=0, max=5000, unit="EUR", description="Total value of the basket after discounts, in euros."),
    "item_count": dict(min=1, max=200, unit="items", description="Number of items scanned in the basket."),
    "max_item_price": dict(min=0, max=2000, unit="EUR", description="Price of the most expensive item in the basket, in euros."),
    "discount_share": dict(min=0, max=1, unit="ratio", description="Share of the undiscounted basket value given as discounts (0..1)."),
    "hour_of_day": dict(min=0, max=23, unit="hour", description="Local hour of the day the basket was closed, 0..23."),
}

DEMAND_FEATURES = ["price", "promo_flag", "day_of_week", "avg_daily_units_7d", "temperature_c"]
STOCKOUT_NUMERIC = ["on_hand_units", "avg_daily_units_7d", "open_order_units", "lead_time_days", "promo_flag"]
STOCKOUT_CATEGORICAL = ["store_format"]
BASKET_FEATURES = ["basket_value", "item_count", "max_item_price", "discount_share", "hour_of_day"]


# --------------------------------------------------------------------------------------------------
# synthetic data


def f32(a):
    """Round to float32 so that training data, ONNX inputs and JSON samples agree bit for bit."""
    return np.asarray(a, dtype=np.float32)


def make_sku_days(rng: np.random.Generator) -> pd.DataFrame:
    n = N_SKU_DAYS
    store_id = rng.integers(0, N_STORES, n)
    store_format_of = rng.choice(STORE_FORMATS, size=N_STORES, p=STORE_FORMAT_P)
    region_of = rng.choice(REGIONS, size=N_STORES)
    store_format = store_format_of[store_id]
    region = region_of[store_id]
    fmt_factor = np.select([store_format == "mall", store_format == "street"], [1.4, 1.0], 0.7)

    base_price = np.exp(rng.normal(np.log(6.0), 0.6, n))
    promo = (rng.random(n) < 0.15).astype(float)
    price = np.clip(np.round(base_price * (1 - 0.25 * promo), 1) - 0.01, 0.19, 99.99)
    dow = rng.integers(0, 7, n).astype(float)
    season_temp = {"north": 8.0, "south": 18.0, "east": 11.0, "west": 13.0}
    temperature = np.clip(np.round(np.array([season_temp[r] for r in region]) + rng.normal(0, 6, n), 1), -30, 45)

    # SKU base demand: slower sellers when expensive, more traffic in malls
    base_rate = rng.gamma(2.0, 6.0, n) * fmt_factor * np.exp(-0.08 * (base_price - 6.0)).clip(0.3, 2.5)
    avg7 = np.clip(np.round(rng.gamma(25.0, base_rate / 25.0), 1), 0, 500)

    dow_factor = np.array([0.85, 0.85, 0.9, 0.95, 1.15, 1.35, 0.95])[dow.astype(int)]
    temp_factor = 1 + 0.012 * (temperature - 12.0)
    lam_tomorrow = base_rate * dow_factor * (1 + 0.7 * promo) * temp_factor.clip(0.6, 1.5) * np.exp(-0.03 * (price - 6.0)).clip(0.5, 1.6)
    units_tomorrow = rng.poisson(lam_tomorrow).astype(float)

    # stock position; outlets get irregular deliveries
    cover_days = rng.uniform(0.5, 14.0, n) * np.where(store_format == "outlet", 0.8, 1.0)
    on_hand = np.clip(np.round(avg7 * cover_days + rng.normal(0, 3, n)), 0, 5000)
    lead_time = np.clip(rng.integers(2, 15, n) + (store_format == "outlet") * rng.integers(0, 4, n), 1, 21).astype(float)
    has_order = rng.random(n) < 0.6
    open_order = np.clip(np.where(has_order, np.round(avg7 * rng.uniform(3, 10, n)), 0), 0, 5000)

    # simulate the next 7 days: a stock-out happens when cumulative demand exceeds what is on the shelf
    # before the open order arrives, or what is on the shelf plus the order over the whole week
    daily_lam = base_rate * (1 + 0.5 * promo)
    burst = np.where(store_format == "outlet", rng.gamma(2.0, 0.5, (7, n)), rng.gamma(8.0, 0.125, (7, n)))
    demand = rng.poisson(daily_lam * burst)
    cum = np.cumsum(demand, axis=0)
    day_idx = np.arange(1, 8)[:, None]
    supply = on_hand[None, :] + np.where(day_idx > lead_time[None, :], open_order[None, :], 0)
    stockout = (cum > supply).any(axis=0).astype(int)

    return pd.DataFrame(
        {
            "store_id": store_id.astype(int),
            "region": region,
            "store_format": store_format,
            "price": f32(price),
            "promo_flag": f32(promo),
            "day_of_week": f32(dow),
            "avg_daily_units_7d": f32(avg7),
            "temperature_c": f32(temperature),
            "on_hand_units": f32(on_hand),
            "open_order_units": f32(open_order),
            "lead_time_days": f32(lead_time),
            "units_sold_tomorrow": units_tomorrow,
            "stockout_7d": stockout,
        }
    )


def make_baskets(rng: np.random.Generator) -> pd.DataFrame:
    n = N_BASKETS
    store_id = rng.integers(0, N_STORES, n)
    store_format_of = rng.choice(STORE_FORMATS, size=N_STORES, p=STORE_FORMAT_P)
    store_format = store_format_of[store_id]
    items = 1 + rng.poisson(np.select([store_format == "mall", store_format == "street"], [9.0, 6.0], 12.0))
    avg_item = np.exp(rng.normal(np.log(4.5), 0.35, n))
    max_item = avg_item * rng.uniform(1.2, 3.0, n)
    discount = rng.beta(1.2, 12.0, n) * np.where(store_format == "outlet", 1.8, 1.0)
    hour = np.clip(np.round(rng.normal(15.0, 3.2, n)), 8, 21)

    # injected anomalies: sweethearting (huge discounts), high-value fraud, after-hours sales
    is_anomaly = rng.random(n) < ANOMALY_SHARE
    kind = rng.integers(0, 3, n)
    a0, a1, a2 = is_anomaly & (kind == 0), is_anomaly & (kind == 1), is_anomaly & (kind == 2)
    discount = np.where(a0, rng.uniform(0.55, 0.95, n), discount)
    items = np.where(a0, items + rng.integers(10, 30, n), items)
    max_item = np.where(a1, rng.uniform(250, 1500, n), max_item)
    items = np.where(a1, rng.integers(1, 4, n), items)
    hour = np.where(a2, rng.integers(0, 6, n), hour)
    items = np.where(a2, items + rng.integers(20, 60, n), items)

    discount = np.clip(np.round(discount, 3), 0, 1)
    max_item = np.round(max_item, 2)
    value = (avg_item * np.maximum(items - 1, 0) + max_item) * (1 - discount)
    return pd.DataFrame(
        {
            "store_id": store_id.astype(int),
            "store_format": store_format,
            "basket_value": f32(np.clip(np.round(value, 2), 0, 5000)),
            "item_count": f32(np.clip(items, 1, 200)),
            "max_item_price": f32(np.clip(max_item, 0, 2000)),
            "discount_share": f32(discount),
            "hour_of_day": f32(hour),
            "is_anomaly": is_anomaly.astype(int),
        }
    )


def dataset_sha256(df: pd.DataFrame) -> str:
    """sha256 of the dataset's canonical CSV bytes (float32 columns in shortest round-trip form)."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == np.float32:
            out[c] = [str(np.float32(v)) for v in out[c]]
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return hashlib.sha256(buf.getvalue().encode("utf-8")).hexdigest()


def split(df: pd.DataFrame, rng: np.random.Generator):
    perm = rng.permutation(len(df))
    n_hold = int(round(len(df) * HOLDOUT_SHARE))
    return df.iloc[perm[n_hold:]].reset_index(drop=True), df.iloc[perm[:n_hold]].reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# ONNX export


def register_converters() -> None:
    update_registered_converter(
        LGBMRegressor,
        "LightGbmLGBMRegressor",
        calculate_linear_regressor_output_shapes,
        convert_lightgbm,
        options={"split": None},
    )
    update_registered_converter(
        XGBClassifier,
        "XGBoostXGBClassifier",
        calculate_linear_classifier_output_shapes,
        convert_xgboost,
        options={"nocl": [True, False], "zipmap": [True, False, "columns"]},
    )


def initial_types(numeric: list[str], categorical: list[str] = ()):
    return [(c, FloatTensorType([None, 1])) for c in numeric] + [(c, StringTensorType([None, 1])) for c in categorical]


def rename_output(model: onnx.ModelProto, old: str, new: str) -> None:
    for node in model.graph.node:
        node.output[:] = [new if o == old else o for o in node.output]
        node.input[:] = [new if i == old else i for i in node.input]
    for o in model.graph.output:
        if o.name == old:
            o.name = new


def finalize(model: onnx.ModelProto, name: str, version: str, description: str) -> bytes:
    # skl2onnx collects opset imports in a set: their order follows Python's string-hash seed, so sort
    # them (and anything else order-free) to make the file byte-identical across runs
    opsets = sorted(((o.domain, o.version) for o in model.opset_import))
    del model.opset_import[:]
    for domain, ver in opsets:
        model.opset_import.add(domain=domain, version=ver)
    model.doc_string = description
    model.graph.name = name.replace("-", "_")
    model.model_version = int(version.split(".")[0]) * 10000 + int(version.split(".")[1]) * 100 + int(version.split(".")[2])
    del model.metadata_props[:]
    for k, v in (("modelgate.model", name), ("modelgate.version", version), ("modelgate.code_commit", CODE_COMMIT)):
        p = model.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(model, full_check=True)
    return model.SerializeToString(deterministic=True)


def session(blob: bytes) -> ort.InferenceSession:
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    return ort.InferenceSession(blob, sess_options=so, providers=["CPUExecutionProvider"])


def feeds(df: pd.DataFrame, numeric: list[str], categorical: list[str] = ()) -> dict:
    d = {c: df[c].to_numpy(dtype=np.float32).reshape(-1, 1) for c in numeric}
    d.update({c: df[c].to_numpy(dtype=object).astype(str).reshape(-1, 1) for c in categorical})
    return d


def signature(blob: bytes) -> tuple[list[dict], list[dict]]:
    """Inputs/outputs of an ONNX file as Open Inference Protocol datatype + shape."""
    m = onnx.load_from_string(blob)
    dt = {
        onnx.TensorProto.FLOAT: "FP32", onnx.TensorProto.DOUBLE: "FP64", onnx.TensorProto.INT64: "INT64",
        onnx.TensorProto.INT32: "INT32", onnx.TensorProto.STRING: "BYTES", onnx.TensorProto.BOOL: "BOOL",
    }

    def conv(vi):
        t = vi.type.tensor_type
        shape = [d.dim_value if d.HasField("dim_value") else -1 for d in t.shape.dim]
        return {"name": vi.name, "datatype": dt[t.elem_type], "shape": shape}

    inits = {i.name for i in m.graph.initializer}
    return [conv(v) for v in m.graph.input if v.name not in inits], [conv(v) for v in m.graph.output]


# --------------------------------------------------------------------------------------------------
# statistics


def r4(x: float) -> float:
    return float(round(float(x), 4))


def num_edges(values: np.ndarray, bins: int = 10) -> list[float]:
    v = np.asarray(values, dtype=np.float64)
    lo, hi = float(v.min()), float(v.max())
    uniq = np.unique(v)
    if len(uniq) <= bins:
        # low-cardinality numeric (flags, day of week): one bin per value, split at the midpoints,
        # so the histogram still sees every value (quantile edges would collapse to one bin)
        mids = [(a + b) / 2 for a, b in zip(uniq[:-1], uniq[1:])]
        edges = [lo] + [r4(m) for m in mids] + [hi]
    else:
        qs = np.quantile(v, np.linspace(0, 1, bins + 1))
        edges = [lo] + [r4(q) for q in qs[1:-1]] + [hi]
    out: list[float] = []
    for e in edges:  # ascending, deduplicated
        if not out or e > out[-1]:
            out.append(e)
    if len(out) == 1:
        out.append(out[0])  # constant column: degenerate single bin
    # first/last edge are the exact training min/max (float32 values widened to float64, so a served
    # FP32 value equal to the minimum lands in the first bin); inner edges are rounded to 6 decimals
    return [int(e) if float(e).is_integer() else float(e) for e in out]


def proportions(values: np.ndarray, edges: list[float]) -> list[float]:
    v = np.asarray(values, dtype=np.float64)
    if edges[0] == edges[-1]:
        return [1.0]
    counts, _ = np.histogram(v, bins=np.asarray(edges, dtype=np.float64))  # [a, b) bins, last one [a, b]
    assert counts.sum() == len(v), "every training value must fall in a bin"
    p = counts / counts.sum()
    r = [round(float(x), 6) for x in p]
    i = int(np.argmax(r))
    r[i] = round(r[i] + (1.0 - sum(r)), 6)  # make the rounded shares sum to 1 within 1e-6
    assert abs(sum(r) - 1.0) <= 1e-6, sum(r)
    return r


def numeric_baseline(values: np.ndarray) -> dict:
    e = num_edges(values)
    return {"edges": e, "proportions": proportions(values, e)}


def categorical_baseline(values, categories) -> dict:
    s = pd.Series(values).value_counts()
    freqs = {c: round(float(s.get(c, 0)) / len(values), 6) for c in categories}
    top = max(freqs, key=freqs.get)
    freqs[top] = round(freqs[top] + (1.0 - sum(freqs.values())), 6)
    assert abs(sum(freqs.values()) - 1.0) <= 1e-6
    return {"frequencies": freqs}


def m4(x: float) -> float:
    return float(round(float(x), 4))


def regression_metrics(y, p) -> dict:
    return {
        "mae": m4(mean_absolute_error(y, p)),
        "rmse": m4(np.sqrt(mean_squared_error(y, p))),
        "r2": m4(r2_score(y, p)),
    }


def classifier_metrics(y, label, prob1) -> dict:
    return {
        "accuracy": m4(accuracy_score(y, label)),
        "auc": m4(roc_auc_score(y, prob1)),
        "f1": m4(f1_score(y, label)),
    }


def anomaly_metrics(y_anom, label, scores) -> dict:
    pred = (label == -1).astype(int)
    out = {
        "precision": m4(precision_score(y_anom, pred, zero_division=0)),
        "recall": m4(recall_score(y_anom, pred, zero_division=0)),
        "f1": m4(f1_score(y_anom, pred, zero_division=0)),
    }
    if 0 < y_anom.sum() < len(y_anom):
        out["auc"] = m4(roc_auc_score(y_anom, -scores))
    return out


def sliced(df: pd.DataFrame, attr: str, fn) -> dict:
    return {str(v): fn(df[attr] == v) for v in sorted(df[attr].unique(), key=lambda s: STORE_FORMATS.index(s) if s in STORE_FORMATS else 99)}


# --------------------------------------------------------------------------------------------------
# YAML output


class Q(str):
    """A string that is always written quoted (hex digests could otherwise read as numbers)."""


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(Q, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))


def flow(d):
    """Mark a leaf mapping/sequence for flow style ({a: 1} / [1, 2])."""
    return Flow(d) if isinstance(d, dict) else FlowList(d)


class Flow(dict):
    pass


class FlowList(list):
    pass


Dumper.add_representer(Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
Dumper.add_representer(FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def write_yaml(rel: str, kind: str, data: dict, header: str = "") -> None:
    text = yaml.dump(data, Dumper=Dumper, sort_keys=False, default_flow_style=False, width=1000, allow_unicode=True)
    head = f"# yaml-language-server: $schema={YAML_SCHEMA_BASE}{kind}.schema.json\n"
    head += "# GENERATED by training/train.py - do not edit by hand; change the script and re-run it.\n"
    if header:
        head += "".join(f"# {line}\n" for line in header.splitlines())
    write_bytes(rel, (head + text).encode("utf-8"))


def write_bytes(rel: str, data: bytes) -> None:
    p = REPO / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)


# --------------------------------------------------------------------------------------------------
# registry writers


def version_file(model, version, parent, blob, metrics, slices, dataset_id, dataset_sha, hyper, trained_at):
    rel = f"artifacts/{model}/{version}/model.onnx"
    write_bytes(rel, blob)
    doc = {"version": Q(version)}
    if parent:
        doc["parent"] = Q(parent)
    doc["artifact"] = {
        "uri": f"file:{rel}",
        "sha256": Q(hashlib.sha256(blob).hexdigest()),
        "size": len(blob),
        "format": "onnx",
        "opset": OPSET,
    }
    doc["metrics"] = metrics
    doc["slice_metrics"] = {attr: {k: flow(v) for k, v in vals.items()} for attr, vals in slices.items()}
    doc["lineage"] = {
        "dataset": flow({"id": dataset_id, "sha256": Q(dataset_sha)}),
        "code_commit": Q(CODE_COMMIT),
        "hyperparameters": flow(hyper),
        "trained_at": Q(trained_at),
    }
    write_yaml(f"models/{model}/versions/{version}.yaml", "model-version", doc)


def field_doc(sig: dict, spec: dict) -> dict:
    d = {"name": sig["name"], "datatype": sig["datatype"], "shape": flow(sig["shape"]), "nullable": False}
    for k in ("min", "max", "categories", "unit", "description"):
        if k in spec:
            d[k] = flow(list(spec[k])) if k == "categories" else spec[k]
    return d


def contract_file(name, blob, input_specs, output_specs, owners, consumers, baseline):
    ins, outs = signature(blob)
    assert [i["name"] for i in ins] == list(input_specs), (name, ins)
    assert [o["name"] for o in outs] == list(output_specs), (name, outs)
    doc = {
        "name": name,
        "version": Q("1.0.0"),
        "compatibility": "BACKWARD",
        "owners": flow(owners),
        "consumers": [{"name": c, "owners": flow(o)} for c, o in consumers],
        "inputs": [field_doc(s, input_specs[s["name"]]) for s in ins],
        "outputs": [field_doc(s, output_specs[s["name"]]) for s in outs],
        "baseline": baseline,
    }
    write_yaml(f"contracts/{name}.yaml", "contract", doc)


def oip(name: str, arr: np.ndarray) -> dict:
    """One output tensor in Open Inference Protocol form (row-major data)."""
    arr = np.asarray(arr)
    if arr.dtype == np.int64:
        dt, data = "INT64", [int(x) for x in arr.ravel()]
    elif arr.dtype == np.float32:
        dt, data = "FP32", [float(str(x)) for x in arr.ravel()]
    else:
        raise TypeError(arr.dtype)
    return {"datatype": dt, "shape": list(arr.shape), "data": data}


def samples_for(model, version, blob, rows: pd.DataFrame, numeric, categorical=()) -> dict:
    sess = session(blob)
    out_names = [o.name for o in sess.get_outputs()]
    samples = []
    for i in range(len(rows)):
        r = rows.iloc[[i]]
        inp = {c: float(str(np.float32(r[c].iloc[0]))) for c in numeric}
        inp.update({c: str(r[c].iloc[0]) for c in categorical})
        res = sess.run(None, feeds(r, numeric, categorical))
        samples.append({"inputs": inp, "outputs": {n: oip(n, v) for n, v in zip(out_names, res)}})
    # the same rows as one batch must give the same answers (batch dimension is really variable)
    batch = sess.run(None, feeds(rows, numeric, categorical))
    for j, n in enumerate(out_names):
        single = np.concatenate([sess.run(None, feeds(rows.iloc[[i]], numeric, categorical))[j] for i in range(len(rows))])
        assert np.allclose(batch[j], single, atol=1e-6), (model, n)
    return {
        "model": model,
        "version": version,
        "artifact": f"artifacts/{model}/{version}/model.onnx",
        "sha256": hashlib.sha256(blob).hexdigest(),
        "input_order": list(numeric) + list(categorical),
        "output_order": out_names,
        "samples": samples,
    }


# --------------------------------------------------------------------------------------------------
# models


def train_demand(train, hold, hyper):
    pipe = Pipeline([
        ("features", ColumnTransformer([("num", "passthrough", DEMAND_FEATURES)])),
        ("model", LGBMRegressor(**hyper, random_state=SEED, n_jobs=1, deterministic=True, force_row_wise=True, verbose=-1)),
    ])
    pipe.fit(train[DEMAND_FEATURES], train["units_sold_tomorrow"])
    onx = to_onnx(pipe, initial_types=initial_types(DEMAND_FEATURES), target_opset=TARGET_OPSET)
    rename_output(onx, "variable", "predicted_units")
    return onx


def train_stockout(train, hold, hyper):
    cols = STOCKOUT_NUMERIC + STOCKOUT_CATEGORICAL
    pre = ColumnTransformer(
        [
            ("num", "passthrough", STOCKOUT_NUMERIC),
            ("cat", OneHotEncoder(categories=[STORE_FORMATS], handle_unknown="ignore", sparse_output=False), STOCKOUT_CATEGORICAL),
        ],
        sparse_threshold=0.0,
    )
    pipe = Pipeline([
        ("features", pre),
        ("model", XGBClassifier(**hyper, random_state=SEED, n_jobs=1, tree_method="hist", eval_metric="logloss")),
    ])
    pipe.fit(train[cols], train["stockout_7d"])
    onx = to_onnx(
        pipe,
        initial_types=initial_types(STOCKOUT_NUMERIC, STOCKOUT_CATEGORICAL),
        target_opset=TARGET_OPSET,
        options={id(pipe.steps[-1][1]): {"zipmap": False}},
    )
    return onx


def train_anomaly(train, hyper):
    pipe = Pipeline([
        ("features", ColumnTransformer([("num", "passthrough", BASKET_FEATURES)])),
        ("model", IsolationForest(**hyper, random_state=SEED, n_jobs=1)),
    ])
    pipe.fit(train[BASKET_FEATURES])
    return to_onnx(pipe, initial_types=initial_types(BASKET_FEATURES), target_opset=TARGET_OPSET)


# --------------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump-data", metavar="DIR", help="also write the generated datasets as CSV into DIR")
    args = ap.parse_args()

    register_converters()
    rng = np.random.default_rng(SEED)
    sku = make_sku_days(rng)
    baskets = make_baskets(rng)
    sku_sha, basket_sha = dataset_sha256(sku), dataset_sha256(baskets)
    sku_train, sku_hold = split(sku, np.random.default_rng(SEED + 1))
    b_train, b_hold = split(baskets, np.random.default_rng(SEED + 2))
    if args.dump_data:
        d = Path(args.dump_data)
        d.mkdir(parents=True, exist_ok=True)
        for nm, df in ((SKU_DATASET_ID, sku), (BASKET_DATASET_ID, baskets)):
            df.to_csv(d / f"{nm}.csv", index=False, lineterminator="\n")

    all_samples = []
    report = []

    # ---- demand-forecast -------------------------------------------------------------------------
    demand_versions = [
        ("1.0.0", None, "2026-09-01T12:00:00Z",
         {"n_estimators": 40, "num_leaves": 15, "max_depth": 4, "learning_rate": 0.1, "min_child_samples": 40}),
        ("1.1.0", "1.0.0", "2026-10-01T12:00:00Z",
         {"n_estimators": 120, "num_leaves": 15, "max_depth": 5, "learning_rate": 0.08, "min_child_samples": 20}),
    ]
    demand_blobs = {}
    for version, parent, at, hyper in demand_versions:
        blob = finalize(train_demand(sku_train, sku_hold, hyper), "demand-forecast", version,
                        "Units of a SKU sold at a store tomorrow (LightGBM regressor).")
        demand_blobs[version] = blob
        pred = session(blob).run(None, feeds(sku_hold, DEMAND_FEATURES))[0].ravel()
        y = sku_hold["units_sold_tomorrow"].to_numpy()
        metrics = regression_metrics(y, pred)
        slices = {"store_format": sliced(sku_hold, "store_format", lambda m: regression_metrics(y[m], pred[m]))}
        version_file("demand-forecast", version, parent, blob, metrics, slices, SKU_DATASET_ID, sku_sha, hyper, at)
        report.append(("demand-forecast", version, len(blob), metrics))
        rows = pd.concat([sku_hold[sku_hold.promo_flag == 1].head(1), sku_hold[sku_hold.promo_flag == 0].head(2)])
        all_samples.append(samples_for("demand-forecast", version, blob, rows, DEMAND_FEATURES))

    train_pred = session(demand_blobs["1.0.0"]).run(None, feeds(sku_train, DEMAND_FEATURES))[0].ravel()
    contract_file(
        "demand-forecast",
        demand_blobs["1.0.0"],
        {c: F[c] for c in DEMAND_FEATURES},
        {"predicted_units": dict(unit="units", description="Forecast units sold tomorrow (may be slightly below 0 for dead stock; clamp at 0).")},
        ["@retail/forecasting"],
        [("replenishment-planner", ["@retail/planning"]), ("stockout-risk-features", ["@retail/supply-chain"])],
        {
            "count": len(sku_train),
            "inputs": {c: flow_baseline(numeric_baseline(sku_train[c].to_numpy())) for c in DEMAND_FEATURES},
            "outputs": {"predicted_units": flow_baseline(numeric_baseline(train_pred))},
        },
    )

    # ---- stockout-risk ---------------------------------------------------------------------------
    stock_cols = STOCKOUT_NUMERIC + STOCKOUT_CATEGORICAL
    stock_versions = [
        ("1.0.0", None, "2026-09-01T12:00:00Z",
         {"n_estimators": 20, "max_depth": 2, "learning_rate": 0.3, "min_child_weight": 5.0}),
        ("1.1.0", "1.0.0", "2026-10-01T12:00:00Z",
         {"n_estimators": 60, "max_depth": 3, "learning_rate": 0.1, "min_child_weight": 5.0}),
    ]
    stock_blobs = {}
    for version, parent, at, hyper in stock_versions:
        blob = finalize(train_stockout(sku_train, sku_hold, hyper), "stockout-risk", version,
                        "Probability that a SKU runs out of stock at a store within 7 days (XGBoost classifier).")
        stock_blobs[version] = blob
        label, prob = session(blob).run(None, feeds(sku_hold, STOCKOUT_NUMERIC, STOCKOUT_CATEGORICAL))
        y = sku_hold["stockout_7d"].to_numpy()
        metrics = classifier_metrics(y, label, prob[:, 1])
        slices = {
            "store_format": sliced(sku_hold, "store_format", lambda m: classifier_metrics(y[m], label[m], prob[m, 1])),
            "region": {r: classifier_metrics(y[(sku_hold.region == r).to_numpy()], label[(sku_hold.region == r).to_numpy()],
                                             prob[(sku_hold.region == r).to_numpy(), 1]) for r in REGIONS},
        }
        version_file("stockout-risk", version, parent, blob, metrics, slices, SKU_DATASET_ID, sku_sha, hyper, at)
        report.append(("stockout-risk", version, len(blob), metrics))
        rows = pd.concat([
            sku_hold[(sku_hold.stockout_7d == 1) & (sku_hold.store_format == "outlet")].head(1),
            sku_hold[(sku_hold.stockout_7d == 0) & (sku_hold.store_format == "mall")].head(1),
            sku_hold[(sku_hold.store_format == "street") & (sku_hold.promo_flag == 1)].head(1),
        ])
        all_samples.append(samples_for("stockout-risk", version, blob, rows, STOCKOUT_NUMERIC, STOCKOUT_CATEGORICAL))

    _, train_prob = session(stock_blobs["1.0.0"]).run(None, feeds(sku_train, STOCKOUT_NUMERIC, STOCKOUT_CATEGORICAL))
    contract_file(
        "stockout-risk",
        stock_blobs["1.0.0"],
        {c: F[c] for c in stock_cols},
        {
            "label": dict(description="Predicted class: 1 = stock-out expected within 7 days, 0 = not (threshold 0.5)."),
            "probabilities": dict(min=0, max=1, description="Class probabilities [P(no stock-out), P(stock-out)]; each row sums to 1."),
        },
        ["@retail/supply-chain"],
        [("replenishment-planner", ["@retail/planning"])],
        {
            "count": len(sku_train),
            "inputs": {
                **{c: flow_baseline(numeric_baseline(sku_train[c].to_numpy())) for c in STOCKOUT_NUMERIC},
                "store_format": flow_baseline(categorical_baseline(sku_train["store_format"].to_numpy(), STORE_FORMATS)),
            },
            # baseline of P(stock-out), i.e. column 1 of probabilities
            "outputs": {"probabilities": flow_baseline(numeric_baseline(train_prob[:, 1]))},
        },
    )

    # ---- basket-anomaly --------------------------------------------------------------------------
    hyper = {"n_estimators": 50, "max_samples": 128, "contamination": ANOMALY_SHARE, "max_features": 1.0}
    blob = finalize(train_anomaly(b_train, hyper), "basket-anomaly", "1.0.0",
                    "Unusual till baskets (IsolationForest): label -1 = anomaly, 1 = normal; scores < 0 = anomalous.")
    label, scores = session(blob).run(None, feeds(b_hold, BASKET_FEATURES))
    label, scores = label.ravel(), scores.ravel()
    y = b_hold["is_anomaly"].to_numpy()
    metrics = anomaly_metrics(y, label, scores)
    slices = {"store_format": sliced(b_hold, "store_format", lambda m: anomaly_metrics(y[m], label[m], scores[m]))}
    version_file("basket-anomaly", "1.0.0", None, blob, metrics, slices, BASKET_DATASET_ID, basket_sha,
                 hyper, "2026-10-01T12:00:00Z")
    report.append(("basket-anomaly", "1.0.0", len(blob), metrics))
    rows = pd.concat([b_hold[b_hold.is_anomaly == 1].head(1), b_hold[b_hold.is_anomaly == 0].head(2)])
    all_samples.append(samples_for("basket-anomaly", "1.0.0", blob, rows, BASKET_FEATURES))
    _, train_scores = session(blob).run(None, feeds(b_train, BASKET_FEATURES))
    contract_file(
        "basket-anomaly",
        blob,
        {c: F[c] for c in BASKET_FEATURES},
        {
            "label": dict(description="-1 = anomalous basket, 1 = normal."),
            "scores": dict(description="Anomaly score (IsolationForest decision_function): below 0 = anomalous, lower = more unusual."),
        },
        ["@retail/risk"],
        [("loss-prevention-review-queue", ["@retail/risk"])],
        {
            "count": len(b_train),
            "inputs": {c: flow_baseline(numeric_baseline(b_train[c].to_numpy())) for c in BASKET_FEATURES},
            "outputs": {"scores": flow_baseline(numeric_baseline(train_scores.ravel()))},
        },
    )

    # ---- samples ---------------------------------------------------------------------------------
    samples = {
        "generated_by": "training/train.py",
        "code_commit": CODE_COMMIT,
        "description": (
            "Example rows per model version with the outputs of the Python onnxruntime "
            f"{ort.__version__}. Feed each input as a [1, 1] tensor (FP32 for numbers, BYTES/string for "
            "categories); outputs are in Open Inference Protocol form (datatype, shape, row-major data)."
        ),
        "tolerance": {"absolute": 1e-5, "relative": 1e-5},
        "models": all_samples,
    }
    write_bytes("training/samples.json", (json.dumps(samples, indent=2) + "\n").encode("utf-8"))

    for m, v, size, metrics in report:
        print(f"{m:16s} {v:6s} {size:8d} bytes  {metrics}")
    return 0


def flow_baseline(b: dict) -> dict:
    return Flow({k: (FlowList(v) if isinstance(v, list) else Flow(v)) for k, v in b.items()})


if __name__ == "__main__":
    sys.exit(main())
