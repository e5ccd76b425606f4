"""Tables of the register."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ApiClient(Base):
    """A program that may call the API, such as the case system."""

    __tablename__ = "api_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # SHA-256 of the token: tokens are long and random, so a fast hash is enough
    # and the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())


class LetterRecord(Base):
    """One letter as it was sent, with what is needed to make it again."""

    __tablename__ = "letters"
    __table_args__ = (
        UniqueConstraint(
            "client_name", "idempotency_key", name="uq_letters_idempotency"
        ),
        Index("ix_letters_zaak_created", "zaak", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    client_name: Mapped[str] = mapped_column(String(100))
    template_id: Mapped[str] = mapped_column(String(100), index=True)
    template_version: Mapped[str] = mapped_column(String(32))
    request_sha256: Mapped[str] = mapped_column(String(64))
    request_json: Mapped[str] = mapped_column(Text)
    letter_date: Mapped[date] = mapped_column(Date)
    zaak: Mapped[str] = mapped_column(String(200))
    kenmerk: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(120))
    # The document (about 90 KB) is loaded only when asked for (store.get_document):
    # lists of 50-100 letters read none of it. Reading it by accident raises instead
    # of quietly loading it one row at a time.
    content: Mapped[bytes] = mapped_column(
        LargeBinary, deferred=True, deferred_raiseload=True
    )
    content_sha256: Mapped[str] = mapped_column(String(64))
    readability: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Warnings the letter was made with, as [{"veld", "melding", "code"}]: case checks
    # and norm values not verified in their source (issues 12 and 13).
    warnings: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    # "concept" waits for a second person (four-eyes check); "definitief" may be
    # sent; "afgekeurd" was rejected by that second person and is never sent.
    status: Mapped[str] = mapped_column(String(20), default="definitief")
    made_by: Mapped[str | None] = mapped_column(String(100))
    approved_by: Mapped[str | None] = mapped_column(String(100))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The PDF/A-2 of a final letter, made by the outbox job (issue 16).
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    # Which template text made it (issue 17): the register's version id (None for
    # the shipped version 1), its number and the SHA-256 of its files.
    template_version_id: Mapped[int | None] = mapped_column()
    template_version_number: Mapped[int | None] = mapped_column()
    template_content_hash: Mapped[str | None] = mapped_column(String(64))
    # A copy ("kopie aan") is its own entry linked to its original (issue 13); the
    # window name it went to is kept for both, so the register says who got what.
    copy_of: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("letters.id", name="fk_letters_copy_of"), index=True
    )
    recipient: Mapped[str | None] = mapped_column(String(300))


class FilingJob(Base):
    """Outbox: make the PDF of a final letter and file it in the zaak (ZGW APIs).

    Written in the transaction that makes the letter final, so a final letter
    always has its job; a worker carries it out (letterforge.jobs).
    state: wachtend -> bezig -> klaar, or mislukt after the last attempt.
    results: the URLs created in the ZGW APIs, filled in step by step.
    """

    __tablename__ = "filing_jobs"
    __table_args__ = (Index("ix_filing_jobs_state_next", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[str] = mapped_column(String(36), unique=True)
    zaak_url: Mapped[str | None] = mapped_column(String(1000))
    state: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    results: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class User(Base):
    """A person who signs in to the web pages (not an API client)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Raised at sign-out: a session cookie made before it no longer counts.
    session_version: Mapped[int] = mapped_column(default=0)


class Draft(Base):
    """What a caseworker typed in a template's form, kept until the letter is made."""

    __tablename__ = "drafts"
    __table_args__ = (
        UniqueConstraint("user_name", "template_id", name="uq_drafts_user_template"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(100))
    template_id: Mapped[str] = mapped_column(String(100))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SignInFailure(Base):
    """One failed sign-in, by a keyed hash of the address (never the address)."""

    __tablename__ = "sign_in_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LetterEvent(Base):
    """One step in a letter's life, appended and never changed: made, approved,
    rejected (with the reason), downloaded, archived. `actor` is a user name or
    "api:<client>"; no case data."""

    __tablename__ = "letter_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("letters.id"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str | None] = mapped_column(Text)


class Batch(Base):
    """Many letters posted at once through the API (POST /api/v1/batches).

    The lines are the memory: a batch's status and counts follow from them, so a
    worker killed mid-way leaves nothing to repair (letterforge.jobs.batches)."""

    __tablename__ = "batches"
    __table_args__ = (
        # A retried POST with the same Idempotency-Key finds the batch it made.
        UniqueConstraint(
            "client_name", "idempotency_key", name="uq_batches_idempotency"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_name: Mapped[str] = mapped_column(String(120), index=True)
    actor: Mapped[str] = mapped_column(String(120))
    total: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_sha256: Mapped[str | None] = mapped_column(String(64))


class BatchLine(Base):
    """One REQUEST of a batch: wachtrij -> bezig -> definitief, concept or mislukt.

    request_json holds the line as posted (no case data leaves the register);
    errors the Dutch problems of a failed line."""

    __tablename__ = "batch_lines"
    __table_args__ = (Index("ix_batch_lines_state", "state", "claimed_until"),)

    batch_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("batches.id"), primary_key=True
    )
    line: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    request_json: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    letter_id: Mapped[str | None] = mapped_column(String(36))
    errors: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)


class TemplateVersion(Base):
    """A municipality's own text of a template (issue 17), never changed once
    written except for its status: concept -> ingediend -> goedgekeurd or
    afgekeurd. Going back to an older text is a new version. `files` maps the
    template's editable files (letter.md.j2, motivering/*.md.j2) to their text;
    the shipped library in templates/ is version 1 and is not stored here."""

    __tablename__ = "template_versions"
    __table_args__ = (
        UniqueConstraint("template_id", "number", name="uq_template_versions_number"),
        Index("ix_template_versions_status", "template_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(100))
    number: Mapped[int] = mapped_column()
    files: Mapped[dict[str, str]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    author: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text)
    based_on: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewer: Mapped[str | None] = mapped_column(String(120))
    review_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CallbackSubscription(Base):
    """The callback URL of an API client (one per client; PUT replaces it).

    The secret signs every delivery (HMAC-SHA256). It is kept as is, not hashed:
    signing needs the secret itself. It is shown to the client once."""

    __tablename__ = "callback_subscriptions"

    client_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CallbackEvent(Base):
    """An event for a client's callback URL: the outbox row, written in the same
    transaction as the state change it reports (register.callbacks).

    state: wachtend -> bezig -> afgeleverd, or mislukt after the last attempt.
    payload holds ids and links only, never case data."""

    __tablename__ = "callback_events"
    __table_args__ = (
        UniqueConstraint("client_name", "dedupe_key"),
        Index("ix_callback_events_due", "state", "next_attempt_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(40))
    dedupe_key: Mapped[str] = mapped_column(String(120))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CallbackDelivery(Base):
    """One attempt to deliver an event: the URL, the answer's status or the error."""

    __tablename__ = "callback_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    client_name: Mapped[str] = mapped_column(String(100), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    attempt: Mapped[int] = mapped_column()
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(Text)
