#!/usr/bin/env bash
# Creates a throwaway Python venv holding the benchmark's Python peer:
#   icalendar + recurring-ical-events, at pinned versions.
#
# usage: setup_peer.sh VENV_DIR
#
# Idempotent: when VENV_DIR already holds exactly the pinned versions, it
# does nothing (no network). Prints the venv's python path on success.
# Needs python3 (3.11 is what the pins were checked on) with the venv module,
# and PyPI reachable through pip's normal configuration.
set -euo pipefail

die() { echo "setup_peer.sh: error: $*" >&2; exit 1; }

[[ $# -eq 1 && -n "${1:-}" ]] || die "usage: setup_peer.sh VENV_DIR"
VENV_DIR=$1

# The two peers we measure, pinned. They install and work together on 3.11.
ICALENDAR_VERSION=7.3.0
RIE_VERSION=3.8.2
# Their dependencies, pinned too, so every run measures the same code
# (tzdata in particular changes time-zone answers).
PINS=(
  "icalendar==${ICALENDAR_VERSION}"
  "recurring-ical-events==${RIE_VERSION}"
  "python-dateutil==2.9.0.post0"
  "six==1.17.0"
  "tzdata==2026.6"
  "typing_extensions==4.16.0"
  "x-wr-timezone==2.0.1"
  "click==8.5.1"
)

PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null 2>&1 || die "'$PYTHON' not found; install Python 3.11 (Debian: apt-get install python3 python3-venv)"

VPY="$VENV_DIR/bin/python"

# True when the venv's python imports both peers at the pinned versions.
have_pins() {
  [[ -x "$VPY" ]] || return 1
  "$VPY" - "$ICALENDAR_VERSION" "$RIE_VERSION" <<'EOF' >/dev/null 2>&1
import sys
from importlib.metadata import version
import icalendar, recurring_ical_events  # noqa: F401  (must import, not only be listed)
ok = version("icalendar") == sys.argv[1] and version("recurring-ical-events") == sys.argv[2]
sys.exit(0 if ok else 1)
EOF
}

if have_pins; then
  echo "$VPY"
  exit 0
fi

if [[ ! -x "$VPY" ]]; then
  if ! "$PYTHON" -m venv "$VENV_DIR" >/dev/null 2>&1; then
    die "could not create venv at '$VENV_DIR' with '$PYTHON -m venv' (Debian: apt-get install python3-venv)"
  fi
fi

PIP_LOG=$(mktemp)
trap 'rm -f "$PIP_LOG"' EXIT
if ! "$VPY" -m pip install --quiet --disable-pip-version-check --no-input "${PINS[@]}" >"$PIP_LOG" 2>&1; then
  cat "$PIP_LOG" >&2
  die "pip install of ${PINS[*]} into '$VENV_DIR' failed (is PyPI reachable?)"
fi

have_pins || die "after install, '$VPY' still cannot import icalendar ${ICALENDAR_VERSION} + recurring-ical-events ${RIE_VERSION}"
echo "$VPY"
