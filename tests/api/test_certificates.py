"""The client checks an https server's certificate as strictly as httpx does by default, with
one context for the whole process, made when the first client that needs one is made
(app/api/client.py, `certificate_check`). The server here is a real TLS socket on loopback."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.api.client import InterviewsClient, certificate_check
from app.api.errors import OfflineError

KEY = "sk_live_SECRETSECRETSECRET1234"
CERTIFICATE = Path(__file__).with_name("untrusted_server.pem")  # self-signed, for 127.0.0.1
AGENTS = (b'{"success": true, "data": {"items": [{"id": "a1", "name": "Screener"}], '
          b'"pagination": {"total": 1, "page": 1, "limit": 100, "hasNextPage": false}}}')


class TlsServer:
    """Answers every request it reads with one page of agents, over TLS with CERTIFICATE;
    notes each request it read and each handshake that failed."""

    def __init__(self) -> None:
        self.requests: list[bytes] = []
        self.refused: list[str] = []
        self.served = threading.Event()  # set once a connection is over, whichever way
        self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._tls.load_cert_chain(CERTIFICATE)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self._listener.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(5)
            try:
                with self._tls.wrap_socket(connection, server_side=True) as tls:
                    self._answer(tls)
            except ssl.SSLError as error:
                self.refused.append(error.reason or str(error))
            except OSError:
                pass
            finally:
                connection.close()
                self.served.set()

    def _answer(self, tls: ssl.SSLSocket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = tls.recv(4096)
            if not chunk:
                return
            request += chunk
        self.requests.append(request)
        tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + str(len(AGENTS)).encode() + b"\r\nConnection: close\r\n\r\n" + AGENTS)

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(5)
        self._listener.close()


@pytest.fixture
def server() -> Iterator[TlsServer]:
    served = TlsServer()
    yield served
    served.stop()


@pytest.fixture
def fresh_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's context made again for this test from its environment, and forgotten
    after it, so no other test meets what this one trusted."""
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)
    certificate_check.cache_clear()
    yield
    certificate_check.cache_clear()


async def no_sleep(_seconds: float) -> None:
    return None


async def test_a_server_whose_certificate_no_ca_signed_never_reads_the_request(
        server: TlsServer, fresh_check: None) -> None:
    async with InterviewsClient(server.url, KEY, max_per_second=0, sleep=no_sleep) as client:
        with pytest.raises(OfflineError):
            await client.list_agents()
    assert server.served.wait(5)
    assert server.requests == []  # the key never went out
    assert server.refused  # the client broke off the handshake


async def test_the_same_server_is_read_once_its_certificate_is_trusted(
        server: TlsServer, fresh_check: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The failure above is the certificate's, not the server's: trusted the way httpx lets
    a machine trust a CA (SSL_CERT_FILE), the same server is read."""
    monkeypatch.setenv("SSL_CERT_FILE", str(CERTIFICATE))
    async with InterviewsClient(server.url, KEY, max_per_second=0, sleep=no_sleep) as client:
        page = await client.list_agents()
    assert [agent.id for agent in page.items] == ["a1"]
    assert len(server.requests) == 1 and f"Bearer {KEY}".encode() in server.requests[0]


async def test_a_wrong_host_name_is_refused_even_for_a_trusted_certificate(
        server: TlsServer, fresh_check: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The certificate names 127.0.0.1; "localhost" is the same socket under another name."""
    monkeypatch.setenv("SSL_CERT_FILE", str(CERTIFICATE))
    url = server.url.replace("127.0.0.1", "localhost")
    async with InterviewsClient(url, KEY, max_per_second=0, sleep=no_sleep) as client:
        with pytest.raises(OfflineError):
            await client.list_agents()
    assert server.served.wait(5)
    assert server.requests == [] and server.refused


def test_every_client_shares_one_context_made_only_when_one_is_needed(
        fresh_check: None, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[ssl.SSLContext] = []
    default_context = ssl.create_default_context

    def counted(*args: object, **kwargs: object) -> ssl.SSLContext:
        made.append(default_context(*args, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(ssl, "create_default_context", counted)
    InterviewsClient("https://api.example.com", KEY,
                     transport=httpx.MockTransport(lambda _request: httpx.Response(204)))
    assert made == []  # a transport of its own makes no TLS connection
    for url in ("https://api.example.com", "https://other.example.com", "http://127.0.0.1:1"):
        InterviewsClient(url, KEY)
    assert len(made) == 1 and certificate_check() is made[0]
    assert made[0].verify_mode == ssl.CERT_REQUIRED and made[0].check_hostname
