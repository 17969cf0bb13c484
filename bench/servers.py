"""The application servers the load benchmarks can start, each as production would run it.

``gunicorn`` is the production server (``deploy/gunicorn.conf.py``, ADR 0023); ``uwsgi`` and
``granian`` are the ones it was measured against, kept so that the comparison can be run
again in one sitting: ``python bench/voting.py --server uwsgi`` and so on. Each runs
pre-forked synchronous workers, one request at a time per worker, on loopback only.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVERS = ("gunicorn", "uwsgi", "granian")


def command(server: str, port: int, workers: int) -> list[str]:
    """The command line that serves the app with ``workers`` processes on 127.0.0.1:port."""
    if server == "gunicorn":
        return [
            str(BIN / "gunicorn"),
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ]
    if server == "uwsgi":
        return [
            str(BIN / "uwsgi"),
            "--ini",
            str(ROOT / "deploy" / "uwsgi.ini"),
            "--http-socket",
            f"127.0.0.1:{port}",
            "--processes",
            str(workers),
        ]
    if server == "granian":
        return [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "1",
            "--backlog",
            "1024",
            "--no-ws",
            "--log-level",
            "warning",
            "coproduce.wsgi:application",
        ]
    raise ValueError(f"unknown server {server!r}: one of {', '.join(SERVERS)}")


def start(server: str, port: int, workers: int, env: dict[str, str]) -> subprocess.Popen:
    """Start the server in its own process group (so stopping it stops every worker)."""
    return subprocess.Popen(
        command(server, port, workers),
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
