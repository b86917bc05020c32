#!/usr/bin/env python3
"""Calibration and tier thresholds on BANKING77, at Baton's default settings.

Ingests train.csv into a fresh store, runs `baton retrain` (default settings: 10 % holdout,
5-fold out-of-fold calibration, auto-resolve target 0.95 and review target 0.80 judged by a
one-sided 95 % Clopper-Pearson bound), then `baton eval --data test.csv --json`, and checks:

  ECE after calibration <= 0.03; tier-1 precision >= 0.95; tier-1 coverage >= 0.70; and the
  mean tier-1 precision of the worst 10 % of intents is higher under the per-intent thresholds
  than under one global threshold set to the same overall coverage.

The single global 0.85 threshold's numbers are printed beside them. Not a test: a measurement.

    swift build -c release
    python3 bench/tiers_banking77.py --data <folder with BANKING77 train.csv and test.csv>

Standard library only. Exit 0 when every check holds, 1 when one fails, 2 on a run error.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.stderr.write(f"command failed ({result.returncode}): {' '.join(command)}\n{result.stderr}\n")
        sys.exit(2)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="folder with train.csv and test.csv (text,intent)")
    parser.add_argument("--baton", default=".build/release/baton", help="the baton binary")
    parser.add_argument("--out", default="bench/out/tiers.json", help="where to write the results as JSON")
    args = parser.parse_args()
    train = os.path.join(args.data, "train.csv")
    test = os.path.join(args.data, "test.csv")
    if not os.path.exists(args.baton):
        sys.exit(f"{args.baton} not found: run `swift build -c release` first")

    with tempfile.TemporaryDirectory(prefix="baton-tiers-") as folder:
        store = os.path.join(folder, "store.sqlite")
        models = os.path.join(folder, "models")
        run([args.baton, "ingest", "transcripts", train, "--store", store])
        started = time.monotonic()
        retrain = run([args.baton, "retrain", "--store", store, "--models", models])
        retrain_seconds = time.monotonic() - started
        summary = json.loads(retrain.stdout.strip().splitlines()[-1])
        evaluation = json.loads(run([args.baton, "eval", "--models", models, "--data", test, "--json"]).stdout)

    report = evaluation["report"]
    tiers = report["tiers"]
    results = {
        "retrain_seconds": retrain_seconds,
        "retrain_phases": summary["seconds"],
        "temperature": report["temperature"],
        "test_rows": evaluation["rows"],
        "accuracy": evaluation["accuracy"],
        "macro_f1": evaluation["macroF1"],
        "ece_before": report["eceBeforeCalibration"],
        "ece_after": report["eceAfterCalibration"],
        "tier_shares": [tiers["tier1Share"], tiers["tier2Share"], tiers["tier3Share"]],
        "tier1_precision": tiers.get("tier1Precision"),
        "tier1_coverage": tiers["tier1Coverage"],
        "global_085_precision": tiers.get("globalTier1Precision"),
        "global_085_coverage": tiers["globalTier1Coverage"],
        "worst_decile_per_intent": tiers.get("worstDecileTier1Precision"),
        "matched_global_threshold": tiers.get("matchedGlobalThreshold"),
        "matched_global_precision": tiers.get("matchedGlobalTier1Precision"),
        "matched_global_coverage": tiers.get("matchedGlobalTier1Coverage"),
        "worst_decile_matched_global": tiers.get("matchedGlobalWorstDecileTier1Precision"),
        "worst_decile_intents": tiers.get("worstDecileIntentCount"),
        "threshold_sources": {},
    }
    for row in tiers["perIntent"]:
        results["threshold_sources"][row["source"]] = results["threshold_sources"].get(row["source"], 0) + 1

    def pct(value):
        return "-" if value is None else f"{100 * value:.1f}%"

    print(f"BANKING77 test ({results['test_rows']} messages), model trained by `baton retrain` in {retrain_seconds:.1f} s")
    print(f"  accuracy {pct(results['accuracy'])}, macro-F1 {pct(results['macro_f1'])}, temperature {results['temperature']:.3f}")
    print(f"  ECE {results['ece_before']:.4f} uncalibrated -> {results['ece_after']:.4f} calibrated")
    print(f"  tier shares 1/2/3: {' / '.join(pct(s) for s in results['tier_shares'])}")
    print(f"  {'policy':<44} {'tier-1 precision':>16} {'coverage':>9}")
    print(f"  {'per-intent thresholds (Baton defaults)':<44} {pct(results['tier1_precision']):>16} {pct(results['tier1_coverage']):>9}")
    print(f"  {'one global threshold 0.85':<44} {pct(results['global_085_precision']):>16} {pct(results['global_085_coverage']):>9}")
    label = f"one global threshold {results['matched_global_threshold'] or 0:.3f} (same coverage)"
    print(f"  {label:<44} {pct(results['matched_global_precision']):>16} {pct(results['matched_global_coverage']):>9}")
    print(f"  worst 10% of intents ({results['worst_decile_intents']}), mean tier-1 precision: "
          f"{pct(results['worst_decile_per_intent'])} per-intent vs {pct(results['worst_decile_matched_global'])} global at the same coverage")
    print(f"  threshold sources: {results['threshold_sources']}")

    checks = {
        "ECE after calibration <= 0.03": results["ece_after"] <= 0.03,
        "tier-1 precision >= 0.95": (results["tier1_precision"] or 0) >= 0.95,
        "tier-1 coverage >= 0.70": results["tier1_coverage"] >= 0.70,
        "worst-decile precision above the global threshold's at equal coverage":
            (results["worst_decile_per_intent"] or 0) > (results["worst_decile_matched_global"] or 0),
    }
    results["checks"] = checks
    for name, holds in checks.items():
        print(f"  {'HOLDS' if holds else 'FAILS'}: {name}")
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as handle:
        json.dump(results, handle, indent=2, sort_keys=True)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
