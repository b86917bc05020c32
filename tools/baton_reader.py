#!/usr/bin/env python3
"""A Baton model folder reader and router in Python, standard library only (no numpy).

It implements docs/model-format.md independently of the Swift code: it verifies a published
model version (format, every file's size and SHA-256, counts), featurizes a message exactly as
training did (NFKC, PII placeholders, per-scalar lowercasing, tokens, n-grams, TF-IDF),
scores it (z = bias + sum_f x_f W[f, :], softmax(z / temperature)) and decides its tier with
the manifest's tier policy. Its decisions are the ones `baton route` prints, key for key.

    python3 tools/baton_reader.py MODEL_DIR < messages.txt     # one JSON decision per line
    python3 tools/baton_reader.py MODEL_DIR "reset my password" "cancel my plan"

MODEL_DIR is a version folder (it holds manifest.json) or a models folder (its `current`
link is resolved once). As a library:

    from baton_reader import load_model
    model = load_model("models")
    model.decide("my invoice is wrong")   # {"version": ..., "intent": ..., "tier": ..., ...}

Exit status: 0 on success, 3 when the folder cannot be read or fails verification (the
message names the file and the problem), 2 on a bad command line.
"""

import hashlib
import json
import math
import os
import struct
import sys
import unicodedata
from array import array

FORMAT_NAME = "baton-model"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
VOCABULARY = "vocabulary.txt"
IDF = "idf.f32"
WEIGHTS = "weights.f32"
BIAS = "bias.f32"
REQUIRED_FILES = (VOCABULARY, IDF, WEIGHTS, BIAS)
RUNNER_UPS = 3


class ModelFormatError(Exception):
    """A model folder that must not be used: names the file and the problem."""


# ---------------------------------------------------------------------------------------------
# Character classes (docs/model-format.md, "Text pipeline")

WHITESPACE = frozenset([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
                        0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
NUMBER_SEPARATORS = frozenset(map(ord, " -.()+/"))
JOINERS = frozenset([0x27, 0x2019, 0x2D])  # ' ’ -


def is_digit(v):
    return 0x30 <= v <= 0x39


def is_letter(v):
    if v < 0x80:
        return 0x61 <= (v | 0x20) <= 0x7A
    return unicodedata.category(chr(v))[0] == "L"


def is_uppercase(v):
    if v < 0x80:
        return 0x41 <= v <= 0x5A
    return unicodedata.category(chr(v)) == "Lu"


def is_token_character(v):
    if v < 0x80:
        return 0x61 <= (v | 0x20) <= 0x7A or 0x30 <= v <= 0x39 or v == 0x5F
    return unicodedata.category(chr(v))[0] in "LN"


def ascii_lower(v):
    return v | 0x20 if 0x41 <= v <= 0x5A else v


def scalars(text):
    return [ord(c) for c in text]


def text_of(values):
    return "".join(map(chr, values))


EMAIL = scalars(" __email__ ")
URL = scalars(" __url__ ")
NUMBER = scalars(" __number__ ")
NAME = scalars(" __name__ ")
URL_MARKERS = ("http://", "https://", "www.")
MIN_NUMBER_DIGITS = 6


# ---------------------------------------------------------------------------------------------
# PII scrubber: three passes over code points

def replace_emails_and_urls(s):
    out = []
    i, n = 0, len(s)
    while i < n:
        if s[i] in WHITESPACE:
            out.append(s[i])
            i += 1
            continue
        start = i
        first_at = -1
        last_dot = -1
        while i < n and s[i] not in WHITESPACE:
            if s[i] == 0x40 and i > start and first_at < 0:
                first_at = i
            elif s[i] == 0x2E:
                last_dot = i
            i += 1
        chunk = s[start:i]
        if first_at >= 0 and last_dot > first_at:
            out += EMAIL
        elif any(marker in text_of(ascii_lower(v) for v in chunk) for marker in URL_MARKERS):
            out += URL
        else:
            out += chunk
    return out


def replace_numbers(s):
    out = []
    i, n = 0, len(s)
    while i < n:
        v = s[i]
        if not (is_digit(v) or v == 0x2B or v == 0x28):  # digit, '+', '('
            out.append(v)
            i += 1
            continue
        end, digits, last_digit = i, 0, -1
        while end < n:
            if is_digit(s[end]):
                digits += 1
                last_digit = end
            elif s[end] not in NUMBER_SEPARATORS:
                break
            end += 1
        if digits >= MIN_NUMBER_DIGITS:
            out += NUMBER
            i = last_digit + 1
        else:
            out += s[i:end]
            i = end
    return out


def find_words(s):
    """(start, end) of each maximal letter (letter | joiner letter)* sequence."""
    words = []
    i, n = 0, len(s)
    while i < n:
        if not is_letter(s[i]):
            i += 1
            continue
        start = i
        i += 1
        while i < n:
            if is_letter(s[i]):
                i += 1
            elif s[i] in JOINERS and i + 1 < n and is_letter(s[i + 1]):
                i += 2
            else:
                break
        words.append((start, i))
    return words


def replace_names(s):
    if not any(is_uppercase(v) for v in s):
        return s
    words = find_words(s)
    m = len(words)
    if m < 2:
        return s

    def word_is(w, lowercase_ascii):
        start, end = w
        return end - start == len(lowercase_ascii) and all(
            ascii_lower(s[start + k]) == ord(lowercase_ascii[k]) for k in range(end - start))

    def capitalised(w):
        return is_uppercase(s[w[0]])

    def gap(left, right, allowed):
        return right[0] > left[1] and all(allowed(s[p]) for p in range(left[1], right[0]))

    def phrase_gap(left, right):
        return gap(left, right, lambda v: v in WHITESPACE)

    def introduction_gap(left, right):
        return gap(left, right, lambda v: v in WHITESPACE or v == 0x2C or v == 0x3A)

    def sign_off_gap(left, right):
        return gap(left, right, lambda v: v in WHITESPACE or v == 0x2C or v == 0x21)

    def name_gap(left, right):
        start = left[1]
        if left[1] - left[0] == 1 and start < right[0] and s[start] == 0x2E:
            start += 1
        return right[0] > start and all(s[p] in WHITESPACE for p in range(start, right[0]))

    def name_span(first):
        nxt = first + 1
        if nxt < m and capitalised(words[nxt]) and name_gap(words[first], words[nxt]):
            return (words[first][0], words[nxt][1])
        return words[first]

    def ends_sign_off(index):
        w = words[index]
        if any(word_is(w, x) for x in ("thanks", "regards", "cheers", "best")):
            return True
        return (index > 0 and word_is(w, "you") and word_is(words[index - 1], "thank")
                and phrase_gap(words[index - 1], w))

    spans = []
    for k in range(m):
        if not (capitalised(words[k]) and k >= 2 and introduction_gap(words[k - 1], words[k])):
            continue
        w1, w2 = words[k - 1], words[k - 2]
        if not (word_is(w1, "is") and phrase_gap(w2, w1)):
            continue
        if word_is(w2, "this") or (k >= 3 and word_is(w2, "name") and word_is(words[k - 3], "my")
                                   and phrase_gap(words[k - 3], w2)):
            spans.append(name_span(k))

    tail_has_token = any(is_token_character(v) for v in s[words[m - 1][1]:])
    if not tail_has_token and capitalised(words[m - 1]):
        if (m >= 3 and capitalised(words[m - 2]) and name_gap(words[m - 2], words[m - 1])
                and ends_sign_off(m - 3) and sign_off_gap(words[m - 3], words[m - 2])):
            spans.append((words[m - 2][0], words[m - 1][1]))
        elif ends_sign_off(m - 2) and sign_off_gap(words[m - 2], words[m - 1]):
            spans.append(words[m - 1])

    if not spans:
        return s
    spans.sort(key=lambda span: span[0])
    merged = [list(spans[0])]
    for start, end in spans[1:]:
        if start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, copied = [], 0
    for start, end in merged:
        out += s[copied:start]
        out += NAME
        copied = end
    out += s[copied:]
    return out


def scrub(text):
    """The text with customer data replaced by placeholders."""
    s = scalars(text)
    return text_of(replace_names(replace_numbers(replace_emails_and_urls(s))))


def normalize(text):
    """NFKC, then the scrubber, then the full lowercase mapping of each code point on its own."""
    scrubbed = scrub(unicodedata.normalize("NFKC", text))
    return "".join(c.lower() for c in scrubbed)


def tokens(normalized, min_token_length=2):
    """Maximal runs of token characters, runs shorter than min_token_length dropped."""
    minimum = max(1, min_token_length)
    kept, run = [], []
    for c in normalized:
        if is_token_character(ord(c)):
            run.append(c)
            continue
        if len(run) >= minimum:
            kept.append("".join(run))
        run = []
    if len(run) >= minimum:
        kept.append("".join(run))
    return kept


def terms(token_list, max_ngram=2):
    """All unigrams, then all bigrams, ..., up to max_ngram tokens joined by one space."""
    result = list(token_list)
    for n in range(2, max(1, max_ngram) + 1):
        for first in range(0, len(token_list) - n + 1):
            result.append(" ".join(token_list[first:first + n]))
    return result


def to_float32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


# ---------------------------------------------------------------------------------------------
# The model folder

def _floats(name, data, count, source, folder):
    if len(data) != 4 * count:
        raise ModelFormatError(f"{name} in {folder} holds {len(data)} bytes but {source} requires {4 * count}.")
    values = array("f")
    values.frombytes(data)
    if sys.byteorder != "little":
        values.byteswap()
    for index, value in enumerate(values):
        if not math.isfinite(value):
            raise ModelFormatError(f"{name} in {folder} holds {value} at value index {index}; model numbers must be finite.")
    return values


def resolve_folder(path):
    """A version folder as given, or the version a models folder's `current` points at."""
    if os.path.isfile(os.path.join(path, MANIFEST)):
        return path, None
    link = os.path.join(path, "current")
    if not os.path.islink(link):
        raise ModelFormatError(f"{path} holds neither {MANIFEST} nor a `current` link.")
    target = os.readlink(link)  # resolved once: every file comes from this one version
    folder = target if os.path.isabs(target) else os.path.join(path, target)
    return folder, os.path.basename(os.path.normpath(target))


class Model:
    """One verified model version, ready to decide messages."""

    def __init__(self, folder, expected_version=None):
        self.folder = folder
        if not os.path.isdir(folder):
            raise ModelFormatError(f"No model folder at {folder}.")
        try:
            with open(os.path.join(folder, MANIFEST), "rb") as handle:
                manifest = json.loads(handle.read().decode("utf-8"))
        except FileNotFoundError:
            raise ModelFormatError(f"Model folder {folder} has no {MANIFEST}.") from None
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise ModelFormatError(f"Cannot read {MANIFEST} in {folder}: {error}.") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
            raise ModelFormatError(f"{MANIFEST} in {folder} has format {manifest.get('format')!r}, not {FORMAT_NAME!r}.")
        if manifest.get("formatVersion") != FORMAT_VERSION:
            raise ModelFormatError(f"{MANIFEST} in {folder} has formatVersion {manifest.get('formatVersion')}; "
                                   f"this reader reads formatVersion {FORMAT_VERSION} only.")
        try:
            self.version = manifest["version"]
            self.intents = list(manifest["intents"])
            feature_count = int(manifest["featureCount"])
            self.temperature = float(manifest["temperature"])
            featurizer = manifest["featurizer"]
            self.max_ngram = max(1, int(featurizer["maxNgram"]))
            self.min_token_length = max(1, int(featurizer["minTokenLength"]))
            self.sublinear_tf = bool(featurizer["sublinearTF"])
            self.tiers = manifest["tiers"]
            listed_files = manifest["files"]
        except (KeyError, TypeError, ValueError) as error:
            raise ModelFormatError(f"{MANIFEST} in {folder} is not a valid manifest: missing or bad field {error}.") from None
        if expected_version is not None and self.version != expected_version:
            raise ModelFormatError(f"The folder {expected_version} holds a manifest for version {self.version}.")
        if feature_count < 0 or not self.intents or len(set(self.intents)) != len(self.intents):
            raise ModelFormatError(f"{MANIFEST} in {folder}: featureCount or intents are invalid.")
        if not (math.isfinite(self.temperature) and self.temperature > 0):
            raise ModelFormatError(f"{MANIFEST} in {folder}: temperature {self.temperature} is not positive and finite.")

        files = {}
        for name in sorted(listed_files):
            entry = listed_files[name]
            if not name or name.startswith(".") or "/" in name or "\0" in name or name == MANIFEST:
                raise ModelFormatError(f"{MANIFEST} in {folder} lists {name!r}, which is not a plain file name inside the folder.")
            if not (isinstance(entry.get("sha256"), str) and len(entry["sha256"]) == 64):
                raise ModelFormatError(f"{MANIFEST} in {folder}: files.{name}.sha256 is not 64 hexadecimal digits.")
            try:
                with open(os.path.join(folder, name), "rb") as handle:
                    data = handle.read()
            except FileNotFoundError:
                raise ModelFormatError(f"{name} is listed in {MANIFEST} but missing from {folder}.") from None
            if len(data) != entry["bytes"]:
                raise ModelFormatError(f"{name} in {folder} is {len(data)} bytes but the manifest says {entry['bytes']} bytes"
                                       + (" (truncated)." if len(data) < entry["bytes"] else "."))
            digest = hashlib.sha256(data).hexdigest()
            if digest != entry["sha256"].lower():
                raise ModelFormatError(f"{name} in {folder} has SHA-256 {digest} but the manifest says {entry['sha256']}: "
                                       "its content changed after publishing.")
            files[name] = data
        for name in REQUIRED_FILES:
            if name not in files:
                raise ModelFormatError(f"{MANIFEST} in {folder} does not list {name}, which every model folder must have.")

        text = files[VOCABULARY]
        if text and not text.endswith(b"\n"):
            raise ModelFormatError(f"{VOCABULARY} in {folder}: the last line does not end with a newline.")
        lines = text[:-1].split(b"\n") if text else []
        if len(lines) != feature_count:
            raise ModelFormatError(f"{VOCABULARY} in {folder} holds {len(lines)} lines but manifest featureCount requires {feature_count}.")
        self.columns = {}
        previous = None
        for number, line in enumerate(lines, start=1):
            if not line or (previous is not None and not previous < line):
                raise ModelFormatError(f"{VOCABULARY} in {folder}: line {number} is empty, repeated or out of order.")
            try:
                self.columns[line.decode("utf-8")] = number - 1
            except UnicodeDecodeError:
                raise ModelFormatError(f"{VOCABULARY} in {folder}: line {number} is not valid UTF-8.") from None
            previous = line
        k = len(self.intents)
        self.idf = _floats(IDF, files[IDF], feature_count, "manifest featureCount", folder)
        self.weights = _floats(WEIGHTS, files[WEIGHTS], feature_count * k, "featureCount × intents", folder)
        self.bias = _floats(BIAS, files[BIAS], k, "the number of intents", folder)
        self.feature_count = feature_count
        self.manifest = manifest

    # -- featurizing and scoring --------------------------------------------------------------

    def vector(self, text):
        """The TF-IDF vector of one message: [(column, float32 value)] in ascending column order."""
        counts = {}
        for term in terms(tokens(normalize(text), self.min_token_length), self.max_ngram):
            column = self.columns.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        weights = []
        for column in sorted(counts):
            count = counts[column]
            tf = (1.0 if count == 1 else 1.0 + math.log(count)) if self.sublinear_tf else float(count)
            weights.append((column, tf * self.idf[column]))
        if not weights:
            return []
        total = 0.0
        for _, weight in weights:
            total += weight * weight
        norm = math.sqrt(total)
        return [(column, to_float32(weight / norm)) for column, weight in weights]

    def logits(self, text):
        """z = bias + sum_f x_f W[f, :], every product and sum rounded to float32 as in training."""
        k = len(self.intents)
        z = array("f", self.bias)
        for column, x in self.vector(text):
            row = self.weights[column * k:(column + 1) * k]
            products = array("f", [x * w for w in row])
            z = array("f", [a + b for a, b in zip(z, products)])
        return z

    def probabilities(self, text):
        """softmax(z / temperature) in float64, in manifest intent order."""
        z = self.logits(text)
        largest = max(z)
        exps = [math.exp((value - largest) / self.temperature) for value in z]
        total = 0.0
        for value in exps:
            total += value
        return [value / total for value in exps]

    def decide(self, text):
        """The decision `baton route` prints for this message, as a dict."""
        p = self.probabilities(text)
        ranked = sorted(range(len(p)), key=lambda j: -p[j])  # stable: ties keep manifest order
        top = ranked[0]
        intent, confidence = self.intents[top], p[top]
        runner_up = p[ranked[1]] if len(ranked) > 1 else 0.0
        tier, reason, threshold = decide_tier(self.tiers, intent, confidence, runner_up)
        decision = {
            "version": self.version,
            "intent": intent,
            "confidence": confidence,
            "runnerUps": [{"intent": self.intents[j], "confidence": p[j]} for j in ranked[1:1 + RUNNER_UPS]],
            "tier": tier,
            "reason": reason,
        }
        if threshold is not None:
            decision["threshold"] = threshold
        return decision


def decide_tier(policy, intent, confidence, runner_up_confidence):
    """The manifest's tier rules, first match wins: (tier, reason, threshold or None)."""
    if intent in policy.get("outOfScopeIntents", []):
        return 3, "out_of_scope", None
    if intent in policy.get("alwaysHuman", []):
        return 3, "always_human", None
    limits = policy.get("thresholds", {}).get(intent, policy["fallback"])
    auto, review = limits.get("autoResolve"), limits.get("review")
    if auto is not None and confidence >= auto:
        if confidence - runner_up_confidence < policy.get("ambiguityMargin", 0):
            return 2, "ambiguous", auto
        return 1, "above_auto_resolve_threshold", auto
    if review is not None and confidence >= review:
        return 2, "between_thresholds", review
    return 3, "below_review_threshold", review


def load_model(path):
    """Loads and verifies a version folder, or the version a models folder's `current` names."""
    folder, expected = resolve_folder(path)
    return Model(folder, expected)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        model = load_model(argv[1])
    except ModelFormatError as error:
        print(f"baton_reader: error: {error}", file=sys.stderr)
        return 3
    out = sys.stdout

    def emit(text):
        out.write(json.dumps(model.decide(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n")
        out.flush()

    if len(argv) > 2:
        for text in argv[2:]:
            emit(text)
        return 0
    for raw in sys.stdin.buffer:
        line = raw
        if line.endswith(b"\n"):  # "\n" or "\r\n" ends a line, as Swift's readLine strips them
            line = line[:-2] if line.endswith(b"\r\n") else line[:-1]
        emit(line.decode("utf-8", "replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
