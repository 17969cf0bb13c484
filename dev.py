#!/usr/bin/env python3
"""Set up and run Coproduce with nothing but Python 3.11.

    python3 dev.py run        # venv, install, migrate, demo data, then serve on
                              # http://127.0.0.1:8000 with the production server (gunicorn)
                              # and the background worker beside it
    python3 dev.py test       # venv, install with test tools, lint, type-check, whole test suite
    python3 dev.py devserver  # for development only: Django's auto-reloading runserver
    python3 dev.py messages   # gather the interface strings into the Welsh .po files (needs
                              # GNU gettext's xgettext) and compile them into the .mo files

Each step is skipped when it has nothing to do, so running either command again is fast.
"""

import hashlib
import os
import secrets
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

    def digest(of: str) -> str:
        return hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + of.encode()).hexdigest()

    def installed(of: str) -> bool:
        stamp = VENV / f".installed-{of or 'base'}"
        return stamp.exists() and stamp.read_text() == digest(of)

    if installed(extras) or (not extras and installed("test")):  # the test tools include all
        return
    say(f"Installing Coproduce{f' with [{extras}]' if extras else ''}")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", target)
    (VENV / f".installed-{extras or 'base'}").write_text(digest(extras))


TEST_PACKAGES = {"chromium": "/usr/bin/chromium", "nginx": "/usr/sbin/nginx"}


def ensure_test_packages() -> None:
    """The browser tests drive Debian's Chromium and the scale-out test puts Debian's nginx
    in front of two servers; install what is missing when we can (as root)."""
    missing = [name for name, path in TEST_PACKAGES.items() if not Path(path).exists()]
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"Installing Debian's {' and '.join(missing)} for the tests")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", *missing, env=env)
    else:
        say(f"Missing {', '.join(missing)}: the tests that need them will be skipped")


def local_environment() -> dict[str, str]:
    """What the quick start runs with: the development settings with debugging off, and a
    secret key made for this installation on its first run (kept in var/, readable by its
    owner only), so that a group running exactly the quick start is not exposed by it."""
    data = Path(os.environ.get("COPRODUCE_DATA_DIR", ROOT / "var"))
    data.mkdir(parents=True, exist_ok=True)
    key_file = data / "secret-key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    return {
        **os.environ,
        "COPRODUCE_DATA_DIR": str(data),
        "COPRODUCE_DEBUG": os.environ.get("COPRODUCE_DEBUG", "0"),
        "COPRODUCE_SECRET_KEY": os.environ.get("COPRODUCE_SECRET_KEY", key_file.read_text()),
    }


def prepare_database(env: dict[str, str]) -> None:
    say("Preparing the database (SQLite in var/ unless DATABASE_URL is set)")
    run(BIN / "coproduce", "migrate", "--verbosity", "0", env=env)
    run(BIN / "coproduce", "createcachetable", env=env)
    run(BIN / "coproduce", "demo", env=env)


def cmd_run(args: list[str]) -> None:
    ensure_venv("")
    env = local_environment()
    prepare_database(env)
    address = args[0] if args else "127.0.0.1:8000"
    say("Starting the background worker (e-mail reminders; e-mails print here)")
    subprocess.Popen([str(BIN / "coproduce"), "db_worker", "--verbosity", "0"], cwd=ROOT, env=env)
    say(f"Serving Coproduce on http://{address}/ with gunicorn (Ctrl+C stops it)")
    config = str(ROOT / "deploy" / "gunicorn.conf.py")
    gunicorn = [str(BIN / "gunicorn"), "--config", config, "--bind", address]
    os.execve(BIN / "gunicorn", gunicorn, env)


def cmd_devserver(args: list[str]) -> None:
    """Django's runserver: reloads on every change, one process; never for real use."""
    ensure_venv("")
    env = {**local_environment(), "COPRODUCE_DEBUG": "1"}
    prepare_database(env)
    address = args[0] if args else "127.0.0.1:8000"
    say(f"Development server on http://{address}/ (not for real use: see `dev.py run`)")
    os.execve(BIN / "coproduce", [str(BIN / "coproduce"), "runserver", address], env)


def cmd_test(args: list[str]) -> None:
    ensure_venv("test")
    ensure_test_packages()
    say("ruff")
    run(BIN / "ruff", "check", "src", "tests", "bench", "dev.py", "conftest.py")
    say("mypy")
    run(BIN / "mypy", "src")
    database = os.environ.get("DATABASE_URL", "sqlite").split(":")[0]
    say(f"pytest on {database}")
    run(BIN / "pytest", *args)


PACKAGE = ROOT / "src" / "coproduce"
# Compiled with polib, not msgfmt, so that a clone without GNU gettext can compile too
COMPILE = """
import pathlib, sys, polib
for po in sys.argv[1:]:
    polib.pofile(po).save_as_mofile(str(pathlib.Path(po).with_suffix(".mo")))
"""


def cmd_messages(args: list[str]) -> None:
    """Update the Welsh catalogues of the project's templates (locale/) and of every app with
    a locale/ folder (the translated ones, ADR 0050), then compile them; the .mo files are
    committed, so a fresh clone needs neither step."""
    ensure_venv("test")
    untranslated = [
        path.name
        for path in PACKAGE.iterdir()
        if path.is_dir() and (path / "apps.py").exists() and not (path / "locale").is_dir()
    ]
    ignore = [f"--ignore={name}" for name in (*untranslated, "tests", "migrations", "static")]
    say("Gathering the interface strings into the Welsh catalogues")
    result = subprocess.run(
        [str(BIN / "django-admin"), "makemessages", "--locale=cy", "--no-obsolete", *ignore],
        cwd=PACKAGE,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "coproduce.settings"},
        check=False,
    )
    if result.returncode != 0:
        sys.exit(result.returncode)
    say("Compiling the catalogues")
    run(BIN / "python", "-c", COMPILE, *sorted(PACKAGE.glob("**/locale/cy/LC_MESSAGES/*.po")))


COMMANDS = {
    "run": cmd_run,
    "test": cmd_test,
    "devserver": cmd_devserver,
    "messages": cmd_messages,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
