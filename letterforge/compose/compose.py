"""Compose a Letter from a template and validated case data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Template as JinjaTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from letterforge.case import validate_case
from letterforge.compose.calc.for_templates import (
    TEMPLATE_FUNCTION_NAMES,
    template_functions,
)
from letterforge.compose.deadlines import decision_deadline, extended_deadline
from letterforge.compose.environment import (
    CaseCheckError,
    EmptyValueError,
    collect_values,
    make_environment,
    restore_values,
)
from letterforge.compose.filters import to_date
from letterforge.compose.furniture import reference_lines, subject_line
from letterforge.compose.markup import Body, MarkupError, map_text, parse_body
from letterforge.compose.model import Address, Letter, LetterMeta, Signature
from letterforge.compose.motivation import motivation_sources
from letterforge.compose.norms import LetterNorms, load_table
from letterforge.errors import CaseDataError, Problem, TemplateError
from letterforge.library import Template
from letterforge.settings import Municipality, Settings

if TYPE_CHECKING:
    from letterforge.library.lint import Composing

SALUTATIONS = {"mevrouw": "mevrouw", "de heer": "heer"}


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


def full_name(person: Mapping[str, Any]) -> str:
    parts = (
        person.get("voorletters"),
        person.get("tussenvoegsel"),
        person["achternaam"],
    )
    return " ".join(p for p in parts if p)


def _surname(person: Mapping[str, Any]) -> str:
    """ "De Vries": the tussenvoegsel takes a capital without initials before it."""
    prefix = person.get("tussenvoegsel")
    surname = str(person["achternaam"])
    return f"{prefix[:1].upper()}{prefix[1:]} {surname}" if prefix else surname


def salutation(person: Mapping[str, Any]) -> str:
    form = SALUTATIONS.get(str(person.get("aanhef", "")))
    if form:
        return f"Geachte {form} {_surname(person)},"
    return f"Geachte {full_name(person)},"


def recipient_address(person: Mapping[str, Any]) -> Address:
    adres = person["adres"]
    title = {"mevrouw": "Mevrouw", "de heer": "De heer"}.get(str(person.get("aanhef")))
    name = f"{title} {full_name(person)}" if title else full_name(person)
    house = " ".join(
        str(p) for p in (adres["huisnummer"], adres.get("toevoeging")) if p
    )
    lines = (
        f"{adres['straat']} {house}",
        f"{adres['postcode']}  {str(adres['plaats']).upper()}",
    )
    return Address(name=name, lines=lines)


def letter_date(case: Mapping[str, Any], today: date) -> date:
    given = _lookup(case, "zaak.briefdatum")
    return to_date(given) if isinstance(given, str) else today


# The names _context adds to every letter; template lint accepts them without a
# schema field (lint_facts). tests/compose checks that the two agree.
CONTEXT_NAMES = frozenset(
    {"normen", "boete", "brief", "gemeente", "motiveringsblokken"}
) | frozenset(TEMPLATE_FUNCTION_NAMES)


def lint_facts() -> Composing:
    """What template lint needs to know of composing (library/lint.py)."""
    # Imported here: lint brings the readability checker, which composing a letter
    # does not need.
    from letterforge.library.lint import Composing

    return Composing(environment=make_environment, context_names=CONTEXT_NAMES)


def _context(
    case: Mapping[str, Any],
    settings: Settings,
    day: date,
    blocks: list[str],
    warnings: list[str],
) -> dict[str, Any]:
    municipality = settings.municipality
    # Norms and calculators bound to the letter's date; warnings about unverified
    # norm values are collected in `warnings` and put on the Letter.
    table = load_table(settings.template_dir)
    functions = template_functions(table, day, warnings)
    equated = table.equated_days.days
    computed = {
        **functions,
        "normen": LetterNorms(table, day, warnings),
        "beslistermijn": partial(decision_deadline, equated=equated),
        "verlengde_beslistermijn": partial(extended_deadline, equated=equated),
        "brief": {"datum": day, "bezwaar_uiterlijk": functions["bezwaartermijn"]()},
        "gemeente": {
            "naam": municipality.name,
            "college": municipality.college,
            "telefoon": municipality.phone,
            "website": municipality.website,
            "email": municipality.email,
            "bezwaar_adres": municipality.objection_lines,
            "bezwaar_website": municipality.objection_website,
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
    warnings: list[str] = []
    context = _context(case, settings, day, blocks, warnings)
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
    return replace(letter, warnings=tuple(warnings))


def _signature(case: Mapping[str, Any], municipality: Municipality) -> Signature:
    signer = case["ondertekening"]
    return Signature(
        closing="Met vriendelijke groet,",
        on_behalf=f"Namens {municipality.college},",
        name=str(signer["naam"]),
        function=str(signer["functie"]),
    )


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
        # Collapse layout whitespace only: a no-break space in "€ 600" stays.
        subject=" ".join(re.split(r"[ \t\r\n]+", subject.strip())),
        letter_date=day,
        kenmerk=str(zaak["kenmerk"]),
        zaaknummer=str(zaak.get("zaaknummer", "")),
        uw_kenmerk=str(zaak.get("uw_kenmerk", "")),
        handled_by=str(case["contactpersoon"]["naam"]),
        enclosures=tuple(a.title for a in body.appendices),
    )
    return Letter(
        meta=meta,
        sender=settings.municipality,
        references=reference_lines(meta),
        subject=subject_line(meta),
        recipient=recipient_address(case["ontvanger"]),
        salutation=salutation(case["ontvanger"]),
        blocks=body.blocks,
        signature=_signature(case, settings.municipality),
        appendices=body.appendices,
    )
