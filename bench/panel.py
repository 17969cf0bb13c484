"""Stratified selection at a realistic size: 40 drawn from a pool of 2,000 with 6 features
(2 to 6 categories each), maximin against legacy, in one run.

    python bench/panel.py [--seed 1]

Prints each algorithm's time (wall clock, and the processor time the run used, which other
work on a shared machine does not inflate) and minimum chance of selection (legacy's
estimated from the draws ``panels.sortition`` makes for it), and maximin's ratios to legacy.
``--pool`` draws from a smaller pool; ``--progress`` prints maximin's steps. No Django: it runs
``coproduce.panels.sortition``, as ``coproduce panel select`` does.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from coproduce.panels import sortition

POOL, SIZE = 2_000, 40
CATEGORY_COUNTS = (2, 3, 4, 5, 6, 3)


class Progress:
    """The library's progress events, printed with the processor time so far."""

    def __init__(self) -> None:
        self.began = time.process_time()

    def start_phase(
        self, name: str, total: int | None = None, *, message: str | None = None
    ) -> None:
        print(f"  {time.process_time() - self.began:7.1f} s  {message}", flush=True)

    def update(self, current: int, *, message: str | None = None) -> None:
        if current % 10 == 0:
            print(f"  {time.process_time() - self.began:7.1f} s  {message}", flush=True)

    def end_phase(self) -> None:
        pass


def inputs(seed: int, pool: int = POOL) -> tuple[list[dict[str, object]], list[dict[str, str]]]:
    """Quotas around each category's share of an invented pool, ±2 of its expected seats."""
    rng = random.Random(seed)
    features = {f"feature{i}": [f"c{j}" for j in range(n)] for i, n in enumerate(CATEGORY_COUNTS)}
    weights = {name: [rng.uniform(0.5, 2.0) for _ in cats] for name, cats in features.items()}
    people = [
        {
            "id": str(n),
            **{name: rng.choices(cats, weights[name])[0] for name, cats in features.items()},
            "address": f"{n} Street",
            "postcode": "B1",
        }
        for n in range(1, pool + 1)
    ]
    quotas: list[dict[str, object]] = []
    for name, cats in features.items():
        for cat in cats:
            share = sum(1 for p in people if p[name] == cat) / pool * SIZE
            quotas.append(
                {
                    "feature": name,
                    "value": cat,
                    "min": max(0, round(share) - 2),
                    "max": round(share) + 2,
                }
            )
    return quotas, people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pool", type=int, default=POOL)
    parser.add_argument("--progress", action="store_true", help="print maximin's progress")
    args = parser.parse_args()
    seed, pool = args.seed, args.pool
    quotas, rows = inputs(seed, pool)
    features = sortition.features_from_rows(quotas)
    people = sortition.people_from_rows(rows, features, households=False)
    found = {}
    for algorithm in ("legacy", "maximin"):
        began, cpu = time.perf_counter(), time.process_time()
        progress = Progress() if args.progress and algorithm == "maximin" else None
        draw = sortition.draw(
            features, people, SIZE, algorithm=algorithm, seed=seed, progress=progress
        )
        found[algorithm] = (time.perf_counter() - began, draw.min_probability)
        took, used = found[algorithm][0], time.process_time() - cpu
        print(
            f"{algorithm:8} {took:8.2f} s ({used:.2f} s processor)   "
            f"minimum chance {draw.min_probability:.4f}",
            flush=True,
        )
    legacy_time, legacy_min = found["legacy"]
    one_draw = legacy_time / (1 + sortition.LEGACY_ESTIMATE_DRAWS)
    print(f"pool {pool}, panel {SIZE}")
    print(
        f"legacy: {one_draw:.2f} s a draw; its chances estimated from "
        f"{sortition.LEGACY_ESTIMATE_DRAWS} more draws (a chance under 1% reads as 0)"
    )
    maximin_time, maximin_min = found["maximin"]
    print(
        f"maximin / one legacy draw: time {maximin_time / one_draw:.1f}×, minimum chance "
        + (f"{maximin_min / legacy_min:.1f}×" if legacy_min else f"{maximin_min:.4f} against 0")
    )


if __name__ == "__main__":
    main()
