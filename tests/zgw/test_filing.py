"""Filing in the zaak against a server that checks every request with the VNG specs."""

from __future__ import annotations

import base64
import hashlib
from datetime import date

import pytest

from letterforge.compose.deadlines import bezwaar_deadline
from letterforge.errors import FilingError
from letterforge.pipeline import parse_request, render_request
from letterforge.render.pdf import docx_to_pdf
from letterforge.settings import Settings
from letterforge.zgw import FilingInput, file_letter
from letterforge.zgw.client import ZgwClient
from tests.conftest import TODAY, load_sample
from tests.zgw.conftest import RSIN, make_config
from tests.zgw.server import ZgwTestServer

pytestmark = pytest.mark.slow
LETTER_DATE = date(2026, 3, 2)


@pytest.fixture(scope="module")
def letter_files(settings: Settings) -> tuple[bytes, bytes]:
    """A real sample letter: (DOCX, PDF/A)."""
    request = parse_request(load_sample("terugvordering-later-inkomsten"))
    docx = render_request(request, settings, today=TODAY).content
    return docx, docx_to_pdf(docx)


def _item(zaak: str, files: tuple[bytes, bytes], template: str) -> FilingInput:
    docx, pdf = files
    return FilingInput(
        kenmerk="WI/2026/05177",
        titel="U moet € 2.345,67 bijstand terugbetalen",
        template_id=template,
        zaak_url=zaak,
        letter_date=LETTER_DATE,
        bezwaar_deadline=bezwaar_deadline(LETTER_DATE),
        pdf=pdf,
        pdf_name="WI-2026-05177-terugvordering.pdf",
        docx=docx,
        docx_name="WI-2026-05177-terugvordering.docx",
    )


def _counts(server: ZgwTestServer) -> tuple[int, int, int, int]:
    state = server.state
    return (
        len(state.documents),
        len(state.zios),
        len(state.besluiten),
        len(state.bios),
    )


def test_files_document_link_and_besluit(
    zgw: ZgwTestServer, letter_files: tuple[bytes, bytes]
) -> None:
    zaak = zgw.add_zaak()
    with ZgwClient(make_config(zgw)) as client:
        results = file_letter(client, _item(zaak, letter_files, "terugvordering"))
    [document_url] = results["documenten"]
    document = zgw.state.documents[document_url]
    pdf = letter_files[1]
    assert document["identificatie"] == "WI/2026/05177"
    assert document["bronorganisatie"] == RSIN
    assert (document["taal"], document["status"]) == ("nld", "definitief")
    assert document["formaat"] == "application/pdf"
    assert document["bestandsnaam"].endswith(".pdf")
    assert document["creatiedatum"] == "2026-03-02"
    assert document["integriteit"]["algoritme"] == "sha_256"
    assert document["integriteit"]["waarde"] == hashlib.sha256(pdf).hexdigest()
    assert zgw.content_of(document_url) == pdf
    [link] = results["zaakinformatieobjecten"]
    assert zgw.state.zios[link]["zaak"] == zaak
    besluit = zgw.state.besluiten[results["besluit"]]
    assert besluit["zaak"] == zaak
    assert besluit["datum"] == besluit["ingangsdatum"] == "2026-03-02"
    # Awb 6:7/6:8: six weeks from the day after the letter, Monday 13 April 2026.
    assert besluit["uiterlijkeReactiedatum"] == "2026-04-13"
    [besluit_link] = results["besluitinformatieobjecten"]
    assert zgw.state.bios[besluit_link]["informatieobject"] == document_url


@pytest.mark.parametrize(
    ("template", "file_docx", "expected"),
    [
        ("terugvordering", False, (1, 1, 1, 1)),
        ("terugvordering", True, (2, 2, 1, 2)),
        ("ontvangstbevestiging", False, (1, 1, 0, 0)),  # no besluittype: no besluit
    ],
)
def test_filing_twice_creates_nothing_twice(
    zgw: ZgwTestServer,
    letter_files: tuple[bytes, bytes],
    template: str,
    file_docx: bool,
    expected: tuple[int, int, int, int],
) -> None:
    zaak = zgw.add_zaak()
    config = make_config(zgw, file_docx=file_docx)
    with ZgwClient(config) as client:
        first = file_letter(client, _item(zaak, letter_files, template))
        second = file_letter(client, _item(zaak, letter_files, template))
    assert first == second
    assert _counts(zgw) == expected


def test_large_file_goes_up_in_parts(
    zgw: ZgwTestServer, letter_files: tuple[bytes, bytes]
) -> None:
    zaak = zgw.add_zaak()
    config = make_config(zgw, chunk_from_bytes=1)
    with ZgwClient(config) as client:
        results = file_letter(client, _item(zaak, letter_files, "terugvordering"))
    [document_url] = results["documenten"]
    assert zgw.content_of(document_url) == letter_files[1]
    assert not zgw.state.documents[document_url]["locked"]
    assert len(zgw.state.parts) > 1
    assert any(
        path.startswith("/documenten/api/v1/bestandsdelen/")
        for _, path in zgw.state.requests
    )


def test_timeout_after_storing_is_no_duplicate(
    zgw: ZgwTestServer, letter_files: tuple[bytes, bytes]
) -> None:
    zaak = zgw.add_zaak()
    zgw.faults.timeout_after_store = 1
    zgw.faults.only_path = "enkelvoudiginformatieobjecten"
    with ZgwClient(make_config(zgw)) as client:
        with pytest.raises(FilingError, match="geen antwoord binnen de tijd"):
            file_letter(client, _item(zaak, letter_files, "terugvordering"))
        assert _counts(zgw) == (1, 0, 0, 0)  # stored, but we never heard
        file_letter(client, _item(zaak, letter_files, "terugvordering"))
    assert _counts(zgw) == (1, 1, 1, 1)


@pytest.mark.parametrize("fault", ["status_500", "slow", "down"])
def test_failures_raise_a_dutch_filing_error(
    zgw: ZgwTestServer, letter_files: tuple[bytes, bytes], fault: str
) -> None:
    zaak = zgw.add_zaak()
    config = make_config(zgw)
    if fault == "status_500":
        zgw.faults.status_500 = 1
    elif fault == "slow":
        zgw.faults.slow_seconds, zgw.faults.slow_times = 4.0, 1
    else:
        config = make_config(zgw, documenten_api="http://127.0.0.1:9/documenten/")
    with ZgwClient(config) as client, pytest.raises(FilingError) as raised:
        file_letter(client, _item(zaak, letter_files, "terugvordering"))
    assert raised.value.message
    assert "Yılmaz" not in raised.value.message


def test_the_server_refuses_what_the_specification_refuses(
    zgw: ZgwTestServer,
) -> None:
    """The checks are real: a request Open Zaak would refuse fails here too."""
    body = {
        "bronorganisatie": RSIN,
        "creatiedatum": "2026-03-02",
        "titel": "Brief",
        "auteur": "letterforge",
        "taal": "nederlands",  # the spec allows three letters (ISO 639-2/B)
        "informatieobjecttype": "https://catalogi.example.nl/iot/1",
        "inhoud": base64.b64encode(b"%PDF-").decode(),
    }
    with ZgwClient(make_config(zgw)) as client, pytest.raises(FilingError):
        client.request(
            "POST", f"{zgw.root('documenten')}enkelvoudiginformatieobjecten", json=body
        )
    assert len(zgw.state.refused) == 1
    assert "taal" in zgw.state.refused[0] or "nederlands" in zgw.state.refused[0]
    zgw.state.refused.clear()


def test_a_wrong_secret_is_refused(zgw: ZgwTestServer) -> None:
    config = make_config(zgw, secret="een-ander-geheim-van-ruim-32-tekens!!")
    with ZgwClient(config) as client, pytest.raises(FilingError):
        client.find_one(f"{zgw.root('besluiten')}besluiten", {"identificatie": "x"})
    assert any("JWT" in refusal for refusal in zgw.state.refused)
    zgw.state.refused.clear()


def test_a_zaak_of_another_zaken_api_is_refused_before_anything_is_stored(
    zgw: ZgwTestServer, letter_files: tuple[bytes, bytes]
) -> None:
    elsewhere = "https://zaken.elders.example.nl/zaken/api/v1/zaken/1"
    with ZgwClient(make_config(zgw)) as client, pytest.raises(FilingError) as raised:
        file_letter(client, _item(elsewhere, letter_files, "terugvordering"))
    assert "Zaken API" in raised.value.message
    assert zgw.state.requests == []
