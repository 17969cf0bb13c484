"""The ``coproduce`` console command: Django's management commands with our settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``coproduce migrate`` or ``coproduce demo``;
    ``coproduce panel …`` runs without Django (``coproduce.panels.command``)."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["panel"]:
        from coproduce.panels.command import main as panel

        sys.exit(panel(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["coproduce", *args])


if __name__ == "__main__":
    main()
