"""Case consistency rules as data: what a template declares under `waarschuwingen`.

A rule protects the caseworker before a letter is made. Each has a severity:
"waarschuwing" (the letter is made, the warning travels with it) or "fout" (the
letter is refused with a Dutch error naming the field). Kinds:

- `termijn`: the letter date lies after a legal term that starts the day after the
  date at `van` and lasts `weken` weeks, or the number of weeks in norm `norm`
  (e.g. Wmo 2015 art. 2.3.5 lid 2: two weeks after the aanvraag; Awb 4:5 lid 4:
  four weeks after the hersteltermijn; Awb 4:13 lid 2: eight weeks after a
  bijstand aanvraag). Optional: `verlengd_tot`, the field of the day to which
  the term was extended (Awb 4:14) or that a suspension (4:15) moved it to: when
  the case gives it, that day is the end; `opgeschort_van` and
  `opgeschort_tot`, the fields of a period the term was suspended (Awb 4:15 lid
  1 a: from asking for missing papers until the hersteltermijn ends): the term
  ends that many days later;
- `toekomst`: the date at `veld` lies after the letter date (a period in the future);
- `verlaten-adres`: the address at `veld` — one the case says the person left — is
  the address the letter goes to (Awb 3:41: the decision would not be made known,
  and personal data would reach a stranger);
- `later`: the date at `veld` lies after the letter date although the letter relies
  on it (a letter dated before the facts it relies on);
- `reden`: the text at `veld` gives no reason: once the sentences that only state
  the conclusion (those with the word in `conclusie`, e.g. "verwijt") are left
  out, no sentence remains ("Dat kunnen wij u verwijten." alone). Deliberately
  simple: it cannot judge a reason, only notice that none is written (Pw 18 lid
  9 and Awb 3:46 ask for the why);
- `volgorde`: the date at `veld` lies before the date at `na` (a step taken before
  the step it must follow), unless the date at `tenzij_van` lies at least `weken`
  weeks before it. Wmo 2015 art. 2.3.2 lid 9: an aanvraag comes after the
  onderzoeksverslag, or six weeks after the melding when the onderzoek is late;
- `afgelopen`: each date at `veld` (a path in which `*` stands for every item of a
  list) must lie before the date at `voor`: a paper asked for must concern a period
  that had ended when we asked (no payslip of November asked for on 2 November:
  Pw 17 and 54 lid 1 need a real failure to give what could be given);
- `volgende-maand`: the date at `veld` lies before the first day of the month after
  the letter date: a measure that starts in a month already paid (or being paid)
  is in effect a herziening with terugvordering (Pw 54 lid 3, 58), which needs its
  own decision; a maatregel or opschorting works for the future;
- `bezwaartermijn`: the bezwaar received on the date at `veld` came in after the
  bezwaartermijn of the decision dated at `na` (Awb 6:7, 6:8, counted by
  compose/deadlines.py), unless the case gives a reason at `tenzij_reden` why the
  lateness is excusable (Awb 6:11). A late bezwaar is niet-ontvankelijk (7:1),
  so a decision on its merits has the wrong operative part. `na` may name
  `a|b`: the first of these fields the case gives (the day the decision was
  sent, else its date: 6:8 counts from the day after bekendmaking). Optional
  `gepost`: the field of the day the bezwaar was posted; one posted within the
  term and received at most a week after it is on time (Awb 6:9 lid 2). The
  same `na` and `gepost` serve the kinds `op-tijd` and `beslistermijn-bezwaar`;
- `terugwerkend`: the start at `veld` lies before the melding at `na` (`a|b`: the
  first of these fields the case gives), unless the case gives a reason at
  `tenzij_reden`; even then it may lie at most `maanden` months before it (Pw 44
  lid 1: bijstand not before the melding; lid 5, since 1-1-2026: up to three
  months before it, with a reason);
- `op-tijd`: the reverse of `bezwaartermijn`: the case calls the bezwaar late
  (use with `als`), yet the bezwaar at `veld` came in within the bezwaartermijn of
  the decision at `na`, or the case gives a reason at `tenzij_reden` why the
  lateness is excusable: a niet-ontvankelijk ground that does not hold;
- `ontbreekt`: the case has no value at `veld` and gives no reason at
  `tenzij_reden` why none is needed. Awb 4:8: before an adverse decision that
  rests on facts the person did not give, we ask for a zienswijze, unless 4:11
  or 4:12 applies, which the letter then says;
- `beslistermijn-bezwaar`: the letter date lies after the decision term on a
  bezwaar, `weken` weeks after the end of the bezwaartermijn of the decision at
  `na` (Awb 7:10 lid 1). A bezwaar at `veld` that came in after that end cannot
  have a term that ended before it arrived: the weeks then count from the day
  after it came in; the lateness itself is the `bezwaartermijn` rule's finding.

- `korte-termijn`: the term we gave, from the day after the date at `na` to the
  date at `veld`, is shorter than `weken` weeks (Awb 6:6: a hersteltermijn must
  be reasonable; two weeks is common practice, not a rule of law).

Any rule may carry `als: {veld, waarde}` (apply it only when the field holds
that value, or one of a list) or `behalve: {veld, waarde}` (not then): a late
bezwaar declared niet-ontvankelijk needs no warning that it is late.

A `volgorde` rule's `na` may hold `*` (every item of a list): the date at `veld`
must then lie on or after the latest of them (a maatregel cannot start before the
conduct it punishes, Pw 18 lid 2: "because of" the failure).

Shape in template.yaml:

    waarschuwingen:
      - {soort: termijn, van: aanvraag.datum, norm: wmo_beslistermijn_weken,
         melding: "het besluit komt na de beslistermijn van artikel 2.3.5 Wmo"}
      - {soort: verlaten-adres, veld: beeindiging.vertrokken_adres, ernst: fout,
         melding: "de brief gaat naar het adres dat de inwoner verliet"}
      - {soort: afgelopen, veld: opschorting.stukken.*.periode_tot,
         voor: opschorting.gevraagd_op, ernst: fout, melding: "..."}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from letterforge.errors import TemplateError

KINDS = (
    "termijn",
    "toekomst",
    "verlaten-adres",
    "later",
    "afgelopen",
    "reden",
    "volgorde",
    "volgende-maand",
    "bezwaartermijn",
    "terugwerkend",
    "op-tijd",
    "beslistermijn-bezwaar",
    "ontbreekt",
    "korte-termijn",
)
SEVERITIES = ("waarschuwing", "fout")


@dataclass(frozen=True)
class CaseRule:
    """One consistency rule of a template (see the module docstring)."""

    kind: str
    field: str
    message: str
    severity: str = "waarschuwing"
    weeks: int = 0
    norm: str = ""
    before: str = ""  # `voor` of an `afgelopen` rule
    conclusion: str = ""  # `conclusie` of a `reden` rule
    after: str = ""  # `na` of a `volgorde` rule
    unless_from: str = ""  # `tenzij_van` of a `volgorde` rule
    extended_to: str = ""  # `verlengd_tot` of a `termijn` rule (Awb 4:14)
    suspended: tuple[str, str] = ("", "")  # `opgeschort_van`/`_tot` (Awb 4:15)
    excused: str = ""  # `tenzij_reden` of a `bezwaartermijn`/`terugwerkend` rule
    months: int = 0  # `maanden` of a `terugwerkend` rule
    only_if: tuple[str, tuple[str, ...]] = ("", ())  # `als`: field and values
    unless: tuple[str, tuple[str, ...]] = ("", ())  # `behalve`: field and values
    posted: str = ""  # `gepost` of a bezwaar rule (Awb 6:9 lid 2)


def _condition(raw: Any, key: str, template_id: str) -> tuple[str, tuple[str, ...]]:
    """(`veld`, values) of a rule's `als` or `behalve`; ("", ()) without."""
    if raw is None:
        return "", ()
    field = raw.get("veld") if isinstance(raw, Mapping) else None
    value = raw.get("waarde") if isinstance(raw, Mapping) else None
    values = value if isinstance(value, list) else [value]
    if not isinstance(field, str) or not all(isinstance(v, str) for v in values):
        raise TemplateError(
            template_id, f"'{key}' heeft 'veld' en 'waarde' (tekst of lijst) nodig"
        )
    return field, tuple(values)


def _check_objection_term(kind: Any, after: Any, weeks: Any, template_id: str) -> None:
    if kind in ("beslistermijn-bezwaar", "korte-termijn") and not (
        isinstance(after, str) and after and isinstance(weeks, int) and weeks > 0
    ):
        raise TemplateError(
            template_id, f"een regel '{kind}' heeft 'na' en 'weken' nodig"
        )


def _check_reason_rule(kind: Any, after: Any, excused: Any, template_id: str) -> None:
    """The fields a rule with an excuse (`tenzij_reden`) needs."""
    needs_after = kind in ("bezwaartermijn", "terugwerkend", "op-tijd")
    if (needs_after or kind == "ontbreekt") and not (
        isinstance(excused, str) and excused
    ):
        raise TemplateError(
            template_id, f"een regel '{kind}' heeft 'tenzij_reden' nodig"
        )
    if needs_after and not (isinstance(after, str) and after):
        raise TemplateError(
            template_id, f"een regel '{kind}' heeft 'na' en 'tenzij_reden' nodig"
        )


def _rule(raw: Any, template_id: str) -> CaseRule:
    if not isinstance(raw, Mapping):
        raise TemplateError(template_id, "elke waarschuwing heeft velden nodig")
    kind = raw.get("soort")
    if kind not in KINDS:
        raise TemplateError(template_id, f"onbekende soort waarschuwing '{kind}'")
    severity = raw.get("ernst", "waarschuwing")
    if severity not in SEVERITIES:
        raise TemplateError(template_id, f"'ernst' moet een van {SEVERITIES} zijn")
    field = raw.get("van") if kind == "termijn" else raw.get("veld")
    message = raw.get("melding")
    if not isinstance(field, str) or not isinstance(message, str) or not message:
        raise TemplateError(template_id, f"de waarschuwing '{kind}' mist velden")
    weeks, norm = raw.get("weken", 0), raw.get("norm", "")
    if kind == "termijn" and not (
        (isinstance(weeks, int) and weeks > 0) or (isinstance(norm, str) and norm)
    ):
        raise TemplateError(template_id, "een termijn heeft 'weken' of 'norm' nodig")
    before = raw.get("voor", "")
    if kind == "afgelopen" and not (isinstance(before, str) and before):
        raise TemplateError(template_id, "een regel 'afgelopen' heeft 'voor' nodig")
    extended = raw.get("verlengd_tot", "")
    suspended = (raw.get("opgeschort_van", ""), raw.get("opgeschort_tot", ""))
    if not all(isinstance(f, str) for f in (extended, *suspended)) or (
        bool(suspended[0]) != bool(suspended[1])
    ):
        raise TemplateError(
            template_id,
            "'verlengd_tot', 'opgeschort_van' en 'opgeschort_tot' zijn velden; "
            "geef 'opgeschort_van' en 'opgeschort_tot' samen",
        )
    conclusion = raw.get("conclusie", "")
    if kind == "reden" and not (isinstance(conclusion, str) and conclusion):
        raise TemplateError(template_id, "een regel 'reden' heeft 'conclusie' nodig")
    after, unless_from = raw.get("na", ""), raw.get("tenzij_van", "")
    if kind == "volgorde" and not (
        isinstance(after, str) and after and isinstance(unless_from, str)
    ):
        raise TemplateError(template_id, "een regel 'volgorde' heeft 'na' nodig")
    excused, months = raw.get("tenzij_reden", ""), raw.get("maanden", 0)
    _check_reason_rule(kind, after, excused, template_id)
    if kind == "terugwerkend" and not (isinstance(months, int) and months > 0):
        raise TemplateError(
            template_id, "een regel 'terugwerkend' heeft 'maanden' nodig"
        )
    _check_objection_term(kind, after, weeks, template_id)
    posted = raw.get("gepost", "")
    if not isinstance(posted, str):
        raise TemplateError(template_id, "'gepost' is een veld")
    return CaseRule(
        str(kind),
        field,
        message,
        str(severity),
        int(weeks),
        str(norm),
        str(before),
        str(conclusion),
        str(after),
        str(unless_from),
        str(extended),
        (str(suspended[0]), str(suspended[1])),
        str(excused),
        int(months),
        _condition(raw.get("als"), "als", template_id),
        _condition(raw.get("behalve"), "behalve", template_id),
        posted,
    )


def parse_rules(data: Mapping[str, Any], template_id: str) -> tuple[CaseRule, ...]:
    """The `waarschuwingen` of a template.yaml mapping (none is fine)."""
    raw = data.get("waarschuwingen", [])
    if not isinstance(raw, list):
        raise TemplateError(template_id, "'waarschuwingen' moet een lijst zijn")
    return tuple(_rule(r, template_id) for r in raw)
