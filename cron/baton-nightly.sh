#!/usr/bin/env bash
# Nightly Baton retrain, written to be run by cron (see cron/baton.crontab and cron/README.md).
#
# - Silent on success: every line baton prints goes, timestamped, to $BATON_LOG_DIR/baton-YYYY-MM-DD.log,
#   so cron sends mail only when something needs a person (non-zero exit, with a short reason on stderr).
# - Exits with baton's own exit code, so the meaning of each code is the one in cron/README.md.
# - Writes baton's JSON summary line to $BATON_LOG_DIR/last-summary.json (atomically), for monitoring.
# - Keeps 30 days of logs.
#
# Settings (environment variables, all optional):
#   BATON_HOME     default: the folder above this script (the package checkout)
#   BATON_STORE    default: $BATON_HOME/baton.sqlite
#   BATON_MODELS   default: $BATON_HOME/models
#   BATON_INBOX    default: $BATON_HOME/inbox
#   BATON_BIN      default: $BATON_HOME/.build/release/baton
#   BATON_LOG_DIR  default: $BATON_HOME/logs
#   BATON_LOG_KEEP_DAYS  default: 30
# Extra arguments are passed on to `baton retrain` (e.g. --holdout-percent 10).
set -Eeuo pipefail

# cron starts jobs with a bare environment; use a known PATH and locale, never the caller's.
PATH=/usr/local/bin:/usr/bin:/bin
LC_ALL=C.UTF-8
export PATH LC_ALL
# Published model folders must stay readable by the routers that load them.
umask 022

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
BATON_HOME=${BATON_HOME:-$(dirname -- "$script_dir")}
BATON_STORE=${BATON_STORE:-$BATON_HOME/baton.sqlite}
BATON_MODELS=${BATON_MODELS:-$BATON_HOME/models}
BATON_INBOX=${BATON_INBOX:-$BATON_HOME/inbox}
BATON_BIN=${BATON_BIN:-$BATON_HOME/.build/release/baton}
BATON_LOG_DIR=${BATON_LOG_DIR:-$BATON_HOME/logs}
BATON_LOG_KEEP_DAYS=${BATON_LOG_KEEP_DAYS:-30}

# Codes of the wrapper itself (baton's own codes pass through unchanged).
readonly EXIT_WRAPPER_SETUP=1     # the log folder cannot be created or written
readonly EXIT_LOCKED=4            # same meaning as baton's 4: another run is still going
readonly EXIT_NO_BINARY=127       # BATON_BIN is missing or not executable (shell convention)

utc_now() { date -u +%Y-%m-%dT%H:%M:%SZ; }

# Complain on stderr (cron mails it) and exit.
fail() {
    local code=$1; shift
    printf 'baton-nightly: %s\n' "$*" >&2
    exit "$code"
}

if ! mkdir -p -- "$BATON_LOG_DIR" 2>/dev/null || [ ! -w "$BATON_LOG_DIR" ]; then
    fail "$EXIT_WRAPPER_SETUP" "cannot write to the log folder $BATON_LOG_DIR; create it or set BATON_LOG_DIR"
fi
log_file=$BATON_LOG_DIR/baton-$(date -u +%Y-%m-%d).log

log() { printf '%s [nightly] %s\n' "$(utc_now)" "$*" >>"$log_file"; }

# Prefix each line read from stdin with a UTC timestamp and a stream tag.
stamp() {
    local tag=$1 line
    while IFS= read -r line || [ -n "$line" ]; do
        printf '%s [%s] %s\n' "$(utc_now)" "$tag" "$line"
    done
}

# baton takes its own lock on the store, which is what keeps two retrains apart. This second,
# non-blocking lock guards what the wrapper itself does around baton: without it, a run started
# while another is still going would get exit 4 from baton and then rotate logs and replace
# last-summary.json under the first run. With it, the second wrapper leaves at once, touching nothing.
lock_file=$BATON_LOG_DIR/.baton-nightly.lock
if command -v flock >/dev/null 2>&1; then
    exec 9>"$lock_file"
    if ! flock -n 9; then
        log "another baton-nightly run holds $lock_file; not starting (exit $EXIT_LOCKED)"
        fail "$EXIT_LOCKED" "another nightly run is still going (lock $lock_file); nothing was done"
    fi
fi

# Keep BATON_LOG_KEEP_DAYS days of logs.
find "$BATON_LOG_DIR" -maxdepth 1 -type f -name 'baton-*.log' -mtime +"$((BATON_LOG_KEEP_DAYS - 1))" -delete 2>/dev/null || true

if [ ! -x "$BATON_BIN" ]; then
    log "baton binary not found or not executable: $BATON_BIN"
    fail "$EXIT_NO_BINARY" "baton binary not found or not executable: $BATON_BIN (build it with 'swift build -c release' in $BATON_HOME, or set BATON_BIN)"
fi

stdout_file=$(mktemp "$BATON_LOG_DIR/.stdout.XXXXXX")
trap 'rm -f -- "$stdout_file" "$BATON_LOG_DIR/.last-summary.json.tmp"' EXIT

log "start: $BATON_BIN retrain --store $BATON_STORE --models $BATON_MODELS --inbox $BATON_INBOX${*:+ $*}"
started=$(date +%s)

# stderr (progress, warnings) is stamped into the log as it comes; stdout (the result) is kept
# aside so that its last line can be published as last-summary.json.
set +e
"$BATON_BIN" retrain --store "$BATON_STORE" --models "$BATON_MODELS" --inbox "$BATON_INBOX" "$@" \
    2>&1 >"$stdout_file" | stamp stderr >>"$log_file"
status=("${PIPESTATUS[@]}")
set -e
code=${status[0]}

stamp stdout <"$stdout_file" >>"$log_file"

summary=$(grep -v '^[[:space:]]*$' "$stdout_file" | tail -n 1 || true)
if [[ $summary == \{*\} ]]; then
    printf '%s\n' "$summary" >"$BATON_LOG_DIR/.last-summary.json.tmp"
    mv -f -- "$BATON_LOG_DIR/.last-summary.json.tmp" "$BATON_LOG_DIR/last-summary.json"
fi

log "end: exit $code after $(( $(date +%s) - started )) s"

if [ "$code" -ne 0 ]; then
    case $code in
        1) reason="internal error" ;;
        2) reason="usage error (check the flags in the crontab)" ;;
        3) reason="input error (a file or the store could not be read)" ;;
        4) reason="another run holds the lock" ;;
        5) reason="nothing to train on (too few labelled examples or intents)" ;;
        6) reason="new version written but not promoted" ;;
        7) reason="publish failed; current is unchanged" ;;
        *) reason="unexpected exit code" ;;
    esac
    {
        printf 'baton-nightly: baton retrain exited %s: %s\n' "$code" "$reason"
        printf 'last lines of %s:\n' "$log_file"
        tail -n 15 -- "$log_file"
    } >&2
fi
exit "$code"
