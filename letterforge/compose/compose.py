"""Compose a Letter from a template and validated case data."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Template as JinjaTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from letterforge.case import validate_case
from letterforge.compose import (
    addressing,
    consistency,
    courts,
    local_rules,
    pgb,
    reminder,
    vermogen,
)
from letterforge.compose.calc.for_templates import (
    TEMPLATE_FUNCTION_NAMES,
    template_functions,
)
from letterforge.compose.deadlines import decision_deadline, extended_deadline
from letterforge.compose.environment import (
    CaseCheckError,
    EmptyValueError,
    TooMuchWorkError,
    collect_values,
    make_environment,
    render_bounded,
    restore_values,
)
from letterforge.compose.filters import to_date
from letterforge.compose.furniture import reference_lines, subject_line
from letterforge.compose.markup import Body, MarkupError, map_text, parse_body
from letterforge.compose.model import (
    Address,
    Block,
    Letter,
    LetterMeta,
    Paragraph,
    Signature,
)
from letterforge.compose.motivation import motivation_sources
from letterforge.compose.norms import LetterNorms, NormTable, load_table, norms_on
from letterforge.errors import CaseDataError, Problem, TemplateError
from letterforge.library import Template
from letterforge.library.structure import render_message, syntax_message
from letterforge.settings import Municipality, Settings

if TYPE_CHECKING:
    from letterforge.library.lint import Composing


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
            path = order.field or order.later
            problems.append(Problem(path, order.message, "date_order"))
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


def letter_date(case: Mapping[str, Any], today: date) -> date:
    given = _lookup(case, "zaak.briefdatum")
    return to_date(given) if isinstance(given, str) else today


# The names _context adds to every letter; template lint accepts them without a
# schema field (lint_facts). tests/compose checks that the two agree.
CONTEXT_NAMES = frozenset(
    {
        "normen",
        "beslistermijn",
        "verlengde_beslistermijn",
        "aanmaning_bedragen",
        "pgb_voor_periode",
        "pgb_berekening",
        "pgb_per_jaar",
        "vermogen_berekening",
        "rechtbank",
        "griffierecht",
        "lokale_regel",
        "waarschuwing",
        "brief",
        "gemeente",
        "motiveringsblokken",
    }
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
    fee_warnings: list[str],
    sources: dict[str, str],
    template_warnings: list[Problem] | None = None,
) -> dict[str, Any]:
    municipality = settings.municipality
    # Warnings a template records with `waarschuwing(...)`; compose() passes its
    # list, lint's name check needs none.
    found: list[Problem] = [] if template_warnings is None else template_warnings
    # Norms and calculators bound to the letter's date; warnings about unverified
    # norm values are collected in `warnings` and put on the Letter.
    table = load_table(settings.template_dir)
    functions = template_functions(
        table, day, warnings, case, partial(_template_warning, found)
    )
    equated = table.equated_days.days
    letter_norms = LetterNorms(table, day, warnings)
    computed = {
        **functions,
        "normen": letter_norms,
        "beslistermijn": partial(decision_deadline, equated=equated),
        "verlengde_beslistermijn": partial(extended_deadline, equated=equated),
        "aanmaning_bedragen": partial(reminder.reminder, norms=letter_norms),
        "pgb_voor_periode": pgb.budget_for_period,
        "pgb_berekening": pgb.template_budget,
        "pgb_per_jaar": partial(
            pgb.template_budget_by_year, settings.template_dir, warnings
        ),
        "vermogen_berekening": partial(
            vermogen.vermogen, settings.template_dir, warnings
        ),
        "brief": {
            "datum": day,
            "bezwaar_uiterlijk": functions["bezwaartermijn"](),
            # A measure starting earlier falls in a month that may be paid already.
            "volgende_maand": consistency.first_of_next_month(day),
            # An address abroad: the letter adds a number with +31 to a 14-number.
            "buitenland": addressing.goes_abroad(case.get("ontvanger", {})),
        },
        "gemeente": {
            "naam": municipality.name,
            "college": municipality.college,
            "telefoon": municipality.phone,
            "telefoon_buitenland": municipality.phone_abroad,
            "website": municipality.website,
            "email": municipality.email,
            "bezwaar_adres": municipality.objection_lines,
            "bezwaar_website": municipality.objection_website,
            "rechtbank": municipality.court,
        },
        "motiveringsblokken": blocks,
        "rechtbank": partial(
            _court, settings.template_dir, municipality.court, day, warnings, sources
        ),
        "griffierecht": partial(_court_fee, table, day, fee_warnings),
        "lokale_regel": partial(
            _local_rule, settings.template_dir, day, warnings, sources
        ),
        "waarschuwing": partial(_template_warning, found),
    }
    return {**case, **computed}


def _template_warning(found: list[Problem], path: str, message: str) -> str:
    """`{{ waarschuwing("veld", "melding") }}`: the template's counterpart of
    `fout` for a case that may go on but that the caseworker must check (a
    missing optional field the letter assumes a value for). Recorded once with
    the letter, like the case warnings; prints nothing."""
    problem = Problem(str(path), str(message), "waarschuwing")
    if problem not in found:
        found.append(problem)
    return ""


def _court(
    template_dir: Path,
    default: str,
    day: date,
    warnings: list[str],
    sources: dict[str, str],
    name: str | None = None,
    field: str = "rechtbank",
) -> dict[str, Any]:
    """Template function `rechtbank(naam=None, veld)`: name and postal address of
    a rechtbank on the letter's date; without a name the municipality's own
    (profile key `rechtbank`). An unverified address adds a warning."""
    if not name:
        name, field = default, "gemeenteprofiel: rechtbank"
    court = courts.court_on(template_dir, name, day, field)
    if court.warning and court.warning not in warnings:
        warnings.append(court.warning)
        sources[court.warning] = "rechtbanken"  # templates/_data/rechtbanken.yaml
    # "kort": the postbus and postcode line, for a sentence that already names
    # the rechtbank ("de rechtbank X, Postbus 150, 9700 AD Groningen").
    # "algemeen": the address without an afdeling, for a civil route (verzet,
    # Pw 62b); None when the data has none, so the template can refuse.
    lines = list(court.postal_lines)
    return {
        "naam": court.name,
        "postadres": lines,
        "kort": ", ".join(lines[-2:]),
        "algemeen": list(court.general_lines) or None,
    }


def _local_rule(
    template_dir: Path,
    day: date,
    warnings: list[str],
    sources: dict[str, str],
    rule_id: str,
    field: str,
) -> dict[str, str]:
    """Template function `lokale_regel(id, veld)`: the municipality's own rule
    (regeling, artikel, uitleg) valid on the letter's date (compose/local_rules.py);
    `veld` is the case field that made the letter apply it. An unverified rule
    adds a warning."""
    rule = local_rules.local_rule_on(template_dir, rule_id, day, field)
    if rule.warning and rule.warning not in warnings:
        warnings.append(rule.warning)
        sources[rule.warning] = f"lokale_regels.{rule_id}"  # _data/lokale-regels.yaml
    return {
        "regeling": rule.regulation,
        "artikel": rule.article,
        "uitleg": rule.explanation,
    }


def _court_fee(
    table: NormTable, day: date, warnings: list[str], last_day: Any
) -> dict[str, Any]:
    """Template function `griffierecht(uiterlijk)`: the court fee on the letter's
    date with its year, and whether it changes before the remedy term `uiterlijk`
    ends (courts.court_fee). An unknown next-year amount adds a warning."""
    fee = courts.court_fee(table, day, to_date(last_day))
    if fee.warning and fee.warning not in warnings:
        warnings.append(fee.warning)
    return {
        "bedrag": fee.amount,
        "jaar": fee.year,
        "wijzigt_op": fee.changes_on,
        "nieuw_bedrag": fee.next_amount,
    }


@lru_cache(maxsize=1024)
def _parsed_skeleton(text: str) -> Body:
    """The blocks of a rendered template text, parsed once per distinct text.

    The text holds placeholders (environment.py) where case values go, never the
    values themselves, so it varies only with the template's control flow (which
    branches, how many rows) and is the same for thousands of letters. Parsing
    the Markdown was more than half the cost of composing. The result is frozen
    dataclasses, safe to share; values are put in after parsing (map_text), as
    text, so a case value can never become markup. Bounded: 1024 skeletons.
    """
    return parse_body(text)


@lru_cache(maxsize=256)
def _compiled_string(template_dir: Path, source: str) -> JinjaTemplate:
    """Compile a short template text (a subject line) once, not for every letter."""
    return make_environment(template_dir).from_string(source)


def _render(template: Template, settings: Settings, name: str, context: Any) -> str:
    """Render one Jinja template; map Jinja's errors to ours with file and line."""
    env = make_environment(settings.template_dir)
    try:
        if name.endswith(".j2"):
            return render_bounded(env.get_template(name), context)
        return render_bounded(_compiled_string(settings.template_dir, name), context)
    except TemplateSyntaxError as e:
        where = f"{e.name}:{e.lineno}" if e.lineno else str(e.name)
        raise TemplateError(
            template.id, f"{where}: {syntax_message(e, env)}", e.lineno
        ) from e
    except RecursionError as e:
        message = "het sjabloon roept zichzelf eindeloos aan (recursie)"
        raise TemplateError(template.id, message) from e
    except (UndefinedError, SecurityError, EmptyValueError, TooMuchWorkError) as e:
        raise TemplateError(
            template.id, render_message(e, settings.template_dir)
        ) from e
    except JinjaError as e:
        raise TemplateError(
            template.id, render_message(e, settings.template_dir)
        ) from e
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
    errors, case_warnings = consistency.findings(
        template.case_rules,
        case,
        day,
        norms_on(settings.template_dir, day),
        load_table(settings.template_dir),
    )
    if errors:
        raise CaseDataError(tuple(errors))
    case_warnings.extend(consistency.post_elsewhere(case))
    norm_warnings: list[str] = []
    fee_warnings: list[str] = []
    sources: dict[str, str] = {}
    template_warnings: list[Problem] = []
    context = _context(
        case,
        settings,
        day,
        blocks,
        norm_warnings,
        fee_warnings,
        sources,
        template_warnings,
    )
    with collect_values() as values:
        body_text = _render(template, settings, template.source, context)
        subject_text = _render(template, settings, template.subject, context)
    try:
        body = map_text(
            _parsed_skeleton(body_text), lambda t: restore_values(t, values)
        )
    except MarkupError as e:
        raise TemplateError(template.id, str(e)) from e
    letter = _assemble(
        template, case, settings, day, body, restore_values(subject_text, values)
    )
    warnings = (
        *case_warnings,
        *template_warnings,
        *_norm_problems(norm_warnings, sources),
        *(Problem("zaak.briefdatum", m, "griffierecht_onbekend") for m in fee_warnings),
    )
    return dataclasses.replace(letter, warnings=warnings)


def _norm_problems(
    messages: list[str], sources: Mapping[str, str]
) -> tuple[Problem, ...]:
    """Warnings about data not verified in its official source, as the same
    Problem shape as the case warnings. The path names the data to check, not a
    case field: `rechtbanken`, `lokale_regels.<id>`, or `normen` (the dated norms;
    normen.yaml), so the caseworker does not look at the letter date (review r3)."""
    return tuple(
        Problem(sources.get(m, "normen"), m, "norm_niet_geverifieerd") for m in messages
    )


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
    """A letter to a representative names the person right after the salutation,
    before the summary: every "u" that follows must already be clear."""
    if not about:
        return blocks
    return (Paragraph(about), *blocks)


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
    addressee = addressing.address(case["ontvanger"], day)
    return Letter(
        meta=meta,
        sender=settings.municipality,
        references=reference_lines(meta),
        subject=subject_line(meta),
        recipient=addressee.window,
        salutation=addressee.salutation,
        blocks=_with_about(body.blocks, addressee.about),
        signature=_signature(case, settings.municipality, addressee.copy_line),
        appendices=body.appendices,
        copies=addressee.copies,
    )
