"""The OpenAPI document validates and accepts exactly what the API accepts."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from tests.conftest import sample_paths


@pytest.fixture
def document(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.get_json()
    return body


def test_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"] == "3.1.0"
    validate(document)


def _request_validator(document: dict[str, Any]) -> jsonschema.Draft202012Validator:
    schema = {"$ref": "#/components/schemas/LetterRequest", **document}
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_every_sample_fits_the_published_schema(
    document: dict[str, Any], path: Any
) -> None:
    _request_validator(document).validate(json.loads(path.read_bytes()))


def test_the_published_schema_refuses_what_the_api_refuses(
    document: dict[str, Any],
) -> None:
    request = json.loads(sample_paths()[0].read_bytes())
    del request["case"]["ontvanger"]
    assert not _request_validator(document).is_valid(request)
