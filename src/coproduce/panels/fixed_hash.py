"""The draw in a child process under a fixed hash seed, so that a recorded seed draws the
same panel wherever it runs (ADR 0053).

The library keeps committees in sets of strings, whose order follows each process's hash
seed, and maximin's programmes are built in that order: in a process with a random hash seed
(the worker, a test) the same seed could draw a different panel. ``draw`` runs
``sortition.draw`` in a child, ``python -m coproduce.panels.fixed_hash``, started with
``PYTHONHASHSEED=0`` (as ``coproduce panel select`` runs itself): the request goes in as one
JSON object on stdin; the child answers with JSON lines on stdout, the library's progress
events as they come (relayed to the caller's reporter) and then the draw or the reasons no
panel can be drawn. No Django on either side.
"""

import dataclasses
import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from sortition_algorithms.progress import ProgressReporter

from coproduce.panels import sortition

REPRODUCIBLE_HASH_SEED = "0"
# The folder holding the ``coproduce`` package, first on the child's path, so the child runs
# this code whichever way the parent found it.
SOURCE = str(Path(__file__).resolve().parents[2])
STOPPED = "The draw stopped unexpectedly; ask for a new one."

logger = logging.getLogger(__name__)


def draw(
    quota_rows: Sequence[Mapping[str, Any]],
    people_rows: Sequence[Mapping[str, str]],
    size: int,
    *,
    algorithm: str,
    seed: int,
    households: bool,
    progress: ProgressReporter | None = None,
) -> sortition.Draw:
    """``sortition.draw`` of these rows in a child under the fixed hash seed; raise
    SelectionFailed with the library's reasons when no panel can be drawn."""
    request = {
        "quotas": [dict(row) for row in quota_rows],
        "people": [dict(row) for row in people_rows],
        "size": size,
        "algorithm": algorithm,
        "seed": seed,
        "households": households,
    }
    paths = [SOURCE, *filter(None, [os.environ.get("PYTHONPATH")])]
    environment = {
        **os.environ,
        "PYTHONHASHSEED": REPRODUCIBLE_HASH_SEED,
        "PYTHONPATH": os.pathsep.join(paths),
    }
    answer: dict[str, Any] | None = None
    with tempfile.TemporaryFile(mode="w+") as errors:
        child = subprocess.Popen(  # noqa: S603 (this interpreter, this module)
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=environment,
        )
        assert child.stdin is not None and child.stdout is not None
        try:
            child.stdin.write(json.dumps(request))
            child.stdin.close()
            for line in child.stdout:
                message = json.loads(line)
                if "draw" in message or "failed" in message:
                    answer = message
                elif progress is not None:
                    _relay(message, progress)
        finally:
            child.stdout.close()
            child.wait()
        if answer is None:
            errors.seek(0)
            logger.log(
                logging.ERROR,
                "The draw's process ended with %s: %s",
                child.returncode,
                errors.read(),
            )
            raise sortition.SelectionFailed([STOPPED])
    if "failed" in answer:
        raise sortition.SelectionFailed(answer["failed"])
    return sortition.Draw(**answer["draw"])


def _relay(message: Mapping[str, Any], progress: ProgressReporter) -> None:
    if "start_phase" in message:
        name, total = message["start_phase"]
        progress.start_phase(name, total)
    elif "update" in message:
        progress.update(message["update"])
    elif "end_phase" in message:
        progress.end_phase()


class _Lines:
    """The library's progress events, as JSON lines to the parent."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def send(self, message: Mapping[str, Any]) -> None:
        self.out.write(json.dumps(message) + "\n")
        self.out.flush()

    def start_phase(
        self, name: str, total: int | None = None, *, message: str | None = None
    ) -> None:
        self.send({"start_phase": [name, total]})

    def update(self, current: int, *, message: str | None = None) -> None:
        self.send({"update": current})

    def end_phase(self) -> None:
        self.send({"end_phase": True})


def main() -> int:
    """The child: one request on stdin, progress and the answer on stdout."""
    # The solver writes its banner straight to file descriptor 1: keep a copy of it for the
    # answer, and send whatever else is written there to stderr.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    lines = _Lines(out)
    request = json.load(sys.stdin)
    try:
        features = sortition.features_from_rows(request["quotas"])
        people = sortition.people_from_rows(request["people"], features, request["households"])
        found = sortition.draw(
            features,
            people,
            request["size"],
            algorithm=request["algorithm"],
            seed=request["seed"],
            households=request["households"],
            progress=lines,
        )
    except sortition.SelectionFailed as failure:
        lines.send({"failed": failure.lines})
        return 0
    lines.send({"draw": dataclasses.asdict(found)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
