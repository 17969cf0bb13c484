"""What the production server (gunicorn, deploy/gunicorn.conf.py) answers at the edges of
HTTP: a request head too large is a 431, not a reset connection; heads with large cookies
fit; and a connection the server will not keep is announced with `Connection: close`."""

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serving import free_port, start_server, stop


@pytest.fixture(scope="module")
def server_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    folder: Path = tmp_path_factory.mktemp("server")
    port = free_port()
    server = start_server(port, workers=1, database_url=f"sqlite:///{folder / 'db.sqlite3'}")
    yield port
    stop(server)


def exchange(port: int, head: bytes) -> bytes:
    """Send a raw request head and read until the server closes the connection (a server
    that kept it open would make this fail with a time-out after 10 s)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        return answer


def test_a_header_over_32_kb_is_answered_431(server_port: int) -> None:
    cookie = "a=" + "x" * 40_000
    head = f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n\r\n".encode()
    answer = exchange(server_port, head)
    assert answer.split(b"\r\n", 1)[0] == b"HTTP/1.1 431 Request Header Fields Too Large"


def test_a_head_with_a_20_kb_cookie_is_served(server_port: int) -> None:
    cookie = "a=" + "x" * 20_000
    head = (
        f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
    ).encode()
    answer = exchange(server_port, head)
    assert answer.split(b"\r\n", 1)[0] == b"HTTP/1.1 200 OK"


def test_a_kept_alive_connection_is_told_it_will_be_closed(server_port: int) -> None:
    head = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
    answer = exchange(server_port, head)  # returns only once the server has closed it
    status_line, rest = answer.split(b"\r\n", 1)
    headers = rest.split(b"\r\n\r\n", 1)[0].lower().split(b"\r\n")
    assert status_line == b"HTTP/1.1 200 OK"
    assert b"connection: close" in headers
