"""`letterforge calc`: JSON only on stdout (exit 0), Dutch errors on stderr (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from letterforge.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_bijstandsnorm(capsys: pytest.CaptureFixture[str]) -> None:
    body = {
        "datum": "2026-01-15",
        "leefvorm": "alleenstaande",
        "aow_leeftijd": False,
        "medebewoners": 2,
    }
    code, out, err = run(["calc", "bijstandsnorm", "--json", json.dumps(body)], capsys)
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["bedrag"] == "867.59" and result["geldig_vanaf"] == "2026-01-01"
    assert {"bron", "stappen"} <= set(result)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["calc", "boete", "--json", '{"datum": "gisteren"}'],
            "Fout: datum: moet een datum zijn als 2026-11-24",
        ),
        (
            ["calc", "boete", "--json", "{niet json"],
            "Fout: de invoer is geen geldige JSON",
        ),
        (
            ["calc", "rente", "--json", "{}"],
            "Fout: naam: De berekening 'rente' bestaat niet",
        ),
        (
            [
                "calc",
                "bijstandsnorm",
                "--json",
                '{"datum": "2030-01-01", "leefvorm": "gehuwden", "aow_leeftijd": false,'
                ' "medebewoners": 0}',
            ],
            "Fout: datum: Voor 1 januari 2030 is geen bedrag bekend",
        ),
    ],
)
def test_bad_input_exits_2_with_dutch_lines(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(args, capsys)
    assert code == 2 and out == ""
    assert err.startswith(message)


def test_reads_standard_input_in_a_real_process() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("letterforge")), "calc", "bezwaartermijn"],
        input='{"datum": "2025-11-20"}',
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["uiterlijk"] == "2026-01-05"


def test_help_lists_every_calculator_with_one_dutch_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from letterforge.compose.calc.contract import CALCULATIONS

    code, out, _ = run(["calc", "--help"], capsys)
    assert code == 0
    flat = " ".join(out.split())
    for calculation in CALCULATIONS.values():
        assert f"{calculation.name} {calculation.summary}" in flat


# (calculator, fields whose line must be in its --help)
FIELD_HELP = [
    (
        "beslistermijn",
        [
            "ontvangen (datum, verplicht): De datum waarop de aanvraag binnenkwam.",
            "opgeschort_van (datum, niet verplicht):",
            "verlenging_weken (heel getal, niet verplicht):",
        ],
    ),
    (
        "boete",
        [
            "draagkracht_totaal (euro, niet verplicht): Wat de inwoner in totaal "
            "kan betalen (geen bedrag per maand).",
        ],
    ),
    ("beslagvrije-voet", ["inkomen (euro, niet verplicht):"]),
    ("te-veel", ["maanden (lijst, verplicht):"]),
    ("maatregel", ["percentage (procent, verplicht):"]),
]


@pytest.mark.parametrize(("name", "lines"), FIELD_HELP, ids=[c[0] for c in FIELD_HELP])
def test_calculator_help_lists_its_fields(
    name: str, lines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["calc", name, "--help"], capsys)
    assert code == 0
    for line in lines:
        assert line in out


def test_unknown_field_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    body = {
        "datum": "2026-11-24",
        "leefvorm": "alleenstaande",
        "aow_leeftijd": False,
        "medebewoners": 0,
        "netto": "1200",
    }
    code, out, err = run(
        ["calc", "beslagvrije-voet", "--json", json.dumps(body)], capsys
    )
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "Fout: netto: dit veld kennen wij niet bij deze berekening. Bekende velden: "
        "datum, leefvorm, aow_leeftijd, medebewoners, geboortedatum, "
        "partner_geboortedatum, kinderen, ouders_kunnen_niet_bijdragen, inkomen, "
        "inkomen_naast_bijstand",
        "Fout: typ 'letterforge calc beslagvrije-voet --help' voor alle velden",
    ]


def test_text_shows_the_steps_for_a_person(capsys: pytest.CaptureFixture[str]) -> None:
    body = {
        "ontvangen": "2026-11-20",
        "opgeschort_van": "2026-11-24",
        "opgeschort_tot": "2026-12-08",
    }
    code, out, err = run(
        ["calc", "beslistermijn", "--tekst", "--json", json.dumps(body)], capsys
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "  uiterlijk: 29\xa0januari\xa02027"
    assert (
        "  Op 24\xa0november\xa02026 waren er nog 52 dagen over tot "
        "15\xa0januari\xa02027 (Algemene wet bestuursrecht art. 4:13)"
    ) in out.splitlines()


SINGLE_TEXT = {"leefvorm": "alleenstaande", "aow_leeftijd": False, "medebewoners": 0}

# Review r4 finding 7: a month field is shown as a month in the text output, a
# day field stays a day. (id, calculation, input, lines that must appear)
MONTH_LINES = [
    ("maatregel-laatste-maand", "maatregel",
     {"vanaf": "2026-11-01", **SINGLE_TEXT, "percentage": "10", "maanden": 3},
     ["  laatste_maand: januari\xa02027", "  vanaf: 1\xa0november\xa02026"]),
    ("aflosplan-eerste-en-laatste-maand", "aflosplan",
     {"datum": "2026-11-24", **SINGLE_TEXT, "schuld": "1000"},
     ["  eerste_maand: december\xa02026", "  laatste_maand: februari\xa02028",
      "  per_maand: €\xa070,97"]),
    ("te-veel-rows-per-maand", "te-veel",
     {"datum": "2026-11-24", **SINGLE_TEXT, "van": "2026-06-01", "tot": "2026-06-30",
      "maanden": [{"maand": "2026-06-01", "inkomen": "250.50"}]},
     ["    maand juni\xa02026, "]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "body", "lines"),
    [c[1:] for c in MONTH_LINES],
    ids=[c[0] for c in MONTH_LINES],
)
def test_text_shows_a_month_field_as_a_month(
    capsys: pytest.CaptureFixture[str],
    name: str,
    body: dict[str, object],
    lines: list[str],
) -> None:
    code, out, err = run(["calc", name, "--tekst", "--json", json.dumps(body)], capsys)
    assert code == 0, err
    for line in lines:
        assert any(row.startswith(line) for row in out.splitlines()), (line, out)
    assert "1\xa0december\xa02026" not in out.split("Uitkomst:")[1]
