from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.compose.norms import NormTable, load_table

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


@pytest.fixture(scope="session")
def table() -> NormTable:
    return load_table(TEMPLATES)
