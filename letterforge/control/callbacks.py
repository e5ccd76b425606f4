"""Callback URLs of API clients: which URLs are allowed, the secret, the signature.

A client registers one URL; letterforge POSTs its events there (delivered by
letterforge.jobs.callbacks), signed with HMAC-SHA256 over
`timestamp + "." + body` with a secret that is shown once, at registration.

Against server-side request forgery, a URL must be http(s) without user or
password, and every address its host name resolves to must be a public one
(ipaddress' is_global): loopback, private, link-local (the cloud metadata
address 169.254.169.254), multicast and reserved addresses are refused unless
they lie in a network the operator allowed (CALLBACK_ALLOWED_NETWORKS, for
example ["127.0.0.1/32"] for a receiver on the same machine, or the case
system's private network). The check is made at registration and again before
every delivery, and redirects are never followed.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from letterforge.errors import Problem, RequestError, SettingsError
from letterforge.register import Register, callbacks

URL_MAX = 2000
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the system's resolver)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in found]


def parse_networks(values: Iterable[object]) -> tuple[Network, ...]:
    """CALLBACK_ALLOWED_NETWORKS as networks; SettingsError names a wrong one."""
    networks: list[Network] = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value), strict=False))
        except ValueError as e:
            raise SettingsError(
                f"CALLBACK_ALLOWED_NETWORKS: '{value}' is geen netwerk "
                "(bijvoorbeeld 127.0.0.1/32)."
            ) from e
    return tuple(networks)


def _refused(message: str, code: str = "invalid") -> RequestError:
    return RequestError(
        "Dit adres kunnen wij niet gebruiken voor callbacks.",
        (Problem("url", message, code),),
    )


def _allowed(address: Address, allowed: Sequence[Network]) -> bool:
    if any(address in network for network in allowed):
        return True
    # An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as IPv4.
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        return _allowed(mapped, allowed)
    return address.is_global and not address.is_multicast


def check_url(
    url: str, allowed: Sequence[Network] = (), resolver: Resolver = resolve
) -> str:
    """`url` when letterforge may POST to it; RequestError (field `url`, Dutch)
    when it is not http(s), has a user name, or reaches an address that is not
    public and not in `allowed`."""
    if not isinstance(url, str) or not url.strip():
        raise _refused("geef een URL die begint met https://", "required")
    if len(url) > URL_MAX or any(ord(c) <= 32 or ord(c) == 127 for c in url):
        raise _refused(f"een URL van ten hoogste {URL_MAX} tekens, zonder spaties")
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as e:
        raise _refused("dit is geen geldige URL") from e
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _refused("de URL moet beginnen met https:// of http://", "scheme")
    if parts.username is not None or parts.password is not None:
        raise _refused("zet geen naam of wachtwoord in de URL", "userinfo")
    try:
        addresses = resolver(parts.hostname, port)
    except (OSError, UnicodeError) as e:
        raise _refused(f"de naam {parts.hostname} is niet te vinden", "dns") from e
    if not addresses:
        raise _refused(f"de naam {parts.hostname} is niet te vinden", "dns")
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not _allowed(address, allowed):
            raise _refused(
                "dit adres is intern of niet openbaar; "
                "dat mag alleen als de beheerder het toestaat",
                "not_public",
            )
    return url


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 of `timestamp + "." + body` with `secret`, as hex."""
    message = timestamp.encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Registered:
    """A new callback registration; the secret is shown this once."""

    url: str
    secret: str
    created_at: datetime


def register_callback(
    register: Register,
    client: str,
    url: str,
    allowed: Sequence[Network] = (),
    resolver: Resolver = resolve,
) -> Registered:
    """Check `url` and set it for `client` with a new secret (a second call
    replaces URL and secret: that is how a client rotates its secret)."""
    checked = check_url(url, allowed, resolver)
    secret = secrets.token_hex(32)
    now = datetime.now(UTC)
    with register.session() as session:
        callbacks.subscribe(session, client, checked, secret, now)
    return Registered(checked, secret, now)
