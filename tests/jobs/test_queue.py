"""The task queue (Huey): a job goes on the queue when its letter's commit lands."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.errors import SettingsError
from letterforge.jobs.queue import FilingQueue, install_notifier, make_huey
from tests.jobs.conftest import Clock, context_for, counts, letter_body, make_letter
from tests.zgw.conftest import make_config
from tests.zgw.server import ZgwTestServer

pytestmark = pytest.mark.slow


def test_a_new_final_letter_is_filed_through_the_queue(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    zgw: ZgwTestServer,
    clock: Clock,
) -> None:
    context = context_for(app, make_config(zgw), clock)
    huey = make_huey("memory://")
    huey.immediate = True  # run each task in this process, as soon as it is put
    queue = FilingQueue(huey, lambda: context)
    install_notifier(context.register, queue)
    letter = make_letter(client, headers, letter_body(zgw.add_zaak()))
    shown = client.get(f"/api/v1/letters/{letter['id']}", headers=headers)
    assert shown.get_json()["archivering"]["state"] == "klaar"
    assert counts(zgw) == (1, 1, 1, 1)


def test_a_failed_attempt_is_scheduled_again_on_the_queue(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    zgw: ZgwTestServer,
    clock: Clock,
    tmp_path: Path,
) -> None:
    config = make_config(zgw, documenten_api="http://127.0.0.1:9/documenten/api/v1/")
    context = context_for(app, config, clock)
    huey = make_huey(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    queue = FilingQueue(huey, lambda: context)
    install_notifier(context.register, queue)
    letter = make_letter(client, headers, letter_body(zgw.add_zaak()))
    assert huey.pending_count() == 1  # put on the queue by the commit
    task = huey.dequeue()
    huey.execute(task)  # one attempt, as a worker would; the archive is down
    [again] = huey.pending() + huey.scheduled()
    assert again.args == (letter["archivering"]["id"],)
    assert again.eta is not None  # after the back-off, not at once


@pytest.mark.parametrize("url", ["postgres://x", "", "sqlite:/relative"])
def test_an_unknown_queue_url_is_a_dutch_settings_error(url: str) -> None:
    with pytest.raises(SettingsError, match="LETTERFORGE_QUEUE_URL"):
        make_huey(url)


def test_the_sweep_does_not_put_a_job_on_twice(
    app: Flask,
    client: FlaskClient,
    headers: dict[str, str],
    zgw: ZgwTestServer,
    clock: Clock,
    tmp_path: Path,
) -> None:
    context = context_for(app, make_config(zgw), clock)
    huey = make_huey(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    queue = FilingQueue(huey, lambda: context)
    make_letter(client, headers, letter_body(zgw.add_zaak()))  # no notifier here
    assert queue.sweep() == 1
    assert queue.sweep() == 0  # its message still waits
    assert huey.pending_count() == 1
    huey.dequeue()  # taken by a worker that died: the job is due again
    assert queue.sweep() == 1
