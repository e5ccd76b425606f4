"""A preview on the command line is not a send: no refusal, but one Dutch line
when the letter is not dated today (issue 13). The command line dates letters
with the machine's date, so these requests are dated relative to it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from letterforge.compose.norms import dutch_date
from tests.cli.test_letters import run
from tests.conftest import load_sample

SAMPLE = "terugvordering-inlichtingenplicht-zienswijze"
NOTICE = "Verstuurt u hem later? Maak hem dan opnieuw met de datum van die dag"


def _request(folder: Path, name: str, days: int | None) -> Path:
    data = load_sample(SAMPLE)
    if days is None:
        data["case"]["zaak"].pop("briefdatum", None)
    else:
        day = date.today() + timedelta(days=days)
        data["case"]["zaak"]["briefdatum"] = day.isoformat()
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("days", "noticed"), [(None, False), (0, False), (-3, True), (2, True)]
)
@pytest.mark.parametrize("output", ["text", "docx"])
def test_render_says_when_the_letter_is_not_dated_today(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    days: int | None,
    noticed: bool,
    output: str,
) -> None:
    request = _request(tmp_path, "verzoek", days)
    target = ["-o", str(tmp_path / "brief.docx")] if output == "docx" else []
    code, _, err = run(["render", str(request), *target], capsys)
    assert code == 0, err  # a preview is never refused for its date
    assert (NOTICE in err) == noticed
    if noticed:
        day = date.today() + timedelta(days=days or 0)
        assert f"Let op: deze brief heeft als datum {dutch_date(day)}." in err


def test_samples_says_it_once_per_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "verzoeken"
    folder.mkdir()
    for name, days in (("a", -3), ("b", -3), ("c", 0)):
        _request(folder, name, days)
    code, out, err = run(["samples", str(folder), "--out", str(tmp_path)], capsys)
    assert code == 0, err
    assert "3 brieven gemaakt" in out
    earlier = dutch_date(date.today() - timedelta(days=3))
    assert err.count("Let op:") == 1
    assert f"Let op: 2 brieven hebben als datum {earlier}." in err
