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
