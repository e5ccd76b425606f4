"""Alembic environment: migrations run on the connection the register hands over."""

from __future__ import annotations

from alembic import context

from letterforge.register.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - always called through Register.migrate
    raise RuntimeError("run migrations through letterforge.register.Register.migrate")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
