#!/usr/bin/env python3
"""Set up and run Coproduce with nothing but Python 3.11.

    python3 dev.py run     # venv, install, migrate, demo data, serve on http://127.0.0.1:8000
    python3 dev.py test    # venv, install with test tools, lint, type-check, whole test suite

Each step is skipped when it has nothing to do, so running either command again is fast.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def python311() -> str:
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    found = shutil.which("python3.11")
    if not found:
        sys.exit("Coproduce needs Python 3.11: install it, then run this command again.")
    return found


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project, again only when pyproject.toml changed."""
    if not (BIN / "python").exists():
        say("Creating the virtual environment in .venv")
        run(python311(), "-m", "venv", VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"Installing Coproduce{f' with [{extras}]' if extras else ''}")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", target)
    stamp.write_text(digest)


def ensure_chromium() -> None:
    """The browser tests drive Debian's Chromium; install it when we can (as root)."""
    if Path("/usr/bin/chromium").exists():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing Debian's chromium for the browser tests")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "chromium", env=env)
    else:
        say("No /usr/bin/chromium: the browser tests will be skipped (apt-get install chromium)")


def coproduce(*args: str) -> None:
    run(BIN / "coproduce", *args)


def cmd_run(args: list[str]) -> None:
    ensure_venv("")
    (ROOT / "var").mkdir(exist_ok=True)
    say("Preparing the database (SQLite in var/ unless DATABASE_URL is set)")
    coproduce("migrate", "--verbosity", "0")
    coproduce("createcachetable")
    coproduce("demo")
    address = args[0] if args else "127.0.0.1:8000"
    say("Starting the background worker (e-mail reminders; e-mails print here)")
    subprocess.Popen([str(BIN / "coproduce"), "db_worker", "--verbosity", "0"], cwd=ROOT)
    say(f"Serving Coproduce on http://{address}/ (Ctrl+C stops it)")
    os.execv(BIN / "coproduce", [str(BIN / "coproduce"), "runserver", "--noreload", address])


def cmd_test(args: list[str]) -> None:
    ensure_venv("test")
    ensure_chromium()
    say("ruff")
    run(BIN / "ruff", "check", "src", "tests", "bench", "dev.py", "conftest.py")
    say("mypy")
    run(BIN / "mypy", "src")
    database = os.environ.get("DATABASE_URL", "sqlite").split(":")[0]
    say(f"pytest on {database}")
    run(BIN / "pytest", *args)


COMMANDS = {"run": cmd_run, "test": cmd_test}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
