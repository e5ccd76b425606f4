"""Web pages for people: caseworkers and the communication team."""

from __future__ import annotations

from flask import Blueprint

ui = Blueprint(
    "ui",
    __name__,
    template_folder="../templates",
    static_folder="../static",
    static_url_path="/static",
)

# The routes register themselves on `ui` when their modules are imported.
from letterforge.web.ui import (  # noqa: E402,F401
    batches,
    caseworker,
    communication,
    register_pages,
    signin,
    studio,
)
