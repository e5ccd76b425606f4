"""Apply a template's case consistency rules (library/checks.py) to one case.

Returns the Dutch findings as Problems: errors refuse the letter (the caller raises
CaseDataError), warnings travel with the composed Letter so the web form and the
API can show them. Dates in messages are written out, so the caseworker sees what
to check.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from letterforge.compose.calc import termijnen
from letterforge.compose.deadlines import term_end
from letterforge.compose.filters import datum, to_date
from letterforge.compose.norms import NormTable
from letterforge.errors import Problem
from letterforge.library.checks import CaseRule


def _lookup(case: Mapping[str, Any], path: str) -> Any:
    value: Any = case
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _date(value: Any) -> date | None:
    try:
        return to_date(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _weeks(rule: CaseRule, norms: Mapping[str, Decimal]) -> int | None:
    if rule.norm:
        value = norms.get(rule.norm)
        return int(value) if value is not None else None
    return rule.weeks


def _term(rule: CaseRule, case: Mapping[str, Any], day: date, norms: Any) -> str:
    start, weeks = _date(_lookup(case, rule.field)), _weeks(rule, norms)
    if weeks is None:
        return (
            f"{rule.message}: de termijn ({rule.norm}) is niet bekend op {datum(day)}"
        )
    if start is None:
        return ""
    extended = _date(_lookup(case, rule.extended_to)) if rule.extended_to else None
    if extended is not None:
        if day <= extended:
            return ""
        return (
            f"{rule.message}: de verlengde termijn eindigde op {datum(extended)};"
            f" de brief is van {datum(day)}"
        )
    paused = _suspended_days(rule, case)
    # A suspension (Awb 4:15) moves the whole term on by the days it lasted.
    end = term_end(start + timedelta(days=1 + paused), weeks)
    if day <= end:
        return ""
    days = "1 dag" if paused == 1 else f"{paused} dagen"
    pause = f", {days} later door opschorting" if paused else ""
    return (
        f"{rule.message}: de termijn van {weeks} weken na {datum(start)}"
        f" eindigde op {datum(end)}{pause}; de brief is van {datum(day)}"
    )


def _suspended_days(rule: CaseRule, case: Mapping[str, Any]) -> int:
    """Days between the two dates of a rule's suspension (Awb 4:15), 0 without."""
    first, last = rule.suspended
    if not first:
        return 0
    begin, end = _date(_lookup(case, first)), _date(_lookup(case, last))
    if begin is None or end is None or end <= begin:
        return 0
    return (end - begin).days


def _future(rule: CaseRule, case: Mapping[str, Any], day: date) -> str:
    when = _date(_lookup(case, rule.field))
    if when is None or when <= day:
        return ""
    return f"{rule.message}: {datum(when)} ligt na de datum van de brief ({datum(day)})"


def _flat(value: Any) -> str:
    return str(value or "").replace(" ", "").lower()


def _left_address(rule: CaseRule, case: Mapping[str, Any]) -> tuple[str, str]:
    """(severity, message) when the letter goes to the address the person left (the
    rule's severity), or to another address in the place they left (a warning: a
    decision about a move to another gemeente, Pw 40, sent to the old place is
    likely sent to the wrong address). ("", "") when neither."""
    left = _lookup(case, rule.field)
    sent_to = _lookup(case, "ontvanger.adres")
    if not isinstance(left, Mapping) or not isinstance(sent_to, Mapping):
        return "", ""
    keys = ("straat", "huisnummer", "toevoeging", "postcode")
    if all(_flat(left.get(k)) == _flat(sent_to.get(k)) for k in keys):
        return rule.severity, rule.message
    if left.get("plaats") and _flat(left.get("plaats")) == _flat(sent_to.get("plaats")):
        return "waarschuwing", (
            f"de brief gaat naar een adres in {left['plaats']}, de plaats die de "
            "inwoner verliet; controleer of dit het adres is waar de inwoner nu woont"
        )
    return "", ""


def _expand(node: Any, parts: list[str], prefix: str) -> list[tuple[str, Any]]:
    """(path, value) for every match of a dotted path in which `*` stands for each
    item of a list: "opschorting.stukken.*.periode_tot"."""
    if not parts:
        return [(prefix, node)]
    head, rest = parts[0], parts[1:]
    if head == "*":
        items = node if isinstance(node, list) else []
        return [
            found
            for index, item in enumerate(items)
            for found in _expand(item, rest, f"{prefix}.{index}")
        ]
    if not isinstance(node, Mapping) or head not in node:
        return []
    return _expand(node[head], rest, f"{prefix}.{head}" if prefix else head)


def _not_ended(rule: CaseRule, case: Mapping[str, Any]) -> list[Problem]:
    """Each date at `rule.field` that does not lie before the date at `rule.before`."""
    asked = _date(_lookup(case, rule.before))
    if asked is None:
        return []
    problems = []
    for path, value in _expand(case, rule.field.split("."), ""):
        ends = _date(value)
        if ends is not None and ends >= asked:
            problems.append(
                Problem(
                    path,
                    f"{rule.message}: de periode eindigt op {datum(ends)}, maar wij "
                    f"vroegen het op {datum(asked)}",
                    rule.severity,
                )
            )
    return problems


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _no_reason(rule: CaseRule, case: Mapping[str, Any]) -> str:
    """The rule's message when the text at `rule.field` holds only sentences that
    state the conclusion (see library/checks.py, kind `reden`)."""
    text = _lookup(case, rule.field)
    if not isinstance(text, str) or not text.strip():
        return ""  # a missing field is the schema's error, not ours
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    if any(rule.conclusion.lower() not in s.lower() for s in sentences):
        return ""
    return rule.message


def _latest(case: Mapping[str, Any], path: str) -> date | None:
    """The latest date at `path`, in which `*` stands for every item of a list."""
    found = [_date(value) for _, value in _expand(case, path.split("."), "")]
    dates = [day for day in found if day is not None]
    return max(dates) if dates else None


def _out_of_order(rule: CaseRule, case: Mapping[str, Any]) -> str:
    """The rule's message with the dates when the date at `rule.field` lies before
    the (latest) date at `rule.after`, and the exception (`rule.unless_from` plus
    `rule.weeks` weeks) does not apply (library/checks.py, kind `volgorde`)."""
    when, after = _date(_lookup(case, rule.field)), _latest(case, rule.after)
    if when is None or after is None or when >= after:
        return ""
    since = _date(_lookup(case, rule.unless_from)) if rule.unless_from else None
    if since is not None and when >= since + timedelta(weeks=rule.weeks):
        return ""
    return f"{rule.message}: {datum(when)} ligt voor {datum(after)}"


def first_of_next_month(day: date) -> date:
    """The first day of the month after `day`."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _before_next_month(rule: CaseRule, case: Mapping[str, Any], day: date) -> str:
    """The rule's message with the dates when the date at `rule.field` lies before
    the first day of the month after the letter (library/checks.py, kind
    `volgende-maand`)."""
    start, next_month = _date(_lookup(case, rule.field)), first_of_next_month(day)
    if start is None or start >= next_month:
        return ""
    return (
        f"{rule.message}: {datum(start)} ligt voor {datum(next_month)}, de eerste"
        f" dag van de maand na de brief ({datum(day)})"
    )


def _objection_dates(
    rule: CaseRule, case: Mapping[str, Any], table: NormTable
) -> tuple[date, date, date] | None:
    """(received, decided, end of the bezwaartermijn) of a bezwaar rule, or None
    when a date is missing or the bezwaar predates the decision (that is the
    template's own `controles` error, Awb 6:10). `decided` is the first date
    the case gives of `rule.after` (`a|b`: the day the decision was sent, else
    its date; Awb 6:8 lid 1: the term starts the day after bekendmaking). The
    end comes from the same calculator as the letters and `calc bezwaartermijn`
    (Awb 6:7, 6:8 and the Algemene termijnenwet with the days equated by Royal
    decree)."""
    received = _date(_lookup(case, rule.field))
    _, decided = _first_given(case, rule.after)
    if received is None or decided is None or received < decided:
        return None
    end = termijnen.bezwaartermijn(table, decided).uiterlijk
    return received, decided, end


# Awb 6:9 lid 2: a bezwaar posted before the end of the term is on time if it
# is received no later than a week after the term. [unverified wording: 6:9 is
# not quoted in ../shared/reference; this is the well-known text of the Awb.]
POSTAL_GRACE = timedelta(weeks=1)


def _decision_words(rule: CaseRule, case: Mapping[str, Any]) -> str:
    """ "besluit van <date>", or "besluit verzonden op <date>" when the term
    counts from a send date the case gives (the first field of `rule.after`)."""
    path, decided = _first_given(case, rule.after)
    if decided is None:  # callers only ask after _objection_dates found it
        return "besluit"
    sent = "|" in rule.after and path == rule.after.split("|")[0]
    return f"besluit {'verzonden op' if sent else 'van'} {datum(decided)}"


def _posted_in_time(
    rule: CaseRule, case: Mapping[str, Any], received: date, end: date
) -> date | None:
    """The posting day at `rule.posted` when it makes a bezwaar received after
    `end` on time (Awb 6:9 lid 2): posted on or before `end` and received at
    most a week after it; None otherwise."""
    posted = _date(_lookup(case, rule.posted)) if rule.posted else None
    if posted is None or posted > end or received > end + POSTAL_GRACE:
        return None
    return posted


def _excused(rule: CaseRule, case: Mapping[str, Any]) -> bool:
    excuse = _lookup(case, rule.excused)
    return isinstance(excuse, str) and bool(excuse.strip())


def _late_objection(rule: CaseRule, case: Mapping[str, Any], table: NormTable) -> str:
    """The rule's message with the dates when the bezwaar received on the date at
    `rule.field` came in after the bezwaartermijn of the decision dated at
    `rule.after` (Awb 6:7, 6:8) and the case gives no reason at `rule.excused`
    why that is excusable (Awb 6:11)."""
    dates = _objection_dates(rule, case, table)
    if dates is None or dates[0] <= dates[2] or _excused(rule, case):
        return ""
    received, _, end = dates
    if _posted_in_time(rule, case, received, end):
        return ""
    return (
        f"wij kregen het bezwaar op {datum(received)}, na het einde van de"
        f" bezwaartermijn op {datum(end)} ({_decision_words(rule, case)}):"
        f" {rule.message}"
    )


def _objection_on_time(
    rule: CaseRule, case: Mapping[str, Any], table: NormTable
) -> str:
    """The rule's message with the dates when the case calls a bezwaar late that
    came in on time, or whose lateness it calls excusable (Awb 6:11)."""
    dates = _objection_dates(rule, case, table)
    if dates is None:
        return ""
    received, _, end = dates
    if _excused(rule, case):
        return f"de te late indiening is verschoonbaar ({rule.excused}): {rule.message}"
    posted = _posted_in_time(rule, case, received, end)
    if posted is not None:
        return (
            f"het bezwaar is op {datum(posted)} gepost ({rule.posted}), binnen de"
            f" bezwaartermijn tot en met {datum(end)}, en wij kregen het op"
            f" {datum(received)}, binnen een week daarna: dan is het op tijd"
            f" (artikel 6:9 lid 2 Awb): {rule.message}"
        )
    if received > end:
        return ""
    return (
        f"wij kregen het bezwaar op {datum(received)}, binnen de bezwaartermijn"
        f" tot en met {datum(end)} ({_decision_words(rule, case)}): {rule.message}"
    )


def _objection_decision_term(
    rule: CaseRule, case: Mapping[str, Any], day: date, table: NormTable
) -> str:
    """The rule's message with the dates when the letter comes after the decision
    term on a bezwaar (Awb 7:10 lid 1): `rule.weeks` weeks after the end of the
    bezwaartermijn, or after the day the bezwaar came in when that was later."""
    dates = _objection_dates(rule, case, table)
    if dates is None:
        return ""
    received, _, end = dates
    start = max(end, received)
    last = termijnen.beslistermijn(table, start, rule.weeks).uiterlijk
    if day <= last:
        return ""
    after = (
        f"het einde van de bezwaartermijn op {datum(end)}"
        if start == end
        else f"de dag waarop wij het bezwaar kregen ({datum(received)})"
    )
    return (
        f"{rule.message}: de termijn van {rule.weeks} weken na {after}"
        f" eindigde op {datum(last)}; de brief is van {datum(day)}"
    )


def _short_term(rule: CaseRule, case: Mapping[str, Any]) -> str:
    """The rule's message with the dates when the term from the day after the
    date at `rule.after` to the date at `rule.field` is shorter than
    `rule.weeks` weeks (library/checks.py, kind `korte-termijn`)."""
    given, last = _date(_lookup(case, rule.after)), _date(_lookup(case, rule.field))
    if given is None or last is None:
        return ""
    shortest = given + timedelta(weeks=rule.weeks)
    if last >= shortest:
        return ""
    return (
        f"{rule.message}: de termijn liep van {datum(given + timedelta(days=1))}"
        f" tot en met {datum(last)}, korter dan {rule.weeks} weken"
        f" (tot en met {datum(shortest)})"
    )


def _missing(rule: CaseRule, case: Mapping[str, Any]) -> str:
    """The rule's message when the case has nothing at `rule.field` and no reason
    at `rule.excused` why nothing is needed (library/checks.py, kind `ontbreekt`)."""
    if _lookup(case, rule.field) is not None or _excused(rule, case):
        return ""
    return rule.message


def _applies(rule: CaseRule, case: Mapping[str, Any]) -> bool:
    """False when the rule's `als` does not hold or its `behalve` does."""
    field, values = rule.only_if
    if field and str(_lookup(case, field)) not in values:
        return False
    field, values = rule.unless
    return not (field and str(_lookup(case, field)) in values)


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, or the last day of that month
    when it is shorter (31 May minus 3 months is 28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _first_given(case: Mapping[str, Any], paths: str) -> tuple[str, date | None]:
    """(path, date) of the first of the `|`-separated fields that the case gives."""
    for path in paths.split("|"):
        found = _date(_lookup(case, path))
        if found is not None:
            return path, found
    return "", None


def _backdated(rule: CaseRule, case: Mapping[str, Any]) -> str:
    """The rule's message with the dates when the start at `rule.field` lies before
    the melding (library/checks.py, kind `terugwerkend`): without a reason at
    `rule.excused` any day before it, with one more than `rule.months` months."""
    start = _date(_lookup(case, rule.field))
    path, melding = _first_given(case, rule.after)
    if start is None or melding is None or start >= melding:
        return ""
    reason = _lookup(case, rule.excused)
    earliest = months_before(melding, rule.months)
    if not (isinstance(reason, str) and reason.strip()):
        return f"{datum(start)} ligt voor {datum(melding)} ({path}): {rule.message}"
    if start >= earliest:
        return ""
    return (
        f"{datum(start)} ligt meer dan {rule.months} maanden voor {datum(melding)}"
        f" ({path}); ook met een reden kan dat niet eerder dan {datum(earliest)}"
    )


def _message(
    rule: CaseRule,
    case: Mapping[str, Any],
    day: date,
    norms: Mapping[str, Decimal],
    table: NormTable,
) -> tuple[str, str]:
    """(severity, message) of one rule other than `afgelopen`; "" when it holds."""
    kind = rule.kind
    if kind == "verlaten-adres":
        return _left_address(rule, case)
    if kind == "termijn":
        message = _term(rule, case, day, norms)
    elif kind == "bezwaartermijn":
        message = _late_objection(rule, case, table)
    elif kind == "op-tijd":
        message = _objection_on_time(rule, case, table)
    elif kind == "beslistermijn-bezwaar":
        message = _objection_decision_term(rule, case, day, table)
    elif kind == "volgende-maand":
        message = _before_next_month(rule, case, day)
    else:
        simple = {
            "reden": _no_reason,
            "volgorde": _out_of_order,
            "terugwerkend": _backdated,
            "ontbreekt": _missing,
            "korte-termijn": _short_term,
        }.get(kind)
        message = simple(rule, case) if simple else _future(rule, case, day)
    return rule.severity, message


def findings(
    rules: tuple[CaseRule, ...],
    case: Mapping[str, Any],
    letter_date: date,
    norms: Mapping[str, Decimal],
    table: NormTable,
) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) for `case` with a letter dated `letter_date`; `table`
    gives the days equated with holidays for the bezwaar terms."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for rule in rules:
        if not _applies(rule, case):
            continue
        if rule.kind == "afgelopen":
            found = _not_ended(rule, case)
            (errors if rule.severity == "fout" else warnings).extend(found)
            continue
        severity, message = _message(rule, case, letter_date, norms, table)
        if not message:
            continue
        path = "ontvanger.adres" if rule.kind == "verlaten-adres" else rule.field
        if rule.kind in ("termijn", "beslistermijn-bezwaar"):
            path = "zaak.briefdatum"  # the letter comes too late
        target = errors if severity == "fout" else warnings
        target.append(Problem(path, message, severity))
    return errors, warnings


# Phrases by which a case's facts say the person's post does not arrive at the
# address the letter goes to, or the person is not found there. Deliberately a
# short list of plain Dutch phrases a caseworker writes ("Uw post gaat naar een
# adres in Elders", "was u niet thuis", "niet aangetroffen", "briefadres"): the
# check only asks the caseworker to look, it decides nothing.
_POST_ELSEWHERE = re.compile(
    r"\bpost\b[^.;]{0,30}\b(?:gaat|ging|gaan|komt|kwam|wordt|werd)\b[^.;]{0,30}"
    r"\b(?:naar|op|bij|terug|retour)\b"
    r"|\bniet thuis\b|\bniet (?:meer )?aangetroffen\b|\bbriefadres\b"
    r"|\bonbekend verhuisd\b|\bwoont niet (?:meer )?(?:op|aan|in)\b",
    re.IGNORECASE,
)
# Fields about the letter itself, not about the person's situation.
_NOT_FACTS = frozenset({"zaak", "ontvanger", "contactpersoon", "ondertekening"})
POST_ELSEWHERE_MESSAGE = (
    "volgens de gegevens van de zaak komt de post van de inwoner niet (altijd) "
    "aan op het adres van de brief, of troffen wij de inwoner daar niet aan; "
    "de brief gaat maar naar één adres. Is het besluit dan wel bekendgemaakt "
    "(artikel 3:41 Awb)? Geef een tweede adres in ontvanger.ook_sturen_naar"
)


def _texts(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, f"{path}.{index}")


def post_elsewhere(case: Mapping[str, Any]) -> list[Problem]:
    """A warning when a fact or motivation field of the case says the post goes
    elsewhere or the person is not found at the address (`_POST_ELSEWHERE`), and
    the letter goes to one address only: no `ontvanger.ook_sturen_naar` and no
    representative (whose own address is where the letter must arrive). Awb
    3:41 (bekendmaking), 6:8 (the bezwaartermijn starts from it) and 6:11 (a late
    bezwaar excused). One warning, naming the first field that says so."""
    ontvanger = case.get("ontvanger")
    if not isinstance(ontvanger, Mapping):
        return []
    if ontvanger.get("ook_sturen_naar") or ontvanger.get("vertegenwoordiger"):
        return []
    facts = {k: v for k, v in case.items() if k not in _NOT_FACTS}
    for path, text in _texts(facts, ""):
        if _POST_ELSEWHERE.search(text):
            return [Problem(path, POST_ELSEWHERE_MESSAGE, "waarschuwing")]
    return []
