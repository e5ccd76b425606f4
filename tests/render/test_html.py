"""The HTML preview: same structure as the DOCX, and no way to inject markup."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from letterforge.compose.model import Heading, ListBlock, Paragraph, Table
from letterforge.render import render_html
from tests.factories import make_letter


class Outline(HTMLParser):
    """Tags in order, and the text inside each element we care about."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[dict[str, str | None]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append(data)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_structure_matches_the_letter() -> None:
    parsed = outline(render_html(make_letter()))
    assert parsed.tags.count("h1") == 1
    assert parsed.tags.count("h2") == 2  # one question heading, one appendix
    assert {"ul", "ol", "table", "thead", "th", "aside", "svg", "dl"} <= set(
        parsed.tags
    )
    th = parsed.attributes[parsed.tags.index("th")]
    assert th["scope"] == "col"
    svg = parsed.attributes[parsed.tags.index("svg")]
    assert svg["aria-hidden"] == "true"
    assert parsed.attributes[0]["lang"] == "nl"


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "{{ 7*7 }}", "Jansen & Zn", '"><img src=x>', "# kop"],
)
def test_any_text_is_escaped(value: str) -> None:
    letter = make_letter(
        salutation=value,
        blocks=(
            Heading(value),
            Paragraph(value),
            ListBlock((value,)),
            Table((value,), ((value,),)),
        ),
    )
    html = render_html(letter)
    parsed = outline(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert parsed.texts.count(value) == 6  # salutation, heading, p, li, th, td


def test_line_breaks_become_br() -> None:
    html = render_html(make_letter(blocks=(Paragraph("een\ntwee"),)))
    assert "<p>een<br>\ntwee</p>" in html


def test_figures_are_inline_svg_with_a_label() -> None:
    from letterforge.compose.model import Figure

    html = render_html(
        make_letter(blocks=(Figure("bezwaar-stappen", "Vier <stappen>"),))
    )
    parsed = outline(html)
    svg = parsed.attributes[parsed.tags.index("svg")]
    assert svg["role"] == "img" and svg["aria-label"] == "Vier <stappen>"
    assert "figure" in parsed.tags
