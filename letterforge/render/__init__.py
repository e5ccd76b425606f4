"""Renderers: one pure function per output format, each taking a Letter."""

from letterforge.render.docx import render_docx
from letterforge.render.html import render_html
from letterforge.render.text import render_text

__all__ = ["render_docx", "render_html", "render_text"]
