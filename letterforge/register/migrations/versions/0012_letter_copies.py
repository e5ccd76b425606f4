"""Copies of a letter as their own register entries (issue 13): each copy ("kopie
aan") is a letter row linked to its original, with the addressee it went to.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("copy_of", sa.String(36), nullable=True))
        batch.add_column(sa.Column("recipient", sa.String(300), nullable=True))
        batch.create_index("ix_letters_copy_of", ["copy_of"])
        batch.create_foreign_key("fk_letters_copy_of", "letters", ["copy_of"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.drop_constraint("fk_letters_copy_of", type_="foreignkey")
        batch.drop_index("ix_letters_copy_of")
        batch.drop_column("recipient")
        batch.drop_column("copy_of")
