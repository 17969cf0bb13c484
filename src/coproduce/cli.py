"""The ``coproduce`` console command: Coproduce's own commands first, Django's behind them.

``coproduce`` (or ``coproduce --help``) introduces the platform and lists its own commands;
``coproduce help --all`` lists Django's too, and any Django command runs as usual
(``coproduce migrate``). Commands that count a file need no database: they are answered
before Django is set up, so they start at once.
"""

import io
import os
import sys
from importlib import import_module

# (command, subcommand) -> the module whose ``main(argv) -> int`` answers it without Django.
WITHOUT_DJANGO = {
    ("pb", "tally"): "coproduce.budgeting.tally_cli",
    ("survey", "rank"): "coproduce.surveys.rank_cli",
    ("panel", "select"): "coproduce.panels.select_cli",
}

INTRODUCTION = """\
Coproduce: the shared space where people who use public services and the professionals who
run them plan, fund, design, deliver and assess them together, and the record of who put in
what and who decided.

Usage: coproduce COMMAND [ARGUMENTS]   (coproduce help COMMAND for one command's options)
"""

HELP_WORDS: tuple[list[str], ...] = ([], ["-h"], ["--help"], ["help"])


def main(argv: list[str] | None = None) -> None:
    """Run ``coproduce`` with ``argv`` (the process's arguments by default)."""
    args = sys.argv[1:] if argv is None else argv
    without_django = WITHOUT_DJANGO.get(tuple(args[:2]))  # type: ignore[arg-type]
    if without_django:
        sys.exit(import_module(without_django).main(args[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
    if args in HELP_WORDS:
        print_in_utf8()
        sys.stdout.write(introduction())
        return
    from django.core.management import execute_from_command_line

    if args == ["help", "--all"]:
        args = ["help"]
    execute_from_command_line(["coproduce", *args])


def print_in_utf8() -> None:
    """Write stdout and stderr in UTF-8 whatever the locale says (names are not ASCII)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")


def introduction() -> str:
    """What Coproduce is and its own commands, each with the first line of its help."""
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    ours = sorted(
        (name, app) for name, app in get_commands().items() if app.startswith("coproduce.")
    )
    width = max(len(name) for name, _ in ours)
    lines = [INTRODUCTION, "Coproduce's commands:"]
    for name, app in ours:
        summary = (load_command_class(app, name).help or "").split("\n")[0]
        lines.append(f"  {name.ljust(width)}  {summary}")
    lines.append("")
    lines.append("Counting without a database (they start at once):")
    for command, subcommand in WITHOUT_DJANGO:
        lines.append(f"  coproduce {command} {subcommand} --help")
    lines.append("")
    lines.append(
        "Django's own commands (migrate, createsuperuser, db_worker, …): coproduce help --all"
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
