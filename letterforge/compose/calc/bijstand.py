"""The bijstandsnorm for a household on a date, including the kostendelersnorm.

Sources: Participatiewet art. 20 (18, 19 and 20 years: the jongerennormen, lid 3 the
extra norm when the parents cannot support, from 1 January 2026), 21 (21 to AOW age),
22 (AOW age), 22a (kostendelersnorm)
and 19a (who is a kostendelende medebewoner), text valid on the date; amounts from
the dated norms data. The formula of art. 22a (shown as an image in the official
text) is norm = (40 + A × 30) / (A × 100) × B, with A the number of people who share
costs (housemates, the claimant and the spouse) and B the gehuwdennorm (art. 21
onder b, or art. 22 onder b at AOW age) [Schulinck; reference domain-law-2026 §1].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from letterforge.compose.calc.money import HUNDRED, round_cents
from letterforge.compose.calc.steps import Step, warnings_of
from letterforge.compose.filters import aantal, procent
from letterforge.compose.norms import NormTable, NormValue, dutch_date

HOUSEHOLDS = ("alleenstaande", "alleenstaande-ouder", "gehuwden")
MAX_HOUSEMATES = 20
# Art. 22a lid 4 (Wet Participatiewet in balans, in force 1 January 2026): someone who
# lives in temporarily to give mantelzorg does not count as a kostendeler.
MANTELZORG_RULE_FROM = date(2026, 1, 1)


@dataclass(frozen=True)
class Bijstandsnorm:
    """The norm per month (Decimal euros, incl. vakantietoeslag) and its steps."""

    bedrag: Decimal
    geldig_vanaf: date
    geldig_tot: date | None
    bron: str
    leefvorm: str
    aow_leeftijd: bool
    medebewoners: int
    kostendelers: int
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]
    # The article of a jongerennorm ("artikel 20 lid 1 onder a"), None for 21+.
    jongerennorm: str | None = None

    @property
    def is_kostendelersnorm(self) -> bool:
        return self.medebewoners > 0


@dataclass(frozen=True)
class Ages:
    """What a norm needs to know of age besides the household (Pw art. 20): the
    claimant's and the partner's birth date, whether a young couple has children
    (lid 1 or lid 2) and whether a young single claimant's parents cannot support
    (lid 3). The default, all unknown, means 21 or older: the rule before birth
    dates were case data. Every calculation that picks a norm for a person takes
    one `Ages`, so a birth date reaches each norm the same way."""

    birth: date | None = None
    partner_birth: date | None = None
    children: bool | None = None
    parents_cannot_support: bool = False


def _share_percentage(sharers: int) -> Decimal:
    """(40 + A × 30) / A as a percentage of B, exact (not rounded)."""
    return (Decimal(40) + Decimal(30) * sharers) / sharers


class NormInputError(ValueError):
    """Input that does not fit the rule, with the input field it is about
    (`geboortedatum`, `partner_geboortedatum`, `kinderen`, `medebewoners`,
    `ouders_kunnen_niet_bijdragen`, `aow_leeftijd`); the message is Dutch."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# Pw art. 20: the jongerennormen are for 18, 19 and 20 years; art. 21 from 21.
YOUTH_FROM_AGE = 18
ADULT_FROM_AGE = 21


def _check(household: str, housemates: int) -> None:
    if household not in HOUSEHOLDS:
        raise ValueError(f"moet een van deze zijn: {', '.join(HOUSEHOLDS)}")
    if housemates < 0 or housemates > MAX_HOUSEMATES:
        raise ValueError(f"moet een getal van 0 tot en met {MAX_HOUSEMATES} zijn")


def bijstandsnorm(
    table: NormTable,
    day: date,
    household: str,
    *,
    aow_age: bool = False,
    housemates: int = 0,
    birth: date | None = None,
    partner_birth: date | None = None,
    children: bool | None = None,
    parents_cannot_support: bool = False,
    ages: Ages | None = None,
) -> Bijstandsnorm:
    """The monthly bijstandsnorm on `day`.

    `household`: "alleenstaande", "alleenstaande-ouder" or "gehuwden";
    `housemates`: the kostendelende medebewoners besides the claimant and partner
    (count them with `count_cost_sharers`). `birth` / `partner_birth` (optional):
    when the claimant or the partner is 18, 19 or 20 on `day`, the jongerennorm of
    Pw art. 20 applies; a couple then needs `children` (lid 1 without, lid 2 with
    children) and a single claimant whose parents cannot support gets the norm of
    lid 3 (`parents_cannot_support`). Without birth dates both count as 21 or
    older, as before. `ages` gives these four at once (and then replaces them).
    Raises NormInputError (a ValueError, Dutch, naming the input
    field) for bad input and NormUnavailable when the data has no norm for `day`.
    """
    if ages is not None:
        birth, partner_birth = ages.birth, ages.partner_birth
        children, parents_cannot_support = ages.children, ages.parents_cannot_support
    _check(household, housemates)
    couple = household == "gehuwden"
    known = _ages(day, couple, birth, partner_birth)
    if any(YOUTH_FROM_AGE <= age < ADULT_FROM_AGE for age in known):
        return _youth_norm(
            table,
            day,
            household,
            known,
            aow_age,
            housemates,
            children,
            parents_cannot_support,
        )
    if parents_cannot_support:
        raise NormInputError(
            "ouders_kunnen_niet_bijdragen",
            "deze norm (artikel 20 lid 3 Participatiewet) is alleen voor een "
            "inwoner van 18, 19 of 20 jaar; vul de geboortedatum in",
        )
    if housemates == 0:
        norm_id = {
            (False, False): "bijstandsnorm_alleenstaande",
            (False, True): "bijstandsnorm_alleenstaande_aow",
            (True, False): "bijstandsnorm_gehuwden",
            (True, True): "bijstandsnorm_gehuwden_aow",
        }[(couple, aow_age)]
        norm = table.on(norm_id, day)
        step = Step(_norm_label(household, aow_age), norm.value, norm.source)
        return _result(norm, household, aow_age, 0, 1 + couple, (step,), (norm,))
    return _cost_sharers_norm(table, day, household, aow_age, housemates)


def _ages(
    day: date, couple: bool, birth: date | None, partner_birth: date | None
) -> tuple[int, ...]:
    """The ages on `day` that are known: the claimant's, then the partner's."""
    if partner_birth is not None and not couple:
        raise NormInputError(
            "partner_geboortedatum",
            "een partner past alleen bij de leefvorm gehuwden",
        )
    ages = []
    for field, born in (
        ("geboortedatum", birth),
        ("partner_geboortedatum", partner_birth),
    ):
        if born is None:
            continue
        age = age_on(born, day)
        if age < YOUTH_FROM_AGE:
            raise NormInputError(
                field,
                f"deze persoon is op {dutch_date(day)} jonger dan 18 jaar; de "
                "bijstandsnormen van de Participatiewet gelden vanaf 18 jaar "
                "(artikel 20)",
            )
        ages.append(age)
    return tuple(ages)


# Pw art. 20 in the texts of 1-7-2025 to 1-7-2026 (reference domain-law-2026 §1):
# the norm ids in the norms data per (couple, both 18-20, children), and the article.
_YOUTH_NORMS = {
    (False, False, False): (
        "bijstandsnorm_jongere_alleenstaande",
        "artikel 20 lid 1 onder a",
    ),
    (False, False, True): (
        "bijstandsnorm_jongere_alleenstaande",
        "artikel 20 lid 2 onder a",
    ),
    (True, True, False): ("bijstandsnorm_jongere_gehuwden", "artikel 20 lid 1 onder b"),
    (True, True, True): (
        "bijstandsnorm_jongere_gehuwden_kinderen",
        "artikel 20 lid 2 onder b",
    ),
    (True, False, False): (
        "bijstandsnorm_jongere_en_21_gehuwden",
        "artikel 20 lid 1 onder c",
    ),
    (True, False, True): (
        "bijstandsnorm_jongere_en_21_gehuwden_kinderen",
        "artikel 20 lid 2 onder c",
    ),
}


def _youth_norm(
    table: NormTable,
    day: date,
    household: str,
    ages: tuple[int, ...],
    aow_age: bool,
    housemates: int,
    children: bool | None,
    parents_cannot_support: bool,
) -> Bijstandsnorm:
    """The jongerennorm (Pw art. 20) when the claimant or the partner is 18-20."""
    couple = household == "gehuwden"
    if aow_age:
        raise NormInputError(
            "aow_leeftijd",
            "iemand van 18, 19 of 20 jaar heeft de AOW-leeftijd niet; kijk de "
            "geboortedatum en de AOW-leeftijd na",
        )
    if housemates:
        # Reference domain-law-2026 §1 counts in A the claimant and the spouse "if
        # 21 or older" and takes B from art. 21 or 22; it does not say what the
        # kostendelersnorm is for a claimant of 18-20 or for a couple's younger
        # spouse, so we refuse rather than guess.
        raise NormInputError(
            "medebewoners",
            "de inwoner of de partner is 18, 19 of 20 jaar en er wonen "
            "kostendelers in huis. Hoe de kostendelersnorm (artikel 22a "
            "Participatiewet) dan werkt, staat niet in onze rekenregels. Wij "
            "maken deze berekening daarom niet; laat een jurist de norm bepalen",
        )
    if couple and len(ages) < 2:
        raise NormInputError(
            "partner_geboortedatum",
            "vul de geboortedatum van de partner in: bij iemand van 18, 19 of 20 "
            "jaar hangt de norm af van de leeftijd van de partner (artikel 20 "
            "Participatiewet)",
        )
    if couple and children is None:
        raise NormInputError(
            "kinderen",
            "zeg of het paar kinderen heeft: bij iemand van 18, 19 of 20 jaar "
            "hangt de norm daarvan af (artikel 20 lid 1 en lid 2 Participatiewet)",
        )
    if parents_cannot_support:
        if couple:
            # The reference (domain-law-2026 §1) gives one lid 3 amount and does
            # not say it applies to couples: refuse rather than guess.
            raise NormInputError(
                "ouders_kunnen_niet_bijdragen",
                "de hogere jongerennorm van artikel 20 lid 3 Participatiewet "
                "rekenen wij alleen voor een alleenstaande of alleenstaande ouder",
            )
        norm = table.on("bijstandsnorm_jongere_extra", day)
        article = "artikel 20 lid 3"
        label = "Jongerennorm als uw ouders niet kunnen bijdragen"
    else:
        both_young = couple and all(age < ADULT_FROM_AGE for age in ages)
        with_children = household == "alleenstaande-ouder" or bool(couple and children)
        norm_id, article = _YOUTH_NORMS[(couple, both_young, with_children)]
        norm = table.on(norm_id, day)
        label = {
            "alleenstaande": "Jongerennorm alleenstaande (18 tot 21 jaar)",
            "alleenstaande-ouder": "Jongerennorm alleenstaande ouder (18 tot 21 jaar)",
            "gehuwden": "Jongerennorm gehuwden"
            + (" met kinderen" if with_children else ""),
        }[household]
    step = Step(label, norm.value, norm.source)
    result = _result(norm, household, False, 0, 1 + couple, (step,), (norm,))
    return replace(result, jongerennorm=article)


def _norm_label(household: str, aow_age: bool) -> str:
    """A short table label (B1); the exact article is in the step's source."""
    who = {
        "alleenstaande": "alleenstaande",
        "alleenstaande-ouder": "alleenstaande ouder",
        "gehuwden": "gehuwden",
    }[household]
    return f"Bijstandsnorm {who}" + (" (AOW-leeftijd)" if aow_age else "")


def _cost_sharers_norm(
    table: NormTable, day: date, household: str, aow_age: bool, housemates: int
) -> Bijstandsnorm:
    couple = household == "gehuwden"
    base = table.on(
        "bijstandsnorm_gehuwden_aow" if aow_age else "bijstandsnorm_gehuwden", day
    )
    sharers = housemates + 1 + couple
    share = _share_percentage(sharers)
    per_person = round_cents(base.value * share / HUNDRED)
    who = "u en uw partner" if couple else "u"
    steps = [
        Step(_norm_label("gehuwden", aow_age), base.value, base.source),
        Step(
            f"Mensen die de kosten delen: {who} en "
            f"{aantal(housemates, 'medebewoner', 'medebewoners')}, samen "
            f"{sharers}",
            None,
            "Participatiewet art. 19a en 22a",
        ),
        Step(
            f"Formule: (40 + {sharers} × 30) / ({sharers} × 100) = {procent(share)}",
            None,
            "Participatiewet art. 22a lid 1",
        ),
        Step(
            f"Kostendelersnorm ({procent(share)} daarvan)",
            per_person,
            "Participatiewet art. 22a lid 1",
        ),
    ]
    amount = per_person
    if couple:
        amount = per_person * 2
        steps.append(
            Step(
                "Voor u en uw partner samen",
                amount,
                "Participatiewet art. 22a lid 2",
            )
        )
    return _result(base, household, aow_age, housemates, sharers, tuple(steps), (base,))


def _result(
    norm: NormValue,
    household: str,
    aow_age: bool,
    housemates: int,
    sharers: int,
    steps: tuple[Step, ...],
    used: tuple[NormValue, ...],
) -> Bijstandsnorm:
    return Bijstandsnorm(
        bedrag=steps[-1].bedrag if steps[-1].bedrag is not None else norm.value,
        geldig_vanaf=norm.valid_from,
        geldig_tot=norm.valid_until,
        bron=norm.source,
        leefvorm=household,
        aow_leeftijd=aow_age,
        medebewoners=housemates,
        kostendelers=sharers,
        stappen=steps,
        waarschuwingen=warnings_of(*used),
    )


@dataclass(frozen=True)
class Housemate:
    """Someone who lives in the same home, as the case data describes them."""

    omschrijving: str
    geboortedatum: date
    student: bool = False
    commerciele_huur: bool = False
    familie_eerste_of_tweede_graad: bool = False
    mantelzorg: bool = False


@dataclass(frozen=True)
class CostSharers:
    aantal: int
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def age_on(birth: date, day: date) -> int:
    """Age in whole years on `day` of someone born on `birth`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def count_cost_sharers(
    table: NormTable, day: date, housemates: Sequence[Housemate]
) -> CostSharers:
    """Who counts as a kostendelende medebewoner on `day` (Pw art. 19a, 22a lid 4).

    Not counted: anyone younger than the age in the norms data (27 in the texts of
    2025 and 2026; 21 in the text of 1 July 2021), a student with studiefinanciering
    or WTOS or in BBL training, a commercial tenant or lodger who is not family in
    the 1st or 2nd degree, and (from 1 January 2026) someone giving mantelzorg.
    """
    min_age = table.on("kostendeler_minimumleeftijd", day)
    steps = []
    count = 0
    for person in housemates:
        reason = _not_counted(person, day, int(min_age.value))
        if reason is None:
            count += 1
            steps.append(Step(f"{person.omschrijving}: telt mee als kostendeler"))
        else:
            steps.append(Step(f"{person.omschrijving}: telt niet mee, {reason}"))
    return CostSharers(count, tuple(steps), warnings_of(min_age))


def _not_counted(person: Housemate, day: date, min_age: int) -> str | None:
    if age_on(person.geboortedatum, day) < min_age:
        return f"jonger dan {min_age} jaar"
    if person.student:
        return "krijgt studiefinanciering of volgt een BBL-opleiding"
    if person.commerciele_huur and not person.familie_eerste_of_tweede_graad:
        return "huurt een kamer tegen een zakelijke prijs"
    if person.mantelzorg and day >= MANTELZORG_RULE_FROM:
        return "woont tijdelijk bij u om mantelzorg te geven"
    return None


@dataclass(frozen=True)
class Uitkering:
    """The bijstand per month (Decimal euros): the norm minus the income that counts
    (Pw art. 31-32), the vakantietoeslag reserved in it (Pw art. 19 lid 3: a
    percentage of that bijstand, paid once a year in June, art. 45 lid 1), and what
    is paid out each month."""

    bedrag: Decimal
    vakantietoeslag: Decimal
    per_maand_uitbetaald: Decimal
    vakantietoeslag_percentage: Decimal
    norm: Bijstandsnorm
    inkomen: Decimal
    stappen: tuple[Step, ...]
    waarschuwingen: tuple[str, ...]


def gereserveerd(bijstand_maand: Decimal, percentage: Decimal) -> Decimal:
    """The vakantietoeslag reserved in one month's bijstand (Decimal euros, incl.
    the toeslag): `percentage` % of it, rounded per month (money.py).

    The one place that decides this (Pw art. 19 lid 3, 45 lid 1): every letter
    that prints a monthly payment and a vakantietoeslag splits the month with it,
    so the payment of a month is always net of what is reserved, and the
    vakantietoeslag built up counts each month's reservation once.
    """
    return round_cents(bijstand_maand * percentage / HUNDRED)


def uitkering(norm: Bijstandsnorm, income: Decimal, holiday: NormValue) -> Uitkering:
    """Bijstand per month = norm − net income; of that, `holiday` % (the
    vakantietoeslag percentage from the norms) is reserved and paid in June.

    Raises ValueError (Dutch) when the income is as high as the norm or higher:
    then there is no right to bijstand, and a toekenning does not fit.
    """
    if income < 0:
        raise ValueError("het inkomen mag niet negatief zijn")
    if income >= norm.bedrag:
        raise ValueError(
            "het inkomen is even hoog als de bijstandsnorm of hoger; dan is er geen "
            "recht op bijstand"
        )
    steps = list(norm.stappen)
    if income:
        steps.append(
            Step(
                "Min uw inkomen",
                income,
                "Participatiewet art. 31 en 32",
            )
        )
    amount = norm.bedrag - income
    reserved = gereserveerd(amount, holiday.value)
    steps += [
        Step("Bijstand met vakantiegeld", amount),
        Step(
            f"Min vakantiegeld ({procent(holiday.value)})",
            reserved,
            holiday.source,
        ),
        Step("U krijgt elke maand", amount - reserved),
    ]
    return Uitkering(
        amount,
        reserved,
        amount - reserved,
        holiday.value,
        norm,
        income,
        tuple(steps),
        (*norm.waarschuwingen, *warnings_of(holiday)),
    )
