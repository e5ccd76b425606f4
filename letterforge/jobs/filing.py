"""Carry out one filing job from the outbox: make the PDF/A, file it, record it.

Every step is safe to repeat (the PDF is only made when missing; the ZGW steps look
up before they create), so a job that is retried after a crash or a timeout
never loses or doubles anything.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from letterforge.compose.deadlines import bezwaar_deadline
from letterforge.errors import FilingError, LetterforgeError
from letterforge.register import Register, callbacks, outbox
from letterforge.register.models import FilingJob
from letterforge.register.store import get_document
from letterforge.render.pdf import PDF_MEDIA_TYPE, docx_to_pdf
from letterforge.render.pdfcheck import pdf_title, pdfa_problems
from letterforge.zgw import FilingInput, ZgwConfig, file_letter
from letterforge.zgw.client import ZgwClient

log = logging.getLogger(__name__)
DOCX_MEDIA_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class FilingContext:
    """What a worker needs: the register, the ZGW settings (None: not set up)."""

    register: Register
    zgw: ZgwConfig | None
    policy: outbox.RetryPolicy = field(default_factory=outbox.RetryPolicy)
    clock: Callable[[], datetime] = _utc_now
    # Tests pass an httpx transport here; None is the network.
    client_factory: Callable[[ZgwConfig], ZgwClient] = ZgwClient


@dataclass(frozen=True)
class _Letter:
    id: str
    kenmerk: str
    template_id: str
    letter_date: date
    filename: str
    media_type: str
    content: bytes


def _as_date(value: object) -> date:
    """The letter date: ISO text in the register today, a Date column later."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _read(
    context: FilingContext, job_id: int
) -> tuple[FilingJob, _Letter, bytes | None]:
    with context.register.session() as session:
        job = session.get(FilingJob, job_id)
        record = get_document(session, job.letter_id) if job else None
        if job is None or record is None:
            raise FilingError(f"taak {job_id} of haar brief bestaat niet")
        letter = _Letter(
            id=record.id,
            kenmerk=record.kenmerk,
            template_id=record.template_id,
            letter_date=_as_date(record.letter_date),
            filename=record.filename,
            media_type=record.media_type,
            content=record.content,
        )
        return job, letter, outbox.letter_pdf(session, record.id)


def _ensure_pdf(context: FilingContext, letter: _Letter, pdf: bytes | None) -> bytes:
    if pdf is not None:
        return pdf
    if letter.media_type == PDF_MEDIA_TYPE:
        made = letter.content
    elif letter.media_type == DOCX_MEDIA_TYPE:
        made = docx_to_pdf(letter.content)
    else:
        raise FilingError("van deze brief is geen DOCX of PDF bewaard")
    problems = pdfa_problems(made)
    if problems:
        raise FilingError("de PDF is geen goede PDF/A: " + "; ".join(problems))
    with context.register.session() as session:
        outbox.store_pdf(session, letter.id, made, hashlib.sha256(made).hexdigest())
    return made


def _file(
    context: FilingContext, job: FilingJob, letter: _Letter, pdf: bytes
) -> dict[str, object]:
    if job.zaak_url is None:
        return {}
    if context.zgw is None:
        raise FilingError(
            "de brief noemt een zaak, maar ZGW is niet ingesteld "
            "(LETTERFORGE_ZGW_CONFIG)"
        )
    stem = letter.filename.rsplit(".", 1)[0]
    item = FilingInput(
        kenmerk=letter.kenmerk,
        # The letter's subject, as the DOCX and the PDF carry it as their title.
        titel=pdf_title(pdf) or f"{letter.template_id} {letter.kenmerk}",
        template_id=letter.template_id,
        zaak_url=job.zaak_url,
        letter_date=letter.letter_date,
        bezwaar_deadline=bezwaar_deadline(letter.letter_date),
        pdf=pdf,
        pdf_name=f"{stem}.pdf",
        docx=letter.content if letter.media_type == DOCX_MEDIA_TYPE else None,
        docx_name=f"{stem}.docx",
    )

    def progress(results: dict[str, object]) -> None:
        with context.register.session() as session:
            outbox.save_progress(session, job.id, results)

    with context.client_factory(context.zgw) as client:
        return file_letter(client, item, progress)


def run_filing_job(context: FilingContext, job_id: int) -> str:
    """One attempt at job `job_id`; its new state (klaar, wachtend, mislukt, '').

    '' means another worker has the job or it is not due. Failures are recorded
    on the job (with back-off), never raised: the outbox is the memory.
    """
    with context.register.session() as session:
        if not outbox.claim(session, job_id, context.clock(), context.policy):
            return ""
    try:
        job, letter, pdf = _read(context, job_id)
        results = _file(context, job, letter, _ensure_pdf(context, letter, pdf))
    except LetterforgeError as e:
        return _failed(context, job_id, e.message)
    except Exception as e:
        log.exception("filing job %s failed", job_id)
        return _failed(context, job_id, f"onverwachte fout ({type(e).__name__})")
    with context.register.session() as session:
        outbox.succeed(session, job_id, results, context.clock())
        if job.zaak_url is not None:  # filed in the zaak: tell the client
            callbacks.filed_event(session, letter.id)
    log.info("filing job %s done", job_id)
    return outbox.DONE


def _failed(context: FilingContext, job_id: int, error: str) -> str:
    with context.register.session() as session:
        job = outbox.fail(session, job_id, error, context.clock(), context.policy)
        state = job.state if job else ""
    log.warning("filing job %s failed (%s): %s", job_id, state, error)
    return state


def sweep(context: FilingContext, limit: int = 100) -> list[int]:
    """The ids of jobs that are due now (the worker runs each)."""
    with context.register.session() as session:
        return outbox.due_job_ids(session, context.clock(), limit)
