#!/usr/bin/env python3
"""Baton's nightly retrain against scikit-learn on the same data, side by side in one run.

Needs: pip install scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1 threadpoolctl
and a release build of Baton (swift build -c release). Run from the package root:

    python3 bench/retrain_vs_sklearn.py --data FOLDER [--baton .build/release/baton] [--repeats 3]

FOLDER holds BANKING77-style train.csv and test.csv with the header `text,intent`.

(a) scikit-learn: TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True, min_df=1) and
    LogisticRegression(solver="lbfgs", C=30, max_iter=1000); wall time of vectorize+fit on
    all of train (median of the repeats), then test accuracy, macro-F1 and log-loss.
(b) Baton, in a fresh temporary folder per repeat: `baton ingest transcripts` (timed on its
    own), `baton retrain --holdout-percent 0` (the timed step; its last stdout line is the JSON
    summary), then `baton eval --json` on test.

The repeats alternate between the two systems so that slow drift of a noisy machine hits
both alike. Results go to the terminal and to bench/out/retrain.json (git-ignored). Exit
status: 0 when both halves ran, 2 when the Baton half could not run (the scikit-learn half is
still reported), 1 on bad input.
"""

import argparse
import csv
import datetime as dt
import json
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, log_loss

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "retrain.json"
MACRO_F1_TOLERANCE_POINTS = 1.0


def read_split(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"text", "intent"} <= set(reader.fieldnames):
            raise SystemExit(f"error: {path} must have a header with the columns text,intent "
                             f"(found {reader.fieldnames}); use BANKING77's converted train.csv/test.csv")
        rows = [(row["text"], row["intent"]) for row in reader]
    if not rows:
        raise SystemExit(f"error: {path} has no rows")
    return [t for t, _ in rows], [i for _, i in rows]


def sklearn_run(train_texts, train_intents):
    start = time.perf_counter()
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    X = vectorizer.fit_transform(train_texts)
    vectorized = time.perf_counter()
    model = LogisticRegression(solver="lbfgs", C=30, max_iter=1000)
    model.fit(X, train_intents)
    end = time.perf_counter()
    return {"seconds": end - start, "vectorize_seconds": vectorized - start, "fit_seconds": end - vectorized,
            "vectorizer": vectorizer, "model": model}


def sklearn_scores(run, test_texts, test_intents):
    X = run["vectorizer"].transform(test_texts)
    model = run["model"]
    proba = model.predict_proba(X)
    predicted = model.classes_[np.argmax(proba, axis=1)]
    return {
        "accuracy": float(accuracy_score(test_intents, predicted)),
        "macro_f1": float(f1_score(test_intents, predicted, average="macro")),
        "log_loss": float(log_loss(test_intents, proba, labels=model.classes_)),
        "features": int(X.shape[1]),
        "lbfgs_iterations": int(np.max(model.n_iter_)),
    }


class BatonUnavailable(Exception):
    pass


def run_baton(args, what):
    """Run one baton command; return (seconds, stdout). Raise BatonUnavailable on failure."""
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-8:])
        raise BatonUnavailable(f"`{' '.join(args)}` ({what}) exited with {done.returncode}:\n{tail}")
    return seconds, done.stdout


def last_json_line(stdout, what):
    lines = [line for line in stdout.strip().splitlines() if line.strip()]
    if not lines:
        raise BatonUnavailable(f"{what} printed nothing on stdout; expected a JSON line")
    try:
        return json.loads(lines[-1])
    except json.JSONDecodeError as error:
        raise BatonUnavailable(f"{what}: the last stdout line is not JSON ({error}): {lines[-1][:200]}")


def baton_repeat(baton, train_csv, test_csv):
    work = pathlib.Path(tempfile.mkdtemp(prefix="baton-bench-"))
    try:
        store, models = work / "baton.sqlite", work / "models"
        ingest_seconds, _ = run_baton([baton, "ingest", "transcripts", str(train_csv), "--store", str(store)],
                                      "ingest")
        retrain_seconds, retrain_out = run_baton(
            [baton, "retrain", "--store", str(store), "--models", str(models), "--holdout-percent", "0"], "retrain")
        summary = last_json_line(retrain_out, "baton retrain")
        _, eval_out = run_baton([baton, "eval", "--models", str(models), "--data", str(test_csv), "--json"], "eval")
        scores = last_json_line(eval_out, "baton eval")
        missing = [key for key in ("accuracy", "macroF1", "logLoss", "rows") if key not in scores]
        if missing:
            raise BatonUnavailable(f"baton eval --json lacks the keys {missing}: {scores}")
        return {"ingest_seconds": ingest_seconds, "retrain_seconds": retrain_seconds,
                "summary": summary, "scores": scores}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def blas_in_use(baton):
    """Which BLAS a binary linked with -lblas resolves to, and which one numpy uses."""
    info = {}
    if baton and os.access(baton, os.X_OK):
        try:
            ldd = subprocess.run(["ldd", baton], capture_output=True, text=True, timeout=30).stdout
            for line in ldd.splitlines():
                if "libblas" in line or "openblas" in line:
                    path = line.split("=>")[-1].split("(")[0].strip()
                    info["baton"] = {"linked": path, "resolved": os.path.realpath(path)}
        except (OSError, subprocess.SubprocessError):
            pass
    try:
        cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, timeout=30).stdout
        for line in cache.splitlines():
            if line.strip().startswith("libblas.so.3 ") and "=>" in line:
                path = line.split("=>")[-1].strip()
                info["system_libblas.so.3"] = {"path": path, "resolved": os.path.realpath(path)}
                break
    except (OSError, subprocess.SubprocessError):
        pass
    if os.environ.get("LD_LIBRARY_PATH"):
        info["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
    try:
        from threadpoolctl import threadpool_info
        info["numpy_scipy"] = [
            {key: pool.get(key) for key in ("internal_api", "filepath", "version", "num_threads")}
            for pool in threadpool_info() if pool.get("user_api") == "blas"
        ]
    except ImportError:
        info["numpy_scipy"] = "threadpoolctl is not installed"
    return info


def median(values):
    return statistics.median(values) if values else None


def fmt(value, pattern):
    return "-" if value is None else format(value, pattern)


def main():
    parser = argparse.ArgumentParser(description="Baton retrain vs scikit-learn on BANKING77-style data.")
    parser.add_argument("--data", required=True, type=pathlib.Path,
                        help="folder with train.csv and test.csv (header text,intent)")
    parser.add_argument("--baton", default=".build/release/baton", help="Baton release binary (default %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats per system (default %(default)s)")
    parser.add_argument("--sklearn-only", action="store_true", help="skip the Baton half")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    train_csv, test_csv = args.data / "train.csv", args.data / "test.csv"
    for path in (train_csv, test_csv):
        if not path.is_file():
            raise SystemExit(f"error: {path} not found; --data must be a folder with train.csv and test.csv")
    train_texts, train_intents = read_split(train_csv)
    test_texts, test_intents = read_split(test_csv)
    unseen = sorted(set(test_intents) - set(train_intents))
    if unseen:
        raise SystemExit(f"error: {test_csv} has intents that {train_csv} lacks: {', '.join(unseen[:10])}; "
                         "every test intent must occur in train")

    baton = shutil.which(args.baton) if os.sep not in args.baton else args.baton
    baton_problem = None
    if args.sklearn_only:
        baton_problem = "skipped (--sklearn-only)"
    elif not baton or not os.path.isfile(baton) or not os.access(baton, os.X_OK):
        baton_problem = (f"Baton binary not found or not executable: {args.baton}. "
                         "Build it first with `swift build -c release` (from the package root), "
                         "or pass --baton PATH.")
        print(f"warning: {baton_problem} Running the scikit-learn half only.", file=sys.stderr)

    print(f"data: {len(train_texts)} train rows, {len(test_texts)} test rows, "
          f"{len(set(train_intents))} intents; {args.repeats} repeats", flush=True)
    sk_runs, baton_runs = [], []
    for repeat in range(1, args.repeats + 1):
        run = sklearn_run(train_texts, train_intents)
        sk_runs.append(run)
        print(f"  repeat {repeat}: scikit-learn vectorize+fit {run['seconds']:.2f} s", flush=True)
        if baton_problem is None:
            try:
                result = baton_repeat(baton, train_csv, test_csv)
                baton_runs.append(result)
                print(f"  repeat {repeat}: baton ingest {result['ingest_seconds']:.2f} s, "
                      f"retrain {result['retrain_seconds']:.2f} s", flush=True)
            except (BatonUnavailable, OSError) as error:
                baton_problem = f"the Baton half failed: {error}"
                print(f"warning: {baton_problem}", file=sys.stderr)

    sk_scores = sklearn_scores(sk_runs[-1], test_texts, test_intents)
    sk_time = median([r["seconds"] for r in sk_runs])
    sklearn_result = {
        "seconds_median": sk_time,
        "seconds": [r["seconds"] for r in sk_runs],
        "vectorize_seconds": [r["vectorize_seconds"] for r in sk_runs],
        "fit_seconds": [r["fit_seconds"] for r in sk_runs],
        **sk_scores,
    }
    baton_result, comparison = None, None
    if baton_problem is None and baton_runs:
        scores = baton_runs[-1]["scores"]
        baton_result = {
            "retrain_seconds_median": median([r["retrain_seconds"] for r in baton_runs]),
            "retrain_seconds": [r["retrain_seconds"] for r in baton_runs],
            "ingest_seconds_median": median([r["ingest_seconds"] for r in baton_runs]),
            "ingest_seconds": [r["ingest_seconds"] for r in baton_runs],
            "accuracy": scores["accuracy"], "macro_f1": scores["macroF1"], "log_loss": scores["logLoss"],
            "eval_rows": scores["rows"],
            "retrain_summary": baton_runs[-1]["summary"],
        }
        ratio = sk_time / baton_result["retrain_seconds_median"]
        f1_diff = 100.0 * (baton_result["macro_f1"] - sk_scores["macro_f1"])
        comparison = {
            "speedup_sklearn_over_baton_retrain": ratio,
            "macro_f1_difference_points": f1_diff,
            "target_macro_f1_within_1_point": f1_diff >= -MACRO_F1_TOLERANCE_POINTS,
            "target_baton_retrain_faster": ratio > 1.0,
        }

    print()
    print(f"{'system':<34} {'wall time (s)':>13} {'accuracy':>9} {'macro-F1':>9} {'log-loss':>9}")
    print(f"{'scikit-learn vectorize+fit':<34} {sk_time:>13.2f} {sk_scores['accuracy']:>9.4f} "
          f"{sk_scores['macro_f1']:>9.4f} {sk_scores['log_loss']:>9.4f}")
    if baton_result:
        print(f"{'baton retrain':<34} {baton_result['retrain_seconds_median']:>13.2f} "
              f"{baton_result['accuracy']:>9.4f} {baton_result['macro_f1']:>9.4f} {baton_result['log_loss']:>9.4f}")
        print(f"{'baton ingest (not in retrain time)':<34} {baton_result['ingest_seconds_median']:>13.2f}")
        print()
        print(f"sklearn_time / baton_retrain_time = {comparison['speedup_sklearn_over_baton_retrain']:.2f}")
        print(f"macro-F1 difference (baton - sklearn) = {comparison['macro_f1_difference_points']:+.2f} points")
        print(f"target macro-F1 within {MACRO_F1_TOLERANCE_POINTS:g} point of scikit-learn: "
              f"{'HOLDS' if comparison['target_macro_f1_within_1_point'] else 'MISSED'}")
        print(f"target Baton retrain faster than scikit-learn vectorize+fit: "
              f"{'HOLDS' if comparison['target_baton_retrain_faster'] else 'MISSED'}")
    else:
        print(f"{'baton retrain':<34} {'-':>13} {'-':>9} {'-':>9} {'-':>9}")
        print(f"\nBaton: {baton_problem}")
    print(f"(scikit-learn: {sk_scores['features']} features, {sk_scores['lbfgs_iterations']} L-BFGS iterations)")

    blas = blas_in_use(baton if baton_problem is None or baton_runs else None)
    print(f"BLAS: {json.dumps(blas)}")
    result = {
        "measured_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
                    "cpus": os.cpu_count(),
                    "thread_env": {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")
                                   if k in os.environ}},
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                     "sklearn": sklearn.__version__},
        "blas": blas,
        "data": {"folder": str(args.data), "train_rows": len(train_texts), "test_rows": len(test_texts),
                 "intents": len(set(train_intents))},
        "repeats": args.repeats,
        "sklearn": {"vectorizer": "TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True, min_df=1)",
                    "estimator": "LogisticRegression(solver='lbfgs', C=30, max_iter=1000)", **sklearn_result},
        "baton": baton_result if baton_result else {"error": baton_problem},
        "comparison": comparison,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0 if baton_result else 2


if __name__ == "__main__":
    sys.exit(main())
