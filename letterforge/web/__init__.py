"""The web edge: the HTTP API for the case system (and later the web pages).

app = create_app()                      # defaults, settings file, LETTERFORGE_*
app = create_app({"DATABASE_URL": ...})  # tests override last

create_app does not migrate the register: the commands that open it do
(`letterforge db upgrade`, `serve`, `token create`, ... via cli/_register.py), once,
before any worker starts.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, Response, jsonify
from sqlalchemy import text

from letterforge.register import open_register
from letterforge.settings import load_settings
from letterforge.web.api import api
from letterforge.web.batches import install_batch_queue
from letterforge.web.callbacks import callbacks_api, install_callback_queue
from letterforge.web.config import load_config
from letterforge.web.filing import filing_api, install_filing_queue
from letterforge.web.logs import install_request_logging
from letterforge.web.problems import problem_response, register_error_handlers
from letterforge.web.security import install_security
from letterforge.web.state import AppState, state
from letterforge.web.template_versions import template_versions_api
from letterforge.web.ui import ui


def _settings_environ(config: Mapping[str, Any]) -> dict[str, str]:
    """Settings read their paths from LETTERFORGE_* names; config may set them too."""
    environ = dict(os.environ)
    for key in ("TEMPLATE_DIR", "GLOSSARY_DIR", "PROFILE", "VERSION_DIR"):
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


def _session_settings(app: Flask) -> None:
    """Session cookies for the web pages: never readable by scripts, never sent by
    other sites, only over HTTPS (browsers treat 127.0.0.1 as secure too)."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(app)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # From DEFAULTS (True) unless a setting says otherwise: Flask's own
        # default (False) is overwritten there, so .get(..., True) never saw True.
        SESSION_COOKIE_SECURE=bool(app.config["SESSION_COOKIE_SECURE"]),
    )


def _instance_secret(app: Flask) -> str:
    """A random secret kept in the instance folder, shared by all workers."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker was first
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    return path.read_text().strip()


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
    # Template versions from the register are laid out here (issue 17).
    app.config.setdefault(
        "VERSION_DIR", str(Path(app.instance_path) / "sjabloonversies")
    )
    register = open_register(app.config["DATABASE_URL"])
    app.extensions["letterforge"] = AppState(
        register=register,
        settings=load_settings(_settings_environ(app.config)),
        timezone=ZoneInfo(app.config["TIMEZONE"]),
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    _session_settings(app)
    app.register_blueprint(api)
    app.register_blueprint(filing_api)
    app.register_blueprint(template_versions_api)
    app.register_blueprint(callbacks_api)
    app.register_blueprint(ui)
    install_filing_queue(app)
    install_batch_queue(app)
    install_callback_queue(app)
    app.add_url_rule("/healthz", "healthz", healthz)
    register_error_handlers(app)
    install_request_logging(app)
    install_security(app)
    return app
