#!/usr/bin/env python3
"""Generate the Relay demo corpus: support transcripts, agent ratings, a second night's
ratings and a file of malformed rows.

Relay is a fictional B2B workflow-automation product. Every text comes from the templates
and vocabulary in templates.json, written for this project; nothing is copied from any
published data set.

Needs: Python 3.9 or newer, standard library only (no pip install).

    python3 datasets/generate_demo.py             # seed 7, writes datasets/demo/
    python3 datasets/generate_demo.py --seed 11 --out /some/other/folder

The output depends only on the seed and templates.json: the same seed gives the same
files byte for byte (one random.Random(seed) drives every choice, in a fixed order).
"""

import argparse
import csv
import datetime as dt
import json
import math
import pathlib
import random
import re
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent
TRANSCRIPT_HEADER = [
    "conversation_id", "text", "intent", "resolved_by", "started_at", "resolved_at",
    "bot_intent", "bot_confidence", "bot_tier",
]
RATING_HEADER = ["rating_id", "conversation_id", "verdict", "corrected_intent", "agent_id", "rated_at"]
UTC = dt.timezone.utc
MONTH_START = dt.datetime(2026, 11, 1, tzinfo=UTC)
MONTH_END = dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)
NEXT_DAY = dt.datetime(2026, 12, 1, tzinfo=UTC)

# Share of conversations whose final intent is wrong, before any rating corrects it.
MISLABEL_RATE = 0.03
RATINGS_FIRST_NIGHT = 300
RATINGS_NEXT_NIGHT = 40
# Of the mislabelled conversations: corrected on the first night, on the next night; the rest stay wrong.
MISLABEL_CORRECTED_FIRST = 55
MISLABEL_CORRECTED_NEXT = 25
WRONG_RATINGS = 6
RATED_TWICE = 8

# Relative load per hour of day (UTC): quiet nights, busy working hours.
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 10, 9, 10, 10, 9, 8, 6, 4, 3, 2, 2, 1, 1]

ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")
SLOT = re.compile(r"\{([a-z_0-9]+)\}")
PLAIN_WORD = re.compile(r"^([A-Za-z]{4,})([.,!?]?)$")


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def ascii_fold(name):
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z]", "", folded).lower()


def tier_for(confidence):
    if confidence >= 0.85:
        return 1
    if confidence >= 0.5:
        return 2
    return 3


class Corpus:
    """Draws every text, label and timestamp from one seeded random stream."""

    def __init__(self, spec, seed):
        self.rng = random.Random(seed)
        self.vocab = spec["vocabulary"]
        self.intents = spec["intents"]
        self.confusable = spec["confusable"]
        self.always_handoff = set(spec["always_handoff"])
        self.intent_names = list(self.intents)

    # ---------- text ----------

    def person(self):
        rng = self.rng
        first = rng.choice(self.vocab["first"])
        last = rng.choice(self.vocab["last"])
        company = rng.choice(self.vocab["company"])
        style = rng.randrange(5)
        if style == 0:
            local, domain = f"{ascii_fold(first)}.{ascii_fold(last)}", "example.com"
        elif style == 1:
            local, domain = f"{ascii_fold(first)[0]}{ascii_fold(last)}", "example.org"
        elif style == 2:
            local, domain = ascii_fold(first), ascii_fold(company.split()[0]) + ".example.com"
        elif style == 3:
            local, domain = f"{ascii_fold(first)}_{ascii_fold(last)}{rng.randint(1, 99)}", "example.net"
        else:
            local, domain = f"{ascii_fold(first)}.{ascii_fold(last)}", "example.com"
        return {
            "first": first, "last": last, "full_name": f"{first} {last}",
            "company": company, "email": f"{local}@{domain}",
        }

    def phone(self):
        rng = self.rng
        style = rng.randrange(5)
        if style == 0:
            return f"+1 415 555 01{rng.randint(0, 99):02d}"
        if style == 1:
            return f"(312) 555-01{rng.randint(0, 99):02d}"
        if style == 2:
            return f"555-01{rng.randint(0, 99):02d}"
        if style == 3:
            return f"+44 20 7946 0{rng.randint(0, 999):03d}"
        return f"07700 900{rng.randint(0, 999):03d}"

    def amount(self):
        rng = self.rng
        value = rng.choice([49, 79, 99, 129, 149, 199, 240, 299, 348, 480, 588, 1188, 2400, 3600])
        text = f"{value:,}"
        if rng.random() < 0.3:
            text += ".00"
        return self.currency + text

    def fill(self, name, ctx):
        rng = self.rng
        if name in ctx:
            return ctx[name]
        generated = {
            "phone": self.phone,
            "acct": lambda: f"{rng.randint(10_000_000, 99_999_999)}",
            "id6": lambda: f"{rng.randint(100_000, 999_999)}",
            "n": lambda: str(rng.randint(3, 250)),
            "n_small": lambda: str(rng.randint(2, 6)),
            "pct": lambda: str(rng.randint(10, 99)),
            "amount": self.amount,
            "card4": lambda: f"{rng.randint(0, 9999):04d}",
            "invoice": lambda: f"INV-2026-{rng.randint(0, 99_999):05d}",
            "month_day": lambda: f"{rng.choice(['Oct', 'Nov'])} {rng.randint(1, 28)}",
        }
        if name in generated:
            return generated[name]()
        if name in self.vocab:
            return self.render(rng.choice(self.vocab[name]), ctx)
        if name.startswith("other_"):
            other = ctx.setdefault("_other", self.person())
            return other[name[len("other_"):]]
        raise KeyError(f"templates.json uses an unknown slot {{{name}}}")

    def render(self, template, ctx):
        text = ALTERNATIVES.sub(lambda m: self.rng.choice(m.group(1).split("|")), template)
        text = SLOT.sub(lambda m: self.fill(m.group(1), ctx), text)
        # An empty alternative ("[a|]") can leave a doubled or trailing space behind.
        return re.sub(r" {2,}", " ", text).strip()

    def message(self, intent):
        """One customer message: greeting, context, the request, details, PII, sign-off."""
        rng = self.rng
        spec = self.intents[intent]
        ctx = self.person()
        self.currency = "€" if rng.random() < 0.15 else "$"
        if rng.random() < 0.18:
            parts = [self.render(rng.choice(spec["short"]), ctx)]
            if rng.random() < 0.2:
                parts.insert(0, self.render(rng.choice(self.vocab["greeting"]), ctx))
            short = True
        else:
            short = False
            parts = []
            if rng.random() < 0.5:
                parts.append(self.render(rng.choice(self.vocab["greeting"]), ctx) + rng.choice([",", "!", "", ","]))
            if rng.random() < 0.14:
                parts.append(self.render(rng.choice(self.vocab["intro"]), ctx))
            context_after = None
            if rng.random() < 0.22:
                sentence = self.render(rng.choice(self.vocab["context"]), ctx)
                if rng.random() < 0.3:
                    context_after = sentence
                else:
                    parts.append(sentence)
            parts.append(self.render(rng.choice(spec["core"]), ctx))
            if spec["detail"] and rng.random() < 0.45:
                parts.append(self.render(rng.choice(spec["detail"]), ctx))
            if context_after:
                parts.append(context_after)
            if rng.random() < 0.12:
                parts.append(self.render(rng.choice(self.vocab["pii"]), ctx))
            if rng.random() < 0.35:
                parts.append(self.render(rng.choice(self.vocab["signoff"]), ctx))
        text = parts[0]
        for part in parts[1:]:
            r = rng.random()
            text += " " if r < 0.92 else ("\n" if r < 0.975 else "\n\n")
            text += part
        return self.noisy(text), short

    def typo(self, word):
        rng = self.rng
        i = rng.randrange(len(word) - 1)
        op = rng.randrange(4)
        if op == 0:  # swap two neighbours
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if op == 1:  # drop one
            return word[:i] + word[i + 1:]
        if op == 2:  # double one
            return word[:i] + word[i] + word[i:]
        return word[:i + 1] + word[i + 2:]  # drop the next one

    def noisy(self, text):
        rng = self.rng
        if rng.random() < 0.28:
            pieces = re.split(r"(\s+)", text)
            candidates = [i for i, p in enumerate(pieces) if PLAIN_WORD.match(p)]
            count = 1 + (rng.random() < 0.35) + (rng.random() < 0.1)
            for i in sorted(rng.sample(candidates, min(count, len(candidates)))):
                word, punct = PLAIN_WORD.match(pieces[i]).groups()
                pieces[i] = self.typo(word) + punct
            text = "".join(pieces)
        r = rng.random()
        if r < 0.2:
            text = text.lower()
        elif r < 0.215:
            text = text.upper()
        elif r < 0.3 and text[:1].isupper():
            text = text[0].lower() + text[1:]
        if text.endswith(".") and rng.random() < 0.12:
            text = text[:-1]
        return text

    # ---------- the bot's logged decision ----------

    def bot_decision(self, intent, short):
        rng = self.rng
        if intent == "out_of_scope":
            right = rng.random() < 0.45
        else:
            right = rng.random() < (0.78 if short else 0.87)
        if right:
            guess = intent
            confidence = rng.betavariate(5, 2.2) if short else rng.betavariate(9, 1.8)
        else:
            if rng.random() < 0.75:
                guess = rng.choice(self.confusable[intent])
            else:
                guess = rng.choice([i for i in self.intent_names if i not in (intent, "out_of_scope")])
            confidence = rng.betavariate(7, 2) if rng.random() < 0.15 else rng.betavariate(2.2, 3)
        confidence = min(max(round(confidence, 3), 0.02), 0.999)
        return guess, confidence, tier_for(confidence)

    def resolver(self, intent, guess, tier):
        rng = self.rng
        right = guess == intent
        if intent in self.always_handoff:
            return "agent"
        if tier == 1:
            return "bot" if (rng.random() < 0.93 if right else rng.random() < 0.25) else "agent"
        if tier == 2:
            return "agent" if rng.random() < (0.45 if right else 0.9) else "bot"
        return "agent" if rng.random() < 0.96 else "bot"

    def start_time(self):
        rng = self.rng
        day = rng.randint(1, 29)
        hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
        return dt.datetime(2026, 11, day, hour, rng.randrange(60), rng.randrange(60), tzinfo=UTC)

    def resolve_time(self, started, resolved_by):
        rng = self.rng
        if resolved_by == "bot":
            seconds = rng.randint(25, 540)
        else:
            seconds = int(min(max(rng.lognormvariate(math.log(2400), 1.1), 180), 64_800))
        return min(started + dt.timedelta(seconds=seconds), MONTH_END)

    # ---------- the corpus ----------

    def conversations(self):
        rng = self.rng
        labels = [name for name, spec in self.intents.items() for _ in range(spec["count"])]
        rng.shuffle(labels)
        rows = []
        for order, truth in enumerate(labels):
            text, short = self.message(truth)
            guess, confidence, tier = self.bot_decision(truth, short)
            resolved_by = self.resolver(truth, guess, tier)
            started = self.start_time()
            resolved = self.resolve_time(started, resolved_by)
            rows.append({
                "order": order, "truth": truth, "intent": truth, "text": text,
                "resolved_by": resolved_by, "started": started, "resolved": resolved,
                "bot_intent": guess, "bot_confidence": confidence, "bot_tier": tier,
            })
        rows.sort(key=lambda row: (row["started"], row["order"]))
        for number, row in enumerate(rows, start=1):
            row["id"] = f"c-{number:06d}"
        # Agents sometimes close a ticket under a neighbouring intent.
        handed = [row for row in rows if row["resolved_by"] == "agent"]
        mislabelled = rng.sample(handed, round(MISLABEL_RATE * len(rows)))
        for row in mislabelled:
            row["intent"] = rng.choice(self.confusable[row["truth"]])
        return rows, handed, mislabelled

    def verdict(self, row):
        """What a careful reviewer says about one handed-off conversation."""
        rng = self.rng
        truth = row["truth"]
        if row["intent"] != truth:
            return "wrong_intent", truth
        if (truth in self.always_handoff or truth == "status_outage") and rng.random() < 0.45:
            return "should_have_escalated", ""
        if row["bot_intent"] != truth:
            if row["bot_tier"] < 3 and rng.random() < 0.2:
                return "should_have_escalated", ""
            return ("wrong_intent", truth) if rng.random() < 0.45 else ("correct_handoff", "")
        if row["bot_tier"] < 3:
            return ("unnecessary_handoff", "") if rng.random() < 0.6 else ("correct_handoff", "")
        return ("correct_handoff", "") if rng.random() < 0.8 else ("unnecessary_handoff", "")

    def wrong_correction(self, row):
        options = [i for i in self.confusable[row["truth"]] if i not in (row["truth"], row["intent"])]
        if not options:
            options = [i for i in self.intent_names if i not in (row["truth"], row["intent"])]
        return self.rng.choice(options)

    def agent(self):
        return f"agent-{self.rng.choices(range(1, 13), weights=[5, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1])[0]:02d}"

    def ratings(self, handed, mislabelled):
        rng = self.rng
        corrected_first = mislabelled[:MISLABEL_CORRECTED_FIRST]
        corrected_next = mislabelled[MISLABEL_CORRECTED_FIRST:MISLABEL_CORRECTED_FIRST + MISLABEL_CORRECTED_NEXT]
        wrong_ids = {row["id"] for row in mislabelled}
        others = [row for row in handed if row["id"] not in wrong_ids]
        rated_others = rng.sample(others, RATINGS_FIRST_NIGHT - len(corrected_first) - RATED_TWICE)
        first_night = []
        for row in corrected_first + rated_others:
            verdict, corrected = self.verdict(row)
            delay = dt.timedelta(seconds=rng.randint(600, 129_600))
            rated_at = min(row["resolved"] + delay, MONTH_END - dt.timedelta(minutes=10))
            first_night.append({"row": row, "verdict": verdict, "corrected": corrected,
                                "agent": self.agent(), "at": rated_at})
        # A few reviewers get it wrong themselves.
        for rating in rng.sample(first_night[len(corrected_first):], WRONG_RATINGS):
            rating["verdict"] = "wrong_intent"
            rating["corrected"] = self.wrong_correction(rating["row"])
        # A few conversations are rated twice; the later rating is the one that counts.
        early = [r for r in first_night if r["row"]["resolved"] < dt.datetime(2026, 11, 27, tzinfo=UTC)]
        fixed_mislabels = [r for r in early if r["row"]["intent"] != r["row"]["truth"]]
        plain = [r for r in early if r["row"]["intent"] == r["row"]["truth"] and r["verdict"] != "wrong_intent"]
        second = []
        for rating in rng.sample(fixed_mislabels, RATED_TWICE // 2):
            # First pass picked the wrong correction; a second reviewer fixes it later.
            rating_later = dict(rating)
            rating_later["at"] = rating["at"] + dt.timedelta(seconds=rng.randint(3_600, 86_400))
            rating_later["agent"] = self.agent()
            rating["corrected"] = self.wrong_correction(rating["row"])
            second.append(rating_later)
        for rating in rng.sample(plain, RATED_TWICE - RATED_TWICE // 2):
            # First pass said wrong_intent by mistake; the later review withdraws it.
            rating_later = dict(rating)
            rating_later["at"] = rating["at"] + dt.timedelta(seconds=rng.randint(3_600, 86_400))
            rating_later["agent"] = self.agent()
            rating["verdict"] = "wrong_intent"
            rating["corrected"] = self.wrong_correction(rating["row"])
            second.append(rating_later)
        first_night += second
        first_night.sort(key=lambda r: (r["at"], r["row"]["id"]))

        rated_ids = {r["row"]["id"] for r in first_night}
        fresh = [row for row in others if row["id"] not in rated_ids]
        next_night = []
        for row in corrected_next + rng.sample(fresh, RATINGS_NEXT_NIGHT - len(corrected_next)):
            verdict, corrected = self.verdict(row)
            rated_at = NEXT_DAY + dt.timedelta(seconds=rng.randint(8 * 3600, 18 * 3600))
            next_night.append({"row": row, "verdict": verdict, "corrected": corrected,
                               "agent": self.agent(), "at": rated_at})
        next_night.sort(key=lambda r: (r["at"], r["row"]["id"]))
        return first_night, next_night


def rating_record(number, rating):
    return {
        "rating_id": f"r-{number:06d}",
        "conversation_id": rating["row"]["id"],
        "verdict": rating["verdict"],
        "corrected_intent": rating["corrected"],
        "agent_id": rating["agent"],
        "rated_at": iso(rating["at"]),
    }


# Malformed rows, each followed by why it is malformed. Ids c-9xxxxx never clash with the corpus.
BAD_ROWS = [
    ('c-900001,"Hi, I forgot my password and the reset link expired.",password_reset,agent,'
     '2026-11-03T09:12:44Z,2026-11-03T09:40:02Z,password_reset,0.912,1', "good row"),
    ("c-900002,,billing_question,agent,2026-11-03T10:01:00Z,2026-11-03T10:30:00Z,billing_question,0.7,2",
     "missing text"),
    ("c-900003,Our Slack alerts stopped posting,integration_slack,agent,2026-11-03T10:05:00Z,"
     "2026-11-03T10:45:00Z,integration_slack,1.7,1", "bot_confidence 1.7 is above 1"),
    ("c-900004,Can you send the October invoice?,invoice_copy,bot,2026-11-03T11:00:00Z,"
     "2026-11-03T11:02:00Z,invoice_copy,high,1", "bot_confidence is not a number"),
    ("c-900005,Workflow didn't run when the form was submitted,workflow_not_triggering,agent,"
     "2026-11-03T11:20:00Z,2026-11-03T12:00:00Z,workflow_not_triggering,0.62,5", "bot_tier 5 is not 1, 2 or 3"),
    ("c-900006,how do i export run history to csv,data_export,bot,2026-11-31T08:00:00Z,"
     "2026-11-31T08:03:00Z,data_export,0.88,1", "timestamp 2026-11-31 does not exist"),
    ("c-900007,is relay down?,status_outage,agent,yesterday 3pm,2026-11-04T16:00:00Z,status_outage,0.55,2",
     "started_at is not ISO 8601"),
    ('c-900008,"We\'d like to upgrade from Team to Business, please.",plan_upgrade,bot,'
     "2026-11-04T09:00:00Z,2026-11-04T09:04:10Z,plan_upgrade,0.94,1", "good row"),
    ("c-900009,Why was I charged twice this month,billing question,agent,2026-11-04T09:30:00Z,"
     "2026-11-04T10:10:00Z,billing_question,0.51,2", "intent contains a space"),
    ("c-900010,The QuickBooks sync keeps failing,"
     "integration_quickbooks_sync_failure_when_the_token_expires_overnight_x,agent,"
     "2026-11-04T10:00:00Z,2026-11-04T11:00:00Z,integration_quickbooks,0.8,2", "intent is 70 characters long"),
    ("c-900011,reset 2fa please,mfa_reset,agent,2026-11-04T12:00:00Z,2026-11-04T12:20:00Z,mfa_reset",
     "8 fields instead of 9"),
    ("c-900012,cancel my plan,cancel_subscription,agent,2026-11-04T12:30:00Z,2026-11-04T13:00:00Z,"
     "cancel_subscription,0.77,2,extra", "10 fields instead of 9"),
    ('c-900013,"Hello,\nthe webhook step returns ""status 500"" since Tuesday.\nThanks",webhook_failure,agent,'
     "2026-11-04T14:00:00Z,2026-11-04T15:10:00Z,webhook_failure,0.66,2",
     "good row (quoted text with a newline and doubled quotes)"),
    (",where do I find my API key,api_key,bot,2026-11-04T15:00:00Z,2026-11-04T15:01:00Z,api_key,0.9,1",
     "missing conversation_id"),
    ("c-900015,invite link expired for my colleague,user_invite,agent,2026-11-05T09:00:00Z,"
     "2026-11-05T08:00:00Z,user_invite,0.7,2", "resolved_at is before started_at"),
    ("c-900016,SSO login fails with invalid SAML response,sso_login_error,robot,2026-11-05T09:10:00Z,"
     "2026-11-05T09:30:00Z,sso_login_error,0.86,1", "resolved_by is neither bot nor agent"),
    ("c-900017,please refund the duplicate charge,refund_request,agent,2026-11-05T10:00:00Z,"
     "2026-11-05T10:40:00Z,refund_request,-0.2,3", "bot_confidence is negative"),
    ("c-900018,How do I make Dana an admin?,user_permissions,bot,2026-11-05T11:00:00Z,"
     "2026-11-05T11:03:00Z,user_permissions,0.9,1", "good row"),
    ("c-900019,my account is locked,account_locked,agent,2026-11-05T11:30:00Z,2026-11-05T11:55:00Z,"
     "account_locked,0.48,two", "bot_tier is not a number"),
    ('c-900020,"Our Zendesk connector stopped creating tickets and I need,integration_zendesk,agent,'
     "2026-11-05T12:00:00Z,2026-11-05T12:30:00Z,integration_zendesk,0.58,2",
     "quote opened and never closed: runs to the end of the file"),
]


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--out", type=pathlib.Path, default=HERE / "demo", help="output folder (default: demo/ beside this script)")
    parser.add_argument("--templates", type=pathlib.Path, default=HERE / "templates.json")
    args = parser.parse_args()

    spec = json.loads(args.templates.read_text(encoding="utf-8"))
    corpus = Corpus(spec, args.seed)
    rows, handed, mislabelled = corpus.conversations()
    first_night, next_night = corpus.ratings(handed, mislabelled)

    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(args.out / "transcripts.csv", TRANSCRIPT_HEADER, [
        [r["id"], r["text"], r["intent"], r["resolved_by"], iso(r["started"]), iso(r["resolved"]),
         r["bot_intent"], f"{r['bot_confidence']:.3f}", str(r["bot_tier"])]
        for r in rows
    ])
    records = [rating_record(n, r) for n, r in enumerate(first_night, start=1)]
    write_csv(args.out / "ratings.csv", RATING_HEADER, [[rec[k] for k in RATING_HEADER] for rec in records])
    with open(args.out / "ratings-next.jsonl", "w", encoding="utf-8", newline="") as handle:
        for n, rating in enumerate(next_night, start=len(first_night) + 1):
            record = rating_record(n, rating)
            record["corrected_intent"] = record["corrected_intent"] or None
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(args.out / "bad-rows.csv", "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(TRANSCRIPT_HEADER) + "\n")
        handle.write("\n".join(line for line, _ in BAD_ROWS) + "\n")

    handoffs = len(handed)
    print(f"transcripts.csv: {len(rows)} conversations, {len(spec['intents'])} intents, "
          f"{handoffs} handed off, {len(mislabelled)} mislabelled")
    print(f"ratings.csv: {len(first_night)} ratings; ratings-next.jsonl: {len(next_night)}; "
          f"bad-rows.csv: {len(BAD_ROWS)} rows")


if __name__ == "__main__":
    main()
