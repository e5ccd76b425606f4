"""Batches through the API: lines become letters through control.make_letter, on a
real register (SQLite and PostgreSQL), once each, with Dutch errors per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from letterforge import control
from letterforge.jobs.batches import (
    BatchContext,
    chunks,
    due_jobs,
    run_batch_lines,
)
from letterforge.pipeline import decode_request
from letterforge.register import batches
from letterforge.register.models import LetterRecord
from letterforge.register.tokens import create_client
from letterforge.web import create_app
from tests.conftest import load_sample, on_sample_day

# Final at once; four eyes (always); four eyes above 2000 euro (so final here).
FINAL_SAMPLE = "toekenning-bijstand"
CONCEPT_SAMPLE = "bestuurlijke-boete"


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app({"DATABASE_URL": database_url, "TESTING": True})
    on_sample_day(app)
    app.extensions["letterforge"].register.migrate()  # as every command does
    yield app
    app.extensions["letterforge"].register.dispose()


def _sample(prefix: str) -> dict[str, Any]:
    from tests.conftest import sample_paths

    name = next(p.stem for p in sample_paths() if p.stem.startswith(prefix))
    return load_sample(name)


def _context(app: Flask, lease: timedelta = timedelta(minutes=1)) -> BatchContext:
    app_state = app.extensions["letterforge"]
    return BatchContext(
        register=app_state.register,
        settings=app_state.settings,
        today=app_state.today,
        lease=lease,
    )


def _post(
    client: FlaskClient, headers: dict[str, str], body: bytes, mimetype: str
) -> Any:
    return client.post(
        "/api/v1/batches", data=body, content_type=mimetype, headers=headers
    )


def _run_all(app: Flask) -> int:
    context = _context(app)
    return sum(run_batch_lines(context, b, lines) for b, lines in due_jobs(context))


def _letter_count(app: Flask) -> int:
    with app.extensions["letterforge"].register.session() as session:
        return int(session.scalar(select(func.count()).select_from(LetterRecord)) or 0)


def _lines() -> list[Any]:
    broken = _sample(FINAL_SAMPLE)
    del broken["case"]["ontvanger"]
    return [
        _sample(FINAL_SAMPLE),
        _sample(CONCEPT_SAMPLE),
        broken,
        {"template": "bestaat-niet", "case": {}},
        "geen object",
    ]


@pytest.mark.parametrize("mimetype", ["application/json", "application/x-ndjson"])
def test_a_batch_becomes_letters_once_with_errors_per_line(
    app: Flask, client: FlaskClient, headers: dict[str, str], mimetype: str
) -> None:
    lines = _lines()
    if mimetype == "application/json":
        body = json.dumps(lines).encode()
    else:  # JSON Lines, with a blank line and a line that is not JSON at all
        texts = [json.dumps(line) for line in lines[:-1]] + ["", "{kapot"]
        body = "\n".join(texts).encode()
    posted = _post(client, headers, body, mimetype)
    assert posted.status_code == 202, posted.get_data(as_text=True)
    batch_id = posted.get_json()["id"]
    assert posted.headers["Location"].endswith(f"/api/v1/batches/{batch_id}")

    waiting = client.get(f"/api/v1/batches/{batch_id}", headers=headers).get_json()
    assert waiting["status"] == "wachtrij"
    assert waiting["counts"]["wachtrij"] == 5

    assert _run_all(app) == 2
    assert _run_all(app) == 0  # nothing left: a second run makes nothing
    done = client.get(f"/api/v1/batches/{batch_id}", headers=headers).get_json()
    assert done["status"] == "klaar"
    assert done["counts"] == {
        "wachtrij": 0,
        "bezig": 0,
        "definitief": 1,
        "concept": 1,
        "afgekeurd": 0,
        "mislukt": 3,
    }
    states = [line["state"] for line in done["lines"]]
    assert states == ["definitief", "concept", "mislukt", "mislukt", "mislukt"]
    assert "ontvanger" in json.dumps(done["lines"][2]["errors"])
    for failed in done["lines"][2:]:
        assert failed["errors"] and all(e["message"] for e in failed["errors"])
        assert "letter" not in failed

    listed = client.get("/api/v1/letters", headers=headers).get_json()
    ids = {letter["id"] for letter in listed["letters"]}
    assert {done["lines"][0]["letter"], done["lines"][1]["letter"]} == ids
    concept = client.get(done["lines"][1]["links"]["letter"], headers=headers)
    assert concept.get_json()["status"] == "concept"  # four eyes, as a single letter


def test_a_line_taken_over_from_a_dead_worker_makes_no_second_letter(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    body = json.dumps([_sample(FINAL_SAMPLE)] * 3).encode()
    batch_id = _post(client, headers, body, "application/json").get_json()["id"]
    register = app.extensions["letterforge"].register
    context = _context(app, lease=timedelta(0))
    # A worker claims line 2 and commits its letter, then dies before it marks
    # the line: the line stays "bezig" and its lease runs out.
    with register.session() as session:
        row = batches.claim_line(session, batch_id, 2, context.clock(), timedelta(0))
        assert row is not None
        text = row.request_json
    earlier = control.make_letter(
        register,
        decode_request(text),
        context.settings,
        today=context.today(),
        client="zaaksysteem",
        actor="api:zaaksysteem",
        idempotency_key=batches.line_key(batch_id, 2),
    )
    # The same job again (Huey retried it) and the sweep's jobs: three letters.
    run_batch_lines(context, batch_id, [1, 2, 3])
    run_batch_lines(context, batch_id, [1, 2, 3])
    assert sum(run_batch_lines(context, b, n) for b, n in due_jobs(context)) == 0
    assert _letter_count(app) == 3
    done = client.get(f"/api/v1/batches/{batch_id}", headers=headers).get_json()
    assert done["lines"][1]["letter"] == earlier.id
    assert done["counts"]["definitief"] == 3


def test_another_client_does_not_see_the_batch(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    body = json.dumps([_sample(FINAL_SAMPLE)]).encode()
    batch_id = _post(client, headers, body, "application/json").get_json()["id"]
    with app.extensions["letterforge"].register.session() as session:
        other = create_client(session, "ander", ("letters:read",))
        everyone = create_client(
            session, "toezicht", ("letters:read", "letters:read-all")
        )
    seen = {
        token: client.get(
            f"/api/v1/batches/{batch_id}",
            headers={"Authorization": f"Bearer {token}"},
        ).status_code
        for token in (other, everyone)
    }
    assert seen == {other: 404, everyone: 200}
    unknown = client.get("/api/v1/batches/onbekend", headers=headers)
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("body", "mimetype", "status", "words"),
    [
        (b"[]", "application/json", 400, "leeg"),
        (b"", "application/x-ndjson", 400, "leeg"),
        (b'{"template": "x"}', "application/json", 400, "JSON-lijst"),
        (b"[kapot", "application/json", 400, "geen geldige JSON"),
        (b"\xff\xfe", "application/x-ndjson", 400, "UTF-8"),
        (b"[{}, {}, {}, {}]", "application/json", 413, "ten hoogste 3"),
        (b"{}\n{}\n{}\n{}\n", "application/x-ndjson", 413, "ten hoogste 3"),
        (b"[" + b" " * 5000 + b"]", "application/json", 413, ""),
        (b"[]", "text/plain", 415, "JSON Lines"),
    ],
)
def test_a_wrong_batch_is_refused_whole(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    body: bytes,
    mimetype: str,
    status: int,
    words: str,
) -> None:
    app.config.update(BATCH_MAX_LINES=3, BATCH_MAX_BYTES=4096)
    answer = _post(client, headers, body, mimetype)
    assert answer.status_code == status, answer.get_data(as_text=True)
    assert words in answer.get_data(as_text=True)
    assert due_jobs(_context(app)) == []


def test_writing_needs_the_write_scope(app: Flask, client: FlaskClient) -> None:
    with app.extensions["letterforge"].register.session() as session:
        reader = create_client(session, "lezer", ("letters:read",))
    answer = _post(
        client, {"Authorization": f"Bearer {reader}"}, b"[{}]", "application/json"
    )
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("lines", "size", "expected"),
    [([], 2, []), ([1, 2, 3], 2, [[1, 2], [3]]), ([1, 2], 5, [[1, 2]])],
)
def test_chunks(lines: list[int], size: int, expected: list[list[int]]) -> None:
    assert chunks(lines, size) == expected


@pytest.mark.parametrize(
    ("first", "second", "lease_seconds", "expected_second"),
    [
        ([1, 2, 3], [2, 3, 4], 60, [4]),  # a held line is nobody else's
        ([1, 2], [1, 2], 0, [1, 2]),  # an expired lease frees the lines
        ([], [1, 4], 60, [1, 4]),
        ([1], [], 60, []),
    ],
)
def test_claim_lines_gives_each_line_to_one_worker(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    first: list[int],
    second: list[int],
    lease_seconds: int,
    expected_second: list[int],
) -> None:
    body = json.dumps([_sample(FINAL_SAMPLE)] * 4).encode()
    batch_id = _post(client, headers, body, "application/json").get_json()["id"]
    register = app.extensions["letterforge"].register
    context = _context(app)
    lease = timedelta(seconds=lease_seconds)
    with register.session() as session:
        got = batches.claim_lines(session, batch_id, first, context.clock(), lease)
    assert sorted(got) == first
    assert all(json.loads(text)["template"] for text in got.values())
    with register.session() as session:
        again = batches.claim_lines(session, batch_id, second, context.clock(), lease)
    assert sorted(again) == expected_second


def test_a_made_line_is_not_claimed_again_and_its_letter_is_found(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    body = json.dumps([_sample(FINAL_SAMPLE)] * 2).encode()
    batch_id = _post(client, headers, body, "application/json").get_json()["id"]
    context = _context(app, lease=timedelta(0))
    assert run_batch_lines(context, batch_id, [1]) == 1
    register = app.extensions["letterforge"].register
    with register.session() as session:
        assert (
            batches.claim_lines(session, batch_id, [1], context.clock(), context.lease)
            == {}
        )
        found = batches.made_letters(session, "zaaksysteem", batch_id, [1, 2])
        other = batches.made_letters(session, "ander", batch_id, [1, 2])
    assert list(found) == [1] and found[1][1] == "definitief"
    assert other == {}


def test_the_sweep_puts_back_only_lines_no_waiting_message_holds(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    from letterforge.jobs.batches import BatchQueue
    from letterforge.jobs.queue import make_huey

    huey = make_huey("memory://")
    queue = BatchQueue(huey, lambda: _context(app))
    body = json.dumps([_sample(FINAL_SAMPLE)] * 3).encode()
    first = _post(client, headers, body, "application/json").get_json()["id"]
    assert queue.sweep() == 1  # one chunk of three lines
    assert queue.sweep() == 0  # its message still waits: not put on twice
    second = _post(client, headers, body, "application/json").get_json()["id"]
    assert queue.sweep() == 1  # only the new batch
    waiting = sorted((t.args[0], tuple(t.args[1])) for t in huey.pending())
    assert waiting == sorted([(first, (1, 2, 3)), (second, (1, 2, 3))])
    huey.dequeue()  # a worker took one message and died: its lines come back
    assert queue.sweep() == 1
    assert huey.pending_count() == 2


def _keyed(key: str) -> dict[str, str]:
    return {"Idempotency-Key": key}


@pytest.mark.parametrize("mimetype", ["application/json", "application/jsonl"])
def test_a_retried_batch_post_with_the_same_key_makes_nothing_twice(
    app: Flask, client: FlaskClient, headers: dict[str, str], mimetype: str
) -> None:
    lines = [_sample(FINAL_SAMPLE), _sample(FINAL_SAMPLE)]
    if mimetype == "application/json":
        body = json.dumps(lines).encode()
    else:
        body = "\n".join(json.dumps(line) for line in lines).encode()
    keyed = headers | _keyed("norm-2026-07")
    first = _post(client, keyed, body, mimetype)
    assert first.status_code == 202, first.get_data(as_text=True)
    assert _run_all(app) == 2
    again = _post(client, keyed, body, mimetype)
    assert again.status_code == 202
    assert again.get_json()["id"] == first.get_json()["id"]
    assert again.get_json()["status"] == "klaar"  # how far it is, not "wachtrij"
    assert again.headers["Location"] == first.headers["Location"]
    assert _run_all(app) == 0
    assert _letter_count(app) == 2

    other_body = json.dumps([_sample(FINAL_SAMPLE)]).encode()
    conflict = _post(client, keyed, other_body, "application/json")
    assert conflict.status_code == 409
    assert "Idempotency-Key" in conflict.get_data(as_text=True)
    # Without a key, or with another key, it is a new batch.
    for extra in ({}, _keyed("norm-2027-01")):
        fresh = _post(client, headers | extra, body, mimetype)
        assert fresh.get_json()["id"] != first.get_json()["id"]


def test_the_same_key_of_another_client_is_its_own_batch(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    with app.extensions["letterforge"].register.session() as session:
        other = create_client(session, "ander", ("letters:write", "letters:read"))
    body = json.dumps([_sample(FINAL_SAMPLE)]).encode()
    mine = _post(client, headers | _keyed("k"), body, "application/json")
    theirs = _post(
        client,
        {"Authorization": f"Bearer {other}"} | _keyed("k"),
        b"[{}]",
        "application/json",
    )
    assert theirs.status_code == 202
    assert theirs.get_json()["id"] != mine.get_json()["id"]


@pytest.mark.parametrize("key", ["", "x" * 201])
def test_a_bad_idempotency_key_is_refused(
    client: FlaskClient, headers: dict[str, str], key: str
) -> None:
    answer = _post(client, headers | _keyed(key), b"[{}]", "application/json")
    assert answer.status_code == 400
    assert "Idempotency-Key" in answer.get_data(as_text=True)


def test_the_client_lists_its_own_batches_newest_first_in_pages(
    app: Flask, client: FlaskClient, headers: dict[str, str]
) -> None:
    with app.extensions["letterforge"].register.session() as session:
        other = create_client(session, "ander", ("letters:write", "letters:read"))
    theirs = {"Authorization": f"Bearer {other}"}
    _post(client, theirs, b"[{}]", "application/json")
    made = [
        _post(client, headers, b"[{}, {}]", "application/json").get_json()["id"]
        for _ in range(3)
    ]
    first = client.get("/api/v1/batches?per_page=2", headers=headers).get_json()
    assert first["total"] == 3
    assert [b["id"] for b in first["batches"]] == made[::-1][:2]
    assert first["batches"][0]["counts"]["wachtrij"] == 2
    assert first["batches"][0]["links"]["self"].endswith(f"/batches/{made[2]}")
    second = client.get(first["links"]["next"], headers=headers).get_json()
    assert [b["id"] for b in second["batches"]] == [made[0]]
    assert "next" not in second["links"] and "prev" in second["links"]
    wrong = client.get("/api/v1/batches?pagina=2", headers=headers)
    assert wrong.status_code == 400 and "pagina" in wrong.get_data(as_text=True)
    only_theirs = client.get("/api/v1/batches", headers=theirs).get_json()
    assert only_theirs["total"] == 1


@pytest.mark.parametrize(
    ("action", "shown"), [("approve", "definitief"), ("reject", "afgekeurd")]
)
def test_a_line_shows_its_letters_status_now(
    app: Flask, client: FlaskClient, headers: dict[str, str], action: str, shown: str
) -> None:
    body = json.dumps([_sample(CONCEPT_SAMPLE), _sample(FINAL_SAMPLE)]).encode()
    batch_id = _post(client, headers, body, "application/json").get_json()["id"]
    _run_all(app)
    url = f"/api/v1/batches/{batch_id}"
    before = client.get(url, headers=headers).get_json()
    assert [line["state"] for line in before["lines"]] == ["concept", "definitief"]
    with app.extensions["letterforge"].register.session() as session:
        reviewer = create_client(session, "collega", ("letters:approve",))
    letter_id = before["lines"][0]["letter"]
    reviewed = client.post(
        f"/api/v1/letters/{letter_id}/{action}",
        json={"reason": "Het bedrag klopt niet."},
        headers={"Authorization": f"Bearer {reviewer}"},
    )
    assert reviewed.status_code == 200, reviewed.get_data(as_text=True)
    after = client.get(url, headers=headers).get_json()
    assert [line["state"] for line in after["lines"]] == [shown, "definitief"]
    assert after["counts"]["concept"] == 0
    assert after["counts"][shown] == (2 if shown == "definitief" else 1)
    assert after["status"] == "klaar"
    listed = client.get("/api/v1/batches", headers=headers).get_json()
    assert listed["batches"][0]["counts"] == after["counts"]
