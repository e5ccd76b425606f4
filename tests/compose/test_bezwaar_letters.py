"""A beslissing op bezwaar that takes a new decision names that decision's own legal
basis, with article and lid (Awb 7:11 lid 2, 3:46)."""

from __future__ import annotations

from typing import Any

import pytest

from letterforge.errors import CaseDataError
from letterforge.pipeline import LetterRequest, build_letter
from letterforge.render import render_text
from letterforge.settings import Settings, load_settings
from tests.conftest import TODAY, load_sample

RULE = "Participatiewet, artikel 18a lid 1: u krijgt een boete."


def _letter(settings: Settings, outcome: str, rules: Any) -> str:
    data = load_sample("beslissing-op-bezwaar-deels-gegrond")
    bezwaar = data["case"]["bezwaar"]
    bezwaar["uitkomst"] = outcome
    if rules is None:
        bezwaar.pop("grondslag_nieuw_besluit", None)
    else:
        bezwaar["grondslag_nieuw_besluit"] = rules
    request = LetterRequest(data["template"], data["case"], "text")
    return render_text(build_letter(request, settings, today=TODAY))


@pytest.mark.parametrize(
    ("outcome", "rules", "refused_field", "printed"),
    [
        ("deels gegrond", [RULE], None, True),
        ("gegrond", [RULE], None, True),
        ("ongegrond", None, None, False),
        ("deels gegrond", None, "bezwaar.grondslag_nieuw_besluit", False),
        ("gegrond", None, "bezwaar.grondslag_nieuw_besluit", False),
        # A rule without an article is no legal basis.
        ("gegrond", ["De wet zegt het."], "bezwaar.grondslag_nieuw_besluit.0", False),
    ],
)
def test_a_new_decision_names_its_legal_basis(
    settings: Settings,
    outcome: str,
    rules: Any,
    refused_field: str | None,
    printed: bool,
) -> None:
    if refused_field:
        with pytest.raises(CaseDataError) as caught:
            _letter(settings, outcome, rules)
        assert refused_field in [p.path for p in caught.value.problems]
        return
    text = _letter(settings, outcome, rules)
    assert (RULE in text) is printed


LATE = "wij kregen het bezwaar op"
EXCUSE = "U lag van 1 tot en met 30 oktober 2026 in het ziekenhuis."


@pytest.mark.parametrize(
    ("decided", "received", "excuse", "refused"),
    [
        # Review r4 finding 1 (a17): decision of 1 September, term ended on
        # Tuesday 13 October, bezwaar received on 1 November.
        ("2026-09-01", "2026-11-01", None, "13 oktober 2026"),
        ("2026-09-01", "2026-10-13", None, None),  # the last day is on time
        ("2026-09-01", "2026-10-14", None, "13 oktober 2026"),
        # A term ending on Saturday 17 October runs on to Monday 19 (Atw art. 1).
        ("2026-09-05", "2026-10-19", None, None),
        ("2026-09-05", "2026-10-20", None, "19 oktober 2026"),
        # Excusable lateness (Awb 6:11): no warning, the letter says why.
        ("2026-09-01", "2026-11-01", EXCUSE, None),
    ],
)
def test_a_late_bezwaar_on_its_merits_is_refused_unless_excused(
    settings: Settings,
    decided: str,
    received: str,
    excuse: str | None,
    refused: str | None,
) -> None:
    """Review r5 finding 4: a late bezwaar decided on its merits without an
    excuse (Awb 6:11) is refused, not only warned: it is niet-ontvankelijk (7:1)."""
    data = load_sample("beslissing-op-bezwaar-ongegrond")
    bezwaar = data["case"]["bezwaar"]
    bezwaar["besluit_datum"], bezwaar["datum"] = decided, received
    if excuse:
        bezwaar["termijnoverschrijding_verschoonbaar"] = {"reden": excuse}
    request = LetterRequest(data["template"], data["case"], "text")
    if refused is not None:
        with pytest.raises(CaseDataError) as caught:
            build_letter(request, settings, today=TODAY)
        late = [p for p in caught.value.problems if LATE in p.message]
        assert [p.path for p in late] == ["bezwaar.datum"]
        assert refused in late[0].message.replace("\xa0", " ")
        assert "6:11" in late[0].message
        assert "niet-ontvankelijk" in late[0].message
        assert "bezwaar.termijnoverschrijding_verschoonbaar.reden" in late[0].message
        return
    letter = build_letter(request, settings, today=TODAY)
    assert [w for w in letter.warnings if LATE in w.message] == []
    text = render_text(letter)
    assert (EXCUSE in text) is bool(excuse)
    assert ("artikel 6:11" in text) is bool(excuse)


NOT_TREATED = "Wij behandelen uw bezwaar niet. Dat komt doordat"
LATE_SAMPLE = "beslissing-op-bezwaar-niet-ontvankelijk-te-laat"
UNREPAIRED_SAMPLE = "beslissing-op-bezwaar-niet-ontvankelijk-niet-hersteld"


def _build(name: str, changes: dict[str, Any]) -> Any:
    """The letter of sample `name` with `changes` ({dotted path: value, or None
    to remove}) applied to its case."""
    data = load_sample(name)
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = data["case"]
        for part in parents:
            node = node.setdefault(part, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    request = LetterRequest(data["template"], data["case"], "text")
    return build_letter(request, load_settings({}), today=TODAY)


@pytest.mark.parametrize(
    ("name", "changes", "printed"),
    [
        (LATE_SAMPLE, {}, ["uw bezwaar te laat was", "13\xa0oktober\xa02026"]),
        (UNREPAIRED_SAMPLE, {}, ["uw handtekening", "5\xa0november\xa02026"]),
        # Without a toelichting the letter says no reason was given.
        (
            LATE_SAMPLE,
            {"bezwaar.niet_ontvankelijk.toelichting": None},
            ["U gaf ons geen reden"],
        ),
        # A term ending on Saturday 17 October runs on to Monday 19 (Atw art. 1).
        (
            LATE_SAMPLE,
            {"bezwaar.besluit_datum": "2026-09-05"},
            ["tot en met 19\xa0oktober\xa02026"],
        ),
    ],
)
def test_a_niet_ontvankelijk_bezwaar_says_why_first(
    name: str, changes: dict[str, Any], printed: list[str]
) -> None:
    letter = _build(name, changes)
    text = render_text(letter)
    assert NOT_TREATED in text
    assert text.index(NOT_TREATED) < text.index("Waarom?")
    for part in printed:
        assert part in text
    # Beroep stays open; no hearing is needed (Awb 7:3 onder a).
    assert "in beroep gaan bij de rechtbank" in text
    assert "7:3 onder a" in text
    assert not [w for w in letter.warnings if "niet-ontvankelijk" in w.message]


@pytest.mark.parametrize(
    ("name", "changes", "field"),
    [
        # The ground "te-laat" for a bezwaar that came in on time, or whose
        # lateness the case itself calls excusable (Awb 6:11).
        (LATE_SAMPLE, {"bezwaar.datum": "2026-10-13"}, "bezwaar.datum"),
        (
            LATE_SAMPLE,
            {"bezwaar.termijnoverschrijding_verschoonbaar": {"reden": "Ziek."}},
            "bezwaar.datum",
        ),
        (LATE_SAMPLE, {"bezwaar.niet_ontvankelijk": None}, "bezwaar.niet_ontvankelijk"),
        (
            LATE_SAMPLE,
            {"bezwaar.nieuw_besluit": "Iets anders."},
            "bezwaar.nieuw_besluit",
        ),
        # Awb 6:6: what was missing, when we asked and until when.
        (
            UNREPAIRED_SAMPLE,
            {"bezwaar.niet_ontvankelijk.ontbrak": None},
            "bezwaar.niet_ontvankelijk.ontbrak",
        ),
        (
            UNREPAIRED_SAMPLE,
            {"bezwaar.niet_ontvankelijk.herstel_gevraagd_op": None},
            "bezwaar.niet_ontvankelijk.herstel_gevraagd_op",
        ),
        # The hersteltermijn still runs on the letter's date.
        (
            UNREPAIRED_SAMPLE,
            {"bezwaar.niet_ontvankelijk.hersteltermijn_tot": "2026-11-26"},
            "bezwaar.niet_ontvankelijk.hersteltermijn_tot",
        ),
        # Asked to repair before the bezwaar came in; a term ending before it began.
        (
            UNREPAIRED_SAMPLE,
            {"bezwaar.niet_ontvankelijk.herstel_gevraagd_op": "2026-10-19"},
            "bezwaar.niet_ontvankelijk.herstel_gevraagd_op",
        ),
        (
            UNREPAIRED_SAMPLE,
            {"bezwaar.niet_ontvankelijk.hersteltermijn_tot": "2026-10-21"},
            "bezwaar.niet_ontvankelijk.hersteltermijn_tot",
        ),
        # Awb 6:9 lid 2 (review r6): received within a week after the term
        # (13-10-2026) without a postmark may have been posted in time.
        (LATE_SAMPLE, {"bezwaar.datum": "2026-10-16"}, "bezwaar.poststempel"),
        (LATE_SAMPLE, {"bezwaar.datum": "2026-10-20"}, "bezwaar.poststempel"),
        # A ground only with that outcome; arguments needed on the merits.
        (
            "beslissing-op-bezwaar-ongegrond",
            {"bezwaar.niet_ontvankelijk": {"grond": "niet-hersteld"}},
            "bezwaar.niet_ontvankelijk",
        ),
        (
            "beslissing-op-bezwaar-ongegrond",
            {"bezwaar.argumenten": None},
            "bezwaar.argumenten",
        ),
    ],
)
def test_a_niet_ontvankelijk_ground_that_does_not_hold_is_refused(
    name: str, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(CaseDataError) as caught:
        _build(name, changes)
    assert field in [p.path for p in caught.value.problems]


DECISION_TERM = "artikel 7:10"


@pytest.mark.parametrize(
    ("decided", "received", "letter", "warned"),
    [
        # On time: six weeks after the bezwaartermijn ended (13 October).
        ("2026-09-01", "2026-10-01", "2026-11-25", "24\xa0november\xa02026"),
        ("2026-09-01", "2026-10-01", "2026-11-24", None),
        # Late (a17): the six weeks count from the day it came in, not from a
        # term that ended before it arrived (no warning on 1 December).
        ("2026-09-01", "2026-11-01", "2026-12-01", None),
        ("2026-09-01", "2026-11-01", "2026-12-15", "14\xa0december\xa02026"),
    ],
)
def test_the_7_10_term_counts_from_the_end_of_the_bezwaartermijn(
    decided: str, received: str, letter: str, warned: str | None
) -> None:
    built = _build(
        "beslissing-op-bezwaar-ongegrond",
        {
            "bezwaar.besluit_datum": decided,
            "bezwaar.datum": received,
            "bezwaar.hoorzitting": None,
            "bezwaar.geen_hoorzitting": "U wilde niet gehoord worden.",
            "bezwaar.termijnoverschrijding_verschoonbaar": {"reden": "Ziek."},
            "zaak.briefdatum": letter,
        },
    )
    found = [w for w in built.warnings if DECISION_TERM in w.message]
    if warned is None:
        assert found == []
    else:
        (only,) = found
        assert warned in only.message
        assert only.path == "zaak.briefdatum"


ONGEGROND_SAMPLE = "beslissing-op-bezwaar-ongegrond"
# The sample's decision of 1 September 2026: the term ends on 13 October.
ON_MERITS = {
    "bezwaar.besluit_datum": "2026-09-01",
    "bezwaar.hoorzitting": None,
    "bezwaar.geen_hoorzitting": "U wilde niet gehoord worden.",
}


@pytest.mark.parametrize(
    ("name", "changes", "refused"),
    [
        # Review r5 finding 1 (b20): received three days after the term, posted
        # within it: on time (Awb 6:9 lid 2), so never niet-ontvankelijk te laat.
        (
            LATE_SAMPLE,
            {"bezwaar.datum": "2026-10-16", "bezwaar.poststempel": "2026-10-13"},
            "bezwaar.datum",
        ),
        # The week is the limit: received on the 7th day after the term.
        (
            LATE_SAMPLE,
            {"bezwaar.datum": "2026-10-20", "bezwaar.poststempel": "2026-10-12"},
            "bezwaar.datum",
        ),
        # Received on the 8th day, or posted after the term: late after all.
        (
            LATE_SAMPLE,
            {"bezwaar.datum": "2026-10-21", "bezwaar.poststempel": "2026-10-12"},
            None,
        ),
        (
            LATE_SAMPLE,
            {"bezwaar.datum": "2026-10-16", "bezwaar.poststempel": "2026-10-14"},
            None,
        ),
        # Without a postmark a bezwaar within the postal week cannot be called
        # late (review r6 finding 1), unless it did not come by post.
        (LATE_SAMPLE, {"bezwaar.datum": "2026-10-16"}, "bezwaar.poststempel"),
        (
            LATE_SAMPLE,
            {"bezwaar.datum": "2026-10-16", "bezwaar.niet_per_post": True},
            None,
        ),
        # Awb 6:8 lid 1: sent on 4 September, the term runs to 16 October.
        (
            LATE_SAMPLE,
            {
                "bezwaar.datum": "2026-10-16",
                "bezwaar.besluit_verzonden_op": "2026-09-04",
            },
            "bezwaar.datum",
        ),
        (
            LATE_SAMPLE,
            {
                "bezwaar.datum": "2026-10-19",
                "bezwaar.besluit_verzonden_op": "2026-09-04",
                "bezwaar.niet_per_post": True,
            },
            None,
        ),
        (
            LATE_SAMPLE,
            {
                "bezwaar.datum": "2026-10-19",
                "bezwaar.besluit_verzonden_op": "2026-09-04",
            },
            "bezwaar.poststempel",
        ),
        # Impossible orders: sent before its date, received before it was posted.
        (
            LATE_SAMPLE,
            {"bezwaar.besluit_verzonden_op": "2026-08-31"},
            "bezwaar.besluit_verzonden_op",
        ),
        (
            LATE_SAMPLE,
            {"bezwaar.poststempel": "2026-10-29"},
            "bezwaar.datum",
        ),
        # On the merits (finding 4): the same rules decide whether it is late.
        (
            ONGEGROND_SAMPLE,
            {
                **ON_MERITS,
                "bezwaar.datum": "2026-10-16",
                "bezwaar.poststempel": "2026-10-13",
            },
            None,
        ),
        (
            ONGEGROND_SAMPLE,
            {**ON_MERITS, "bezwaar.datum": "2026-10-16"},
            "bezwaar.datum",
        ),
        (
            ONGEGROND_SAMPLE,
            {
                **ON_MERITS,
                "bezwaar.datum": "2026-10-16",
                "bezwaar.besluit_verzonden_op": "2026-09-04",
            },
            None,
        ),
    ],
)
def test_the_bezwaartermijn_counts_from_sending_and_by_postmark(
    name: str, changes: dict[str, Any], refused: str | None
) -> None:
    """Awb 6:8 lid 1 (from the day after the decision was sent) and 6:9 lid 2
    (posted in time, received within a week after the term: on time)."""
    if refused is None:
        letter = _build(name, changes)
        assert not [w for w in letter.warnings if LATE in w.message]
        text = render_text(letter)
        if "bezwaar.besluit_verzonden_op" in changes and name == LATE_SAMPLE:
            assert "Wij stuurden ons besluit op 4\xa0september\xa02026." in text
        return
    with pytest.raises(CaseDataError) as caught:
        _build(name, changes)
    assert refused in [p.path for p in caught.value.problems]


MERITS_ONLY = (
    "artikel 7:11",
    "artikel 7:2 en 7:3",
    "wij bekijken het besluit opnieuw",
)
NO_COSTS = "Die betalen wij niet, want wij behandelden uw bezwaar niet."


@pytest.mark.parametrize(
    ("name", "changes", "merits", "ground"),
    [
        (LATE_SAMPLE, {}, False, "artikel 6:7, 6:8, 6:9 en 6:11"),
        (UNREPAIRED_SAMPLE, {}, False, "artikel 6:5 en 6:6"),
        (ONGEGROND_SAMPLE, {}, True, None),
        ("beslissing-op-bezwaar-deels-gegrond", {}, True, None),
    ],
)
def test_a_niet_ontvankelijk_letter_cites_no_rules_on_the_merits(
    name: str, changes: dict[str, Any], merits: bool, ground: str | None
) -> None:
    """Review r5 finding 6: a niet-ontvankelijk bezwaar is not reconsidered
    (Awb 7:11) and needs no hearing (7:3 onder a); its rules list and text say
    only what applies."""
    text = render_text(_build(name, changes))
    for phrase in MERITS_ONLY:
        assert (phrase in text) is merits, phrase
    assert ("artikel 7:1 en 7:3 onder a" in text) is not merits
    assert (NO_COSTS in text) is not merits
    if ground:
        assert ground in text


SHORT = "de hersteltermijn is kort"


@pytest.mark.parametrize(
    ("changes", "warned", "refused"),
    [
        # The sample: asked on 22 October, until 5 November: two weeks.
        ({}, None, None),
        # Review r5 finding 5 (b10): two days is not a reasonable term (6:6).
        (
            {"bezwaar.niet_ontvankelijk.hersteltermijn_tot": "2026-10-24"},
            "tot en met 24\xa0oktober\xa02026",
            None,
        ),
        (
            {"bezwaar.niet_ontvankelijk.hersteltermijn_tot": "2026-11-04"},
            "korter dan 2 weken",
            None,
        ),
        # Repaired late but before the decision: never niet-ontvankelijk.
        (
            {"bezwaar.niet_ontvankelijk.hersteld_op": "2026-11-10"},
            None,
            "bezwaar.niet_ontvankelijk.hersteld_op",
        ),
    ],
)
def test_a_hersteltermijn_is_reasonable_and_a_late_repair_counts(
    changes: dict[str, Any], warned: str | None, refused: str | None
) -> None:
    if refused:
        with pytest.raises(CaseDataError) as caught:
            _build(UNREPAIRED_SAMPLE, changes)
        assert refused in [p.path for p in caught.value.problems]
        return
    letter = _build(UNREPAIRED_SAMPLE, changes)
    short = [w for w in letter.warnings if SHORT in w.message]
    if warned is None:
        assert short == []
    else:
        assert [w.path for w in short] == [
            "bezwaar.niet_ontvankelijk.hersteltermijn_tot"
        ]
        assert warned in short[0].message
    assert "Wij kregen geen aanvulling." in render_text(letter)


@pytest.mark.parametrize(
    "changes",
    [
        # Not by post: the week of Awb 6:9 lid 2 does not apply.
        {"bezwaar.datum": "2026-10-16", "bezwaar.niet_per_post": True},
        # Eight days after the term: late even if posted in time.
        {"bezwaar.datum": "2026-10-21"},
    ],
    ids=["not-by-post", "day-8-after-the-term"],
)
def test_a_bezwaar_late_beyond_the_postal_week_needs_no_postmark(
    changes: dict[str, Any],
) -> None:
    assert NOT_TREATED in render_text(_build(LATE_SAMPLE, changes))


@pytest.mark.parametrize(
    ("hersteld_op", "said"),
    [
        # Review r6 finding 2: the letter is of 19 November; a repair dated after
        # it cannot be called "voor deze beslissing".
        ("2026-11-25", "na de datum van de brief"),
        ("2026-11-10", "voor deze beslissing"),
    ],
)
def test_a_repair_date_is_described_truly(hersteld_op: str, said: str) -> None:
    with pytest.raises(CaseDataError) as caught:
        _build(
            UNREPAIRED_SAMPLE, {"bezwaar.niet_ontvankelijk.hersteld_op": hersteld_op}
        )
    messages = [p.message for p in caught.value.problems]
    assert [m for m in messages if said in m], messages
