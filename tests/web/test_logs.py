"""One JSON line per request, and no personal data in it."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask.testing import FlaskClient

from tests.conftest import load_sample


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_request_lines_hold_no_personal_data(client: FlaskClient, tokens: Any) -> None:
    request = load_sample("terugvordering-later-inkomsten")
    case = request["case"]
    personal = [
        case["ontvanger"]["achternaam"],
        case["ontvanger"]["adres"]["straat"],
        case["ontvanger"]["adres"]["postcode"],
        "2.289,24",
        "2289.24",
        "123456782",  # a BSN, if anyone ever sends one
        "Z-2026-005177",
    ]
    collector = Collect()
    loggers = [logging.getLogger(n) for n in ("letterforge", "letterforge.requests")]
    for logger in loggers:
        logger.addHandler(collector)
    try:
        client.post("/api/v1/letters", json=request, headers=tokens["write"])
        client.get("/api/v1/letters?zaak=Z-2026-005177", headers=tokens["read"])
        request["case"]["ontvanger"]["bsn"] = "123456782"
        client.post("/api/v1/letters", json=request, headers=tokens["write"])
    finally:
        for logger in loggers:
            logger.removeHandler(collector)
    entries = [json.loads(line) for line in collector.lines]
    assert [e["status"] for e in entries] == [202, 200, 422]  # € 2.289,24: concept
    assert entries[0]["template"] == "terugvordering" and entries[0]["client"]
    for line in collector.lines:
        for value in personal:
            assert value not in line
