"""What the app keeps for its lifetime: register, settings, clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from letterforge.register import Register
from letterforge.settings import Settings


@dataclass(frozen=True)
class AppState:
    register: Register
    settings: Settings
    timezone: ZoneInfo

    def today(self) -> date:
        """The date in the municipality, which dates the letters."""
        return datetime.now(self.timezone).date()


def state() -> AppState:
    found: AppState = current_app.extensions["letterforge"]
    return found
