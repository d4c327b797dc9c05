"""statsmodels Logit on the same design as `ledighedsprofil train --include-sensitive`, for the benchmark.

The design is built here from the feature specification JSON with pandas: an encoding written
independently of the TypeScript one, so agreement of the coefficients also checks the encoder.
Supports what training/default-spec.json uses: numeric (linear with scale, bands), categorical
(declared levels, prefix, missing as a level), boolean, multi-select. Prints one JSON line.
Usage: /usr/bin/python3 bench/statsmodels_fit.py DATA.csv SPEC.json
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm

t0 = time.perf_counter()
data_file, spec_file = sys.argv[1], sys.argv[2]
spec = json.load(open(spec_file))
df = pd.read_csv(data_file, dtype=str, keep_default_na=False)
t_read = time.perf_counter()

cols = {"(Intercept)": np.ones(len(df))}
for f in spec["features"]:
    name = f["name"]
    raw = df[f.get("column", name)].str.strip()
    missing = raw.isin(["", "NA"])
    kind = f["type"]
    if kind == "numeric":
        x = pd.to_numeric(raw.where(~missing), errors="raise")
        t = f.get("transform", {"kind": "linear"})
        if t["kind"] == "bands":
            breaks = t["breaks"]
            labels = t.get("labels") or [f"<{breaks[0]}"] + [f"[{a},{b})" for a, b in zip(breaks, breaks[1:])] + [f">={breaks[-1]}"]
            band = np.searchsorted(np.array(breaks, dtype=float), x.to_numpy(dtype=float), side="right")
            for k, label in enumerate(labels):
                if label != t["reference"]:
                    cols[f"{name}={label}"] = (band == k).astype(float)
        elif t["kind"] == "linear":
            cols[name] = (x / f.get("scale", 1)).to_numpy(dtype=float)
        else:
            raise SystemExit(f"transform {t['kind']} not supported by this benchmark script")
    elif kind == "categorical":
        v = raw.str[: f["prefix"]] if "prefix" in f else raw
        observed = set(v[~missing])
        levels = [l for l in f["levels"] if l in observed] if "levels" in f else sorted(observed)
        ref = f.get("reference", levels[0])
        for level in levels:
            if level != ref:
                cols[f"{name}={level}"] = ((v == level) & ~missing).astype(float).to_numpy()
        if f.get("missing") == "level" and missing.any():
            cols[f"{name}=(missing)"] = missing.astype(float).to_numpy()
    elif kind == "boolean":
        cols[name] = raw.str.lower().isin(["1", "true"]).astype(float).to_numpy()
    elif kind == "multiselect":
        sep = f.get("separator", ";")
        sets = raw.str.split(sep)
        for opt in f["options"]:
            cols[f"{name}={opt}"] = sets.apply(lambda items: opt in items).astype(float).to_numpy()

# Our encoder orders terms by feature; reorder to match for the comparison.
X = pd.DataFrame(cols)
y = pd.to_numeric(df[spec["outcome"]]).to_numpy(dtype=float)
t_design = time.perf_counter()
result = sm.Logit(y, X).fit(method="newton", disp=0, maxiter=50)
t_fit = time.perf_counter()
print(json.dumps({
    "readSeconds": t_read - t0,
    "designSeconds": t_design - t_read,
    "fitSeconds": t_fit - t_design,
    "totalSeconds": t_fit - t0,
    "peakMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "iterations": int(result.mle_retvals["iterations"]),
    "logLik": float(result.llf),
    "terms": list(X.columns),
    "estimates": [float(b) for b in result.params],
    "stdErrors": [float(s) for s in result.bse],
    "statsmodels": sm.__version__,
}))
