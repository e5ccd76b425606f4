"""Jinja's messages in B1 Dutch (library/jinja_messages.py): each kind from a
real Jinja error, with a suggestion for a close name and never a path."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from letterforge.library.jinja_messages import dutch_jinja

SOURCES = {"_blokken/contact.md.j2": "Bel ons."}


def _error(source: str) -> TemplateError:
    env = SandboxedEnvironment(
        loader=DictLoader({**SOURCES, "t.j2": source}), undefined=StrictUndefined
    )
    env.filters["bedrag"] = str
    try:
        env.get_template("t.j2").render(brief={"datum": "x"})
    except TemplateError as e:
        return e
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("source", "dutch"),
    [
        ("{{ 5 | bedrg }}", "het filter 'bedrg' bestaat niet. Bedoelt u 'bedrag'?"),
        ("{% if 5 is evenn %}x{% endif %}", "de test 'evenn' bestaat niet"),
        ("{% if x %}\nja\n", "er mist een {% endif %} bij een {% if %}"),
        ("{% for x in y %}\nja\n", "er mist een {% endfor %} bij een {% for %}"),
        ("{{ }", "staat hier op een verkeerde plek"),
        ("{{ brief.datum", "de tekst houdt op midden in {{ … }}"),
        ("{{ }}", "hier mist een veld of waarde"),
        ("{% if %}x{% endif %}", "hier mist een veld of waarde"),
        ("{{ brief. }}", "is niet goed afgesloten of leeg"),
        ("{% iff x %}", "de opdracht {% iff %} bestaat niet"),
        ("{% if x %}{% endfor %}", "eerst moet er een {% endif %} komen"),
        ("{{ brief.datm }}", "het veld 'datm' bestaat niet in de gegevens"),
        ("{{ onbekend }}", "'onbekend' bestaat niet in de gegevens"),
        ('{{ "".__class__ }}', "'__class__' mag niet in een sjabloon staan"),
        (
            '{% include "_blokken/contactt.md.j2" %}',
            "het blok '_blokken/contactt.md.j2' bestaat niet."
            " Bedoelt u '_blokken/contact.md.j2'?",
        ),
    ],
)
def test_each_kind_of_jinja_error_in_dutch(source: str, dutch: str) -> None:
    error = _error(source)
    known = [*Environment().filters, "bedrag", "datum", *SOURCES]
    said = dutch_jinja(getattr(error, "message", None) or str(error), known)
    assert dutch in said, said
    for english in ("Unexpected", "expected", "not found", "has no attribute"):
        assert english not in said


def test_an_unknown_kind_keeps_its_words_without_paths() -> None:
    said = dutch_jinja("something odd in '/tmp/letterforge-versies-1000/x/y' here")
    assert "/tmp" not in said and "something odd" in said
    missing = "'_blokken/x.md.j2' not found in search path: '/srv/app/templates'"
    assert "/srv" not in dutch_jinja(missing)
