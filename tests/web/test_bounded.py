"""Bounded work per request (issue 14): big or slow input cannot stall a worker."""

from __future__ import annotations

import json
import socket
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient

from tests.conftest import load_sample
from tests.web.serving import running_server
from tests.web.test_api import post_letter


@pytest.mark.parametrize(
    ("change", "path"),
    [
        # 12,000 mixed items under a uniqueItems schema: refused before the schema.
        (
            lambda c: c.update(
                motivering=[{"a": i} if i % 2 else i for i in range(12_000)]
            ),
            "motivering",
        ),
        (
            lambda c: c["ontvanger"].update(achternaam="x" * 20_000),
            "ontvanger.achternaam",
        ),
        (
            lambda c: c["terugvordering"].update(oorzaak="y" * 1_001),
            "terugvordering.oorzaak",
        ),
        (lambda c: c.update(diep=json.loads("[" * 30 + "]" * 30)), "diep"),
    ],
)
def test_oversized_case_data_is_refused_quickly(
    client: FlaskClient, tokens: Any, change: Any, path: str
) -> None:
    request = load_sample("terugvordering-later-inkomsten")
    change(request["case"])
    answer = post_letter(client, tokens["write"], json.dumps(request).encode())
    assert answer.status_code == 422
    errors = answer.get_json()["errors"]
    assert [e["code"] for e in errors] == ["limit"]
    assert errors[0]["path"].startswith(path)


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c["ontvanger"].update(voorletters="J.\nPostbus 1"),
        lambda c: c["ontvanger"].update(tussenvoegsel="van\r\nder"),
        lambda c: c["ontvanger"].update(voorletters="J.\u2028K."),
        lambda c: c["ontvanger"]["adres"].update(straat="Lindelaan\tPostbus 1"),
        lambda c: c["ontvanger"].update(achternaam="Vries\nAntwoordnummer 12"),
    ],
)
def test_nothing_can_add_a_line_to_the_address(
    client: FlaskClient, tokens: Any, change: Any
) -> None:
    request = load_sample("terugvordering-later-inkomsten")
    change(request["case"])
    answer = post_letter(client, tokens["write"], json.dumps(request).encode())
    assert answer.status_code == 422


def test_markup_looking_names_stay_literal(client: FlaskClient, tokens: Any) -> None:
    request = load_sample("afwijzing-bijstand-vermogen")
    request["case"]["ontvanger"]["achternaam"] = "Jansen & Zn. <b>{{ 7*7 }}</b>"
    answer = post_letter(
        client,
        tokens["own"],
        json.dumps(request).encode(),
        more={"Accept": "application/json"},
    )
    assert answer.status_code == 201
    request["format"] = "text"
    text = post_letter(client, tokens["own"], json.dumps(request).encode())
    assert "Jansen & Zn. <b>{{ 7*7 }}</b>" in text.get_data(as_text=True)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda c: c["zaak"].update(briefdatum="1900-01-01"), "zaak.briefdatum"),
        (lambda c: c["zaak"].update(briefdatum="2100-01-01"), "zaak.briefdatum"),
        (
            lambda c: (
                c.update(zienswijze={"datum": "2026-11-20", "samenvatting": "x"})
                or c["zaak"].update(briefdatum="2026-11-19")
            ),
            "zaak.briefdatum",
        ),
        (
            lambda c: (
                c.update(
                    onderzoeksrapport={"datum": "2026-11-20", "bevindingen": ["x"]}
                )
                or c["zaak"].update(briefdatum="2026-11-19")
            ),
            "zaak.briefdatum",
        ),
    ],
)
def test_letter_dates_stay_in_a_fixed_window(
    client: FlaskClient, tokens: Any, change: Any, path: str
) -> None:
    request = load_sample("terugvordering-later-inkomsten")
    change(request["case"])
    answer = post_letter(client, tokens["write"], json.dumps(request).encode())
    assert answer.status_code == 422
    assert path in {e["path"] for e in answer.get_json()["errors"]}


def test_integers_are_integers(client: FlaskClient, tokens: Any) -> None:
    from letterforge.case.validate import schema_problems

    schema = {"type": "object", "properties": {"n": {"type": "integer"}}}
    assert schema_problems(schema, {"n": 3.0})
    assert not schema_problems(schema, {"n": 3})


def test_one_huge_word_in_the_checker_is_refused(
    client: FlaskClient, tokens: Any
) -> None:
    answer = client.post(
        "/api/v1/readability",
        json={"text": "a" * 900_000},
        headers=tokens["readability"],
    )
    assert answer.status_code == 413
    assert answer.get_json()["errors"][0]["path"] == "text"


def _raw(base: str, data: bytes) -> bytes:
    address = urlsplit(base)
    with socket.create_connection(
        (str(address.hostname), address.port), timeout=20
    ) as s:
        s.sendall(data)
        chunks = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.slow
def test_real_server_refuses_big_chunked_bodies_and_survives_slow_clients(
    tmp_path: Path,
) -> None:
    with running_server(f"sqlite:///{tmp_path / 'r.db'}", workers=1) as server:
        host = urlsplit(server.base).netloc
        chunk = b"x" * 65536
        body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(24))
        answer = _raw(
            server.base,
            (
                f"POST /api/v1/letters HTTP/1.1\r\nHost: {host}\r\n"
                f"Authorization: Bearer {server.token}\r\n"
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                "Connection: close\r\n\r\n"
            ).encode()
            + body
            + b"0\r\n\r\n",
        )
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        # Three idle connections that never finish their request.
        idle = [
            socket.create_connection(("127.0.0.1", int(host.split(":")[1])))
            for _ in range(3)
        ]
        try:
            for s in idle:
                s.sendall(b"POST /api/v1/letters HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            with urllib.request.urlopen(f"{server.base}/healthz", timeout=5) as health:
                assert health.status == 200
            assert time.monotonic() - started < 5
        finally:
            for s in idle:
                s.close()
