"""Case data: checking what the case system sends against a template's schema."""

from letterforge.case.validate import schema_problems, validate_case

__all__ = ["schema_problems", "validate_case"]
