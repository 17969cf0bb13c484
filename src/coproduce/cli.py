"""The ``coproduce`` console command: Django's management commands with our settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``coproduce migrate`` or ``coproduce demo``.

    ``coproduce survey rank`` is answered before Django is set up: it needs only the
    ranking engine (ADR 0036).
    """
    args = sys.argv[1:] if argv is None else argv
    if args[:2] == ["survey", "rank"]:
        from coproduce.surveys.rank_cli import main as survey_rank

        sys.exit(survey_rank(args[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["coproduce", *args])


if __name__ == "__main__":
    main()
