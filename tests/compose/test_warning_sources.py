"""A warning about unverified data names that data, not the letter date (review
jurist-elements r3, finding 8): the caseworker must know what to check."""

from __future__ import annotations

import pytest

from letterforge.pipeline import build_letter, parse_request
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample


@pytest.mark.parametrize(
    ("sample", "words", "path"),
    [
        ("bestuurlijke-boete-boete", "postadres van de rechtbank", "rechtbanken"),
        ("bestuurlijke-boete-boete", "derde categorie", "normen"),
        ("bijzondere-bijstand-afwijzing-zelf-betalen", "draagkracht", "normen"),
        (
            "wmo-afwijzing-eigen-kracht",
            "Verordening maatschappelijke ondersteuning",
            "lokale_regels.wmo_gebruikelijke_hulp",
        ),
    ],
)
def test_an_unverified_data_item_is_named_as_the_place_to_check(
    sample: str, words: str, path: str, settings: Settings
) -> None:
    letter = build_letter(parse_request(load_sample(sample)), settings, today=TODAY)
    found = [
        w
        for w in letter.warnings
        if w.code == "norm_niet_geverifieerd" and words in w.message
    ]
    assert found and {w.path for w in found} == {path}
    assert not [
        w
        for w in letter.warnings
        if w.code == "norm_niet_geverifieerd" and w.path == "zaak.briefdatum"
    ]
