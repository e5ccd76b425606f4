"""Every letter that computes a bijstandsnorm reads the claimant's age from
`aanvrager.geboortedatum`: a 19-year-old's maatregel, beslagvrije voet, te-veel
table, vakantietoeslag, voorschot, draagkracht and norm change use the
jongerennorm; without the field the letter assumes 21 or older and says so in a
warning naming the field, like the toekenning.

Worked numbers: shared/reference/domain-law-2026.md §1, jongerennorm alleenstaande
18-20 (Pw 20 lid 1 onder a) € 345,99 from 1-1-2026 and € 350,42 from 1-7-2026;
vakantietoeslag 4,8 % reserved (Pw 19 lid 3); beslagvrije voet and voorschot 95 %.
"""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import Letter, LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, load_sample

FIELD = "aanvrager.geboortedatum"
YOUNG = "2007-05-01"  # 18 on 1-7-2025, 19 on the letters' dates

# Samples whose letter computes a norm, one or more per template family.
WITH_A_NORM = [
    "beeindiging-bijstand-verhuizing",
    "beeindiging-bijstand-werk",
    "bestuurlijke-boete-boete",
    "betalingsregeling-boete",
    "betalingsregeling-terugvordering",
    "bijzondere-bijstand-afwijzing-zelf-betalen",
    "herziening-inlichtingenplicht",
    "herziening-intrekking-erfenis",
    "maatregel-afspraken",
    "maatregel-sollicitatie",
    "normbedragen-wijziging-januari",
    "normbedragen-wijziging-kostendeler",
    "terugvordering-inlichtingenplicht-zienswijze",
    "terugvordering-later-inkomsten",
    "verlenging-beslistermijn-stukken",
    "voornemen-terugvordering-erfenis",
    "voornemen-terugvordering-onderzoek",
]

# (sample, what the letter says for a 19-year-old)
YOUNG_FIGURES = [
    # 20 % of € 350,42 = € 70,084 -> € 70,08
    ("maatregel-sollicitatie", "Tot 1 januari 2027 is dat € 70,08 per maand."),
    # 10 % of € 350,42 = € 35,042 -> € 35,04
    ("maatregel-afspraken", "Uw bijstand is 1 maand lang € 35,04 lager."),
    # 95 % of € 350,42 = € 332,899 -> € 332,90
    ("verlenging-beslistermijn-stukken", "U krijgt een voorschot van € 332,90"),
    (
        "betalingsregeling-terugvordering",
        "Beslagvrije voet: 95 % van de norm | € 332,90",
    ),
    (
        "bijzondere-bijstand-afwijzing-zelf-betalen",
        "Jongerennorm alleenstaande (18 tot 21 jaar) | € 350,42",
    ),
    # June 2026: 4,8 % of € 345,99 = € 16,61; July-October: 4 x € 16,82
    ("beeindiging-bijstand-verhuizing", "U krijgt nog € 83,89 vakantietoeslag"),
    # The te-veel table and the paid-out table per month, from the jongerennorm
    # (figures of the calculators, checked by tests/compose/calc).
    ("herziening-inlichtingenplicht", "U kreeg daardoor € 1.367,35 te veel."),
    ("herziening-intrekking-erfenis", "betaalden wij u € 968,52 bijstand"),
    # The rules list cites the article of the norm used.
    ("maatregel-sollicitatie", "Participatiewet, artikel 20 lid 1 onder a:"),
    # € 345,99 - 4,8 % (€ 16,61) = € 329,38 paid per month from 1-1-2026
    ("normbedragen-wijziging-januari", "krijgt u elke maand € 329,38 bijstand"),
]

# (sample, the field a 19-year-old's letter is refused at)
YOUNG_REFUSALS = [
    # Pw 20 with kostendelers: the reference is silent, so we do not guess.
    ("normbedragen-wijziging-kostendeler", "wijziging.medebewoners"),
    # A young claimant's couple norm needs the partner's age (Pw 20 lid 1 b/c).
    ("bestuurlijke-boete-recidive", "overtreding.berekening.partner_geboortedatum"),
    # The typed total was the 21+ figure: the te-veel table now gives less.
    ("terugvordering-later-inkomsten", "terugvordering.bedrag"),
    ("voornemen-terugvordering-onderzoek", "voornemen.bedrag"),
]


def _build(settings: Settings, sample: str, born: str | None) -> Letter:
    data = load_sample(sample)
    case: dict[str, Any] = data["case"]
    if born is None:
        del case["aanvrager"]
    else:
        case["aanvrager"]["geboortedatum"] = born
    request = LetterRequest(data["template"], case, "text")
    return build_letter(request, settings, today=TODAY)


def _text(letter: Letter) -> str:
    return render_text(letter).replace("\xa0", " ")


@pytest.mark.parametrize("sample", WITH_A_NORM)
def test_the_samples_carry_a_birth_date_and_no_warning(
    settings: Settings, sample: str
) -> None:
    letter = _build(
        settings, sample, load_sample(sample)["case"]["aanvrager"]["geboortedatum"]
    )
    assert [w for w in letter.warnings if w.path == FIELD] == []


@pytest.mark.parametrize("sample", WITH_A_NORM)
def test_without_a_birth_date_the_letter_warns_naming_the_field(
    settings: Settings, sample: str
) -> None:
    with_date = _text(_build(settings, sample, "1990-01-01"))
    letter = _build(settings, sample, None)
    [warning] = [w for w in letter.warnings if w.path == FIELD]
    assert "wij gaan uit van 21 jaar of ouder" in warning.message
    # Today's behaviour: the norm for 21 or older.
    assert _text(letter) == with_date


@pytest.mark.parametrize(("sample", "says"), YOUNG_FIGURES)
def test_a_19_year_old_gets_the_jongerennorm_in_the_letter(
    settings: Settings, sample: str, says: str
) -> None:
    assert says not in _text(_build(settings, sample, "1990-01-01"))
    assert says in _text(_build(settings, sample, YOUNG))


@pytest.mark.parametrize(("sample", "field"), YOUNG_REFUSALS)
def test_what_does_not_fit_a_19_year_old_is_refused_naming_the_field(
    settings: Settings, sample: str, field: str
) -> None:
    with pytest.raises(CaseDataError) as caught:
        _build(settings, sample, YOUNG)
    assert field in [p.path for p in caught.value.problems]
