import BatonCore

enum BatonVersionText {
    static var line: String { "baton \(BatonVersion.current)" }
}

enum Usage {
    static let text = """
        baton: the nightly learning job behind a support bot's handoffs.

        USAGE
          baton retrain [--inbox DIR] [--force] [--promote always|gate|never] [--policy FILE]
                        [--auto-resolve-target X] [--review-target X] [--confidence-level X]
                        [--holdout-percent N] [--folds N] [--c X] [--min-df N] [--tolerance X]
                        [--max-iterations N] [--metrics-file PATH]
              Ingest new inbox files, collect labelled examples, train, calibrate, evaluate,
              publish through the promotion gate. Progress on stderr, one JSON summary line on stdout.
          baton ingest transcripts|ratings FILE... [--json]
              Add CSV (with a header row) or JSON Lines exports to the store.
          baton eval [VERSION] --data FILE.csv [--json] [--html OUT.html]
              Evaluate a published version (default: current) on a labelled file.
          baton route [--version V] [TEXT ...]
              One JSON tier decision per message (stdin, one per line, without TEXT).
          baton compare A B [--data FILE.csv] [--html OUT.html] [--json]
              Two versions on the same data (default: the store's holdout).
          baton models list|show V|prune --keep N [--json]
              The published versions, one in detail, or delete old ones.
          baton promote V [--reason TEXT] | baton rollback [--to V] [--reason TEXT]
              Move `current` by hand; recorded in models/history.jsonl.
          baton status [--json]
              What the store holds, the quarantine, and the last runs.
          baton demo [--from DIR] [--force]
              Build the demo store from the demo corpus (default folder: datasets/demo).
          baton help | baton version

        COMMON OPTIONS
          --store PATH    the SQLite store (env BATON_STORE, default ./baton.sqlite)
          --models DIR    the model folder (env BATON_MODELS, default ./models)
          --inbox DIR     export drop folder with transcripts/ and ratings/ (env BATON_INBOX)

        EXIT CODES
          0 success (published, or skipped: nothing changed)   1 internal error
          2 usage error   3 input error (file, store or model unreadable)
          4 another run holds the lock   5 too little labelled data to train
          6 written but not promoted   7 publishing failed (current unchanged)
        """
}
