"""The web pages in a real browser: Debian's Chromium driven by Playwright, against
the real gunicorn server on loopback. CI installs chromium (.ci/run); there a
missing browser fails the run instead of skipping."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import docx
import pytest

pytestmark = pytest.mark.slow
SCRIPT = str(Path(sys.executable).with_name("letterforge"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
DOCS = Path(__file__).resolve().parents[2] / "docs"
# Screenshots for the README: LETTERFORGE_SCREENSHOTS=1 .venv/bin/pytest tests/browser
SCREENSHOTS = os.environ.get("LETTERFORGE_SCREENSHOTS") == "1"


def screenshot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(DOCS / name), full_page=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _account(env: dict[str, str], name: str, role: str) -> str:
    made = subprocess.run(
        [SCRIPT, "user", "create", name, "--role", role],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return made.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("server")
    env = {**os.environ, "LETTERFORGE_DATABASE_URL": f"sqlite:///{folder / 'r.db'}"}
    passwords = {
        "anna": _account(env, "anna", "medewerker"),
        "bram": _account(env, "bram", "controleur"),
    }
    port = _free_port()
    process = subprocess.Popen(
        [SCRIPT, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, passwords
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium (installed by .ci/run)")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


def signed_in_page(browser: Any, server: tuple[str, dict[str, str]], name: str) -> Any:
    base, passwords = server
    context = browser.new_context(base_url=base, accept_downloads=True)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("Uw naam").fill(name)
    page.get_by_label("Wachtwoord").fill(passwords[name])
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{base}/")
    return page


@pytest.fixture
def page(browser: Any, server: tuple[str, dict[str, str]]) -> Iterator[Any]:
    page = signed_in_page(browser, server, "anna")
    yield page
    page.context.close()


def serious_violations(page: Any) -> list[str]:
    # Evaluated through DevTools, not as an inline <script>: our CSP forbids those.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']}: {v['help']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def date_the_letter_today(page: Any) -> None:
    """The server runs on the machine's date, and a letter dated before the day
    it is made is refused (control.send_date): date the sample today, as the
    municipality counts days (its time zone, not the machine's)."""
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    page.locator("#veld-zaak-briefdatum").fill(today.isoformat())


def test_make_a_letter_with_a_correction(page: Any) -> None:
    page.get_by_label("Zoek op naam of wet").fill("terugvordering")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Terugvordering van bijstand").click()
    page.get_by_role("link", name="Vul het voorbeeld in").click()
    date_the_letter_today(page)
    amount = page.locator("#veld-terugvordering-bedrag")
    amount.fill("twaalf")
    page.get_by_role("button", name="Bekijk de brief").click()
    page.get_by_text("schrijf het bedrag zoals 1.234,56").first.wait_for()
    assert page.locator("#veld-terugvordering-bedrag").input_value() == "twaalf"
    page.locator("#veld-terugvordering-bedrag").fill("1.829,60")
    page.get_by_role("button", name="Bekijk de brief").click()
    page.get_by_role("heading", name="Zo ziet de brief eruit").wait_for()
    # The readability findings of the letter are listed with the preview.
    assert page.locator(".lf-findings li").count() >= 1
    assert page.locator(".lf-letter").inner_text().count("€\xa01.829,60") >= 1
    screenshot(page, "pagina-brief-maken.png")
    page.get_by_role("button", name="Maak brief").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de brief (Word)").click()
    content = Path(download_info.value.path()).read_bytes()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "U moet €\xa01.829,60 bijstand terugbetalen" in text


def test_typing_is_saved_and_survives_a_reload(page: Any) -> None:
    page.goto("/brief/wijziging-contactpersoon")
    page.locator("#veld-verandering-vorige").fill("Tom Meijer")
    page.get_by_text("Concept bewaard.").wait_for()
    page.reload()
    assert page.locator("#veld-verandering-vorige").input_value() == "Tom Meijer"


def test_communication_page_with_an_uploaded_docx(page: Any, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Indien u vragen heeft, dient u ons te bellen.")
    path = tmp_path / "brief.docx"
    document.save(str(path))
    page.get_by_role("link", name="Tekst controleren").click()
    page.get_by_label("Of kies een Word-bestand (.docx)").set_input_files(str(path))
    page.get_by_role("button", name="Controleer").click()
    page.get_by_role("heading", name="Uitslag").wait_for()
    assert page.locator("mark.lf-finding--error").count() >= 2
    screenshot(page, "pagina-tekst-controleren.png")


@pytest.mark.parametrize("path", ["/", "/brief/wmo-toekenning?voorbeeld=1", "/taal"])
def test_pages_have_no_serious_accessibility_violations(page: Any, path: str) -> None:
    page.goto(path)
    assert serious_violations(page) == []


def test_four_eyes_approval_by_a_second_person(
    page: Any, browser: Any, server: tuple[str, dict[str, str]]
) -> None:
    page.goto("/brief/bestuurlijke-boete?voorbeeld=1")
    date_the_letter_today(page)
    page.get_by_role("button", name="Maak brief").click()
    page.get_by_role("heading", name="De brief wacht op controle").wait_for()
    made_url = page.url
    checker = signed_in_page(browser, server, "bram")
    checker.get_by_role("link", name="Controle", exact=True).click()
    checker.get_by_role("link", name="bestuurlijke-boete").first.click()
    checker.get_by_role("button", name="Keur goed").click()
    checker.get_by_text("gecontroleerd door: bram").wait_for()
    checker.context.close()
    page.goto(made_url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de brief (Word)").click()
    content = Path(download_info.value.path()).read_bytes()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "U krijgt een boete van" in text


def test_preview_of_a_four_eyes_letter_prints_concept(
    page: Any, tmp_path: Path
) -> None:
    page.goto("/brief/bestuurlijke-boete?voorbeeld=1")
    page.get_by_role("button", name="Bekijk de brief").click()
    page.get_by_role("heading", name="Zo ziet de brief eruit").wait_for()
    page.emulate_media(media="print")
    assert page.locator(".lf-concept-mark").first.is_visible()
    printed = tmp_path / "voorbeeld.pdf"
    printed.write_bytes(page.pdf())
    text = subprocess.run(
        ["pdftotext", "-layout", str(printed), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # Above the paper and on its first and last line.
    assert " ".join(text.split()).count("CONCEPT – niet versturen") == 3


def test_sign_in_page_is_accessible(
    browser: Any, server: tuple[str, dict[str, str]]
) -> None:
    context = browser.new_context(base_url=server[0])
    page = context.new_page()
    page.goto("/aanmelden")
    assert serious_violations(page) == []
    context.close()


def test_sign_in_with_the_keyboard_only(
    browser: Any, server: tuple[str, dict[str, str]]
) -> None:
    base, passwords = server
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.goto("/aanmelden")
    page.keyboard.press("Tab")  # the first stop is the skip link, visible on focus
    skip = page.get_by_role("link", name="Ga naar de inhoud")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.type("anna")
    page.keyboard.press("Tab")
    page.keyboard.type(passwords["anna"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    assert page.get_by_role("heading", name="Welke brief wilt u maken?").is_visible()
    context.close()
