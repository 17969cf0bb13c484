"""``coproduce panel select``: a stratified selection by lot from two CSV files, without
loading Django (the library needs none), in the CSV layout ``sortition-algorithms`` reads.

coproduce panel select PEOPLE.csv --features FEATURES.csv --size N
    [--algorithm maximin|nash|legacy] [--seed S] [--households] [--json]

Prints the selected ids (one a line, or one JSON object with the fairness figures). Quotas
or a pool that allow no panel: the reasons on stderr, exit status 2.
"""

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator

from coproduce.panels import sortition
from coproduce.panels.fixed_hash import REPRODUCIBLE_HASH_SEED

INFEASIBLE = 2
# The library keeps committees in sets of strings, whose order follows each process's hash
# seed, and maximin's programmes are built in that order: under a random hash seed the same
# --seed drew different panels. The command runs itself again under the fixed hash seed the
# background task's draw runs under, so a recorded seed draws its panel again.


def _under_a_fixed_hash_seed(argv: list[str]) -> None:
    """Run this command again under the fixed hash seed, unless it already is."""
    if os.environ.get("PYTHONHASHSEED") == REPRODUCIBLE_HASH_SEED:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(  # noqa: S606 (this interpreter, this module, the same arguments)
        sys.executable,
        [sys.executable, "-m", "coproduce.panels.select_cli", *argv],
        {**os.environ, "PYTHONHASHSEED": REPRODUCIBLE_HASH_SEED},
    )


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """The solver writes its banner straight to file descriptor 1; keep stdout for the
    answer by sending that to stderr while it runs."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def _parser() -> argparse.ArgumentParser:
    select = argparse.ArgumentParser(
        prog="coproduce panel select", description=__doc__.split("\n")[0]
    )
    select.add_argument("people", help="CSV: id, one column per feature (address, postcode)")
    select.add_argument("--features", required=True, help="CSV: feature, value, min, max")
    select.add_argument("--size", required=True, type=int, help="how many to select")
    select.add_argument("--algorithm", default="maximin", choices=sortition.ALGORITHMS)
    select.add_argument("--seed", type=int, default=None, help="a random seed (1 or more)")
    select.add_argument(
        "--households", action="store_true", help="at most one person per address and postcode"
    )
    select.add_argument("--json", action="store_true", help="print one JSON object")
    return select


def main(argv: list[str]) -> int:
    """Answer ``coproduce panel select ARGS`` (``argv``: the arguments after those words)."""
    options = _parser().parse_args(argv)
    _under_a_fixed_hash_seed(argv)
    try:
        with open(options.features, encoding="utf-8-sig") as features_file:
            feature_rows = sortition.read_csv(features_file.read())
        with open(options.people, encoding="utf-8-sig") as people_file:
            people_rows = sortition.read_csv(people_file.read())
    except OSError as error:
        print(f"coproduce panel: {error.strerror}: {error.filename}", file=sys.stderr)
        return INFEASIBLE
    if options.seed is not None and not 1 <= options.seed <= sortition.MAX_SEED:
        print(f"coproduce panel: the seed is from 1 to {sortition.MAX_SEED}.", file=sys.stderr)
        return INFEASIBLE
    try:
        with _quiet_stdout():
            features = sortition.features_from_rows(feature_rows)
            people = sortition.people_from_rows(people_rows, features, options.households)
            draw = sortition.draw(
                features,
                people,
                options.size,
                algorithm=options.algorithm,
                seed=options.seed,
                households=options.households,
            )
    except sortition.SelectionFailed as failure:
        print("coproduce panel: no panel can be drawn:", file=sys.stderr)
        for line in failure.lines:
            print(f"  {line}", file=sys.stderr)
        return INFEASIBLE
    if options.json:
        print(json.dumps(draw.as_json()))
    else:
        print("\n".join(draw.selected))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
