"""The production server and proxy as tests start them: gunicorn from deploy/gunicorn.conf.py
on the test database, and Debian's nginx in front of several of them (docs/deployment.md)."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
NGINX = "/usr/sbin/nginx"  # Debian's


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_served(port: int, path: str = "/healthz", seconds: float = 60) -> None:
    """Until a worker answers, not just the socket."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", path)[0] == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


def test_database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_server(port: int, workers: int = 2, database_url: str = "") -> subprocess.Popen:
    """gunicorn as production runs it, on the (PostgreSQL) test database unless another is
    named, in its own process group."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url or test_database_url(),
        "DJANGO_SETTINGS_MODULE": "coproduce.settings",
        "COPRODUCE_DEBUG": "0",
        "COPRODUCE_THROTTLE_USER": "100000/min",
    }
    server = subprocess.Popen(  # noqa: S603 (a fixed command: our own production server)
        [
            str(BIN / "gunicorn"),
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    wait_until_served(port)
    return server


def kill(server: subprocess.Popen) -> None:
    """Kill the server and its workers at once, with no warning (a crash)."""
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(30)


def start_proxy(port: int, upstreams: list[int], folder: Path) -> subprocess.Popen:
    """nginx balancing across the given servers, as docs/deployment.md configures it."""
    servers = "\n".join(
        f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;" for p in upstreams
    )
    config = folder / "nginx.conf"
    config.write_text(
        f"""
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log error;
{"user root root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  upstream coproduce {{
{servers}
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 10m;
    location / {{
      proxy_pass http://coproduce;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
}}
"""
    )
    proxy = subprocess.Popen(  # noqa: S603 (a fixed command: Debian's nginx, our config)
        [NGINX, "-c", str(config), "-p", str(folder), "-e", str(folder / "error.log")],
        start_new_session=True,
    )
    wait_until_served(port)
    return proxy


def request(
    port: int, method: str, path: str, body: Any = None, timeout: float = 10, **headers: str
) -> tuple[int, Any]:
    """One request on a new connection: its status and its JSON (or bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = None
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        connection.request(method, path, payload, headers)
        response = connection.getresponse()
        content = response.read()
        if response.getheader("Content-Type", "").startswith("application/json"):
            return response.status, json.loads(content)
        return response.status, content
    finally:
        connection.close()
