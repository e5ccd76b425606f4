"""A ZGW test server: checks every request against the official OpenAPI documents.

It serves the Documenten API 1.5.0, Zaken API 1.5.1 and Besluiten API 1.0.2 under
/documenten/api/v1/, /zaken/api/v1/ and /besluiten/api/v1/, validates each request
with openapi-core against ../shared/specs/zgw/ (unchanged VNG documents), checks the
ZGW JWT with PyJWT, and keeps what was created in memory so that look-ups answer
as Open Zaak would. A request the specification refuses gets a 400 and is kept in
`refused`, so a test fails on it. Faults (down, slow, 500, timeout after storing)
are switched on per test.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jwt
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

SPECS = Path(__file__).resolve().parents[2].parent / "shared" / "specs" / "zgw"
API_FILES = {
    "documenten": "documenten-api-1.5.0.yaml",
    "zaken": "zaken-api-1.5.1.yaml",
    "besluiten": "besluiten-api-1.0.2.yaml",
}
CLIENT_ID = "letterforge-test"
SECRET = "test-geheim-van-minstens-32-tekens-lang"
PART_SIZE = 64 * 1024


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        """No access log in the test output."""


@lru_cache(maxsize=1)
def _spec_dicts() -> dict[str, dict[str, Any]]:
    return {
        api: yaml.safe_load((SPECS / name).read_text(encoding="utf-8"))
        for api, name in API_FILES.items()
    }


def _is_uri(value: object) -> bool:
    """The "uri" format (RFC 3986 absolute URI): openapi-core has no checker of its
    own for query parameters, so we give it the plain rule: scheme and host."""
    if not isinstance(value, str):
        return True  # other types are the type check's business
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc) and " " not in value


IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


def _without_ignored_headers(spec: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI 3.0.3, Parameter Object: a header parameter named Accept, Content-Type
    or Authorization "SHALL be ignored" (the request body's media types and the
    security scheme govern those). The VNG documents declare Content-Type as a
    parameter with an enum; openapi-core would compare it literally and refuse
    'multipart/form-data; boundary=...', which Open Zaak accepts."""
    paths: dict[str, Any] = {}
    for path, item in spec["paths"].items():
        paths[path] = {}
        for method, operation in item.items():
            if isinstance(operation, dict) and "parameters" in operation:
                operation = dict(operation)
                operation["parameters"] = [
                    p
                    for p in operation["parameters"]
                    if not (
                        p.get("in") == "header"
                        and str(p.get("name", "")).lower() in IGNORED_HEADERS
                    )
                ]
            paths[path][method] = operation
    return {**spec, "paths": paths}


def _openapi(api: str, base: str) -> OpenAPI:
    spec = _without_ignored_headers(_spec_dicts()[api])
    spec["servers"] = [{"url": f"{base}/{api}/api/v1"}]
    config = Config(
        extra_format_validators={"uri": _is_uri},
        extra_format_unmarshallers={"uri": str},
    )
    return OpenAPI.from_dict(spec, config=config)


@dataclass
class Faults:
    """What goes wrong; each counter is used up one request at a time."""

    status_500: int = 0  # answer 500 before doing anything
    slow_seconds: float = 0.0  # wait this long before doing anything
    slow_times: int = 0
    timeout_after_store: int = 0  # store, then wait longer than the client
    timeout_seconds: float = 5.0
    only_path: str = ""  # apply faults only to paths containing this


@dataclass
class ZgwState:
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    contents: dict[str, bytes] = field(default_factory=dict)
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)
    zaken: dict[str, dict[str, Any]] = field(default_factory=dict)
    zios: dict[str, dict[str, Any]] = field(default_factory=dict)
    besluiten: dict[str, dict[str, Any]] = field(default_factory=dict)
    bios: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _problem(status: int, detail: str) -> Response:
    return _json({"title": detail, "status": status, "detail": detail}, status)


class ZgwTestServer:
    """The three APIs on one port, in a thread; `base` is http://127.0.0.1:PORT."""

    def __init__(self) -> None:
        self.state = ZgwState()
        self.faults = Faults()
        self.lock = threading.Lock()
        self._server = make_server(
            "127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_QuietHandler
        )
        self.base = f"http://127.0.0.1:{self._server.server_port}"
        self._apis = {api: _openapi(api, self.base) for api in API_FILES}
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def root(self, api: str) -> str:
        return f"{self.base}/{api}/api/v1/"

    def start(self) -> ZgwTestServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.state = ZgwState()
            self.faults = Faults()

    def add_zaak(self) -> str:
        url = f"{self.root('zaken')}zaken/{uuid.uuid4()}"
        self.state.zaken[url] = {"url": url}
        return url

    # --- request handling -------------------------------------------------------

    def _wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        try:
            response = self._handle(request)
        finally:
            request.close()  # closes the temporary files of uploaded parts
        return response(environ, start_response)

    def _handle(self, request: Request) -> Response:
        api = request.path.split("/")[1]
        with self.lock:
            self.state.requests.append((request.method, request.path))
        fault = self._fault_before(request)
        if fault is not None:
            return fault
        if api not in self._apis:
            return _problem(404, "onbekende API")
        refused = self._refusal(api, request)
        if refused:
            with self.lock:
                self.state.refused.append(f"{request.method} {request.path}: {refused}")
            return _problem(400, refused)
        with self.lock:
            response = self._route(api, request)
        if request.method != "GET" and self._take("timeout_after_store", request):
            time.sleep(self.faults.timeout_seconds)
        return response

    def _applies(self, request: Request) -> bool:
        return self.faults.only_path in request.path

    def _take(self, name: str, request: Request) -> bool:
        with self.lock:
            if getattr(self.faults, name) > 0 and self._applies(request):
                setattr(self.faults, name, getattr(self.faults, name) - 1)
                return True
        return False

    def _fault_before(self, request: Request) -> Response | None:
        if self._take("slow_times", request):
            time.sleep(self.faults.slow_seconds)
        if self._take("status_500", request):
            return _problem(500, "interne fout")
        return None

    def _refusal(self, api: str, request: Request) -> str:
        """Why the specification (or the JWT) refuses this request; '' if valid."""
        checked = (
            _ascii_multipart(request)
            if request.mimetype == "multipart/form-data"
            else request
        )
        result = self._apis[api].unmarshal_request(WerkzeugOpenAPIRequest(checked))
        if result.errors:
            return "; ".join(_describe(e) for e in result.errors)
        header = request.headers.get("Authorization", "")
        try:
            claims = jwt.decode(
                header.removeprefix("Bearer "), SECRET, algorithms=["HS256"]
            )
        except jwt.PyJWTError as e:
            return f"JWT ongeldig: {e}"
        if claims.get("client_id") != CLIENT_ID or claims.get("iss") != CLIENT_ID:
            return "JWT van een onbekende client"
        return ""

    def _route(self, api: str, request: Request) -> Response:
        parts = request.path.strip("/").split("/")[3:]
        key = (api, request.method, parts[0] if parts else "")
        handlers: dict[tuple[str, str, str], Callable[[Request, list[str]], Response]]
        handlers = {
            ("documenten", "GET", "enkelvoudiginformatieobjecten"): self._eio_get,
            ("documenten", "POST", "enkelvoudiginformatieobjecten"): self._eio_post,
            ("documenten", "PUT", "bestandsdelen"): self._part_put,
            ("zaken", "GET", "zaakinformatieobjecten"): self._zio_get,
            ("zaken", "POST", "zaakinformatieobjecten"): self._zio_post,
            ("besluiten", "GET", "besluiten"): self._besluit_get,
            ("besluiten", "POST", "besluiten"): self._besluit_post,
            ("besluiten", "GET", "besluitinformatieobjecten"): self._bio_get,
            ("besluiten", "POST", "besluitinformatieobjecten"): self._bio_post,
        }
        handler = handlers.get(key)
        if handler is None:
            return _problem(404, "niet gevonden")
        return handler(request, parts)

    # --- Documenten API ---------------------------------------------------------

    def _eio_get(self, request: Request, parts: list[str]) -> Response:
        if len(parts) > 1:
            found = self.state.documents.get(self._eio_url(parts[1]))
            return _json(_public(found)) if found else _problem(404, "niet gevonden")
        wanted = request.args
        results = [
            _public(d)
            for d in self.state.documents.values()
            if all(
                d.get(k) == wanted[k]
                for k in ("identificatie", "bronorganisatie")
                if k in wanted
            )
        ]
        return _json(
            {"count": len(results), "next": None, "previous": None, "results": results}
        )

    def _eio_url(self, key: str) -> str:
        return f"{self.root('documenten')}enkelvoudiginformatieobjecten/{key}"

    def _eio_post(self, request: Request, parts: list[str]) -> Response:
        if len(parts) == 3 and parts[2] == "unlock":
            return self._unlock(request, parts[1])
        body = request.get_json()
        if any(
            d["identificatie"] == body.get("identificatie")
            and d["bronorganisatie"] == body["bronorganisatie"]
            for d in self.state.documents.values()
        ):
            # Open Zaak refuses a second identificatie within one bronorganisatie.
            return _problem(400, "identificatie bestaat al")
        key = str(uuid.uuid4())
        url = self._eio_url(key)
        document = {k: v for k, v in body.items() if k != "inhoud"}
        document.update(url=url, versie=1, beginRegistratie="2026-01-01T00:00:00Z")
        document.update(locked=False, bestandsdelen=[], inhoud=f"{url}/download")
        content = body.get("inhoud")
        answer = dict(document)
        if content is None and body.get("bestandsomvang"):
            lock = uuid.uuid4().hex
            document.update(locked=True, lock=lock)
            document["bestandsdelen"] = self._make_parts(
                url, int(body["bestandsomvang"])
            )
            answer = {**_public(document), "lock": lock}
        else:
            self.state.contents[url] = base64.b64decode(content or "")
        self.state.documents[url] = document
        return _json(answer, 201)

    def _make_parts(self, document_url: str, size: int) -> list[dict[str, Any]]:
        parts = []
        for number, offset in enumerate(range(0, size, PART_SIZE), start=1):
            key = str(uuid.uuid4())
            url = f"{self.root('documenten')}bestandsdelen/{key}"
            part = {
                "url": url,
                "volgnummer": number,
                "omvang": min(PART_SIZE, size - offset),
                "voltooid": False,
                "lock": "",
                "informatieobject": document_url,
            }
            self.state.parts[url] = part
            parts.append({k: v for k, v in part.items() if k != "informatieobject"})
        return parts

    def _part_put(self, request: Request, parts: list[str]) -> Response:
        part = self.state.parts.get(
            f"{self.root('documenten')}bestandsdelen/{parts[1]}"
        )
        if part is None:
            return _problem(404, "niet gevonden")
        document = self.state.documents[part["informatieobject"]]
        if request.form.get("lock") != document.get("lock"):
            return _problem(400, "lock klopt niet")
        data = request.files["inhoud"].read()
        if len(data) != part["omvang"]:
            return _problem(400, "omvang klopt niet")
        part.update(voltooid=True, data=data)
        return _json(
            {k: v for k, v in part.items() if k not in ("data", "informatieobject")}
        )

    def _unlock(self, request: Request, key: str) -> Response:
        url = self._eio_url(key)
        document = self.state.documents.get(url)
        if document is None:
            return _problem(404, "niet gevonden")
        if (request.get_json(silent=True) or {}).get("lock") != document.get("lock"):
            return _problem(400, "lock klopt niet")
        mine = sorted(
            (p for p in self.state.parts.values() if p["informatieobject"] == url),
            key=lambda p: p["volgnummer"],
        )
        if not all(p["voltooid"] for p in mine):
            return _problem(400, "niet alle bestandsdelen zijn er")
        self.state.contents[url] = b"".join(p["data"] for p in mine)
        document.update(locked=False, bestandsdelen=[])
        document.pop("lock", None)
        return Response(status=204)

    # --- Zaken API ---------------------------------------------------------------

    def _zio_get(self, request: Request, parts: list[str]) -> Response:
        return _json(
            _matching(self.state.zios, request.args, ("zaak", "informatieobject"))
        )

    def _zio_post(self, request: Request, parts: list[str]) -> Response:
        body = request.get_json()
        if body["zaak"] not in self.state.zaken:
            return _problem(400, "zaak bestaat niet")
        if body["informatieobject"] not in self.state.documents:
            return _problem(400, "informatieobject bestaat niet")
        if _matching(self.state.zios, body, ("zaak", "informatieobject")):
            return _problem(400, "dit document hoort al bij deze zaak")
        key = str(uuid.uuid4())
        url = f"{self.root('zaken')}zaakinformatieobjecten/{key}"
        item = {
            **body,
            "url": url,
            "uuid": key,
            "aardRelatieWeergave": "Hoort bij, omgekeerd: kent",
            "registratiedatum": "2026-01-01T00:00:00Z",
        }
        self.state.zios[url] = item
        return _json(item, 201)

    # --- Besluiten API -----------------------------------------------------------

    def _besluit_get(self, request: Request, parts: list[str]) -> Response:
        results = _matching(
            self.state.besluiten,
            request.args,
            ("identificatie", "verantwoordelijkeOrganisatie"),
        )
        return _json(
            {"count": len(results), "next": None, "previous": None, "results": results}
        )

    def _besluit_post(self, request: Request, parts: list[str]) -> Response:
        body = request.get_json()
        if body.get("zaak") and body["zaak"] not in self.state.zaken:
            return _problem(400, "zaak bestaat niet")
        if _matching(
            self.state.besluiten,
            body,
            ("identificatie", "verantwoordelijkeOrganisatie"),
        ):
            return _problem(400, "identificatie bestaat al")
        url = f"{self.root('besluiten')}besluiten/{uuid.uuid4()}"
        item = {**body, "url": url, "vervalredenWeergave": ""}
        self.state.besluiten[url] = item
        return _json(item, 201)

    def _bio_get(self, request: Request, parts: list[str]) -> Response:
        return _json(
            _matching(self.state.bios, request.args, ("besluit", "informatieobject"))
        )

    def _bio_post(self, request: Request, parts: list[str]) -> Response:
        body = request.get_json()
        besluit = self.state.besluiten.get(body["besluit"])
        if besluit is None or body["informatieobject"] not in self.state.documents:
            return _problem(400, "besluit of informatieobject bestaat niet")
        # Open Zaak: the document must belong to the besluit's zaak first.
        if besluit.get("zaak") and not _matching(
            self.state.zios,
            {"zaak": besluit["zaak"], "informatieobject": body["informatieobject"]},
            ("zaak", "informatieobject"),
        ):
            return _problem(400, "het document hoort niet bij de zaak van het besluit")
        if _matching(self.state.bios, body, ("besluit", "informatieobject")):
            return _problem(400, "bestaat al")
        url = f"{self.root('besluiten')}besluitinformatieobjecten/{uuid.uuid4()}"
        item = {**body, "url": url}
        self.state.bios[url] = item
        return _json(item, 201)

    # --- for tests ---------------------------------------------------------------

    def content_of(self, document_url: str) -> bytes:
        return self.state.contents[document_url]

    def sha256_of(self, document_url: str) -> str:
        return hashlib.sha256(self.content_of(document_url)).hexdigest()


def _public(document: dict[str, Any]) -> dict[str, Any]:
    """A document as the API shows it: the lock only in the answer to its POST."""
    return {k: v for k, v in document.items() if k != "lock"}


def _matching(
    store: dict[str, dict[str, Any]], wanted: Any, keys: tuple[str, ...]
) -> list[dict[str, Any]]:
    return [
        item
        for item in store.values()
        if all(item.get(k) == wanted[k] for k in keys if k in wanted)
    ]


def _ascii_multipart(request: Request) -> Request:
    """The same multipart request with each file's bytes replaced by as many 'x'.

    openapi-core reads a multipart body through the e-mail parser as ASCII text,
    which loses binary file parts (a PDF); the fields, their names and the file
    parts themselves are what the specification checks, and those stay.
    """
    files = {}
    for name, upload in request.files.items():
        size = len(upload.read())
        upload.seek(0)  # the handler reads it again
        files[name] = (io.BytesIO(b"x" * size), upload.filename or "", upload.mimetype)
    builder = EnvironBuilder(
        path=request.path,
        base_url=request.host_url,
        method=request.method,
        headers={
            k: v
            for k, v in request.headers.items()
            if k.lower() not in ("content-type", "content-length")
        },
        data={**request.form.to_dict(), **files},
    )
    try:
        return Request(builder.get_environ())
    finally:
        builder.close()


def _describe(error: Exception) -> str:
    details = getattr(error, "schema_errors", None) or getattr(error, "__cause__", None)
    if isinstance(details, (list, tuple)):
        return f"{error}: " + ", ".join(str(getattr(d, "message", d)) for d in details)
    return f"{error}" + (f" ({details})" if details else "")


@contextmanager
def running_server() -> Iterator[ZgwTestServer]:
    server = ZgwTestServer().start()
    try:
        yield server
    finally:
        server.stop()
