"""Named calculations with a stable JSON contract: `letterforge calc NAME` and
`POST /api/v1/calculations/NAME` both call `calculate`.

`CALCULATIONS` is the one list of calculators: each with its Dutch summary, its
legal source and its fields (name, Dutch description, unit, required or not). The
CLI help, the API's problem responses and the OpenAPI document are made from it.

Input: a JSON object; amounts as strings or numbers ("867.59" or 867.59), dates as
ISO strings. Output: a JSON object; amounts as strings with two decimals and a dot
("867.59"), dates ISO, `stappen` the explained steps, `waarschuwingen` the warnings
for unverified norm values. Bad input raises CalculationInputError with one Dutch
problem per field; a date without norms raises NormUnavailable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from letterforge.compose.calc import afzien as afzien_calc
from letterforge.compose.calc import contract_extra as extra
from letterforge.compose.calc import termijnen
from letterforge.compose.calc.aflossing import GROUNDS_ABOVE_LIMIT, withholding
from letterforge.compose.calc.beslag import (
    beslagvrije_voet,
    min_al_ingehouden,
    ruimte_boven_voet,
)
from letterforge.compose.calc.bijstand import Ages, NormInputError, bijstandsnorm
from letterforge.compose.calc.boete import GUILT_LEVELS, boete
from letterforge.compose.calc.contract_input import (
    Field,
    Reader,
    amount_field,
    bool_field,
    calculation_error,
    choice_field,
    date_field,
    household_fields,
    int_field,
    object_schema,
    read_ages,
    read_household,
)
from letterforge.compose.calc.money import as_text
from letterforge.compose.calc.steps import Step
from letterforge.compose.deadlines import extended_deadline
from letterforge.compose.filters import datum, weken
from letterforge.compose.norms import NormTable, dutch_date
from letterforge.errors import (
    CalculationInputError,
    NormUnavailable,
    Problem,
    UnknownCalculation,
)


def _steps(steps: tuple[Step, ...]) -> list[dict[str, Any]]:
    return [s.as_json() for s in steps]


def _fail(key: str, error: ValueError) -> CalculationInputError:
    return calculation_error(key, error)


_HOUSEHOLD = household_fields("datum", "De datum waarop de norm geldt.")


def _household(r: Reader) -> tuple[Any, str, bool, int, Ages]:
    day, household, aow, housemates = read_household(r, "datum")
    ages = read_ages(r)
    r.done()
    assert day is not None and household is not None
    return day, household, aow, housemates, ages


def _bijstandsnorm(table: NormTable, r: Reader) -> dict[str, Any]:
    day, household, aow, housemates, ages = _household(r)
    try:
        norm = bijstandsnorm(
            table, day, household, aow_age=aow, housemates=housemates, ages=ages
        )
    except NormInputError as e:
        raise _fail(e.field, e) from e
    return {
        "bedrag": as_text(norm.bedrag),
        "geldig_vanaf": norm.geldig_vanaf.isoformat(),
        "geldig_tot": norm.geldig_tot.isoformat() if norm.geldig_tot else None,
        "bron": norm.bron,
        "kostendelers": norm.kostendelers,
        "jongerennorm": norm.jongerennorm,
        "stappen": _steps(norm.stappen),
        "waarschuwingen": list(norm.waarschuwingen),
    }


def _beslagvrije_voet(table: NormTable, r: Reader) -> dict[str, Any]:
    income = r.amount("inkomen", required=False)
    besides = r.amount("inkomen_naast_bijstand", required=False)
    day, household, aow, housemates, ages = _household(r)
    if income is not None and besides is not None:
        raise _fail(
            "inkomen_naast_bijstand",
            ValueError(
                "vul 'inkomen' (geen bijstand) óf 'inkomen_naast_bijstand' in, "
                "niet allebei"
            ),
        )
    if income is None:
        try:
            result = beslagvrije_voet(
                table,
                day,
                household,
                aow_age=aow,
                housemates=housemates,
                ages=ages,
                income_besides=besides or Decimal("0.00"),
            )
        except ValueError as e:
            raise _fail("inkomen_naast_bijstand", e) from e
        out = {
            "beslagvrije_voet": as_text(result.beslagvrije_voet),
            "maximale_inhouding": as_text(result.maximale_inhouding),
            "norm": as_text(result.norm.bedrag),
            "bron": result.bron,
            "stappen": _steps(result.stappen),
            "waarschuwingen": list(result.waarschuwingen),
        }
        if besides is not None:
            out["inkomen_naast_bijstand"] = as_text(besides)
        return out
    # Income other than bijstand: Rv 475dc lid 1 caps the voet at 95 % of it.
    try:
        room = ruimte_boven_voet(
            table, day, household, income, aow_age=aow, housemates=housemates, ages=ages
        )
    except NormInputError as e:
        raise _fail(e.field, e) from e
    return {
        "beslagvrije_voet": as_text(room.beslagvrije_voet),
        "maximale_inhouding": as_text(room.ruimte),
        "norm": as_text(room.norm.bedrag),
        "inkomen": as_text(room.inkomen),
        "bron": "Wetboek van Burgerlijke Rechtsvordering art. 475da en 475dc; "
        + room.norm.bron,
        "stappen": _steps(room.stappen),
        "waarschuwingen": list(room.waarschuwingen),
    }


# Review s4 finding 11: `draagkracht` is a total cap on the fine, not a monthly
# amount; the step says so in the contract's answer.
_ABILITY_STEP = "Verlaagd naar wat u kunt betalen"
_ABILITY_LABEL = "Verlaagd naar wat u in totaal kunt betalen (draagkracht)"


def _ability(r: Reader) -> Decimal | None:
    """`draagkracht_totaal`, or its old name `draagkracht`; both must agree."""
    total = r.amount("draagkracht_totaal", required=False)
    old = r.amount("draagkracht", required=False)
    if total is not None and old is not None and total != old:
        r.problems.append(
            Problem(
                "draagkracht",
                "vul alleen draagkracht_totaal in; draagkracht is de oude naam",
                "conflict",
            )
        )
    return total if total is not None else old


def _boete(table: NormTable, r: Reader) -> dict[str, Any]:
    day = r.date("datum")
    # Required: Pw 18a lid 5 counts the recidive window back from the overtreding.
    offence = r.date("overtredingsdatum")
    benefit = r.amount("benadelingsbedrag")
    guilt = r.choice("verwijtbaarheid", GUILT_LEVELS)
    earlier_fine = r.date("eerdere_boete_onherroepelijk", required=False)
    earlier_warning = r.date("eerdere_waarschuwing_datum", required=False)
    self_reported = r.boolean("zelf_gemeld", required=False)
    reported_on = r.date("gemeld_op", required=False)
    discovered_on = r.date("ontdekt_op", required=False)
    if self_reported and reported_on is None and not r.present("gemeld_op"):
        r.problems.append(
            Problem(
                "gemeld_op",
                "vul de datum van de melding in als de inwoner het zelf meldde. "
                "Alleen een melding binnen 60 dagen, voordat wij het ontdekten, "
                "geeft een waarschuwing (Boetebesluit artikel 2aa)",
                "required",
            )
        )
    if reported_on and offence and reported_on < offence:
        r.problems.append(
            Problem(
                "gemeld_op", "mag niet voor de overtredingsdatum liggen", "date_order"
            )
        )
    if reported_on and day and reported_on > day:
        r.problems.append(
            Problem(
                "gemeld_op", "mag niet na de datum van het besluit liggen", "date_order"
            )
        )
    ability = _ability(r)
    if day and offence and offence > day:
        r.problems.append(
            Problem(
                "overtredingsdatum",
                "mag niet na de datum van het besluit liggen",
                "date_order",
            )
        )
    r.done()
    assert day is not None and benefit is not None and guilt is not None
    assert offence is not None
    result = boete(
        table,
        day,
        benefit,
        guilt,
        offence=offence,
        earlier_fine_final=earlier_fine,
        earlier_warning=earlier_warning,
        self_reported=bool(self_reported),
        reported_on=reported_on,
        discovered_on=discovered_on,
        ability_to_pay=ability,
    )
    steps = _steps(result.stappen)
    for step in steps:
        if step["omschrijving"] == _ABILITY_STEP:
            step["omschrijving"] = _ABILITY_LABEL
    return {
        "boete": as_text(result.boete),
        "maximum": as_text(result.maximum),
        "waarschuwing": result.waarschuwing,
        "rapport_vereist": result.rapport_vereist,
        "recidive": result.recidive,
        "reden": result.reden,
        "stappen": steps,
        "waarschuwingen": list(result.waarschuwingen),
    }


def _term_result(term: termijnen.Termijn) -> dict[str, Any]:
    return {
        "uiterlijk": term.uiterlijk.isoformat(),
        "stappen": _steps(term.stappen),
        "waarschuwingen": list(term.waarschuwingen),
    }


def _bezwaartermijn(table: NormTable, r: Reader) -> dict[str, Any]:
    day = r.date("datum")
    r.done()
    assert day is not None
    return _term_result(termijnen.bezwaartermijn(table, day))


MAX_EXTENSION_WEEKS = 12


def _beslistermijn(table: NormTable, r: Reader) -> dict[str, Any]:
    day = r.date("ontvangen")
    wmo = r.boolean("wmo", required=False)
    extension = r.integer("verlenging_weken", 0, MAX_EXTENSION_WEEKS, required=False)
    held_from = r.date("opgeschort_van", required=False)
    held_until = r.date("opgeschort_tot", required=False)
    if r.present("opgeschort_van") != r.present("opgeschort_tot"):
        missing = "opgeschort_van" if r.present("opgeschort_tot") else "opgeschort_tot"
        r.problems.append(
            Problem(missing, "vul beide datums van de opschorting in", "required")
        )
    if held_from and held_until and held_until < held_from:
        r.problems.append(
            Problem("opgeschort_tot", "mag niet voor opgeschort_van liggen", "order")
        )
    if day and held_from and held_from < day:
        r.problems.append(
            Problem(
                "opgeschort_van",
                "mag niet voor de datum van ontvangst liggen",
                "order",
            )
        )
    r.done()
    assert day is not None
    term = (
        termijnen.wmo_beslistermijn(table, day)
        if wmo
        else termijnen.beslistermijn(table, day)
    )
    deadline, steps = term.uiterlijk, list(term.stappen)
    if extension:
        # Awb 4:14 lid 3: the college may extend once, by a reasonable term.
        deadline = extended_deadline(deadline, extension, table.equated_days.days)
        steps.append(
            Step(
                f"Verlengd met {weken(extension)}: uiterlijk {datum(deadline)}",
                None,
                "Algemene wet bestuursrecht art. 4:14 lid 3",
            )
        )
    if held_from and held_until:
        if held_from > deadline:
            raise _fail(
                "opgeschort_van",
                ValueError("de beslistermijn was al voorbij op die datum"),
            )
        held = termijnen.opgeschorte_beslistermijn(
            table, deadline, held_from, held_until
        )
        deadline, steps = held.uiterlijk, [*steps, *held.stappen]
    if deadline > table.equated_days.known_until:
        # extended_deadline cannot know the equated days beyond the data.
        raise NormUnavailable(
            "gelijkgestelde_dagen",
            f"Voor data na {dutch_date(table.equated_days.known_until)} weten wij "
            "niet welke dagen gelijk staan aan een feestdag. Vraag de beheerder om "
            "de normen bij te werken.",
        )
    return {
        "uiterlijk": deadline.isoformat(),
        "stappen": _steps(tuple(steps)),
        "waarschuwingen": list(term.waarschuwingen),
    }


def _hersteltermijn(table: NormTable, r: Reader) -> dict[str, Any]:
    day = r.date("datum")
    weeks = r.integer("weken", 1, 12)
    r.done()
    assert day is not None
    return _term_result(termijnen.hersteltermijn(table, day, weeks))


def _aanmaning(table: NormTable, r: Reader) -> dict[str, Any]:
    day = r.date("datum")
    claim = r.amount("vordering")
    r.done()
    assert day is not None and claim is not None
    out = _term_result(termijnen.aanmaningstermijn(table, day))
    limit = table.on("aanmaningsvergoeding_grens", day)
    fee = table.on(
        "aanmaningsvergoeding_hoog"
        if claim >= limit.value
        else "aanmaningsvergoeding_laag",
        day,
    )
    out["aanmaningsvergoeding"] = as_text(fee.value)
    out["stappen"].append(Step("Aanmaningsvergoeding", fee.value, fee.source).as_json())
    return out


def _afzien(table: NormTable, r: Reader) -> dict[str, Any]:
    day = r.date("datum")
    ground = r.choice("grond", afzien_calc.GROUNDS)
    debt = r.amount("restschuld")
    paid = r.amount("betaald", required=False)
    since = r.date("invordering_sinds", required=False)
    forgiven = r.amount("kwijtschelding", required=False)
    r.done()
    assert day is not None and ground is not None and debt is not None
    try:
        result = afzien_calc.afzien(
            table,
            day,
            ground,
            debt,
            paid=paid or Decimal("0.00"),
            collection_start=since,
            forgiven=forgiven,
        )
    except ValueError as e:
        raise _fail("grond", e) from e
    return {
        "mogelijk": result.mogelijk,
        "kwijtgescholden": as_text(result.kwijtgescholden),
        "nog_te_betalen": as_text(result.nog_te_betalen),
        "reden": result.reden,
        "bron": result.bron,
        "stappen": _steps(result.stappen),
        "waarschuwingen": list(result.waarschuwingen),
    }


def _aflosplan(table: NormTable, r: Reader) -> dict[str, Any]:
    debt = r.amount("schuld")
    per_month = r.amount("per_maand", required=False)
    other = r.amount("al_ingehouden_per_maand", required=False)
    ground = None
    if r.present("grond_boven_maximum"):
        ground = r.choice("grond_boven_maximum", GROUNDS_ABOVE_LIMIT)
    day, household, aow, housemates, ages = _household(r)
    assert debt is not None
    try:
        limit = beslagvrije_voet(
            table, day, household, aow_age=aow, housemates=housemates, ages=ages
        )
    except NormInputError as e:
        raise _fail(e.field, e) from e
    if other is not None:
        # Rv 475dc: one limit for all withholdings together.
        limit = min_al_ingehouden(limit, other)
    try:
        result = withholding(
            debt, limit, day, per_month=per_month, ground_above_limit=ground
        )
    except ValueError as e:
        raise _fail("per_maand", e) from e
    plan = result.plan
    return {
        "per_maand": as_text(result.per_maand),
        "maximale_inhouding": as_text(result.maximum),
        "boven_maximum": result.boven_maximum,
        "maanden": plan.months,
        "eerste_maand": plan.first_month.isoformat(),
        "laatste_maand": plan.last_month.isoformat(),
        "laatste_bedrag": as_text(plan.last_amount),
        "stappen": _steps(result.stappen),
        "waarschuwingen": list(result.waarschuwingen),
    }


@dataclass(frozen=True)
class Calculation:
    """One calculator of the contract: `summary` is one Dutch line, `bron` the
    legal source, `fields` its input fields in the order a caseworker fills them."""

    name: str
    summary: str
    bron: str
    fields: tuple[Field, ...]
    run: Callable[[NormTable, Reader], dict[str, Any]]

    @property
    def input_schema(self) -> dict[str, Any]:
        return object_schema(self.fields)

    def help_lines(self) -> list[str]:
        """The fields, one Dutch line each (CLI help, API problem, README)."""
        return [f.help_line() for f in self.fields]


_BOETE_FIELDS = (
    date_field("datum", "De datum van het besluit."),
    date_field(
        "overtredingsdatum",
        "De datum van de overtreding; vanaf deze dag tellen wij terug voor recidive.",
    ),
    amount_field(
        "benadelingsbedrag", "Het bedrag dat de inwoner te veel kreeg door de fout."
    ),
    choice_field("verwijtbaarheid", "Hoe verwijtbaar de overtreding is.", GUILT_LEVELS),
    date_field(
        "eerdere_boete_onherroepelijk",
        "De dag waarop een eerdere boete voor dezelfde soort fout onherroepelijk werd.",
        required=False,
    ),
    date_field(
        "eerdere_waarschuwing_datum",
        "De datum van een eerdere waarschuwing; binnen twee jaar geen nieuwe.",
        required=False,
    ),
    bool_field(
        "zelf_gemeld",
        "Heeft de inwoner de fout zelf gemeld? Vul dan ook gemeld_op in.",
        required=False,
    ),
    date_field(
        "gemeld_op",
        "De dag waarop de inwoner de fout zelf meldde. Binnen 60 dagen na de "
        "overtredingsdatum en voor de ontdekking: een waarschuwing.",
        required=False,
    ),
    date_field(
        "ontdekt_op",
        "De dag waarop wij de fout zelf ontdekten, als u die weet.",
        required=False,
    ),
    amount_field(
        "draagkracht_totaal",
        "Wat de inwoner in totaal kan betalen (geen bedrag per maand). De boete "
        "wordt nooit hoger.",
        required=False,
    ),
    amount_field(
        "draagkracht",
        "Oude naam van draagkracht_totaal: ook een totaal, geen bedrag per maand.",
        required=False,
    ),
)

CALCULATIONS: dict[str, Calculation] = {
    c.name: c
    for c in (
        Calculation(
            "bijstandsnorm",
            "Bijstandsnorm per maand, met jongerennorm en kostendelersnorm",
            "Participatiewet art. 20-22a",
            _HOUSEHOLD,
            _bijstandsnorm,
        ),
        Calculation(
            "beslagvrije-voet",
            "Beslagvrije voet en hoogste inhouding per maand, met of zonder ander "
            "inkomen",
            "Wetboek van Burgerlijke Rechtsvordering art. 475da en 475dc; "
            "Algemene wet bestuursrecht art. 4:93",
            (
                *_HOUSEHOLD,
                amount_field(
                    "inkomen",
                    "Netto inkomen per maand met vakantiegeld. Alleen als de "
                    "inwoner géén bijstand heeft. De voet is nooit meer dan 95 % "
                    "daarvan. Heeft de inwoner bijstand en ook ander inkomen? "
                    "Vul dan 'inkomen_naast_bijstand' in.",
                    required=False,
                ),
                amount_field(
                    "inkomen_naast_bijstand",
                    "Netto inkomen per maand naast de bijstand, bijvoorbeeld loon. "
                    "Wij trekken het af van de beslagvrije voet (artikel 475dc lid "
                    "2 Rv). Niet samen met 'inkomen'.",
                    required=False,
                ),
            ),
            _beslagvrije_voet,
        ),
        Calculation(
            "aflosplan",
            "Aflossen door inhouding op bijstand, binnen de beslagvrije voet",
            "Algemene wet bestuursrecht art. 4:93; Wetboek van Burgerlijke "
            "Rechtsvordering art. 475dc",
            (
                *_HOUSEHOLD,
                amount_field("schuld", "De schuld die de inwoner nog heeft."),
                amount_field(
                    "per_maand",
                    "Het bedrag dat u per maand wilt inhouden. Leeg: het hoogste "
                    "bedrag dat mag.",
                    required=False,
                ),
                choice_field(
                    "grond_boven_maximum",
                    "Waarom u meer inhoudt dan het maximum.",
                    GROUNDS_ABOVE_LIMIT,
                    required=False,
                ),
                amount_field(
                    "al_ingehouden_per_maand",
                    "Wat u per maand al inhoudt voor een andere schuld.",
                    required=False,
                ),
            ),
            _aflosplan,
        ),
        Calculation(
            "boete",
            "Bestuurlijke boete of waarschuwing (Participatiewet art. 18a)",
            "Participatiewet art. 18a; Boetebesluit socialezekerheidswetten; "
            "Algemene wet bestuursrecht art. 5:46 en 5:53",
            _BOETE_FIELDS,
            _boete,
        ),
        Calculation(
            "afzien-terugvordering",
            "Afzien van terugvordering (Participatiewet art. 58 lid 7 en 8)",
            "Participatiewet art. 58 lid 7 en 8",
            (
                date_field("datum", "De datum van het besluit."),
                choice_field("grond", "De grond om af te zien.", afzien_calc.GROUNDS),
                amount_field("restschuld", "De schuld die nog openstaat."),
                amount_field(
                    "betaald", "Wat de inwoner in één keer betaalde.", required=False
                ),
                date_field(
                    "invordering_sinds",
                    "De datum waarop de invordering begon.",
                    required=False,
                ),
                amount_field(
                    "kwijtschelding",
                    "Wat een schuldeiser of schuldhulp kwijtschold.",
                    required=False,
                ),
            ),
            _afzien,
        ),
        Calculation(
            "bezwaartermijn",
            "Laatste dag om bezwaar te maken",
            "Algemene wet bestuursrecht art. 6:7 en 6:8; Algemene termijnenwet",
            (date_field("datum", "De datum van de brief met het besluit."),),
            _bezwaartermijn,
        ),
        Calculation(
            "beslistermijn",
            "Laatste dag om te beslissen op een aanvraag, met verlenging en "
            "opschorting",
            "Algemene wet bestuursrecht art. 4:13, 4:14 en 4:15; Wmo 2015 art. "
            "2.3.5; Algemene termijnenwet",
            (
                date_field("ontvangen", "De datum waarop de aanvraag binnenkwam."),
                bool_field(
                    "wmo", "Is het een Wmo-aanvraag (twee weken)?", required=False
                ),
                int_field(
                    "verlenging_weken",
                    "Met hoeveel weken u de termijn verlengde (art. 4:14).",
                    0,
                    MAX_EXTENSION_WEEKS,
                    required=False,
                ),
                date_field(
                    "opgeschort_van",
                    "De datum van de brief waarin u om aanvulling vroeg. De termijn "
                    "staat stil vanaf de dag erna (art. 4:15).",
                    required=False,
                ),
                date_field(
                    "opgeschort_tot",
                    "De dag waarop de aanvulling binnenkwam, of de laatste dag van "
                    "de hersteltermijn.",
                    required=False,
                ),
            ),
            _beslistermijn,
        ),
        Calculation(
            "hersteltermijn",
            "Laatste dag om een aanvraag aan te vullen",
            "Algemene wet bestuursrecht art. 4:5; Algemene termijnenwet",
            (
                date_field("datum", "De datum van de brief die om aanvulling vraagt."),
                int_field("weken", "Hoeveel weken de inwoner krijgt.", 1, 12),
            ),
            _hersteltermijn,
        ),
        Calculation(
            "aanmaning",
            "Betaaltermijn en aanmaningsvergoeding",
            "Algemene wet bestuursrecht art. 4:112 en 4:113; Besluit "
            "aanmaningsvergoeding",
            (
                date_field("datum", "De datum waarop de aanmaning wordt verstuurd."),
                amount_field("vordering", "Het bedrag dat nog betaald moet worden."),
            ),
            _aanmaning,
        ),
        *(Calculation(*spec) for spec in extra.SPECS),
    )
}


def calculate(table: NormTable, name: str, data: object) -> dict[str, Any]:
    """Run the calculation `name` on `data` (a JSON object).

    Raises UnknownCalculation, CalculationInputError (Dutch, per field) or
    NormUnavailable.
    """
    calculation = CALCULATIONS.get(name)
    if calculation is None:
        raise UnknownCalculation(name, tuple(CALCULATIONS))
    if not isinstance(data, Mapping):
        raise CalculationInputError(
            (Problem("", "de invoer moet een JSON-object zijn", "type"),)
        )
    try:
        return calculation.run(table, Reader(data, calculation.fields))
    except ValueError as e:
        raise _fail("", e) from e
