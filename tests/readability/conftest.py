from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.readability import Glossary, load_glossary

GLOSSARY_DIR = Path(__file__).resolve().parents[2] / "glossary"


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY_DIR)
