"""Case data: checking what the case system sends against a template's schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from letterforge.case.validate import schema_problems, validate_case

__all__ = ["schema_problems", "validate_case"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: `letterforge check` needs only case.limits, and the
    # schema validators (jsonschema, fastjsonschema) cost a tenth of a second.
    if name in __all__:
        from letterforge.case import validate

        return getattr(validate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
