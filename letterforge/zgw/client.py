"""A small HTTP client for the ZGW APIs: JWT authentication, JSON, Dutch errors.

Authentication follows the ZGW "JWT met client id en secret" scheme: a fresh token
per request, HS256, with iss/client_id, iat, user_id and user_representation
(PyJWT makes and signs it). httpx is the HTTP client; every call has a timeout.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import jwt

from letterforge.errors import FilingError
from letterforge.zgw.config import ZgwConfig

# Open Zaak answers with this API version header; we send the Content-Crs/Accept-Crs
# headers only where the spec requires them (not for the resources we create).
USER_ID = "letterforge"


def bearer_token(config: ZgwConfig, now: float | None = None) -> str:
    """A ZGW JWT for `config`'s client, valid from `now` (seconds since epoch)."""
    issued = int(now if now is not None else time.time())
    claims = {
        "iss": config.client_id,
        "iat": issued,
        "client_id": config.client_id,
        "user_id": USER_ID,
        "user_representation": "letterforge (brievenservice)",
    }
    return jwt.encode(
        claims,
        config.secret,
        algorithm="HS256",
        headers={"client_identifier": config.client_id},
    )


def _problem(response: httpx.Response) -> str:
    """Status and the names of refused fields; never the body (it may hold data)."""
    names: list[str] = []
    try:
        body = response.json()
        params = body.get("invalidParams", []) if isinstance(body, dict) else []
        names = [str(p.get("name")) for p in params if isinstance(p, dict)]
    except ValueError:
        pass
    fields = f" (velden: {', '.join(names)})" if names else ""
    sent = response.request
    return f"{sent.method} {sent.url} gaf {response.status_code}{fields}"


class ZgwClient:
    """JSON calls to the ZGW APIs; FilingError for every failure, in Dutch."""

    def __init__(
        self, config: ZgwConfig, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.config = config
        self._http = httpx.Client(
            timeout=config.timeout_seconds, transport=transport, follow_redirects=False
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ZgwClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {bearer_token(self.config)}",
            "Accept": "application/json",
        }

    def request(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        files: dict[str, Any] | None = None,
        data: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200, 201),
    ) -> Any:
        """Send one request; the decoded JSON answer (None for 204)."""
        try:
            response = self._http.request(
                method,
                url,
                json=json,
                params=params,
                files=files,
                data=data,
                headers=self._headers(),
            )
        except httpx.TimeoutException as e:
            raise FilingError(f"{method} {url}: geen antwoord binnen de tijd") from e
        except httpx.HTTPError as e:
            raise FilingError(f"{method} {url}: niet bereikbaar") from e
        if response.status_code not in expect:
            raise FilingError(_problem(response))
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as e:
            raise FilingError(f"{method} {url}: het antwoord is geen JSON") from e

    def find_one(self, url: str, params: dict[str, str]) -> dict[str, Any] | None:
        """The first result of a list query (paginated or a plain list), or None."""
        answer = self.request("GET", url, params=params, expect=(200,))
        results = answer.get("results", []) if isinstance(answer, dict) else answer
        if not isinstance(results, list) or not results:
            return None
        first = results[0]
        return first if isinstance(first, dict) else None
