"""Files that start a batch: read whole, refused whole with the line and field
named, typed by the template's schema (CSV)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from letterforge.control import batch_file
from letterforge.errors import RequestError
from letterforge.library import Library, Template
from tests.conftest import load_sample

HEADER = (
    "zaak.kenmerk;zaak.briefdatum;ontvanger.aanhef;ontvanger.voorletters;"
    "ontvanger.achternaam;ontvanger.adres.straat;ontvanger.adres.huisnummer;"
    "ontvanger.adres.postcode;ontvanger.adres.plaats;contactpersoon.naam;"
    "contactpersoon.telefoon;ondertekening.naam;ondertekening.functie;"
    "wijziging.datum;wijziging.leefvorm;wijziging.medebewoners;"
    "wijziging.aow_leeftijd;wijziging.inkomen_per_maand"
)
ROW = (
    "WI/2026/1;2025-12-15;mevrouw;A.;Dijkstra;Beukenlaan;21;9999 KL;Voorbeeld;"
    "Fatima el Amrani;14 0999;J. Bakker;teamleider;2026-01-01;alleenstaande;{m};"
    "{aow};{inkomen}"
)


@pytest.fixture
def template(library: Library) -> Template:
    return library.get("normbedragen-wijziging")


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _cases(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line)["case"] for _, line in lines]


def test_csv_rows_become_typed_case_data(template: Template) -> None:
    lines = batch_file.case_lines_from_csv(
        _csv(
            ROW.format(m=2, aow="ja", inkomen="1234,56"),
            ROW.format(m=0, aow="", inkomen=""),
        ),
        template,
        10,
    )
    first, second = _cases(lines)
    assert json.loads(lines[0][1])["template"] == "normbedragen-wijziging"
    assert [n for n, _ in lines] == [2, 3]  # the file's lines: the header is 1
    assert first["wijziging"]["medebewoners"] == 2
    assert first["wijziging"]["aow_leeftijd"] is True
    assert first["wijziging"]["inkomen_per_maand"] == 1234.56
    assert first["ontvanger"]["adres"]["huisnummer"] == "21"  # a string field
    assert "aow_leeftijd" not in second["wijziging"]  # an empty cell: left out


def test_comma_separated_csv_with_a_bom(template: Template) -> None:
    raw = b"\xef\xbb\xbf" + _csv(ROW.format(m=1, aow="nee", inkomen="10")).replace(
        b";", b","
    ).replace(b"Fatima el Amrani", b"Fatima")
    [case] = _cases(batch_file.case_lines_from_csv(raw, template, 10))
    assert case["wijziging"]["aow_leeftijd"] is False
    assert case["zaak"]["kenmerk"] == "WI/2026/1"


@pytest.mark.parametrize(
    ("rows", "path", "message"),
    [
        (
            [ROW.format(m="twee", aow="", inkomen="")],
            "regel 2, wijziging.medebewoners",
            "heel getal",
        ),
        (
            ["", ROW.format(m=1, aow="misschien", inkomen="")],
            "regel 3, wijziging.aow_leeftijd",
            "ja of nee",
        ),
        (
            [ROW.format(m=1, aow="", inkomen="1.234,56")],
            "regel 2, wijziging.inkomen_per_maand",
            "bedrag",
        ),
        ([ROW.format(m=1, aow="", inkomen="") + ";x;y"], "regel 2", "kolommen"),
        (
            [ROW.format(m=1, aow="", inkomen="").replace("2026-01-01", "1-7-2026")],
            "regel 2, wijziging.datum",
            "JJJJ-MM-DD",
        ),
        (
            [ROW.format(m=1, aow="", inkomen="").replace("2026-01-01", "2026-02-30")],
            "regel 2, wijziging.datum",
            "bestaande datum",
        ),
        (
            [ROW.format(m=1, aow="", inkomen="").replace("9999 KL", "99999")],
            "regel 2, ontvanger.adres.postcode",
            "postcode",
        ),
    ],
)
def test_a_bad_cell_refuses_the_file_naming_line_and_field(
    template: Template, rows: list[str], path: str, message: str
) -> None:
    with pytest.raises(RequestError) as refused:
        batch_file.case_lines_from_csv(_csv(*rows), template, 10)
    [problem] = refused.value.problems
    assert problem.path == path and message in problem.message


def test_an_unknown_column_is_named(template: Template) -> None:
    raw = b"zaak.kenmerk;ontvanger.naam\nWI/1;Jansen\n"
    with pytest.raises(RequestError) as refused:
        batch_file.case_lines_from_csv(raw, template, 10)
    [problem] = refused.value.problems
    assert problem.path == "regel 1, kolom 'ontvanger.naam'"


@pytest.mark.parametrize(
    ("raw", "path", "code"),
    [
        (b"{}\n\xff\xfe\n", "regel 2", "encoding"),
        (b"{}\n{nee\n", "regel 2", "json"),
        (b"[1]\n", "regel 1", "type"),
        (b'{"template": "terugvordering", "case": {}}\n', "regel 1, template", "enum"),
        (b"\n\n", "bestand", "required"),
        (b"{}\n{}\n{}\n", "bestand", "max_items"),
    ],
)
def test_json_lines_refused_whole(
    template: Template, raw: bytes, path: str, code: str
) -> None:
    with pytest.raises(RequestError) as refused:
        batch_file.case_lines_from_json_lines(raw, template, 2)
    assert (refused.value.problems[0].path, refused.value.problems[0].code) == (
        path,
        code,
    )


def test_json_lines_of_cases_or_whole_requests(template: Template) -> None:
    request = load_sample("normbedragen-wijziging-januari")
    raw = (json.dumps(request["case"]) + "\n\n" + json.dumps(request) + "\n").encode()
    lines = batch_file.case_lines_from_json_lines(raw, template, 10)
    assert [json.loads(line)["case"] for _, line in lines] == [request["case"]] * 2
    assert [n for n, _ in lines] == [1, 3]  # the blank line 2 keeps its number


def test_request_lines_keep_each_line_for_the_batch() -> None:
    # A line that is not a REQUEST fails on its own later, as in the API.
    assert batch_file.request_lines(b'{"a": 1}\n\nnee\n', 5) == [
        (1, '{"a": 1}'),
        (3, "nee"),
    ]
    with pytest.raises(RequestError):
        batch_file.request_lines(b"{}\n{}\n", 1)


def test_every_bad_cell_of_a_row_is_named(template: Template) -> None:
    row = ROW.format(m="twee", aow="", inkomen="1.234,56").replace(
        "2026-01-01", "1-7-2026"
    )
    with pytest.raises(RequestError) as refused:
        batch_file.case_lines_from_csv(_csv(row), template, 10)
    assert [p.path for p in refused.value.problems] == [
        "regel 2, wijziging.datum",
        "regel 2, wijziging.medebewoners",
        "regel 2, wijziging.inkomen_per_maand",
    ]
