"""The whole flow: request envelope, every sample, and arbitrary text in any field."""

from __future__ import annotations

import io
import json
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from letterforge.errors import CaseDataError, RequestError
from letterforge.pipeline import (
    LetterRequest,
    decode_request,
    parse_request,
    render_request,
)
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample, sample_paths


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_every_sample_renders_and_reopens(path: Any, settings: Settings) -> None:
    request = decode_request(path.read_bytes())
    rendered = render_request(request, settings, today=TODAY)
    text = docx_text(rendered.content)
    assert rendered.letter.meta.subject in text
    assert rendered.filename.endswith(f"-{request.template}.docx")
    assert len(rendered.request_sha256) == 64


def test_same_request_gives_the_same_bytes(settings: Settings) -> None:
    request = parse_request(load_sample("afwijzing-bijstand-vermogen"))
    first = render_request(request, settings, today=TODAY)
    second = render_request(request, settings, today=TODAY)
    assert first.content == second.content


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        (b"", ""),
        (b"\xff\xfe", ""),
        (b'{"template": "x", "case": {}, "format": "odt"}', "format"),
        (b'{"template": "x", "case": [], "extra": 1}', "case"),
    ],
)
def test_bad_envelopes(raw: bytes, path: str) -> None:
    with pytest.raises(RequestError) as raised:
        decode_request(raw)
    assert path in [p.path for p in raised.value.problems]


def test_canonical_json_ignores_key_order() -> None:
    one = LetterRequest("t", {"a": 1, "b": {"c": 2, "d": 3}})
    two = LetterRequest("t", {"b": {"d": 3, "c": 2}, "a": 1})
    assert one.sha256() == two.sha256()
    assert json.loads(one.canonical_json())["format"] == "docx"


FIELDS = {
    "ontvanger.achternaam": ("ontvanger", "achternaam"),
    "terugvordering.niet_doorgegeven": ("terugvordering", "niet_doorgegeven"),
}


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    name=st.text(max_size=220),
    fact=st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400
    ),
)
def test_any_text_is_printed_literally_or_refused_by_field(
    settings: Settings, name: str, fact: str
) -> None:
    request = load_sample("terugvordering-inlichtingenplicht-zienswijze")
    request["case"]["ontvanger"]["achternaam"] = name
    request["case"]["terugvordering"]["niet_doorgegeven"] = fact
    try:
        rendered = render_request(parse_request(request), settings, today=TODAY)
    except CaseDataError as e:
        assert {p.path for p in e.problems} <= set(FIELDS)
        return
    text = docx_text(rendered.content)
    normalised = fact.replace("\r\n", "\n").replace("\r", "\n")
    assert f"{normalised} Daardoor kreeg u te veel bijstand." in text
    assert name in text
