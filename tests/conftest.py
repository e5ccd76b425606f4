"""Shared fixtures: settings, the real template library and the sample requests."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from letterforge.library import Library
from letterforge.pipeline import load_library
from letterforge.settings import Settings, load_settings
from tests.postgres import cluster, fresh_database

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "samples"
TODAY = date(2026, 11, 24)


def sample_paths() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("*.json"))


def load_sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES_DIR / f"{name}.json").read_text())
    return copy.deepcopy(data)


def on_sample_day(app: Flask) -> Flask:
    """Run `app`'s clock as if it were noon on TODAY in the municipality, and
    keep it running: the samples are dated TODAY, and a letter dated before the
    day it is made or approved is refused (control.send_date)."""
    state = app.extensions["letterforge"]
    noon = datetime.combine(TODAY, time(12), tzinfo=state.timezone)
    offset = noon - datetime.now(UTC)
    app.extensions["letterforge"] = dataclasses.replace(
        state, clock=lambda: datetime.now(UTC) + offset
    )
    return app


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings({})


@pytest.fixture(scope="session")
def library(settings: Settings) -> Library:
    return load_library(settings)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """LETTERFORGE_TEST_DATABASE_URL (a server that may create databases) when set,
    else a throwaway cluster of our own."""
    given = os.environ.get("LETTERFORGE_TEST_DATABASE_URL")
    if given:
        yield given
        return
    with cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.db'}"
    return fresh_database(request.getfixturevalue("postgres_admin_url"))
