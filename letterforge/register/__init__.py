"""The letter register: which letter was made, from which template version and data.

SQLAlchemy 2 models with Alembic migrations; SQLite by default, PostgreSQL when the
database URL says so. No web code here: the API and the command line both use it.
"""

from letterforge.register.database import Register, open_register
from letterforge.register.models import ApiClient, LetterRecord

__all__ = ["ApiClient", "LetterRecord", "Register", "open_register"]
