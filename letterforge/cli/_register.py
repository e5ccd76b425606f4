"""Opening the app and its register for a command, migrated to the newest schema.

Every command that opens the register goes through `open_app`, so a fresh instance
folder works with `letterforge token create` before the first `serve`. Migrating
here, not in create_app, keeps it to one run per command, before gunicorn forks its
workers. MIGRATE_ON_START = false leaves it to `letterforge db upgrade`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

    from letterforge.web.state import AppState


def open_app(*, migrate: bool | None = None, **overrides: Any) -> Flask:
    """The app for a command; its register migrated unless configured otherwise."""
    # Imported here so that `letterforge check` does not pay for Flask and SQLAlchemy.
    from letterforge.web import create_app

    app = create_app(overrides or None)
    if app.config["MIGRATE_ON_START"] if migrate is None else migrate:
        app_state(app).register.migrate()
    return app


def app_state(app: Flask) -> AppState:
    state: AppState = app.extensions["letterforge"]
    return state
