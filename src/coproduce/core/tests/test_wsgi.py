"""The production server's entry point (ADR 0020)."""

import os
import subprocess
import sys


def test_the_entry_point_sets_what_it_loaded_aside_from_the_garbage_collector() -> None:
    """In a process of its own: freezing is for the life of the process."""
    script = (
        "import gc; before = gc.get_freeze_count(); import coproduce.wsgi; "
        "print(before, gc.get_freeze_count() > 10000, callable(coproduce.wsgi.application))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "coproduce.settings"}
    result = subprocess.run(  # noqa: S603 (a fixed command: this interpreter, our script)
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "True", "True"]
