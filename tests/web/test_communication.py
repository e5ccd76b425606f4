"""The communication team's page on real files: Dutch refusals (422), the upload
limit named in Dutch (413), a letter with a logo accepted, findings marked by
offsets, and the Word file back with comments."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from letterforge.register.users import create_user
from letterforge.web import create_app
from tests.readability.test_altchunks import _letter

CASES = Path(__file__).resolve().parents[1] / "data" / "readability-cases"
PASSWORD = "een-lang-wachtwoord"


@pytest.fixture
def page(tmp_path: Path) -> Iterator[FlaskClient]:
    app: Flask = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
        }
    )
    app.extensions["letterforge"].register.migrate()  # as every command does
    with app.extensions["letterforge"].register.session() as session:
        create_user(session, "carla", "communicatie", PASSWORD)
    client = app.test_client()
    token = _csrf(client.get("/aanmelden").get_data(as_text=True))
    signed = client.post(
        "/aanmelden", data={"csrf": token, "naam": "carla", "wachtwoord": PASSWORD}
    )
    assert signed.status_code == 302
    yield client
    app.extensions["letterforge"].register.dispose()


def _csrf(html: str) -> str:
    start = html.index('name="csrf" value="') + len('name="csrf" value="')
    return html[start : html.index('"', start)]


def multipart(fields: dict[str, str], name: str, content: bytes) -> bytes:
    """A form body built in memory: the test client would spool a large one to a
    temporary file that it never closes (a ResourceWarning in a later test)."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
        f"{value}\r\n".encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="bestand";'
        f' filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


BOUNDARY = "grens"


def post_body(client: FlaskClient, body: bytes) -> Any:
    return client.post(
        "/taal",
        input_stream=io.BytesIO(body),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        content_length=len(body),
    )


def upload(
    client: FlaskClient, content: bytes, name: str, action: str = "controleer"
) -> tuple[int, str, bytes]:
    token = _csrf(client.get("/taal").get_data(as_text=True))
    answer = post_body(
        client, multipart({"csrf": token, "actie": action}, name, content)
    )
    binary = answer.mimetype != "text/html"
    html = "" if binary else answer.get_data(as_text=True)
    return answer.status_code, html, answer.data


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("malformed-xml.docx", "geen geldig Word-bestand"),
        ("huge-text-node.docx", "meer dan 10 MB"),
        ("zip-bomb.docx", "groter dan 16 MB"),
    ],
)
def test_broken_files_get_a_dutch_422(page: FlaskClient, name: str, says: str) -> None:
    status, html, _ = upload(page, (CASES / name).read_bytes(), name)
    assert status == 422
    assert says in html


def test_a_letter_with_a_large_logo_is_accepted(page: FlaskClient) -> None:
    name = "letter-with-logo-1.4MB.docx"
    status, html, _ = upload(page, (CASES / name).read_bytes(), name)
    assert status == 200
    assert "De tekst voldoet aan B1" in html


def test_a_file_over_the_limit_is_named_in_dutch(page: FlaskClient) -> None:
    token = _csrf(page.get("/taal").get_data(as_text=True))
    # The body is built here, in memory: the test client would spool it to a
    # temporary file that an early 413 leaves open.
    boundary = "grens"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
            f"{token}\r\n--{boundary}\r\n"
            'Content-Disposition: form-data; name="bestand"; filename="groot.docx"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + b"x" * (21 * 1024 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    answer = page.post(
        "/taal",
        input_stream=io.BytesIO(body),
        content_type=f"multipart/form-data; boundary={boundary}",
        content_length=len(body),
    )
    assert answer.status_code == 413
    assert "groter dan 20 MB" in answer.get_data(as_text=True)


def test_tracked_changes_are_reported(page: FlaskClient) -> None:
    name = "tracked-changes.docx"
    status, html, _ = upload(page, (CASES / name).read_bytes(), name)
    assert status == 200 and "bijgehouden wijzigingen" in html


def test_crlf_text_gets_the_command_lines_findings(page: FlaskClient) -> None:
    text = (CASES / "pasted-crlf.txt").read_text(encoding="utf-8")
    token = _csrf(page.get("/taal").get_data(as_text=True))
    html = page.post(
        "/taal", data={"csrf": token, "tekst": text.replace("\n", "\r\n")}
    ).get_data(as_text=True)
    assert "Deze alinea heeft" not in html
    assert "De tekst voldoet aan B1" in html


def test_a_word_twice_is_marked_at_its_own_place(page: FlaskClient) -> None:
    token = _csrf(page.get("/taal").get_data(as_text=True))
    text = "Indien nodig bellen wij. Indien u wilt, <b>mailt</b> u."
    html = page.post("/taal", data={"csrf": token, "tekst": text}).get_data(
        as_text=True
    )
    assert html.count("Indien<sup>") == 2
    assert "&lt;b&gt;mailt&lt;/b&gt;" in html


@pytest.mark.parametrize("number", ["4.1", "2.3.5", "7:10", "4.1a"])
def test_an_article_number_is_marked_whole(page: FlaskClient, number: str) -> None:
    token = _csrf(page.get("/taal").get_data(as_text=True))
    text = f"Dit staat in artikel {number} van de verordening. Bel ons."
    html = page.post("/taal", data={"csrf": token, "tekst": text}).get_data(
        as_text=True
    )
    assert f">artikel {number}<sup>" in html


def test_download_with_comments(page: FlaskClient) -> None:
    name = "text-box.docx"
    status, _, data = upload(page, (CASES / name).read_bytes(), name, "opmerkingen")
    assert status == 200
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "Deze zin heeft" in package.read("word/comments.xml").decode()


def _docx(paragraphs: list[str], hidden: str = "") -> bytes:
    import docx
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if hidden:
        run = document.add_paragraph().add_run(hidden)
        run._r.get_or_add_rPr().append(OxmlElement("w:vanish"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("paragraphs", [[], ["  ", "\t"]])
def test_a_word_file_without_text_gets_no_verdict(
    page: FlaskClient, paragraphs: list[str]
) -> None:
    status, html, _ = upload(page, _docx(paragraphs), "leeg.docx")
    assert status == 422
    assert "leeg.docx: Er staat geen tekst in dit bestand." in html
    assert "voldoet aan B1" not in html


def test_hidden_text_is_left_out_and_said(page: FlaskClient) -> None:
    content = _docx(["Dit ziet u."], hidden="Teneinde onverwijld alsmede conform.")
    status, html, _ = upload(page, content, "verborgen.docx")
    assert status == 200
    assert "De tekst voldoet aan B1" in html
    assert "verborgen tekst" in html and "Teneinde" not in html


def test_pasted_text_and_a_file_say_which_was_checked(page: FlaskClient) -> None:
    token = _csrf(page.get("/taal").get_data(as_text=True))
    body = multipart(
        {"csrf": token, "actie": "controleer", "tekst": "Teneinde u te helpen."},
        "brief.docx",
        _docx(["Heeft u vragen? Bel ons."]),
    )
    answer = post_body(page, body)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "Wij hebben het bestand gecontroleerd, niet de geplakte tekst." in html
    assert "Bel ons" in html


def test_an_unfilled_field_is_not_scored_and_is_named(page: FlaskClient) -> None:
    import docx
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    document.add_paragraph("Heeft u vragen? Bel ons.")
    sdt, props, body = (OxmlElement(n) for n in ("w:sdt", "w:sdtPr", "w:sdtContent"))
    props.append(OxmlElement("w:showingPlcHdr"))
    paragraph, run, text = (OxmlElement(n) for n in ("w:p", "w:r", "w:t"))
    text.text = "Klik of tik om tekst in te voeren."
    run.append(text)
    paragraph.append(run)
    body.append(paragraph)
    sdt.extend([props, body])
    document.element.body.sectPr.addprevious(sdt)
    out = io.BytesIO()
    document.save(out)
    status, html, _ = upload(page, out.getvalue(), "veld.docx")
    assert status == 200
    assert (
        "dit veld is nog niet ingevuld: &#39;Klik of tik om tekst in te voeren.&#39;"
        in html
    )
    assert "De tekst voldoet aan B1" in html


def _strict(content: bytes) -> bytes:
    """The same file in Strict Open XML namespaces, as Word saves it."""
    change = {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main": (
            "http://purl.oclc.org/ooxml/wordprocessingml/main"
        ),
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
            "http://purl.oclc.org/ooxml/officeDocument/relationships"
        ),
    }
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith((".xml", ".rels")):
                text = data.decode()
                for old, new in change.items():
                    text = text.replace(old, new)
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("action", "status", "says"),
    [
        ("controleer", 200, "voldoet"),
        ("opmerkingen", 422, "Strict Open XML"),
    ],
)
def test_a_strict_file_is_read_and_refused_for_comments_in_dutch(
    page: FlaskClient, action: str, status: int, says: str
) -> None:
    content = _strict(_docx(["Heeft u vragen? Bel ons gerust."]))
    got, html, _ = upload(page, content, "strikt.docx", action)
    assert got == status
    assert says in html
    if action == "opmerkingen":
        assert "Sla het bestand op als normaal Word-document" in html
        assert "Er ging iets mis" not in html


def test_text_in_another_language_is_named_on_the_page(page: FlaskClient) -> None:
    content = _docx(
        [
            "Heeft u vragen? Bel ons gerust.",
            "Deze brief is belangrijk. Bu mektup önemlidir. Ten list jest ważny.",
        ]
    )
    status, html, _ = upload(page, content, "talen.docx")
    assert status == 200
    assert "Niet in het Nederlands, niet beoordeeld: &#39;Bu mektup" in html or (
        "Niet in het Nederlands, niet beoordeeld: 'Bu mektup" in html
    )
    assert "mektup&#39; is een woord" not in html


@pytest.mark.parametrize(
    ("chunk", "verdict"),
    [
        (("html", "Wij helpen u graag."), "De tekst voldoet aan B1. Score"),
        (
            ("rtf", "Uit rtf: niet gelezen."),
            "De tekst voldoet aan B1 voor het deel dat wij konden lezen. Score",
        ),
    ],
)
def test_a_partly_read_file_gets_a_qualified_verdict(
    page: FlaskClient, chunk: tuple[str, str], verdict: str
) -> None:
    status, html, _ = upload(page, _letter(chunk), "brief.docx")
    assert status == 200 and verdict in html
    # The inserted .docx / unread RTF does not stop the comments either.
    status, _, data = upload(page, _letter(chunk), "brief.docx", "opmerkingen")
    assert status == 200 and data[:2] == b"PK"


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (
            "Wij hebben uw brief gekregen. Wij sturen u alsmede een formulier.",
            [("aantal woorden", "11"), ("aantal zinnen", "2"),
             ("gemiddelde zinslengte", "5,5 woorden per zin"),
             ("ambtelijke woorden", "9,1 per 100 woorden")],
        ),
        (
            "U krijgt geld van ons.",
            [("aantal woorden", "5"), ("langste zin", "5 woorden")],
        ),
    ],
)  # fmt: skip
def test_the_figures_are_dutch_with_units(
    page: FlaskClient, text: str, rows: list[tuple[str, str]]
) -> None:
    token = _csrf(page.get("/taal").get_data(as_text=True))
    html = page.post("/taal", data={"csrf": token, "tekst": text}).get_data(
        as_text=True
    )
    figures = html[html.index("Cijfers") :]
    for label, value in rows:
        assert f'{label}</td><td class="utrecht-table__cell">{value}<' in figures
    # No English alias and no raw float with a decimal point.
    assert ">words<" not in figures and ">sentences<" not in figures
    assert not re.search(r"<td[^>]*>\d+\.\d", figures)
