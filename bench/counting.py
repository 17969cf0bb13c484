"""Benchmark: our counting engine against pabutools on every instance in ../shared/pabulib.

    python bench/counting.py [--instances NAME ...] [--rules RULE ...] [--reference-timeout S]

For each instance and rule, each side runs in a fresh process (so peak memory is its own):
our engine parses the file and counts; pabutools (the anchor) parses and counts the same.
Prints a Markdown table with both times, the ratio (pabutools / ours), our peak memory,
and whether the funded projects are the same. A reference run over its time limit is
reported as a lower bound. Needs the test extras (pabutools).
"""

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "pabulib"
sys.path.insert(0, str(HERE))

from reference import ORDER_MATTERS, REFERENCE_RULES  # noqa: E402

RULES = (
    "greedy",
    "greedy-no-skip",
    "greedy-threshold",
    "mes",
    "mes-add1",
    "mes-add1-greedy",
    "phragmen",
    "max-utilitarian",
    "official",
)


def _ours(path: str, rule: str, queue: Any) -> None:
    from coproduce.budgeting.counting import UnsupportedRule, read_pb, tally

    start = time.perf_counter()
    try:
        selected: list[str] | str = tally(read_pb(path), rule).selected
    except UnsupportedRule as error:
        selected = f"unsupported: {error}"[:60]
    seconds = time.perf_counter() - start
    queue.put((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, selected))


def _reference(path: str, rule: str, queue: Any) -> None:
    from reference import load, reference

    start = time.perf_counter()
    instance, profile = load(path)
    selected = reference(instance, profile, rule)
    seconds = time.perf_counter() - start
    queue.put((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, selected))


def measure(target: Any, path: str, rule: str, timeout: float) -> tuple[float, float, Any] | None:
    queue: Any = mp.Queue()
    process = mp.Process(target=target, args=(path, rule, queue))
    process.start()
    try:
        result = queue.get(timeout=timeout)
    except Exception:
        result = None
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", nargs="*", help="file names without .pb (default: all)")
    parser.add_argument("--rules", nargs="*", default=list(RULES))
    parser.add_argument("--reference-timeout", type=float, default=900.0)
    args = parser.parse_args()
    paths = sorted(DATA.glob("*.pb"))
    if args.instances:
        paths = [p for p in paths if p.stem in set(args.instances)]
    # Compile (or load from numba's cache) the MES kernel once, before anything is timed:
    # the first run on a new machine pays ~3 s for it, once.
    from coproduce.budgeting.counting import parse_pb, tally

    warm = "META\nkey;value\nbudget;2\nvote_type;approval\nPROJECTS\nproject_id;cost\na;1\n"
    tally(parse_pb(warm + "VOTES\nvoter_id;vote\n1;a\n"), "mes")
    print("| instance | rule | ours (s) | ours peak MB | pabutools (s) | ratio | same result |")
    print("|---|---|---:|---:|---:|---:|---|")
    for path in sorted(paths, key=lambda p: p.stat().st_size):
        for rule in args.rules:
            ours = measure(_ours, str(path), rule, 600)
            if ours is None:
                print(f"| {path.stem} | {rule} | failed | | | | |", flush=True)
                continue
            seconds, peak, selected = ours
            if isinstance(selected, str):
                print(f"| {path.stem} | {rule} | {selected} | | | | |", flush=True)
                continue
            ref_cell = ratio = same = "—"
            if rule in REFERENCE_RULES:
                ref = measure(_reference, str(path), rule, args.reference_timeout)
                if ref is None:
                    ref_cell = f"> {args.reference_timeout:.0f}"
                    ratio = f"> {args.reference_timeout / seconds:.0f}×"
                elif ref[2] is None:
                    ref_cell = "n/a"
                else:
                    ref_cell = f"{ref[0]:.2f}"
                    ratio = f"{ref[0] / seconds:.0f}×"
                    equal = (
                        selected == ref[2]
                        if rule in ORDER_MATTERS
                        else sorted(selected) == sorted(ref[2])
                    )
                    same = "yes" if equal else "**NO**"
            print(
                f"| {path.stem} | {rule} | {seconds:.2f} | {peak:.0f} | {ref_cell} | {ratio} "
                f"| {same} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
