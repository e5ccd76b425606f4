"""Settings: where samples live, in a checkout and in an installed wheel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from letterforge.settings import load_settings, sample_paths
from tests.conftest import ROOT, SAMPLES_DIR


def _folder_with(path: Path, *names: str) -> Path:
    path.mkdir(parents=True)
    for name in names:
        (path / name).write_text(json.dumps({"template": name}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        # An installation with its own template folder finds the samples beside it.
        ({"templates": ("x.json",), "samples": ("b.json", "a.json")}, "samples"),
        # LETTERFORGE_SAMPLES_DIR wins over the folder beside the templates.
        ({"templates": (), "samples": ("a.json",), "elders": ("c.json",)}, "elders"),
        # No samples folder: no samples, no error.
        ({"templates": ()}, None),
    ],
)
def test_samples_live_beside_the_templates_or_where_the_setting_says(
    tmp_path: Path, layout: dict[str, tuple[str, ...]], expected: str | None
) -> None:
    for folder, names in layout.items():
        _folder_with(tmp_path / folder, *names)
    environ = {"LETTERFORGE_TEMPLATE_DIR": str(tmp_path / "templates")}
    if "elders" in layout:
        environ["LETTERFORGE_SAMPLES_DIR"] = str(tmp_path / "elders")
    found = sample_paths(load_settings(environ))
    if expected is None:
        assert found == ()
    else:
        names = sorted(layout[expected])
        assert found == tuple(tmp_path / expected / n for n in names)


def test_the_checkout_finds_its_own_samples() -> None:
    assert sample_paths(load_settings({})) == tuple(sorted(SAMPLES_DIR.glob("*.json")))


@pytest.mark.slow
def test_an_installed_wheel_finds_the_samples_beside_its_templates(
    tmp_path: Path,
) -> None:
    """Build the wheel, install it without the checkout on the path, and ask it."""
    wheels, target, source = tmp_path / "wheels", tmp_path / "site", tmp_path / "src"
    # A copy, so the build leaves no build/ folder in the checkout.
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "letterforge",
        source / "letterforge",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", wheels, source],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("letterforge-*.whl")
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    probe = (
        "import json, letterforge, letterforge.settings as s;"
        "found = s.sample_paths(s.load_settings(dict(__import__('os').environ)));"
        "print(json.dumps([letterforge.__file__, [str(p) for p in found]]))"
    )
    environ = {
        **os.environ,
        "PYTHONPATH": str(target),
        "LETTERFORGE_TEMPLATE_DIR": str(ROOT / "templates"),
    }
    result = subprocess.run(
        [sys.executable, "-c", probe],
        check=True,
        capture_output=True,
        cwd=tmp_path,
        env=environ,
        text=True,
    )
    module, found = json.loads(result.stdout)
    assert Path(module).is_relative_to(target)  # the wheel, not the checkout
    assert found == [str(p) for p in sorted(SAMPLES_DIR.glob("*.json"))]
