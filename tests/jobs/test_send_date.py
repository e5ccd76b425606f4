"""A batch line dated before the day it is made fails on its own, naming
zaak.briefdatum; the other lines become letters (issue 13). On SQLite and
PostgreSQL (database_url)."""

from __future__ import annotations

import json
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import TODAY, load_sample
from tests.jobs.test_batches import _post, _run_all


def test_a_batch_line_dated_in_the_past_fails_naming_the_date(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    lines = []
    for days in (0, -1, 3, 10):
        line = load_sample("toekenning-bijstand-alleenstaande")
        line["case"]["zaak"]["briefdatum"] = (TODAY + timedelta(days)).isoformat()
        lines.append(line)
    posted = _post(client, headers, json.dumps(lines).encode(), "application/json")
    assert posted.status_code == 202, posted.get_data(as_text=True)
    assert _run_all(app) == 3
    done = client.get(posted.headers["Location"], headers=headers).get_json()
    states = [line["state"] for line in done["lines"]]
    assert states == ["definitief", "mislukt", "definitief", "definitief"]
    (error,) = done["lines"][1]["errors"]
    assert (
        error["path"] == "zaak.briefdatum" and "23 november 2026" in (error["message"])
    )
    ahead = client.get(done["lines"][3]["links"]["letter"], headers=headers)
    codes = [w["code"] for w in ahead.get_json()["waarschuwingen"]]
    assert "date_far_ahead" in codes
