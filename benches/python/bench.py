#!/usr/bin/env python3
"""Benchmark of the Python package ``contact755`` (issue 6).

Measures, with the installed package (``bash scripts/test-python.sh`` builds it into ``.venv``):

* ``policy.audit(json_bytes)`` beside ``json.loads(json_bytes)`` on the same bytes, for
  generated stations of 10 000 and 100 000 worksheets (best and median of ``--runs`` runs,
  ``time.perf_counter``, the two interleaved so that machine noise hits both alike);
* ``policy.check_entry(...)`` per call (``timeit``): one realistic entry (a field shift, a
  self-initiated contact cleared 755 with a card), and the mix of every (worksheet, entry)
  pair of the sample month, cycled.

Datasets come from the Rust generator (``target/release/examples/generate``, built on demand
with ``cargo build --release --example generate``) and are cached under
``target/bench-data/``; ``--file`` benchmarks given files instead.

    .venv/bin/python benches/python/bench.py                      # table
    .venv/bin/python benches/python/bench.py --json out.json       # table, and JSON to a file
    .venv/bin/python benches/python/bench.py --json -              # JSON only, on stdout
    .venv/bin/python benches/python/bench.py --sizes 10000 --runs 3 --file my.json

Timings on a shared machine are noisy: compare medians, and rerun before drawing conclusions.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import contact755
from contact755 import Contact, Policy

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "data" / "sample-month.json"
DATA_DIR = REPO / "target" / "bench-data"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Datasets


def generator() -> Path:
    exe = REPO / "target" / "release" / "examples" / "generate"
    if not exe.exists():
        log("building the generator: cargo build --release --example generate")
        subprocess.run(
            ["cargo", "build", "--quiet", "--release", "-p", "contact755", "--example", "generate"],
            cwd=REPO,
            check=True,
        )
    return exe


def dataset(worksheets: int, seed: int) -> Path:
    """The generated station of `worksheets` worksheets, cached under target/bench-data/."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / f"station-{worksheets}-seed{seed}.json"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        subprocess.run(
            [str(generator()), "--worksheets", str(worksheets), "--seed", str(seed), "--out", str(tmp)],
            check=True,
        )
        tmp.replace(path)
    return path


# ---------------------------------------------------------------------------------------------
# audit vs json.loads


def time_once(fn: Callable[[], Any]) -> float:
    t = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t
    del result  # freed outside the timed region
    return elapsed


def bench_audit(policy: Policy, path: Path, runs: int) -> Dict[str, Any]:
    data = path.read_bytes()
    parsed = json.loads(data)
    worksheets = len(parsed["worksheets"])
    entries = sum(len(w.get("entries", ())) for w in parsed["worksheets"])
    del parsed
    gc.collect()
    # one warm-up of each (page cache, allocator, lazy imports)
    time_once(lambda: policy.audit(data))
    time_once(lambda: json.loads(data))
    audit_t: List[float] = []
    loads_t: List[float] = []
    for _ in range(runs):
        audit_t.append(time_once(lambda: policy.audit(data)))
        gc.collect()
        loads_t.append(time_once(lambda: json.loads(data)))
        gc.collect()
    a_med, l_med = statistics.median(audit_t), statistics.median(loads_t)
    return {
        "file": str(path),
        "bytes": len(data),
        "worksheets": worksheets,
        "entries": entries,
        "runs": runs,
        "audit_s": {"best": min(audit_t), "median": a_med, "all": audit_t},
        "json_loads_s": {"best": min(loads_t), "median": l_med, "all": loads_t},
        "audit_entries_per_s_median": entries / a_med,
        "audit_over_json_loads_median": a_med / l_med,
    }


# ---------------------------------------------------------------------------------------------
# check_entry


def ts(text: Optional[str]) -> Optional[datetime.datetime]:
    if text is None:
        return None
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_entry_kwargs(doc: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Every (worksheet header, entry) pair of a dataset, as check_entry keyword arguments."""
    calls = []
    for w in doc["worksheets"]:
        header = {
            "worksheet_id": w["id"],
            "personnel_id": w["personnel_id"],
            "date": datetime.date.fromisoformat(w["date"]),
            "assignment": w["assignment"],
            "area": w.get("area"),
            "shift_start": ts(w.get("shift_start")),
            "shift_end": ts(w.get("shift_end")),
        }
        for e in w.get("entries", ()):
            c = e.get("contact")
            calls.append(
                dict(
                    header,
                    entry_id=e["id"],
                    at=ts(e["at"]),
                    activity=e["activity"],
                    clearance_codes=list(e["clearance_codes"]),
                    contact=None
                    if c is None
                    else Contact(c["category"], c["card_provided"], c.get("description")),
                )
            )
    return calls


def realistic(calls: List[Dict[str, Any]]) -> Dict[str, Any]:
    """A field shift's self-initiated contact, cleared 755 with a card: the common case."""
    for k in calls:
        c = k["contact"]
        if (
            k["assignment"] == "field"
            and k["activity"] == "self_initiated"
            and c is not None
            and c.card_provided
            and "755" in k["clearance_codes"]
            and k["shift_start"] is not None
        ):
            return k
    return calls[0]


def per_call_ns(fn: Callable[[], Any], calls_per_run: int, rounds: int, min_time: float) -> Dict[str, Any]:
    """Median and best nanoseconds per call over `rounds` timeit rounds of >= min_time s each."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()  # loop count reaching 0.2 s
    number = max(1, int(number * min_time / 0.2))
    results = [t / (number * calls_per_run) * 1e9 for t in timer.repeat(repeat=rounds, number=number)]
    return {"median_ns": statistics.median(results), "best_ns": min(results), "rounds": rounds,
            "calls_per_round": number * calls_per_run}


def bench_check_entry(policy: Policy, sample: Path, rounds: int, min_time: float) -> Dict[str, Any]:
    calls = check_entry_kwargs(json.loads(sample.read_bytes()))
    one = realistic(calls)
    check = policy.check_entry
    single = per_call_ns(lambda: check(**one), 1, rounds, min_time)

    def mix() -> None:
        for k in calls:
            check(**k)

    mixed = per_call_ns(mix, len(calls), rounds, min_time)
    findings_in_mix = sum(len(check(**k)) for k in calls)
    return {
        "sample": str(sample),
        "single": dict(single, findings=len(check(**one))),
        "mix": dict(mixed, entries=len(calls), findings=findings_in_mix),
    }


# ---------------------------------------------------------------------------------------------


def fmt_s(s: float) -> str:
    return f"{s * 1e3:9.1f} ms"


def table(result: Dict[str, Any]) -> str:
    lines = [
        f"contact755 {result['contact755_version']} on Python {result['python']} "
        f"({result['machine']})",
        "",
        "policy.audit(json_bytes) vs json.loads(json_bytes), median (best) of "
        f"{result['audit'][0]['runs'] if result['audit'] else 0} runs:",
        f"  {'worksheets':>10} {'entries':>9} {'MB':>7} {'audit':>22} {'json.loads':>22} "
        f"{'audit/loads':>11} {'M entries/s':>11}",
    ]
    for r in result["audit"]:
        lines.append(
            f"  {r['worksheets']:>10} {r['entries']:>9} {r['bytes'] / 1e6:>7.1f} "
            f"{fmt_s(r['audit_s']['median'])} ({fmt_s(r['audit_s']['best']).strip()}) "
            f"{fmt_s(r['json_loads_s']['median'])} ({fmt_s(r['json_loads_s']['best']).strip()}) "
            f"{r['audit_over_json_loads_median']:>11.2f} {r['audit_entries_per_s_median'] / 1e6:>11.2f}"
        )
    ce = result["check_entry"]
    lines += [
        "",
        f"policy.check_entry(...) per call, median (best) of {ce['single']['rounds']} timeit rounds:",
        f"  one realistic entry          {ce['single']['median_ns'] / 1e3:6.2f} µs "
        f"({ce['single']['best_ns'] / 1e3:.2f})",
        f"  mix of the sample's {ce['mix']['entries']} entries {ce['mix']['median_ns'] / 1e3:6.2f} µs "
        f"({ce['mix']['best_ns'] / 1e3:.2f}); {ce['mix']['findings']} findings in the mix",
    ]
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000",
                    help="worksheets per generated dataset, comma-separated (default 10000,100000)")
    ap.add_argument("--seed", type=int, default=755, help="generator seed (default 755)")
    ap.add_argument("--file", action="append", default=[], type=Path,
                    help="benchmark this dataset file too (repeatable); with --sizes '' only files")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of audit and json.loads (default 5)")
    ap.add_argument("--rounds", type=int, default=7, help="timeit rounds for check_entry (default 7)")
    ap.add_argument("--min-time", type=float, default=0.3,
                    help="seconds per timeit round for check_entry (default 0.3)")
    ap.add_argument("--sample", type=Path, default=SAMPLE,
                    help="dataset whose entries make the check_entry mix (default: the sample month)")
    ap.add_argument("--json", nargs="?", const="-", metavar="FILE",
                    help="write the results as JSON to FILE ('-' or no value: stdout, no table)")
    args = ap.parse_args(argv)

    policy = Policy.norwalk_2016()
    files = [dataset(int(n), args.seed) for n in args.sizes.split(",") if n.strip()] + args.file
    result: Dict[str, Any] = {
        "contact755_version": getattr(contact755, "__version__", "?"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "audit": [],
    }
    for f in files:
        log(f"audit vs json.loads: {f.name}")
        result["audit"].append(bench_audit(policy, f, args.runs))
    log(f"check_entry: {args.sample.name}")
    result["check_entry"] = bench_check_entry(policy, args.sample, args.rounds, args.min_time)

    if args.json != "-":
        print(table(result))
    if args.json:
        text = json.dumps(result, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
