"""What the app keeps for its lifetime: register, settings, clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from letterforge.register import Register
from letterforge.settings import Settings


@dataclass(frozen=True)
class AppState:
    register: Register
    settings: Settings
    timezone: ZoneInfo
    # The clock for sign-in throttling and session timeouts; tests move it.
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def today(self) -> date:
        """The date in the municipality, which dates the letters (from `clock`,
        so tests can fix it)."""
        return self.clock().astimezone(self.timezone).date()

    def now(self) -> datetime:
        """Now, aware UTC, from `clock`."""
        return self.clock()


def state() -> AppState:
    found: AppState = current_app.extensions["letterforge"]
    return found
