"""Configuration in layers: defaults, then a settings file, then LETTERFORGE_*
environment variables, then what a test passes in."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # None: SQLite file in the instance folder
    # Commands that open the register (serve, token, user, ...) migrate it first;
    # false leaves that to `letterforge db upgrade`. create_app never migrates.
    "MIGRATE_ON_START": True,
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "PER_PAGE_MAX": 100,
    "TIMEZONE": "Europe/Amsterdam",
    "TEMPLATE_DIR": None,
    "GLOSSARY_DIR": None,
    "PROFILE": None,
    # The session cookie goes over HTTPS only (browsers treat 127.0.0.1 as secure).
    "SESSION_COOKIE_SECURE": True,
    # Host names the service answers to; None: loopback on any port.
    "TRUSTED_HOSTS": None,
    # Behind a proxy: e.g. {"x_for": 1, "x_proto": 1}; None: no proxy trusted.
    "PROXY_FIX": None,
    # Failed sign-ins per address in an hour (any names) above which every name
    # that failed from there waits; per address and name the first 5 failures
    # are free (register.users: PAIR_FREE_FAILURES, FIRST_WAIT, MAX_WAIT).
    "SIGN_IN_ADDRESS_LIMIT": 100,
    # POST /api/v1/batches: at most this many REQUESTs and bytes per batch.
    "BATCH_MAX_LINES": 1000,
    "BATCH_MAX_BYTES": 16 * 1024 * 1024,
    # A batch line claimed by a worker that died is taken up again after this.
    "BATCH_LEASE_SECONDS": 60,
    # The owner the beheer page's batch form proposes: "web" (letterforge only)
    # or the name of an API client (the case system sees the letters).
    "BATCH_WEB_CLIENT": "web",
    # Callbacks (web/callbacks.py, jobs/callbacks.py): non-public networks a
    # callback URL may reach (e.g. ["127.0.0.1/32"]); public addresses always.
    "CALLBACK_ALLOWED_NETWORKS": [],
    # Attempts per event and the first wait; each wait doubles (10 s, 20 s, ...).
    "CALLBACK_MAX_ATTEMPTS": 6,
    "CALLBACK_FIRST_DELAY_SECONDS": 10,
    "CALLBACK_TIMEOUT_SECONDS": 10,
    # A web session ends after this long without a request, and this long after
    # sign-in whatever happens (checked by the server; web/ui/session.py).
    "SESSION_IDLE_MINUTES": 30,
    "SESSION_MAX_HOURS": 12,
}


def load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    app.config.from_mapping(DEFAULTS)
    settings_file = Path(app.instance_path) / "letterforge.toml"
    app.config.from_file(str(settings_file), load=tomllib.load, silent=True, text=False)
    app.config.from_prefixed_env("LETTERFORGE")
    if overrides:
        app.config.from_mapping(overrides)
    if not app.config["DATABASE_URL"]:
        database = Path(app.instance_path) / "letterforge.db"
        app.config["DATABASE_URL"] = f"sqlite:///{database}"
