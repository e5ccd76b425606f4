"""The calculators as template functions, bound to the letter's date and norms.

Templates call `bijstandsnorm(...)`, `beslagvrije_voet(...)`, `inhouding(...)`,
`boete(...)`, `afzien_berekening(...)`, `kostendelers(...)` and the `*_zaak(...)`
shortcuts with values from the case data (numbers or ISO strings). Each call records
the warnings of unverified norm values in `warnings`, which the composer puts on the
Letter. A value that does not fit the rule
is refused with a Dutch message naming the case field (`CaseCheckError`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from letterforge.compose.calc import (
    aflossing,
    beslag,
    betaald,
    bijstand,
    draagkracht,
    dwangsom,
    eerste_maand,
    einde,
    jongeren,
    maatregel,
    termijnen,
    teveel,
    vakantietoeslag,
    verjaring,
    vermogen,
    voorschot,
)
from letterforge.compose.calc import afzien as afzien_calc
from letterforge.compose.calc import boete as boete_calc
from letterforge.compose.calc.money import parse_amount
from letterforge.compose.calc.steps import warnings_of
from letterforge.compose.environment import CaseCheckError
from letterforge.compose.filters import bedrag, datum, to_date
from letterforge.compose.norms import NormTable, NormValue

T = TypeVar("T")

BIRTH_FIELD = "aanvrager.geboortedatum"
MISSING_BIRTH = (
    "geboortedatum ontbreekt: wij gaan uit van 21 jaar of ouder — klopt dat niet, "
    "vul hem in (18, 19 of 20 jaar: de jongerennorm, artikel 20 Participatiewet)"
)


def _age_field(error: ValueError, where: str) -> str:
    """The case field of a norm input error: the birth date is always
    `aanvrager.geboortedatum`, the other youth inputs sit in the household
    object at `where`; other errors are about the household itself."""
    if not isinstance(error, bijstand.NormInputError):
        return where
    if error.field == "geboortedatum":
        return BIRTH_FIELD
    return f"{where}.{error.field}" if where else error.field


def _amount(field: str, value: Any) -> Decimal:
    try:
        return parse_amount(value)
    except ValueError as e:
        raise CaseCheckError(field, str(e)) from e


def _vrijlating_reden(
    data: Mapping[str, Any], field: str, incomes: Sequence[Decimal]
) -> None:
    """Income deducted in full needs the reason why the inkomstenvrijlating of
    Pw art. 31 lid 2 onder n (part of income from work left out, for a time;
    amounts in reference domain-law-2026) is not applied: it is a judgement of
    the college, so the letter states it (Awb 3:46). Not applied by a
    calculator: the judgement and the months already used are not case data."""
    if any(amount > 0 for amount in incomes) and not data.get("inkomstenvrijlating"):
        raise CaseCheckError(
            f"{field}.inkomstenvrijlating",
            "het inkomen gaat helemaal van de bijstand af. Zeg in één zin waarom "
            "wij geen inkomstenvrijlating toepassen (Participatiewet artikel 31 "
            "lid 2 onder n). Bijvoorbeeld: het is geen inkomen uit werk",
        )


def _claim_name(claim: Mapping[str, Any]) -> str:
    """How a table row names another debt already withheld (Awb 4:93 lid 2:
    the claim itself, with its decision's kenmerk when the case data has it)."""
    name = str(claim.get("waarvoor") or "een andere schuld")
    besluit = claim.get("besluit")
    if isinstance(besluit, Mapping) and besluit.get("kenmerk"):
        return f"{name} (kenmerk {besluit['kenmerk']})"
    return name


def _optional_date(value: Any) -> date | None:
    return None if value is None or value == "" else to_date(value)


@dataclass(frozen=True)
class TemplateBijstand:
    kostendelers: bijstand.CostSharers
    norm: bijstand.Bijstandsnorm
    uitkering: bijstand.Uitkering
    eerste_maand: eerste_maand.EersteMaand | None  # None: starts on the 1st


@dataclass(frozen=True)
class TemplateChange:
    oud: bijstand.Uitkering
    nieuw: bijstand.Uitkering
    verschil: Decimal


class TemplateCalculators:
    """The calculators bound to one letter's date, norms and warning list."""

    def __init__(
        self,
        table: NormTable,
        day: date,
        warnings: list[str],
        case: Mapping[str, Any] | None = None,
        warn: Callable[[str, str], object] | None = None,
    ) -> None:
        self.table = table
        self.day = day
        self.warnings = warnings
        # The claimant's birth date is one common case field for every norm a
        # letter computes (`aanvrager.geboortedatum`, templates/_schema/
        # common.json); `warn` records a case warning with the letter.
        applicant = (case or {}).get("aanvrager")
        self.birth = _optional_date(
            applicant.get("geboortedatum") if isinstance(applicant, Mapping) else None
        )
        self.warn = warn

    def ages(self, household: Mapping[str, Any] | None = None) -> bijstand.Ages:
        """What the jongerennorm (Pw art. 20) needs for a norm of this letter's
        claimant: `aanvrager.geboortedatum` of the case, and from the household
        object (when given) `partner_geboortedatum`, `kinderen` and
        `ouders_kunnen_niet_bijdragen`. Without the birth date the norm is the
        one for 21 or older, as before, and the letter carries a warning naming
        the field, like the toekenning's."""
        if self.birth is None and self.warn is not None:
            self.warn(BIRTH_FIELD, MISSING_BIRTH)
        h = household or {}
        children = h.get("kinderen")
        return bijstand.Ages(
            birth=self.birth,
            partner_birth=_optional_date(h.get("partner_geboortedatum")),
            children=None if children is None else bool(children),
            parents_cannot_support=bool(h.get("ouders_kunnen_niet_bijdragen")),
        )

    def record(self, result: T) -> T:
        for warning in getattr(result, "waarschuwingen", ()):
            if warning not in self.warnings:
                self.warnings.append(warning)
        return result

    def norm(
        self,
        leefvorm: str,
        aow_leeftijd: bool = False,
        medebewoners: int = 0,
        op: Any = None,
        huishouden: Mapping[str, Any] | None = None,
        veld: str = "",
    ) -> bijstand.Bijstandsnorm:
        """Bijstandsnorm per maand on the letter's date, or on `op` (Pw art.
        20-22a); the ages come from `ages(huishouden)`, at `veld` in the case."""
        try:
            return self.record(
                bijstand.bijstandsnorm(
                    self.table,
                    self.day if op is None else to_date(op),
                    leefvorm,
                    aow_age=aow_leeftijd,
                    housemates=int(medebewoners),
                    ages=self.ages(huishouden),
                )
            )
        except ValueError as e:
            raise CaseCheckError(_age_field(e, veld) or "leefvorm", str(e)) from e

    def kostendelers(
        self, huisgenoten: Sequence[Mapping[str, Any]], op: Any = None
    ) -> bijstand.CostSharers:
        """Who of the housemates counts as kostendeler (Pw art. 19a)."""
        people = [
            bijstand.Housemate(
                omschrijving=str(h["omschrijving"]),
                geboortedatum=to_date(h["geboortedatum"]),
                student=bool(h.get("student", False)),
                commerciele_huur=bool(h.get("commerciele_huur", False)),
                familie_eerste_of_tweede_graad=bool(h.get("familie", False)),
                mantelzorg=bool(h.get("mantelzorg", False)),
            )
            for h in huisgenoten
        ]
        day = self.day if op is None else to_date(op)
        return self.record(bijstand.count_cost_sharers(self.table, day, people))

    def voet(
        self,
        leefvorm: str,
        aow_leeftijd: bool = False,
        medebewoners: int = 0,
        huishouden: Mapping[str, Any] | None = None,
        veld: str = "",
    ) -> beslag.BeslagvrijeVoet:
        """Beslagvrije voet and largest withholding on bijstand (Rv 475dc), of
        the norm for the claimant's age (`ages(huishouden)`, the household
        object at `veld` in the case data)."""
        try:
            return self.record(
                beslag.beslagvrije_voet(
                    self.table,
                    self.day,
                    leefvorm,
                    aow_age=aow_leeftijd,
                    housemates=int(medebewoners),
                    ages=self.ages(huishouden),
                )
            )
        except bijstand.NormInputError as e:
            raise CaseCheckError(_age_field(e, veld), str(e)) from e

    def ruimte_boven_voet(
        self, inkomen: Mapping[str, Any], per_maand: Any, veld: str
    ) -> beslag.RuimteBovenVoet:
        """The `inkomen` object of the case data (net income per month and the
        household, templates/betalingsregeling/schema.json): the beslagvrije voet
        and the room above it (Rv 475da, 475dc). A monthly amount `per_maand`
        above that room is refused: the resident must keep the beslagvrije voet."""
        try:
            result = self.record(
                beslag.ruimte_boven_voet(
                    self.table,
                    self.day,
                    str(inkomen["leefvorm"]),
                    _amount(f"{veld}.netto_per_maand", inkomen["netto_per_maand"]),
                    aow_age=bool(inkomen.get("aow_leeftijd", False)),
                    housemates=int(inkomen.get("medebewoners", 0)),
                    ages=self.ages(inkomen),
                )
            )
        except ValueError as e:
            raise CaseCheckError(_age_field(e, veld), str(e)) from e
        if _amount("regeling.per_maand", per_maand) > result.ruimte:
            raise CaseCheckError(
                "regeling.per_maand",
                "dit is meer dan de inwoner boven de beslagvrije voet heeft "
                f"(hoogstens {bedrag(result.ruimte)} per maand)",
            )
        return result

    def inhouding(
        self,
        schuld: Any,
        per_maand: Any,
        leefvorm: str,
        aow_leeftijd: bool = False,
        medebewoners: int = 0,
        grond: str | None = None,
        veld: str = "aflossing_per_maand",
        al_ingehouden: Any = None,
        andere: Sequence[Mapping[str, Any]] | None = None,
        veld_andere: str = "andere_inhoudingen",
        voor: str = "deze schuld",
        huishouden: Mapping[str, Any] | None = None,
        veld_huishouden: str = "",
    ) -> aflossing.Inhouding:
        """A monthly withholding on bijstand, refused above the limit unless
        `grond` is "toestemming" or "pw60-lid6".

        `al_ingehouden`: what we already withhold each month for another debt of
        the same person; the limit of Rv 475dc is for all withholdings together,
        so it is what remains of the maximum. `andere`: the other claims we
        withhold, each a mapping with `per_maand` (case data at `veld_andere`;
        Awb 4:93 names each one in the letter); their sum is `al_ingehouden`.
        `voor` names this debt in the row with the room left ("de boete").
        `huishouden` (at `veld_huishouden`): the household object, for the
        partner's birth date and the other inputs of the jongerennorm."""
        limit = self.voet(
            leefvorm, aow_leeftijd, medebewoners, huishouden, veld_huishouden
        )
        claims: tuple[tuple[str, Decimal], ...] = ()
        if andere is not None:
            if al_ingehouden is not None:
                raise CaseCheckError(
                    veld_andere, "vul de andere inhoudingen maar op één plek in"
                )
            claims = tuple(
                (
                    _claim_name(a),
                    _amount(f"{veld_andere}.{i}.per_maand", a["per_maand"]),
                )
                for i, a in enumerate(andere)
            )
            al_ingehouden = sum((c[1] for c in claims), Decimal("0.00"))
        if al_ingehouden is not None:
            try:
                limit = beslag.min_al_ingehouden(
                    limit, _amount(veld, al_ingehouden), claims=claims, voor=voor
                )
            except ValueError as e:
                raise CaseCheckError(veld, str(e)) from e
        try:
            return self.record(
                aflossing.withholding(
                    _amount("schuld", schuld),
                    limit,
                    self.day,
                    per_month=None if per_maand is None else _amount(veld, per_maand),
                    ground_above_limit=grond,
                )
            )
        except ValueError as e:
            raise CaseCheckError(veld, str(e)) from e

    def boete(
        self,
        benadelingsbedrag: Any,
        verwijtbaarheid: str,
        overtredingsdatum: Any,
        eerdere_boete_onherroepelijk: Any = None,
        eerdere_waarschuwing_datum: Any = None,
        zelf_gemeld: bool = False,
        draagkracht: Any = None,
        gemeld_op: Any = None,
        ontdekt_op: Any = None,
    ) -> boete_calc.Boete:
        """The fine or warning on the letter's date (Pw art. 18a). `gemeld_op` is
        the day of a melding of one's own, required with `zelf_gemeld`
        (Boetebesluit art. 2aa: within 60 days, before `ontdekt_op`)."""
        try:
            return self.record(
                boete_calc.boete(
                    self.table,
                    self.day,
                    _amount("benadelingsbedrag", benadelingsbedrag),
                    verwijtbaarheid,
                    offence=self._offence(overtredingsdatum),
                    earlier_fine_final=_optional_date(eerdere_boete_onherroepelijk),
                    earlier_warning=_optional_date(eerdere_waarschuwing_datum),
                    self_reported=bool(zelf_gemeld),
                    reported_on=_optional_date(gemeld_op),
                    discovered_on=_optional_date(ontdekt_op),
                    ability_to_pay=(
                        None
                        if draagkracht is None
                        else _amount("draagkracht", draagkracht)
                    ),
                )
            )
        except ValueError as e:
            raise CaseCheckError("overtreding", str(e)) from e

    @staticmethod
    def _offence(value: Any) -> date:
        day = _optional_date(value)
        if day is None:
            raise CaseCheckError(
                "overtreding.overtredingsdatum",
                "vul de dag van de overtreding in. De vijf jaar voor recidive en de "
                "twee jaar voor een waarschuwing tellen terug vanaf die dag "
                "(Participatiewet artikel 18a lid 5)",
            )
        return day

    def _maatregel_basis(self, m: Mapping[str, Any]) -> maatregel.Verlaging:
        """The reduction per month of the `maatregel` object of the case data
        (templates/maatregel/schema.json): the percentage of the bijstandsnorm valid
        in the month `vanaf` (Pw art. 18 lid 2)."""
        sharers = int(m.get("medebewoners", 0))
        try:
            percentage = Decimal(str(m["percentage"]))
        except (KeyError, ArithmeticError) as e:
            raise CaseCheckError("maatregel.percentage", "moet een getal zijn") from e
        try:
            return self.record(
                maatregel.maatregel_verlaging(
                    self.table,
                    to_date(m["vanaf"]),
                    str(m["leefvorm"]),
                    percentage,
                    aow_age=bool(m.get("aow_leeftijd", False)),
                    housemates=sharers,
                    ages=self.ages(m),
                )
            )
        except ValueError as e:
            raise CaseCheckError(_age_field(e, "maatregel"), str(e)) from e

    def maatregel_zaak(self, m: Mapping[str, Any]) -> maatregel.Verlaging:
        """The reduction of the `maatregel` object (see `_maatregel_basis`), plus
        the day the norm changes within its months (`normwijziging`): the
        reduction is a percentage of the norm, so its amount follows the norm."""
        result = self._maatregel_basis(m)
        months = int(m.get("maanden", 1))
        last = vakantietoeslag.add_months(result.vanaf, months - 1)
        until = result.norm.geldig_tot
        if until is not None and last > until:
            return replace(result, normwijziging=until + timedelta(days=1))
        return result

    def einde_zaak(self, inkomen: Mapping[str, Any]) -> einde.EindeDoorInkomen:
        """The end of the bijstand from the `beeindiging.inkomen` object of the case
        data (templates/beeindiging-bijstand/schema.json; Pw art. 11, 31, 32). The
        first month's income is `eerste_maand` when known, or derived from
        `begindatum` and `per_maand` by calendar days (einde.deel_van_maand)."""
        field = "beeindiging.inkomen"
        known = (
            _amount(f"{field}.eerste_maand", inkomen["eerste_maand"])
            if "eerste_maand" in inkomen
            else None
        )
        start = to_date(inkomen["begindatum"]) if "begindatum" in inkomen else None
        per_month = _amount(f"{field}.per_maand", inkomen["per_maand"])
        if start is not None and known is not None:
            raise CaseCheckError(
                f"{field}.eerste_maand",
                "wij berekenen het inkomen over de eerste maand uit de begindatum; "
                "laat dit veld leeg, of laat 'begindatum' leeg als u de loonstrook "
                "al heeft",
            )
        if start is None and known is None:
            raise CaseCheckError(
                f"{field}.begindatum",
                "vul de eerste werkdag in (of 'eerste_maand' als u de loonstrook "
                "over die maand al heeft)",
            )
        try:
            first = (
                known
                if start is None
                else einde.deel_van_maand(start, per_month).bedrag
            )
        except ValueError as e:
            raise CaseCheckError(f"{field}.per_maand", str(e)) from e
        _vrijlating_reden(inkomen, field, [first or Decimal(0)])
        try:
            return self.record(
                einde.einde_door_inkomen(
                    self.table,
                    to_date(inkomen["vanaf"]),
                    str(inkomen["leefvorm"]),
                    known,
                    per_month,
                    aow_age=bool(inkomen.get("aow_leeftijd", False)),
                    housemates=int(inkomen.get("medebewoners", 0)),
                    ages=self.ages(inkomen),
                    work_start=start,
                )
            )
        except bijstand.NormInputError as e:
            raise CaseCheckError(_age_field(e, field), str(e)) from e
        except ValueError as e:
            field_of_error = f"{field}.begindatum" if "begindatum" in str(e) else field
            raise CaseCheckError(field_of_error, str(e)) from e

    def erfenis_zaak(self, erfenis: Mapping[str, Any]) -> vermogen.Vermogenstoets:
        """An `erfenis` object of the case data (voornemen-terugvordering and
        herziening schemas) as vermogen from the day of death (Pw art. 31, 34)."""
        try:
            return self.record(
                vermogen.erfenis_als_vermogen(
                    self.table,
                    to_date(erfenis["overlijdensdatum"]),
                    str(erfenis["leefvorm"]),
                    _amount("erfenis.bedrag", erfenis["bedrag"]),
                    _amount("erfenis.ander_vermogen", erfenis.get("ander_vermogen", 0)),
                )
            )
        except ValueError as e:
            raise CaseCheckError("erfenis", str(e)) from e

    def erfenis_vordering(
        self, erfenis: Mapping[str, Any], periode: Mapping[str, Any]
    ) -> vermogen.VorderingBijVermogen:
        """The claim of a voornemen-terugvordering for an erfenis: bijstand over the
        whole months of `periode` (norm of each month, Pw art. 21-22a), limited to
        the vermogen above the grens (see vermogen.vordering_bij_vermogen)."""
        toets = self.erfenis_zaak(erfenis)
        start, end = to_date(periode["van"]), to_date(periode["tot"])
        if start.day != 1 or (end + timedelta(days=1)).day != 1 or end < start:
            raise CaseCheckError(
                "voornemen.periode",
                "de periode moet hele maanden zijn, van de eerste tot de laatste dag",
            )
        if end.year != start.year:
            raise CaseCheckError(
                "voornemen.periode",
                "de periode moet in één kalenderjaar liggen; maak per jaar een brief",
            )
        paid: list[tuple[date, Decimal]] = []
        # Months whose vakantietoeslag was still reserved on the letter's date:
        # not received, so not claimed (teveel.in_cash).
        reserved: dict[date, Decimal] = {}
        month = start
        while month <= end:
            if self.day < vakantietoeslag.paid_out_on(month):
                share = self._holiday(month)
                self.warnings.extend(
                    w for w in warnings_of(share) if w not in self.warnings
                )
                reserved[month] = share.value
            norm = self.norm(
                str(erfenis["leefvorm"]),
                bool(erfenis.get("aow_leeftijd", False)),
                int(erfenis.get("medebewoners", 0)),
                op=month,
                huishouden=erfenis,
                veld="erfenis",
            )
            paid.append((month, norm.bedrag))
            month = vakantietoeslag.add_months(month, 1)
        return self.record(
            vermogen.vordering_bij_vermogen(
                toets,
                tuple(paid),
                same_year=end.year == self.day.year,
                reserved=reserved,
            )
        )

    def te_veel_zaak(
        self,
        berekening: Mapping[str, Any] | None,
        periode: Mapping[str, Any],
        veld: str,
        gegeven_totaal: Any = None,
        veld_totaal: str = "",
    ) -> teveel.TeVeel:
        """The bijstand received too much from a `berekening` object of the case
        data (templates/_schema/common.json `te_veel_berekening`: the household in
        the period and the facts per month) over `periode` (`van`, `tot`); `veld`
        is where the object sits in the case data, for the error messages.

        A total typed elsewhere in the case data (`gegeven_totaal` at
        `veld_totaal`) must equal the computed one, or the letter is refused: the
        letter states only what the calculation gives (Pw art. 54 lid 3, 58).
        Without a `berekening` the letter is refused: it cannot state a te-veel
        amount it did not compute."""
        if berekening is None:
            raise CaseCheckError(
                veld,
                "vul per maand het inkomen in: daarmee berekenen wij hoeveel "
                "bijstand de inwoner te veel kreeg",
            )
        b = berekening
        facts = []
        for i, m in enumerate(b["maanden"]):
            given = m.get("betaald")
            facts.append(
                teveel.MaandFeiten(
                    to_date(m["maand"]),
                    _amount(f"{veld}.maanden.{i}.inkomen", m["inkomen"]),
                    None
                    if given is None
                    else _amount(f"{veld}.maanden.{i}.betaald", given),
                )
            )

        _vrijlating_reden(b, veld, [f.inkomen for f in facts])

        def norm_on(day: date) -> bijstand.Bijstandsnorm:
            return self.norm(
                str(b["leefvorm"]),
                bool(b.get("aow_leeftijd", False)),
                int(b.get("medebewoners", 0)),
                op=day,
                huishouden=b,
                veld=veld,
            )

        paid_as: Mapping[str, Any] = b.get("betaald_als") or {}

        def paid_on(day: date) -> bijstand.Bijstandsnorm:
            return self.norm(
                str(paid_as["leefvorm"]),
                bool(paid_as.get("aow_leeftijd", False)),
                int(paid_as.get("medebewoners", 0)),
                op=day,
                huishouden=paid_as,
                veld=f"{veld}.betaald_als",
            )

        try:
            result = self.record(
                teveel.te_veel(
                    norm_on,
                    self.day,
                    to_date(periode["van"]),
                    to_date(periode["tot"]),
                    facts,
                    paid_on if paid_as else None,
                    holiday_on=self._holiday,
                )
            )
        except teveel.MonthError as e:
            where = f"{veld}.maanden" + ("" if e.index is None else f".{e.index}")
            raise CaseCheckError(where, str(e)) from e
        except CaseCheckError:
            raise  # a norm refused, already naming its field (`norm`)
        except ValueError as e:
            raise CaseCheckError(f"{veld}.periode", str(e)) from e
        if not result.netto:
            raise CaseCheckError(
                veld,
                "de berekening per maand geeft netto bedragen. Een terugvordering "
                "in een later kalenderjaar is bruto (Participatiewet artikel 58 "
                "lid 5); die kan deze brief niet berekenen",
            )
        if gegeven_totaal is not None:
            typed = _amount(veld_totaal, gegeven_totaal)
            if typed != result.totaal:
                raise CaseCheckError(
                    veld_totaal,
                    f"dit bedrag ({bedrag(typed)}) is niet wat de berekening per "
                    f"maand geeft ({bedrag(result.totaal)}). Pas het bedrag of de "
                    "maanden aan",
                )
        return result

    def intrekking_erfenis(
        self,
        erfenis: Mapping[str, Any],
        periode: Mapping[str, Any],
        stopt_vanaf: Any,
        opbouw_vanaf: Any,
    ) -> tuple[betaald.BetaaldOverPeriode, vakantietoeslag.Vakantietoeslag]:
        """For an intrekking from the day of death (herziening schema): what was
        paid out over `periode` (from a day within a month, by calendar days),
        and the vakantietoeslag built up from `opbouw_vanaf` to the day before
        the period, paid within three months after that day, the end of the
        right (Pw art. 45 lid 1), or within two weeks of the letter when that
        term has passed (`vakantietoeslag.late_payment`). `stopt_vanaf` is
        kept for the callers; the payments after the end do not move the term."""
        household = str(erfenis["leefvorm"])
        aow_age = bool(erfenis.get("aow_leeftijd", False))
        housemates = int(erfenis.get("medebewoners", 0))
        ages = self.ages(erfenis)
        start, end = to_date(periode["van"]), to_date(periode["tot"])
        try:
            paid = betaald.betaald_over_periode(
                self.table,
                start,
                end,
                household,
                aow_age=aow_age,
                housemates=housemates,
                ages=ages,
            )
        except bijstand.NormInputError as e:
            raise CaseCheckError(_age_field(e, "erfenis"), str(e)) from e
        except ValueError as e:
            raise CaseCheckError("herziening.periode", str(e)) from e
        try:
            built_up = vakantietoeslag.opgebouwd_bij_einde(
                self.table,
                to_date(opbouw_vanaf),
                start - timedelta(days=1),
                household,
                aow_age=aow_age,
                housemates=housemates,
                ages=ages,
            )
            # Pw art. 45 lid 1: three months after the end of the right (the
            # day before the period), not after the last payment; when that
            # has passed, we pay within two weeks.
            built_up = vakantietoeslag.late_payment(built_up, self.day)
        except ValueError as e:
            raise CaseCheckError(
                "herziening.vakantietoeslag_opbouw_vanaf", str(e)
            ) from e
        return self.record(paid), self.record(built_up)

    def betaald_na_periode(
        self, erfenis: Mapping[str, Any], van: Any, tot: Any, veld: str
    ) -> betaald.BetaaldOverPeriode:
        """What was paid out from `van` through `tot` (`veld` in the case data)
        to the household of `erfenis`, per month (betaald.py: the full norm
        minus the reserved vakantietoeslag). `tot` may not lie after the last
        month paid on the letter's date (payment day in the norms data)."""
        start, end = to_date(van), to_date(tot)
        last_paid = voorschot.betaald_tot(self.table, self.day)
        for warning in warnings_of(self.table.on("bijstand_betaaldag", self.day)):
            if warning not in self.warnings:
                self.warnings.append(warning)
        if end > last_paid:
            raise CaseCheckError(
                veld,
                f"op de briefdatum is de bijstand tot en met {datum(last_paid)} "
                f"betaald, niet tot {datum(end)}. Vul die datum in of eerder",
            )
        try:
            return self.record(
                betaald.betaald_over_periode(
                    self.table,
                    start,
                    end,
                    str(erfenis["leefvorm"]),
                    aow_age=bool(erfenis.get("aow_leeftijd", False)),
                    housemates=int(erfenis.get("medebewoners", 0)),
                    ages=self.ages(erfenis),
                )
            )
        except ValueError as e:
            raise CaseCheckError(_age_field(e, veld), str(e)) from e

    def draagkracht_zaak(self, d: Mapping[str, Any]) -> draagkracht.Draagkracht:
        """The `kosten.draagkracht` object of the case data
        (templates/bijzondere-bijstand-afwijzing/schema.json): the draagkracht on
        the letter's date under the municipality's rule (Pw art. 35 lid 1)."""
        field = "kosten.draagkracht"
        try:
            return self.record(
                draagkracht.draagkracht(
                    self.table,
                    self.day,
                    str(d["leefvorm"]),
                    _amount(f"{field}.inkomen_per_maand", d["inkomen_per_maand"]),
                    aow_age=bool(d.get("aow_leeftijd", False)),
                    housemates=int(d.get("medebewoners", 0)),
                    ages=self.ages(d),
                )
            )
        except ValueError as e:
            raise CaseCheckError(_age_field(e, field), str(e)) from e

    def voorschot_zaak(self, v: Mapping[str, Any]) -> voorschot.Voorschot:
        """The `verlenging.voorschot` object of the case data
        (templates/verlenging-beslistermijn/schema.json): the voorschot per month
        from the norm valid on its `datum` (Pw art. 52 lid 1); a typed
        `bedrag_per_maand` below that minimum is refused."""
        field = "verlenging.voorschot"
        given = v.get("bedrag_per_maand")
        try:
            return self.record(
                voorschot.voorschot(
                    self.table,
                    to_date(v["datum"]),
                    str(v["leefvorm"]),
                    aow_age=bool(v.get("aow_leeftijd", False)),
                    housemates=int(v.get("medebewoners", 0)),
                    ages=self.ages(v),
                    given=(
                        None
                        if given is None
                        else _amount(f"{field}.bedrag_per_maand", given)
                    ),
                )
            )
        except bijstand.NormInputError as e:
            raise CaseCheckError(_age_field(e, field), str(e)) from e
        except ValueError as e:
            raise CaseCheckError(f"{field}.bedrag_per_maand", str(e)) from e

    def vakantietoeslag_zaak(
        self,
        v: Mapping[str, Any],
        einddatum: Any,
        inkomen_laatste_maand: Any = None,
    ) -> vakantietoeslag.Vakantietoeslag:
        """The `beeindiging.vakantietoeslag` object of the case data
        (templates/beeindiging-bijstand/schema.json): the vakantietoeslag built up
        from `opbouw_vanaf` to `einddatum`, paid within three months (Pw art. 45
        lid 1). `inkomen_laatste_maand`: the income of the last month as the
        einde calculation counted it, so the two agree."""
        field = "beeindiging.vakantietoeslag"
        end = to_date(einddatum)
        income: dict[date, Decimal] = {}
        for i, entry in enumerate(v.get("inkomsten", [])):
            month = to_date(entry["maand"]).replace(day=1)
            income[month] = _amount(f"{field}.inkomsten.{i}.bedrag", entry["bedrag"])
        if inkomen_laatste_maand is not None:
            last = end.replace(day=1)
            if last in income:
                raise CaseCheckError(
                    f"{field}.inkomsten",
                    "het inkomen over de laatste maand volgt al uit 'inkomen'; "
                    "vul het hier niet nog eens in",
                )
            income[last] = _amount(field, inkomen_laatste_maand)
        try:
            return self.record(
                vakantietoeslag.opgebouwd_bij_einde(
                    self.table,
                    to_date(v["opbouw_vanaf"]),
                    end,
                    str(v["leefvorm"]),
                    aow_age=bool(v.get("aow_leeftijd", False)),
                    housemates=int(v.get("medebewoners", 0)),
                    ages=self.ages(v),
                    income=income,
                )
            )
        except bijstand.NormInputError as e:
            raise CaseCheckError(_age_field(e, field), str(e)) from e
        except ValueError as e:
            raise CaseCheckError(f"{field}.opbouw_vanaf", str(e)) from e

    def _holiday(self, day: Any) -> NormValue:
        return self.table.on("vakantietoeslag_percentage", to_date(day))

    def bijstand_zaak(
        self, toekenning: Mapping[str, Any], aanvrager: Any = None
    ) -> TemplateBijstand:
        """The bijstand of a toekenning (templates/toekenning-bijstand/schema.json):
        who counts as kostendeler, the norm on the ingangsdatum (the jongerennorm
        of Pw art. 20 when `aanvrager.geboortedatum` or
        `toekenning.partner_geboortedatum` says 18-20), minus income."""
        t = toekenning
        sharers = self.kostendelers(t.get("medebewoners", []), op=t["ingangsdatum"])
        born = (
            aanvrager.get("geboortedatum") if isinstance(aanvrager, Mapping) else None
        )
        try:
            norm = self.record(
                bijstand.bijstandsnorm(
                    self.table,
                    to_date(t["ingangsdatum"]),
                    t["leefvorm"],
                    aow_age=bool(t.get("aow_leeftijd", False)),
                    housemates=sharers.aantal,
                    birth=_optional_date(born),
                    partner_birth=_optional_date(t.get("partner_geboortedatum")),
                    children=t.get("kinderen"),
                    parents_cannot_support=bool(t.get("ouders_kunnen_niet_bijdragen")),
                )
            )
        except bijstand.NormInputError as e:
            field = {"geboortedatum": "aanvrager.geboortedatum"}.get(
                e.field, f"toekenning.{e.field}"
            )
            raise CaseCheckError(field, str(e)) from e
        except ValueError as e:
            raise CaseCheckError("toekenning.leefvorm", str(e)) from e
        income = _amount("toekenning.inkomen_per_maand", t.get("inkomen_per_maand", 0))
        try:
            result = self.record(
                bijstand.uitkering(norm, income, self._holiday(t["ingangsdatum"]))
            )
        except ValueError as e:
            raise CaseCheckError("toekenning.inkomen_per_maand", str(e)) from e
        start = to_date(t["ingangsdatum"])
        first = (
            None
            if start.day == 1
            else eerste_maand.eerste_maand(
                start, result.per_maand_uitbetaald, result.vakantietoeslag
            )
        )
        return TemplateBijstand(sharers, norm, result, first)

    def voorschot_verrekening(
        self,
        toekenning: Mapping[str, Any],
        gegeven: Mapping[str, Any],
        aanvrager: Any = None,
    ) -> voorschot.Verrekening:
        """The voorschot (`aanvraag.voorschot`: bedrag) set off against the
        bijstand of a toekenning paid out from the ingangsdatum through the
        month of the first payment day after the letter (Pw art. 52; the day is
        local data, `bijstand_betaaldag`). Each month is paid out at the norm
        valid on its first day (the first month: its part, eerste_maand.py)."""
        start = to_date(toekenning["ingangsdatum"])
        paid_on = voorschot.betaaldatum(self.table, self.day)
        for warning in warnings_of(self.table.on("bijstand_betaaldag", self.day)):
            if warning not in self.warnings:
                self.warnings.append(warning)
        months: list[tuple[date, Decimal]] = []
        month = start.replace(day=1)
        while month <= paid_on.replace(day=1):
            on = max(month, start)
            paid = self.bijstand_zaak(
                {**toekenning, "ingangsdatum": on.isoformat()}, aanvrager
            )
            amount = (
                paid.eerste_maand.bedrag
                if paid.eerste_maand is not None
                else paid.uitkering.per_maand_uitbetaald
            )
            months.append((month, amount))
            month = (month + timedelta(days=32)).replace(day=1)
        try:
            return voorschot.verrekening(
                months,
                _amount("aanvraag.voorschot.bedrag", gegeven["bedrag"]),
                paid_on,
            )
        except ValueError as e:
            raise CaseCheckError("aanvraag.voorschot", str(e)) from e

    def jongere_zaak(
        self,
        aanvrager: Any,
        aanvraag: Mapping[str, Any],
        toekenning: Mapping[str, Any],
    ) -> jongeren.Jongere | None:
        """The zoektermijn of a toekenning when the applicant is younger than 27
        on the ingangsdatum (Pw art. 41 lid 4, calc/jongeren.py); None when 27 or
        older or when `aanvrager.geboortedatum` is missing (the template warns)."""
        born = (
            aanvrager.get("geboortedatum") if isinstance(aanvrager, Mapping) else None
        )
        birth = _optional_date(born)
        start = to_date(toekenning["ingangsdatum"])
        if birth is None or not jongeren.is_young(birth, start):
            return None
        melding = to_date(aanvraag.get("melding_datum") or aanvraag["datum"])
        try:
            return jongeren.jongere(
                birth, melding, start, toekenning.get("zoektermijn_uitzondering")
            )
        except bijstand.NormInputError as e:
            raise CaseCheckError(f"toekenning.{e.field}", str(e)) from e

    def normwijziging_zaak(self, wijziging: Mapping[str, Any]) -> TemplateChange:
        """The bijstand the day before and on the date new norms apply
        (templates/normbedragen-wijziging/schema.json)."""
        w = wijziging
        day = to_date(w["datum"])
        income = _amount("wijziging.inkomen_per_maand", w.get("inkomen_per_maand", 0))
        args = (
            w["leefvorm"],
            bool(w.get("aow_leeftijd", False)),
            int(w.get("medebewoners", 0)),
        )
        try:
            before = day - timedelta(days=1)
            old = bijstand.uitkering(
                self.norm(*args, op=before, huishouden=w, veld="wijziging"),
                income,
                self._holiday(before),
            )
            new = bijstand.uitkering(
                self.norm(*args, op=day, huishouden=w, veld="wijziging"),
                income,
                self._holiday(day),
            )
        except CaseCheckError:
            raise  # a norm refused, already naming its field (`norm`)
        except ValueError as e:
            raise CaseCheckError("wijziging.inkomen_per_maand", str(e)) from e
        if old.norm.geldig_vanaf == new.norm.geldig_vanaf:
            raise CaseCheckError(
                "wijziging.datum",
                "op deze datum veranderen de normen niet; kies 1 januari of 1 juli",
            )
        return TemplateChange(old, new, new.bedrag - old.bedrag)

    def boete_zaak(self, overtreding: Mapping[str, Any]) -> boete_calc.Boete:
        """The fine or warning for the `overtreding` object of the case data (see
        templates/bestuurlijke-boete/schema.json). The offence date is required:
        the recidive and warning windows count back from it (Pw art. 18a lid 5)."""
        o = overtreding
        result = self.boete(
            o["benadelingsbedrag"],
            o["verwijtbaarheid"],
            overtredingsdatum=o["overtredingsdatum"],
            eerdere_boete_onherroepelijk=o.get("eerdere_boete_onherroepelijk"),
            eerdere_waarschuwing_datum=o.get("eerdere_waarschuwing_datum"),
            zelf_gemeld=bool(o.get("zelf_gemeld", False)),
            draagkracht=o.get("draagkracht"),
            gemeld_op=o.get("gemeld_op"),
            ontdekt_op=o.get("ontdekt_op"),
        )
        if boete_calc.double_counted(
            result.verwijtbaarheid, result.recidive, (str(o["waarom_verwijtbaar"]),)
        ):
            raise CaseCheckError(
                "overtreding.waarom_verwijtbaar",
                "de eerdere boete telt al mee als recidive (150 %). Zij mag niet ook "
                "de reden zijn voor opzet of grove schuld (Boetebesluit "
                "socialezekerheidswetten artikel 2 lid 9). Noem feiten over deze "
                "overtreding zelf",
            )
        return result

    def afzien(
        self,
        grond: str,
        restschuld: Any,
        betaald: Any = 0,
        invordering_sinds: Any = None,
        kwijtschelding: Any = None,
    ) -> afzien_calc.Afzien:
        """Afzien van terugvordering (Pw art. 58 lid 7 and 8)."""
        try:
            return self.record(
                afzien_calc.afzien(
                    self.table,
                    self.day,
                    grond,
                    _amount("restschuld", restschuld),
                    paid=_amount("betaald", betaald),
                    collection_start=_optional_date(invordering_sinds),
                    forgiven=(
                        None
                        if kwijtschelding is None
                        else _amount("kwijtschelding", kwijtschelding)
                    ),
                )
            )
        except ValueError as e:
            raise CaseCheckError("afzien", str(e)) from e

    def dwangsom_maximum(self, einde_termijn: Any = None) -> dwangsom.MaximaleDwangsom:
        """The largest total dwangsom (Awb 4:17) for a term ending on
        `einde_termijn` (default: the letter's date)."""
        day = self.day if einde_termijn is None else to_date(einde_termijn)
        return self.record(dwangsom.maximale_dwangsom(self.table, day))

    def reactietermijn(self, weken: int) -> date:
        """Last day to react to a voornemen sent on the letter's date (Awb 4:8)."""
        try:
            result = termijnen.zienswijzetermijn(self.table, self.day, int(weken))
        except ValueError as e:
            raise CaseCheckError("reactietermijn_weken", str(e)) from e
        return self.record(result).uiterlijk

    def verhaaltermijn(self) -> date:
        """Last day to pay or make verzet after a verhaal on a court order sent on
        the letter's date (Pw art. 62b)."""
        return self.record(termijnen.verhaaltermijn(self.table, self.day)).uiterlijk

    def bezwaartermijn(self, besluit: Any = None) -> date:
        """Last day to object to a decision dated `besluit` (default: the
        letter's date; Awb 6:7, 6:8)."""
        day = self.day if besluit is None else to_date(besluit)
        return self.record(termijnen.bezwaartermijn(self.table, day)).uiterlijk

    def hersteltermijn(self, weken: int) -> date:
        """Last day to complete an aanvraag asked on the letter's date (Awb 4:5)."""
        try:
            result = termijnen.hersteltermijn(self.table, self.day, int(weken))
        except ValueError as e:
            raise CaseCheckError("hersteltermijn_weken", str(e)) from e
        return self.record(result).uiterlijk

    def voorschottermijn(self, aanvraagdatum: Any) -> date:
        """Last day for a voorschot on bijstand (Pw art. 52 lid 1, from 1-1-2026)."""
        return self.record(
            termijnen.voorschottermijn(self.table, to_date(aanvraagdatum))
        ).uiterlijk

    def opgeschorte_beslistermijn(self, deadline: Any, herstel: Any) -> date:
        """Latest decision date with the term suspended until `herstel` (Awb 4:15)."""
        try:
            result = termijnen.opgeschorte_beslistermijn(
                self.table, to_date(deadline), self.day, to_date(herstel)
            )
        except ValueError as e:
            raise CaseCheckError("zaak.briefdatum", str(e)) from e
        return self.record(result).uiterlijk

    def verjaring_zaak(
        self, besluit_datum: Any, stuitingen: Sequence[Mapping[str, Any]], veld: str
    ) -> verjaring.Verjaring:
        """Refuses a letter that collects, settles or forgoes a claim decided on
        `besluit_datum` which may have lapsed on the letter's date (Awb 4:104),
        unless the `stuitingen` at `veld` (case data: `[{"datum", "soort"}]`,
        templates/_schema/common.json `stuitingen`) keep it due; see verjaring.py."""
        try:
            return verjaring.verjaring(
                to_date(besluit_datum),
                self.day,
                [
                    verjaring.Stuiting(to_date(s["datum"]), str(s["soort"]))
                    for s in stuitingen
                ],
            )
        except ValueError as e:
            raise CaseCheckError(veld, str(e)) from e


def template_functions(
    table: NormTable,
    day: date,
    warnings: list[str],
    case: Mapping[str, Any] | None = None,
    warn: Callable[[str, str], object] | None = None,
) -> dict[str, Callable[..., Any]]:
    """The functions a letter template may call, for a letter dated `day` about
    `case` (its `aanvrager.geboortedatum` reaches every norm; `warn(field,
    message)` records a case warning when it is missing)."""
    calc = TemplateCalculators(table, day, warnings, case, warn)
    return {
        "bijstandsnorm": calc.norm,
        "kostendelers": calc.kostendelers,
        "beslagvrije_voet": calc.voet,
        "inhouding": calc.inhouding,
        "ruimte_boven_voet": calc.ruimte_boven_voet,
        "boete": calc.boete,
        "boete_zaak": calc.boete_zaak,
        "bijstand_zaak": calc.bijstand_zaak,
        "jongere_zaak": calc.jongere_zaak,
        "normwijziging_zaak": calc.normwijziging_zaak,
        "maatregel_zaak": calc.maatregel_zaak,
        "einde_zaak": calc.einde_zaak,
        "erfenis_zaak": calc.erfenis_zaak,
        "voorschot_zaak": calc.voorschot_zaak,
        "voorschot_verrekening": calc.voorschot_verrekening,
        "betaald_na_periode": calc.betaald_na_periode,
        "draagkracht_zaak": calc.draagkracht_zaak,
        "intrekking_erfenis": calc.intrekking_erfenis,
        "erfenis_vordering": calc.erfenis_vordering,
        "te_veel_zaak": calc.te_veel_zaak,
        "vakantietoeslag_zaak": calc.vakantietoeslag_zaak,
        "afzien_berekening": calc.afzien,
        "bezwaartermijn": calc.bezwaartermijn,
        "verhaaltermijn": calc.verhaaltermijn,
        "reactietermijn": calc.reactietermijn,
        "dwangsom_maximum": calc.dwangsom_maximum,
        "hersteltermijn": calc.hersteltermijn,
        "voorschottermijn": calc.voorschottermijn,
        "opgeschorte_beslistermijn": calc.opgeschorte_beslistermijn,
        "vervaldag": lambda maand: aflossing.vervaldag(to_date(maand)),
        "verjaring_zaak": calc.verjaring_zaak,
    }


# The names a template may call (for letterforge templatelint and the README).
TEMPLATE_FUNCTION_NAMES = (
    "bijstandsnorm",
    "kostendelers",
    "beslagvrije_voet",
    "inhouding",
    "ruimte_boven_voet",
    "boete",
    "boete_zaak",
    "bijstand_zaak",
    "jongere_zaak",
    "normwijziging_zaak",
    "maatregel_zaak",
    "einde_zaak",
    "erfenis_zaak",
    "voorschot_zaak",
    "voorschot_verrekening",
    "betaald_na_periode",
    "draagkracht_zaak",
    "intrekking_erfenis",
    "erfenis_vordering",
    "te_veel_zaak",
    "vakantietoeslag_zaak",
    "afzien_berekening",
    "bezwaartermijn",
    "verhaaltermijn",
    "reactietermijn",
    "dwangsom_maximum",
    "hersteltermijn",
    "voorschottermijn",
    "opgeschorte_beslistermijn",
    "vervaldag",
    "beslistermijn",
    "verlengde_beslistermijn",
    "verjaring_zaak",
)
