"""HTTP hardening of every response, and the proxy and host settings.

- Headers (OWASP ASVS 14.4): a strict Content-Security-Policy (our pages use no
  inline script or style), frame-ancestors 'none', nosniff, Referrer-Policy.
- `Cache-Control: no-store` on everything but static files: letters, register
  pages and API answers hold personal data and must not stay in caches.
- Trusted hosts (Flask TRUSTED_HOSTS): links are built from the Host header, so
  only listed names are accepted; by default loopback on any port.
- Chunked request bodies over MAX_CONTENT_LENGTH are refused (413), as others.
- ProxyFix from settings (PROXY_FIX = {"x_for": 1, "x_proto": 1, ...}): only
  when a proxy really is in front, else clients could spoof their address.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge, SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Loopback with any port: werkzeug compares the host name without its port.
# (werkzeug cannot match IPv6 literals such as [::1] in this list.)
DEFAULT_TRUSTED_HOSTS = ["localhost", "127.0.0.1"]
PROXY_FIX_KEYS = ("x_for", "x_proto", "x_host", "x_port", "x_prefix")


def _harden(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
    return response


def _bounded_chunked_body() -> None:
    """A chunked body has no Content-Length, and werkzeug then cuts it off at the
    limit without a word (the request fails later as broken JSON). Read it here,
    at most one byte past MAX_CONTENT_LENGTH: past the limit is a clear 413; below
    it, the body is handed on with its length like any other."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    environ = request.environ
    if limit is None or "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", ""):
        return
    data = environ["wsgi.input"].read(int(limit) + 1)
    if len(data) > int(limit):
        raise RequestEntityTooLarge()
    environ["wsgi.input"] = io.BytesIO(data)
    environ["CONTENT_LENGTH"] = str(len(data))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    environ["wsgi.input_terminated"] = False


def _untrusted_host(_error: SecurityError) -> Response:
    # Plain text: an error page would build links from the very Host we refuse.
    return Response(
        "Dit adres hoort niet bij deze dienst.\n", status=400, mimetype="text/plain"
    )


def _proxy_fix(settings: Any) -> dict[str, int]:
    if not settings:
        return {}
    if not isinstance(settings, dict) or not set(settings) <= set(PROXY_FIX_KEYS):
        raise ValueError(f"PROXY_FIX: use a table with keys {PROXY_FIX_KEYS}")
    return {key: int(value) for key, value in settings.items()}


def install_security(app: Flask) -> None:
    """Headers on every response; TRUSTED_HOSTS and PROXY_FIX from the config."""
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = DEFAULT_TRUSTED_HOSTS
    proxy = _proxy_fix(app.config.get("PROXY_FIX"))
    if proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, **proxy)  # type: ignore[method-assign]
    app.register_error_handler(SecurityError, _untrusted_host)
    app.before_request(_bounded_chunked_body)
    app.after_request(_harden)
