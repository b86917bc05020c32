#!/usr/bin/env python3
"""Build reference.json: a small TF-IDF matrix and scikit-learn's multinomial logistic
regression solution on it, for checking Baton's trainer (objective, gradient, optimum).

Needs: pip install scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1
Run from the package root (the output does not depend on the working folder):

    python3 Tests/BatonTrainingTests/Fixtures/make_reference.py

The texts come from a seeded synthetic generator below (five made-up support topics); only
the numeric matrix is written, never the texts. Everything is seeded, so a rerun with the
same library versions writes the same file.
"""

import json
import pathlib
import random
import sys

import numpy as np
import scipy
import sklearn
from scipy.special import logsumexp, softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

HERE = pathlib.Path(__file__).resolve().parent
OUTPUT = HERE / "reference.json"
COMMAND = "python3 Tests/BatonTrainingTests/Fixtures/make_reference.py"
SEED = 20261104
ROWS_PER_CLASS = 30
C = 10.0

# Five topics with their own words, plus words every topic uses. Some topic words are shared
# by two topics so that the classes overlap and the optimum is not a separable extreme.
TOPICS = {
    "login": ["password", "reset", "locked", "login", "link", "expired", "code", "account"],
    "billing": ["charged", "invoice", "refund", "card", "bill", "seats", "account", "plan"],
    "integration": ["connector", "sync", "quickbooks", "salesforce", "disconnected", "token", "slack", "link"],
    "workflow": ["trigger", "workflow", "runs", "step", "schedule", "fired", "slack", "sync"],
    "export": ["export", "csv", "download", "history", "columns", "file", "rows", "plan"],
}
COMMON = ["please", "help", "the", "my", "our", "not", "working", "since", "today", "again",
          "can", "you", "with", "we", "need", "urgent", "thanks", "hi", "is", "it"]
PHRASES = {
    "login": ["cannot log in", "reset link expired"],
    "billing": ["charged twice", "copy of invoice"],
    "integration": ["keeps disconnecting", "sync failed"],
    "workflow": ["did not run", "trigger not firing"],
    "export": ["export to csv", "download history"],
}


def synthetic_corpus(rng):
    names = list(TOPICS)
    texts, labels = [], []
    for label, name in enumerate(names):
        for _ in range(ROWS_PER_CLASS):
            words = []
            if rng.random() < 0.6:
                words += rng.choice(PHRASES[name]).split()
            for _ in range(rng.randint(3, 7)):
                r = rng.random()
                if r < 0.55:
                    words.append(rng.choice(TOPICS[name]))
                elif r < 0.85:
                    words.append(rng.choice(COMMON))
                else:  # a word of another topic: noise that makes the classes overlap
                    words.append(rng.choice(TOPICS[rng.choice(names)]))
            rng.shuffle(words)
            texts.append(" ".join(words))
            labels.append(label)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], np.array([labels[i] for i in order], dtype=np.int64), names


def objective_and_gradient(X, y, W, b, C):
    """J = mean_i[logsumexp(z_i) - z_i[y_i]] + ||W||_F^2 / (2 C n), z_i = W x_i + b; float64."""
    n = X.shape[0]
    Z = X @ W.T + b
    log_loss = float(np.mean(logsumexp(Z, axis=1) - Z[np.arange(n), y]))
    penalty = float(np.sum(W * W) / (2.0 * C * n))
    G = softmax(Z, axis=1)
    G[np.arange(n), y] -= 1.0
    grad_W = np.asarray(X.T @ G).T / n + W / (C * n)
    grad_b = G.mean(axis=0)
    return log_loss + penalty, log_loss, penalty, grad_W, grad_b


def newton_refine(X, y, W, b, C, steps=4):
    """A few exact Newton steps from (W, b), to measure how far a solution is from the optimum.

    The intercepts are determined only up to a common shift (the softmax ignores it), so the
    Hessian is singular along that direction; the minimum-norm step keeps their sum unchanged.
    """
    n, F = X.shape
    K = W.shape[0]
    Xt = np.hstack([X.toarray(), np.ones((n, 1))])
    theta = np.hstack([W, b[:, None]])
    for _ in range(steps):
        P = softmax(Xt @ theta.T, axis=1)
        _, _, _, grad_W, grad_b = objective_and_gradient(X, y, theta[:, :F], theta[:, F], C)
        grad = np.hstack([grad_W, grad_b[:, None]]).ravel()
        curvature = np.einsum("ia,ac->iac", P, np.eye(K)) - np.einsum("ia,ic->iac", P, P)
        H = np.einsum("iac,ij,ik->ajck", curvature, Xt, Xt).reshape(K * (F + 1), K * (F + 1)) / n
        ridge = np.zeros((K, F + 1))
        ridge[:, :F] = 1.0 / (C * n)
        H += np.diag(ridge.ravel())
        step = np.linalg.lstsq(H, grad, rcond=None)[0]
        theta = theta - step.reshape(K, F + 1)
    return theta[:, :F], theta[:, F]


def sklearn_objective(X, y, W, b, C, K):
    """scikit-learn's own loss at (W, b), when its private loss module is importable."""
    try:
        from sklearn._loss.loss import HalfMultinomialLoss
        from sklearn.linear_model._linear_loss import LinearModelLoss
    except ImportError:
        return None
    model_loss = LinearModelLoss(base_loss=HalfMultinomialLoss(n_classes=K), fit_intercept=True)
    coef = np.hstack([W, b[:, None]])  # (K, F + 1), intercept last
    value = model_loss.loss(coef, X, y.astype(np.float64), l2_reg_strength=1.0 / (C * X.shape[0]))
    return float(value)


def f32(values):
    """float32-representable values, written so that Swift's Float(string) reads them back exactly."""
    return [float(np.float32(v)) for v in np.asarray(values).ravel()]


def f64(values):
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def main():
    texts, y, names = synthetic_corpus(random.Random(SEED))
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    X64 = vectorizer.fit_transform(texts).tocsr()
    X64.sort_indices()
    # Fit on exactly the float32 values that the fixture stores.
    X = X64.astype(np.float32).astype(np.float64)
    n, F = X.shape
    K = len(names)

    model = LogisticRegression(solver="lbfgs", C=C, tol=1e-12, max_iter=10000)
    model.fit(X, y)
    W, b = model.coef_.astype(np.float64), model.intercept_.astype(np.float64)
    J, log_loss, penalty, grad_W, grad_b = objective_and_gradient(X, y, W, b, C)
    max_grad = float(max(np.abs(grad_W).max(), np.abs(grad_b).max()))
    J_sklearn = sklearn_objective(X, y, W, b, C, K)
    W_opt, b_opt = newton_refine(X, y, W, b, C)
    J_opt, _, _, grad_W_opt, grad_b_opt = objective_and_gradient(X, y, W_opt, b_opt, C)
    newton = {
        "objective": J_opt,
        "max_abs_gradient": float(max(np.abs(grad_W_opt).max(), np.abs(grad_b_opt).max())),
        "max_abs_coef_difference": float(np.abs(W_opt - W).max()),
        "max_abs_intercept_difference": float(np.abs(b_opt - b).max()),
    }

    probe_rng = np.random.default_rng(SEED)
    W0 = np.asarray(f32(0.01 * probe_rng.standard_normal((K, F)))).reshape(K, F)
    b0 = np.asarray(f32(0.1 * probe_rng.standard_normal(K)))
    J0, _, _, grad_W0, grad_b0 = objective_and_gradient(X, y, W0, b0, C)

    reference = {
        "about": "Multinomial logistic regression reference for BatonTrainingTests; see README.md.",
        "command": COMMAND,
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__,
                     "scipy": scipy.__version__, "sklearn": sklearn.__version__},
        "vectorizer": "TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True, min_df=2)",
        "estimator": "LogisticRegression(solver='lbfgs', C=10, tol=1e-12, max_iter=10000)",
        "rows": n,
        "cols": F,
        "classes": K,
        "nnz": int(X.nnz),
        "C": C,
        "lbfgs_iterations": int(model.n_iter_[0]),
        "objective": J,
        "objective_log_loss": log_loss,
        "objective_penalty": penalty,
        "objective_sklearn": J_sklearn,
        "max_abs_gradient": max_grad,
        "newton_check": newton,
        "train_accuracy": float(np.mean(model.predict(X) == y)),
        "intercept_sum": float(b.sum()),
        "y": [int(v) for v in y],
        "indptr": [int(v) for v in X.indptr],
        "indices": [int(v) for v in X.indices],
        "data": f32(X.data),
        "coef": f64(W),
        "intercept": f64(b),
        "probe": {
            "coef": f64(W0),
            "intercept": f64(b0),
            "objective": J0,
            "gradient_coef": f64(grad_W0),
            "gradient_intercept": f64(grad_b0),
        },
    }
    # One top-level key per line: small diffs, still one JSON object.
    lines = [f"  {json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}" for key, value in reference.items()]
    OUTPUT.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")

    print(f"rows {n}, cols {F}, classes {K}, nnz {X.nnz}, L-BFGS iterations {model.n_iter_[0]}")
    print(f"J = {J!r} (log-loss {log_loss!r} + penalty {penalty!r}); scikit-learn's own loss: {J_sklearn!r}")
    print(f"max |gradient| at the solution: {max_grad:.3e}; probe J = {J0!r}")
    print(f"Newton-refined optimum: J = {J_opt!r}, max |gradient| {newton['max_abs_gradient']:.1e}, "
          f"max |coef difference| {newton['max_abs_coef_difference']:.1e}, "
          f"max |intercept difference| {newton['max_abs_intercept_difference']:.1e}")
    print(f"wrote {OUTPUT.name}: {OUTPUT.stat().st_size} bytes")
    if max_grad >= 1e-8:
        print("error: max |gradient| is not below 1e-8; the reference is not converged", file=sys.stderr)
        return 1
    if J_sklearn is not None and abs(J_sklearn - J) > 1e-12 * max(1.0, abs(J)):
        print("error: the numpy objective disagrees with scikit-learn's own loss", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
