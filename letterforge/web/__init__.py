"""The web edge: the HTTP API for the case system (and later the web pages).

app = create_app()                      # defaults, settings file, LETTERFORGE_*
app = create_app({"DATABASE_URL": ...})  # tests override last
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, Response, jsonify
from sqlalchemy import text

from letterforge.register import open_register
from letterforge.settings import load_settings
from letterforge.web.api import api
from letterforge.web.config import load_config
from letterforge.web.logs import install_request_logging
from letterforge.web.problems import problem_response, register_error_handlers
from letterforge.web.state import AppState, state


def _settings_environ(config: Mapping[str, Any]) -> dict[str, str]:
    """Settings read their paths from LETTERFORGE_* names; config may set them too."""
    environ = dict(os.environ)
    for key in ("TEMPLATE_DIR", "GLOSSARY_DIR", "PROFILE"):
        if config.get(key):
            environ[f"LETTERFORGE_{key}"] = str(config[key])
    return environ


def healthz() -> Response:
    try:
        with state().register.session() as session:
            session.execute(text("SELECT 1"))
    except Exception:  # any database failure means unhealthy
        return problem_response(503, "unhealthy", "De database is niet bereikbaar.")
    return jsonify({"status": "ok"})


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; configuration layers: defaults, file, environment, `config`.

    The instance folder (settings file, default SQLite register) is ./instance, or
    LETTERFORGE_INSTANCE_PATH for an installation that keeps it elsewhere."""
    instance = os.environ.get("LETTERFORGE_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=os.path.abspath(instance) if instance else None,
        instance_relative_config=True,
    )
    load_config(app, config)
    register = open_register(app.config["DATABASE_URL"])
    if app.config["MIGRATE_ON_START"]:
        register.migrate()
    app.extensions["letterforge"] = AppState(
        register=register,
        settings=load_settings(_settings_environ(app.config)),
        timezone=ZoneInfo(app.config["TIMEZONE"]),
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.register_blueprint(api)
    app.add_url_rule("/healthz", "healthz", healthz)
    register_error_handlers(app)
    install_request_logging(app)
    return app
