"""The beheer page for batches in a real browser, against `letterforge serve`
(gunicorn plus its worker, so the batch is really made): upload the norm
letters, follow the progress bar, read the failed line; axe-core finds no
serious violation on the list, the error state and a batch's page."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_pages import (
    SCRIPT,
    _account,
    _free_port,
    browser,  # noqa: F401 (a fixture)
    serious_violations,
    signed_in_page,
)
from tests.conftest import load_sample

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("batches")
    env = {
        **os.environ,
        "LETTERFORGE_INSTANCE_PATH": str(folder),
        "LETTERFORGE_DATABASE_URL": f"sqlite:///{folder / 'r.db'}",
    }
    passwords = {"dirk": _account(env, "dirk", "beheer")}
    port = _free_port()
    process = subprocess.Popen(
        [SCRIPT, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, passwords
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def page(browser: Any, server: tuple[str, dict[str, str]]) -> Iterator[Any]:  # noqa: F811
    page = signed_in_page(browser, server, "dirk")
    yield page
    page.context.close()


def test_start_the_norm_letters_and_follow_them(page: Any, tmp_path: Path) -> None:
    case = load_sample("normbedragen-wijziging-januari")["case"]
    # The server is a process with the machine's date: a letter dated before it
    # is refused, so these letters take the day they are made.
    del case["zaak"]["briefdatum"]
    broken = {**case, "wijziging": {"datum": "2026-01-01", "medebewoners": 0}}
    upload = tmp_path / "normen.jsonl"
    upload.write_text("\n".join(json.dumps(c) for c in (case, broken, case)) + "\n")
    page.get_by_role("link", name="Batches").click()
    assert serious_violations(page) == []
    page.get_by_label("Bestand met de inwoners").set_input_files(str(upload))
    page.get_by_role("button", name="Start de brieven").click()
    page.get_by_role("heading", name="Batch van").wait_for()
    progress = page.get_by_role("progressbar", name="Voortgang")
    assert progress.get_attribute("max") == "3"
    assert serious_violations(page) == []
    # The page refreshes itself until the worker has made every letter.
    page.get_by_text("Regels met fouten").wait_for(timeout=90_000)
    assert progress.get_attribute("value") == "3"
    assert "2 definitief" in page.content()
    errors = page.get_by_role("table").inner_text()
    assert "leefvorm" in errors and "ontbreekt" in errors
    assert serious_violations(page) == []
    page.get_by_role("link", name="Alle batches").click()
    assert page.get_by_text("3 van 3").count() >= 1


def test_a_wrong_csv_is_named_by_line_and_field(page: Any, tmp_path: Path) -> None:
    upload = tmp_path / "normen.csv"
    upload.write_text("zaak.kenmerk;wijziging.medebewoners\nWI/1;twee\n")
    page.goto("/beheer/batches")
    page.get_by_label("Bestand met de inwoners").set_input_files(str(upload))
    page.get_by_role("button", name="Start de brieven").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "regel 2, wijziging.medebewoners: geef een heel getal" in alert.inner_text()
    assert serious_violations(page) == []
