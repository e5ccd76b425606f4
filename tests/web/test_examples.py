"""Example requests per template, and warming a new server with them."""

from __future__ import annotations

import pytest
from flask import Flask

from letterforge.library import Library
from letterforge.web.examples import example_request, warm_up


@pytest.mark.parametrize(
    ("template_id", "has_example"),
    [("terugvordering", True), ("afwijzing-bijstand", True), ("bestaat-niet", False)],
)
def test_example_request(app: Flask, template_id: str, has_example: bool) -> None:
    example = example_request(app.extensions["letterforge"].settings, template_id)
    assert (example is not None) is has_example
    if example is not None:
        assert example["template"] == template_id


def test_warm_up_makes_one_letter_per_template(app: Flask, library: Library) -> None:
    assert warm_up(app.extensions["letterforge"]) == len(library.templates())
