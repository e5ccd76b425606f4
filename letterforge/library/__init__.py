"""The template library: template folders read from disk."""

from letterforge.library.loader import (
    DateOrder,
    Library,
    MotivationBlock,
    Template,
    load_library,
)

__all__ = ["DateOrder", "Library", "MotivationBlock", "Template", "load_library"]
