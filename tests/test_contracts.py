"""Every module of letterforge/ sits inside an import-linter contract.

lint-imports checks the arrows between the modules a contract names; a module no
contract names is checked by nothing. This test finds such a module.
"""

from __future__ import annotations

import pkgutil
import tomllib

import letterforge
from tests.conftest import ROOT


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _covered() -> set[str]:
    """Packages and modules in the layers, and the ones that stand alone."""
    names: set[str] = set()
    for contract in _contracts():
        if contract["type"] == "layers":
            for layer in contract["layers"]:  # type: ignore[attr-defined]
                names |= {p.strip(" ()") for p in str(layer).split("|")}
        elif str(contract["name"]).endswith("stands alone"):
            names |= set(contract["source_modules"])  # type: ignore[arg-type]
    return names


def _modules() -> list[str]:
    found = pkgutil.walk_packages(letterforge.__path__, prefix="letterforge.")
    return sorted(m.name for m in found)


def test_every_module_is_in_a_contract() -> None:
    covered = _covered()
    outside = [
        name
        for name in _modules()
        if not any(name == c or name.startswith(f"{c}.") for c in covered)
    ]
    assert outside == []


def test_the_walk_sees_the_whole_package() -> None:
    """The test above would pass on an empty list; it must not."""
    modules = _modules()
    assert {"letterforge.errors", "letterforge.web.forms"} <= set(modules)
    assert "letterforge.library.lint" in modules and len(modules) > 60
