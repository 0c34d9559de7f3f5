"""The network in front of a live server, as a real client meets it, all on 127.0.0.1.

``Edge`` runs two small threaded listeners that forward every request to the gunicorn under test:

* ``tls``: a TLS-terminating reverse proxy, the service's public host. Its certificate (for
  127.0.0.1) is issued by a throwaway ``trustme`` CA whose PEM file clients are given as their CA
  bundle. It adds ``X-Forwarded-Proto: https`` and ``X-Forwarded-Host``, as a deployment's TLS
  edge does, so that the server (with ``TRUSTED_PROXIES=1``) sees the ``https://`` URL the
  client signed.
* ``proxy``: a plain HTTP forward proxy (a client's ``HTTP_PROXY``). Requests in absolute form
  for a host of ``routes`` (e.g. ``http://api.liveperson.net/...``, domain discovery) go to the
  server with their Host header unchanged; any other host gets a 502 and reaches nothing.

Every request, forwarded or refused, is kept in ``Edge.requests`` for the test to inspect.
"""

from __future__ import annotations

import http.client
import ssl
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import SplitResult, urlsplit

import trustme

# Headers of one hop, never forwarded (RFC 9110 7.6.1), and the ones this edge sets itself.
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authorization",
    "proxy-authenticate",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}
_OWN = {"host", "content-length", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"}
_NOT_RELAYED = _HOP_BY_HOP | {"content-length", "date", "server"}


@dataclass(frozen=True)
class Forwarded:
    """One request that went through the edge, as the client sent it."""

    listener: str  # "tls" or "proxy"
    method: str
    url: str  # the URL the client asked for: scheme, host, path and query
    headers: dict[str, str]
    body: bytes
    status: int
    response: bytes  # the body the server answered with


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, edge: Edge, listener: str, context: ssl.SSLContext | None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.edge = edge
        self.listener = listener
        if context is not None:
            # The handshake happens in the request's thread (see _Handler.setup), so that a
            # client that never completes it cannot stall the accept loop.
            self.socket = context.wrap_socket(
                self.socket, server_side=True, do_handshake_on_connect=False
            )

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 30

    def setup(self) -> None:
        self.request.settimeout(self.timeout)
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test's output quiet; the requests are in Edge.requests."""

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def do_PUT(self) -> None:
        self._forward()

    def do_DELETE(self) -> None:
        self._forward()

    def _record(self, url: str, body: bytes, status: int, response: bytes = b"") -> None:
        forwarded = Forwarded(
            listener=self.server.listener,
            method=self.command,
            url=url,
            headers=dict(self.headers.items()),
            body=body,
            status=status,
            response=response,
        )
        self.server.edge.requests.append(forwarded)

    def _target(self) -> tuple[str, str] | None:
        """Return (host, origin-form path) of the request, or None when it is not ours."""
        if self.server.listener == "tls":
            return self.headers.get("Host", ""), self.path
        target: SplitResult = urlsplit(self.path)
        if target.scheme != "http" or target.hostname not in self.server.edge.routes:
            return None
        return target.netloc, target.path + (f"?{target.query}" if target.query else "")

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        target = self._target()
        upstream = self.server.edge.upstream
        if target is None or upstream is None:
            self._record(self.path, body, 502)
            self.send_error(502, "This edge does not route there")
            return
        host, path = target
        scheme = "https" if self.server.listener == "tls" else "http"
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP | _OWN}
        headers.update(
            {
                "Host": host,
                "X-Forwarded-For": self.client_address[0],
                "X-Forwarded-Proto": scheme,
                "X-Forwarded-Host": host,
            }
        )
        connection = http.client.HTTPConnection(*upstream, timeout=60)
        try:
            connection.request(self.command, path, body=body or None, headers=headers)
            response = connection.getresponse()
            status, reason, payload = response.status, response.reason, response.read()
            relayed = [(k, v) for k, v in response.getheaders() if k.lower() not in _NOT_RELAYED]
        except OSError:
            status, reason, payload, relayed = 502, "Bad Gateway", b"", []
        finally:
            connection.close()
        self._record(f"{scheme}://{host}{path}", body, status, payload)
        self.send_response(status, reason)
        for key, value in relayed:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class Edge:
    """The TLS edge and the forward proxy; use as a context manager, then set ``upstream``."""

    def __init__(self, directory: Path, routes: Iterable[str]) -> None:
        self.routes = frozenset(routes)
        self.upstream: tuple[str, int] | None = None
        self.requests: list[Forwarded] = []
        self.ca_bundle = directory / "edge-ca.pem"
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []

    @property
    def public_host(self) -> str:
        """host:port of the TLS listener, for the server's PUBLIC_HOST."""
        return f"127.0.0.1:{self._servers[0].port}"

    @property
    def proxy_url(self) -> str:
        """The forward proxy's URL, for a client's HTTP_PROXY."""
        return f"http://127.0.0.1:{self._servers[1].port}"

    def __enter__(self) -> Edge:
        ca = trustme.CA()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1").configure_cert(context)
        ca.cert_pem.write_to_path(str(self.ca_bundle))
        self._servers = [_Server(self, "tls", context), _Server(self, "proxy", None)]
        for server in self._servers:
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
