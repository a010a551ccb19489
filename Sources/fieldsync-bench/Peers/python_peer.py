#!/usr/bin/env python3
"""Python peer for the fieldsync benchmark.

usage: python_peer.py --file FEED.ics --from 2026-01-01T00:00:00Z
                      --to 2027-01-01T00:00:00Z --iterations N

Each iteration (a) reads the file's bytes and parses them with
icalendar.Calendar.from_ical, then (b) expands with
recurring_ical_events.of(cal).between(from, to) and counts the occurrences.
Parse and expand are timed separately with time.perf_counter (reading the
file is part of parse). One JSON object goes to stdout; any error goes to
stderr with a non-zero exit status.
"""

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import time
from importlib.metadata import version


def fail(message, code=1):
    print(f"python_peer.py: error: {message}", file=sys.stderr)
    sys.exit(code)


def parse_instant(text):
    """ISO 8601 instant -> aware datetime in UTC. A trailing Z or an offset
    is accepted; a naive value is taken as UTC."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date-time: {text!r} (e.g. 2026-01-01T00:00:00Z)"
        ) from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=dt.timezone.utc)
    return instant.astimezone(dt.timezone.utc)


def positive_int(text):
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {number}")
    return number


def summary(samples_ms):
    return {
        "min": round(min(samples_ms), 3),
        "median": round(statistics.median(samples_ms), 3),
    }


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: message on stderr, exit 2
        self.print_usage(sys.stderr)
        fail(message, 2)


def main(argv=None):
    parser = _Parser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", required=True, help="iCalendar feed (.ics)")
    parser.add_argument("--from", dest="start", required=True, type=parse_instant)
    parser.add_argument("--to", dest="end", required=True, type=parse_instant)
    parser.add_argument("--iterations", required=True, type=positive_int)
    args = parser.parse_args(argv)
    if args.end <= args.start:
        fail("--to must be after --from", 2)

    try:
        import icalendar
        import recurring_ical_events
    except ImportError as error:
        fail(f"{error}; create the venv with Peers/setup_peer.sh and run this with its python")

    parse_ms, expand_ms, total_ms = [], [], []
    occurrences = None
    for iteration in range(args.iterations):
        t0 = time.perf_counter()
        try:
            with open(args.file, "rb") as feed:
                data = feed.read()
        except OSError as error:
            fail(f"cannot read {args.file}: {error.strerror or error}")
        try:
            cal = icalendar.Calendar.from_ical(data)
        except Exception as error:  # icalendar raises ValueError and others
            fail(f"icalendar could not parse {args.file}: {type(error).__name__}: {error}")
        t1 = time.perf_counter()
        try:
            count = len(recurring_ical_events.of(cal).between(args.start, args.end))
        except Exception as error:
            fail(f"recurring_ical_events could not expand {args.file}: {type(error).__name__}: {error}")
        t2 = time.perf_counter()

        if occurrences is None:
            occurrences = count
        elif count != occurrences:
            fail(f"occurrence count changed between iterations: {occurrences} then {count} (iteration {iteration + 1})")
        parse_ms.append((t1 - t0) * 1000.0)
        expand_ms.append((t2 - t1) * 1000.0)
        total_ms.append((t2 - t0) * 1000.0)

    result = {
        "peer": f"python icalendar {version('icalendar')} + recurring-ical-events {version('recurring-ical-events')}",
        "python": platform.python_version(),
        "iterations": args.iterations,
        "occurrences": occurrences,
        "parse_ms": summary(parse_ms),
        "expand_ms": summary(expand_ms),
        "total_ms": summary(total_ms),
    }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
