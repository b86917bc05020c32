#!/usr/bin/env python3
"""How fast Baton's router decides one live message, against scikit-learn and fastText.

Needs: pip install scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1 fasttext-community
and release builds of Baton (this script runs `swift build -c release` for both products unless
--no-build). Run from the package root:

    python3 bench/route_latency.py --data FOLDER [--rounds 20] [--python-rounds 3]

FOLDER holds BANKING77-style train.csv and test.csv with the header `text,intent`.

(a) Baton: in a fresh temporary folder, `baton ingest transcripts train.csv` and
    `baton retrain --holdout-percent 0` publish a model; `baton-route-bench` then measures a
    verified load (median of 5), single-thread `decide` latency over every test message
    (warm, each message --rounds times) and batch throughput on all cores. Test accuracy
    comes from `baton eval --json`.
(b) scikit-learn: TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2) +
    LogisticRegression(C=30, max_iter=1000) fitted on train; latency of
    `predict_proba(vectorizer.transform([text]))` per test message, and throughput of one
    call on all test messages.
(c) fastText: supervised, epoch 25, lr 0.5, wordNgrams 2, dim 100; latency of
    `model.predict(text)` and throughput of `model.predict(all_texts)`.

Python's garbage collector is off while Python is timed (as timeit does), which favours the
Python libraries. Results go to the terminal and to bench/out/route.json (git-ignored).
Exit status: 0 when all three ran, 2 when the Baton half could not run, 1 on bad input.
"""

import argparse
import csv
import datetime as dt
import gc
import json
import math
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "route.json"


def read_split(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"text", "intent"} <= set(reader.fieldnames):
            raise SystemExit(f"error: {path} must have a header with the columns text,intent (found {reader.fieldnames})")
        rows = [(" ".join(row["text"].split("\n")), row["intent"]) for row in reader]
    if not rows:
        raise SystemExit(f"error: {path} has no rows")
    return [t for t, _ in rows], [i for _, i in rows]


def percentile(sorted_values, fraction):
    """Nearest-rank percentile, as baton-route-bench computes it."""
    if not sorted_values:
        return 0.0
    rank = math.ceil(fraction * len(sorted_values)) - 1
    return sorted_values[max(0, min(len(sorted_values) - 1, rank))]


def latency_summary(samples_us, seconds):
    samples_us.sort()
    return {
        "samples": len(samples_us),
        "p50Microseconds": percentile(samples_us, 0.5),
        "p90Microseconds": percentile(samples_us, 0.9),
        "p99Microseconds": percentile(samples_us, 0.99),
        "maxMicroseconds": samples_us[-1],
        "meanMicroseconds": statistics.fmean(samples_us),
        "messagesPerSecond": len(samples_us) / seconds,
    }


def time_single(decide, texts, rounds):
    for text in texts:  # warm-up
        decide(text)
    samples = []
    clock = time.perf_counter_ns
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(rounds):
            for text in texts:
                t0 = clock()
                decide(text)
                samples.append((clock() - t0) / 1e3)
        seconds = time.perf_counter() - start
    finally:
        gc.enable()
    return latency_summary(samples, seconds)


def time_batch(decide_all, texts, repeats):
    times = []
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.perf_counter()
            decide_all(texts)
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    median = statistics.median(times)
    return {"messages": len(texts), "medianSeconds": median, "messagesPerSecond": len(texts) / median}


def run(command, what, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {result.returncode}): {' '.join(map(str, command))}\n{result.stderr.strip()}")
    return result.stdout


def baton_half(args, data, test_texts):
    if not args.no_build:
        for product in ("baton", "baton-route-bench"):
            run(["swift", "build", "-c", "release", "--product", product], f"swift build {product}", cwd=ROOT)
    baton, bench = pathlib.Path(args.baton), pathlib.Path(args.bench)
    for binary in (baton, bench):
        if not binary.exists():
            raise RuntimeError(f"{binary} does not exist; build it with swift build -c release")
    with tempfile.TemporaryDirectory(prefix="baton-route-bench-") as work:
        work = pathlib.Path(work)
        store, models = work / "store.sqlite", work / "models"
        run([baton, "ingest", "transcripts", data / "train.csv", "--store", store], "baton ingest")
        start = time.perf_counter()
        summary = run([baton, "retrain", "--store", store, "--models", models, "--holdout-percent", "0"], "baton retrain")
        retrain_seconds = time.perf_counter() - start
        evaluation = json.loads(run([baton, "eval", "--json", "--data", data / "test.csv", "--models", models], "baton eval"))
        messages = work / "messages.txt"
        messages.write_text("".join(text + "\n" for text in test_texts), encoding="utf-8")
        report = json.loads(run([bench, models, messages, "--rounds", str(args.rounds)], "baton-route-bench"))
    report["retrainSeconds"] = retrain_seconds
    report["retrainSummary"] = json.loads(summary.strip().splitlines()[-1])
    report["testAccuracy"] = evaluation["accuracy"]
    report["binaries"] = {"baton": str(baton), "bench": str(bench)}
    return report


def sklearn_half(args, train, test):
    import numpy as np
    import sklearn
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    start = time.perf_counter()
    model = LogisticRegression(C=30, max_iter=1000).fit(vectorizer.fit_transform(train[0]), train[1])
    fit_seconds = time.perf_counter() - start
    predict_proba, transform = model.predict_proba, vectorizer.transform
    single = time_single(lambda text: predict_proba(transform([text])), test[0], args.python_rounds)
    batch = time_batch(lambda texts: predict_proba(transform(texts)), test[0], args.batch_repeats)
    predicted = model.classes_[np.argmax(predict_proba(transform(test[0])), axis=1)]
    return {"version": sklearn.__version__, "features": len(vectorizer.vocabulary_), "fitSeconds": fit_seconds,
            "testAccuracy": float(np.mean(predicted == np.array(test[1]))), "single": single, "batch": batch}


def fasttext_half(args, train, test):
    import fasttext

    with tempfile.TemporaryDirectory(prefix="baton-route-fasttext-") as work:
        path = pathlib.Path(work) / "train.txt"
        path.write_text("".join(f"__label__{intent} {text}\n" for text, intent in zip(*train)), encoding="utf-8")
        start = time.perf_counter()
        model = fasttext.train_supervised(input=str(path), epoch=25, lr=0.5, wordNgrams=2, dim=100, verbose=0,
                                          thread=os.cpu_count() or 1, seed=1)
        fit_seconds = time.perf_counter() - start
    predict = model.predict
    single = time_single(predict, test[0], args.python_rounds)
    batch = time_batch(predict, test[0], args.batch_repeats)
    labels, _ = predict(test[0])
    correct = sum(label[0] == "__label__" + intent for label, intent in zip(labels, test[1]))
    try:
        import importlib.metadata as metadata
        version = metadata.version("fasttext-community")
    except Exception:  # noqa: BLE001 - the version is informative only
        version = "unknown"
    return {"version": version, "fitSeconds": fit_seconds, "testAccuracy": correct / len(test[1]),
            "single": single, "batch": batch}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=pathlib.Path, help="folder with train.csv and test.csv")
    parser.add_argument("--baton", default=str(ROOT / ".build" / "release" / "baton"))
    parser.add_argument("--bench", default=str(ROOT / ".build" / "release" / "baton-route-bench"))
    parser.add_argument("--no-build", action="store_true", help="use the binaries as they are")
    parser.add_argument("--rounds", type=int, default=20, help="times baton decides each test message")
    parser.add_argument("--python-rounds", type=int, default=3, help="times scikit-learn and fastText see each test message")
    parser.add_argument("--batch-repeats", type=int, default=5)
    args = parser.parse_args()
    for name in ("train.csv", "test.csv"):
        if not (args.data / name).is_file():
            print(f"error: {args.data / name} not found; --data must be a folder with BANKING77's train.csv and test.csv",
                  file=sys.stderr)
            return 1
    train, test = read_split(args.data / "train.csv"), read_split(args.data / "test.csv")

    results = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "machine": {
        "platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()},
        "data": {"train": len(train[0]), "test": len(test[0])}}
    status = 0
    try:
        results["baton"] = baton_half(args, args.data, test[0])
    except RuntimeError as error:
        print(f"baton: {error}", file=sys.stderr)
        results["baton"] = {"error": str(error)}
        status = 2
    results["sklearn"] = sklearn_half(args, train, test)
    results["fasttext"] = fasttext_half(args, train, test)

    rows = [("system", "p50 µs", "p99 µs", "1 thread msg/s", "batch msg/s", "test acc")]
    for name in ("baton", "sklearn", "fasttext"):
        result = results[name]
        if "single" not in result:
            continue
        rows.append((name, f"{result['single']['p50Microseconds']:.1f}", f"{result['single']['p99Microseconds']:.1f}",
                     f"{result['single']['messagesPerSecond']:,.0f}", f"{result['batch']['messagesPerSecond']:,.0f}",
                     f"{result['testAccuracy']:.4f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.rjust(width) if i else cell.ljust(width) for i, (cell, width) in enumerate(zip(row, widths))))

    if "single" in results["baton"]:
        baton = results["baton"]
        print(f"\nbaton model {baton['model']['version']}: {baton['model']['intents']} intents, "
              f"{baton['model']['features']} features; verified load {baton['load']['medianSeconds'] * 1e3:.1f} ms (median of 5)")
        ratios = {}
        for name in ("sklearn", "fasttext"):
            other = results[name]
            ratios[name] = {
                "p50": other["single"]["p50Microseconds"] / baton["single"]["p50Microseconds"],
                "p99": other["single"]["p99Microseconds"] / baton["single"]["p99Microseconds"],
                "batchThroughput": baton["batch"]["messagesPerSecond"] / other["batch"]["messagesPerSecond"],
            }
            print(f"{name} / baton: p50 {ratios[name]['p50']:.1f}x, p99 {ratios[name]['p99']:.1f}x slower; "
                  f"baton batch throughput {ratios[name]['batchThroughput']:.1f}x {name}'s")
        results["ratios"] = ratios
        targets = {"p50Below20us": baton["single"]["p50Microseconds"] < 20,
                   "p99Below100us": baton["single"]["p99Microseconds"] < 100}
        results["targets"] = targets
        print(f"targets: p50 < 20 µs {'met' if targets['p50Below20us'] else 'MISSED'}, "
              f"p99 < 100 µs {'met' if targets['p99Below100us'] else 'MISSED'}")

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nwritten to {OUT.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
