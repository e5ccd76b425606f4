"""Compose a Letter from a template and validated case data."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Template as JinjaTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from letterforge.case import validate_case
from letterforge.compose import addressing, calculators, consistency, pgb, reminder
from letterforge.compose.deadlines import bezwaar_deadline
from letterforge.compose.environment import (
    CaseCheckError,
    EmptyValueError,
    collect_values,
    make_environment,
    restore_values,
)
from letterforge.compose.filters import to_date
from letterforge.compose.markup import Body, MarkupError, map_text, parse_body
from letterforge.compose.model import (
    Address,
    Block,
    Letter,
    LetterMeta,
    Paragraph,
    Sender,
    Signature,
)
from letterforge.compose.motivation import motivation_sources
from letterforge.compose.norms import norms_on
from letterforge.errors import CaseDataError, Problem, TemplateError
from letterforge.library import Template
from letterforge.settings import Municipality, Settings


def _lookup(case: Mapping[str, Any], path: str) -> Any:
    value: Any = case
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _date_order_problems(template: Template, case: Mapping[str, Any]) -> list[Problem]:
    problems = []
    for order in template.date_orders:
        earlier, later = _lookup(case, order.earlier), _lookup(case, order.later)
        if isinstance(earlier, str) and isinstance(later, str) and earlier > later:
            problems.append(Problem(order.later, order.message, "date_order"))
    return problems


def check_case(template: Template, case: Mapping[str, Any]) -> None:
    """Validate the case data against the template; all problems at once."""
    validate_case(template.schema, case)
    problems = _date_order_problems(template, case)
    if problems:
        raise CaseDataError(tuple(problems))


def salutation(person: Mapping[str, Any]) -> str:
    """The opening line for the person (see compose/addressing.py)."""
    return addressing.salutation(person)


def recipient_address(person: Mapping[str, Any]) -> Address:
    """The window address of the person (see compose/addressing.py)."""
    return addressing.window_address(person)


def sender(municipality: Municipality) -> Sender:
    return Sender(
        name=municipality.name,
        postal_lines=municipality.postal_lines,
        visiting_lines=municipality.visiting_lines,
        phone=municipality.phone,
        website=municipality.website,
        email=municipality.email,
        logo_png=municipality.logo_png,
        logo_alt=municipality.logo_alt,
    )


def letter_date(case: Mapping[str, Any], today: date) -> date:
    given = _lookup(case, "zaak.briefdatum")
    return to_date(given) if isinstance(given, str) else today


def _context(
    case: Mapping[str, Any], settings: Settings, day: date, blocks: list[str]
) -> dict[str, Any]:
    municipality = settings.municipality
    norms = norms_on(settings.template_dir, day)
    computed = {
        "normen": norms,
        "boete": partial(calculators.fine, norms=norms),
        "aanmaning_bedragen": partial(reminder.reminder, norms=norms),
        "pgb_voor_periode": pgb.budget_for_period,
        "brief": {"datum": day, "bezwaar_uiterlijk": bezwaar_deadline(day)},
        "gemeente": {
            "naam": municipality.name,
            "college": municipality.college,
            "telefoon": municipality.phone,
            "website": municipality.website,
            "email": municipality.email,
            "bezwaar_adres": municipality.objection_lines,
            "bezwaar_website": municipality.objection_website,
            "rechtbank": municipality.court,
        },
        "motiveringsblokken": blocks,
    }
    return {**case, **computed}


@lru_cache(maxsize=256)
def _compiled_string(template_dir: Path, source: str) -> JinjaTemplate:
    """Compile a short template text (a subject line) once, not for every letter."""
    return make_environment(template_dir).from_string(source)


def _render(template: Template, settings: Settings, name: str, context: Any) -> str:
    """Render one Jinja template; map Jinja's errors to ours with file and line."""
    env = make_environment(settings.template_dir)
    try:
        if name.endswith(".j2"):
            return env.get_template(name).render(context)
        return _compiled_string(settings.template_dir, name).render(context)
    except TemplateSyntaxError as e:
        raise TemplateError(template.id, f"{e.name}: {e.message}", e.lineno) from e
    except (UndefinedError, SecurityError, EmptyValueError) as e:
        raise TemplateError(template.id, str(e)) from e
    except JinjaError as e:
        raise TemplateError(template.id, str(e)) from e
    except CaseCheckError as e:
        raise CaseDataError((Problem(e.path, e.message, "check"),)) from e
    except ValueError as e:
        raise CaseDataError((Problem("case", str(e), "calculation"),)) from e


def compose(
    template: Template, case: Mapping[str, Any], settings: Settings, *, today: date
) -> Letter:
    """Validate `case` and compose the letter; `today` is used when the case
    data does not fix the letter's date."""
    check_case(template, case)
    blocks = motivation_sources(template, case)
    day = letter_date(case, today)
    errors, warnings = consistency.findings(
        template.case_rules, case, day, norms_on(settings.template_dir, day)
    )
    if errors:
        raise CaseDataError(tuple(errors))
    context = _context(case, settings, day, blocks)
    with collect_values() as values:
        body_text = _render(template, settings, template.source, context)
        subject_text = _render(template, settings, template.subject, context)
    try:
        body = map_text(parse_body(body_text), lambda t: restore_values(t, values))
    except MarkupError as e:
        raise TemplateError(template.id, str(e)) from e
    letter = _assemble(
        template, case, settings, day, body, restore_values(subject_text, values)
    )
    return dataclasses.replace(letter, warnings=tuple(warnings))


def _signature(
    case: Mapping[str, Any], municipality: Municipality, note: str = ""
) -> Signature:
    signer = case["ondertekening"]
    return Signature(
        closing="Met vriendelijke groet,",
        on_behalf=f"Namens {municipality.college},",
        name=str(signer["naam"]),
        function=str(signer["functie"]),
        note=note,
    )


def _with_about(blocks: tuple[Block, ...], about: str) -> tuple[Block, ...]:
    """A letter to a representative names the person right after the summary."""
    if not about:
        return blocks
    return (*blocks[:1], Paragraph(about), *blocks[1:])


def _assemble(
    template: Template,
    case: Mapping[str, Any],
    settings: Settings,
    day: date,
    body: Body,
    subject: str,
) -> Letter:
    zaak = case["zaak"]
    meta = LetterMeta(
        template_id=template.id,
        template_version=template.version,
        subject=" ".join(subject.split()),
        letter_date=day,
        kenmerk=str(zaak["kenmerk"]),
        zaaknummer=str(zaak.get("zaaknummer", "")),
        uw_kenmerk=str(zaak.get("uw_kenmerk", "")),
        handled_by=str(case["contactpersoon"]["naam"]),
        enclosures=tuple(a.title for a in body.appendices),
    )
    addressee = addressing.address(case["ontvanger"])
    return Letter(
        meta=meta,
        sender=sender(settings.municipality),
        recipient=addressee.window,
        salutation=addressee.salutation,
        blocks=_with_about(body.blocks, addressee.about),
        signature=_signature(case, settings.municipality, addressee.copy_line),
        appendices=body.appendices,
        copies=addressee.copies,
    )
