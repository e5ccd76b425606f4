"""The compiled fast path accepts a case only when the full validator does too.

validate_case asks fastjsonschema first and the full jsonschema validator only when
the compiled check says no (or the data holds numbers it judges more leniently). A
case is then accepted or refused exactly as before if, and only if, "fast says yes"
implies "full finds no problem". These tests check that implication on every sample,
on table-driven edge cases where the two libraries differ, and on random changes of
the samples (hypothesis); and that the fast path is really taken for valid cases.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from letterforge.case.validate import fast_accepts, schema_problems
from letterforge.library import Library
from tests.conftest import sample_paths

SAMPLES = [json.loads(p.read_text(encoding="utf-8")) for p in sample_paths()]


def _agrees(library: Library, template: str, case: Any) -> None:
    schema = library.get(template).schema
    if fast_accepts(schema, case):
        assert schema_problems(schema, case) == []


@pytest.mark.parametrize("request_", SAMPLES, ids=[p.stem for p in sample_paths()])
def test_every_sample_takes_the_fast_path(library: Library, request_: Any) -> None:
    schema = library.get(request_["template"]).schema
    case = copy.deepcopy(request_["case"])
    assert schema_problems(schema, case) == []
    assert fast_accepts(schema, case)


def _set(case: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(case)
    *parents, last = path.split(".")
    node = changed
    for part in parents:
        node = node[part]
    node[last] = value
    return changed


TERUGVORDERING = next(s["case"] for s in SAMPLES if s["template"] == "terugvordering")


@pytest.mark.parametrize(
    ("path", "value", "why"),
    [
        ("terugvordering.bedrag", 1.234, "format bedrag on a number"),
        ("terugvordering.bedrag", 0.001, "format bedrag, tiny"),
        ("terugvordering.bedrag", 1e20, "huge float"),
        ("terugvordering.bedrag", True, "bool is no number"),
        ("terugvordering.bedrag", "12", "string is no number"),
        ("ontvanger.adres.huisnummer", "7\n", "ECMA $: no final line break"),
        ("ontvanger.adres.postcode", "9999 CD\n", "postcode with a line break"),
        ("ontvanger.adres.postcode", "0999 CD", "postcode format"),
        ("zaak.briefdatum", "2026-02-30", "no such day"),
        ("zaak.briefdatum", "1999-12-31", "letter date window"),
        ("zaak.briefdatum", "2026-11-24\n", "date with a line break"),
        ("contactpersoon.email", "a@b", "email format"),
        ("terugvordering.periode.van", "20260401", "datum format"),
        ("ontvanger.onbekend", "x", "unknown field"),
        ("motivering", ["later-inkomsten", "later-inkomsten"], "uniqueItems"),
        ("motivering", [], "minItems"),
        ("terugvordering.aflossing_per_maand", 100.0, "whole float"),
        ("terugvordering.aflossing_per_maand", 100, "integer for a number"),
    ],
)
def test_edge_cases_agree(library: Library, path: str, value: Any, why: str) -> None:
    _agrees(library, "terugvordering", _set(TERUGVORDERING, path, value))


MAATREGEL = next(s["case"] for s in SAMPLES if s["template"] == "maatregel")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("maatregel.maanden", 3.0),  # a whole float is no integer to us
        ("maatregel.maanden", 3.5),
        ("maatregel.maanden", True),
        ("maatregel.maanden", 13),
        ("maatregel.percentage", 100.0),
        ("maatregel.percentage", 20),
    ],
)
def test_integers_agree(library: Library, path: str, value: Any) -> None:
    _agrees(library, "maatregel", _set(MAATREGEL, path, value))


def test_refusal_on_the_fast_path_is_real(library: Library) -> None:
    """A case the full validator refuses is refused by the compiled check too (the
    tests above would pass if the fast path refused everything; not this one)."""
    schema = library.get("terugvordering").schema
    broken = _set(TERUGVORDERING, "ontvanger.adres.huisnummer", "7\n")
    assert schema_problems(schema, broken) != []
    assert not fast_accepts(schema, broken)


CODE = "x'); import sys; sys.modules['builtins'].PWNED = True; ('"


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {CODE: {"type": "string"}}},
        {"type": "object", "required": [CODE]},
        {"enum": [CODE]},
        {"const": CODE},
        {"type": "string", "pattern": CODE},
        {"type": "string", "format": CODE},
        {"type": "number", "maximum": CODE},
    ],
)
def test_schema_text_never_runs_as_code(schema: dict[str, Any]) -> None:
    """fastjsonschema writes Python from the schema; schema text (a template
    editor's work) must stay data. A schema it refuses goes the full way."""
    import builtins

    for case in ({CODE: "x"}, "x", 1, None):
        fast_accepts(schema, case)
    assert not hasattr(builtins, "PWNED")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.sampled_from([0.0, 1.0, 3.0, 0.5, 1.234, 2345.67, -1.5, 1e16])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(
        ["", " ", "7\n", "2026-11-24", "2026-02-30", "9999 CD", "a@b.nl", "x" * 300]
    )
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    sample=st.integers(0, len(SAMPLES) - 1),
    changes=st.lists(
        st.tuples(st.integers(0, 10**6), st.booleans(), JSON_VALUES),
        min_size=1,
        max_size=3,
    ),
)
def test_random_changes_agree(
    library: Library, sample: int, changes: list[tuple[int, bool, Any]]
) -> None:
    """Random values put in (or fields taken out of) a sample at random places.
    Everything is drawn up front; the places are chosen from the draws."""
    request = copy.deepcopy(SAMPLES[sample])
    case = request["case"]
    for where, remove, value in changes:
        paths = [p for p in _paths(case) if p]
        path = paths[where % len(paths)]
        node = case
        for part in path[:-1]:
            node = node[part]
        if remove and isinstance(node, dict):
            del node[path[-1]]
        else:
            node[path[-1]] = copy.deepcopy(value)
    _agrees(library, request["template"], case)
