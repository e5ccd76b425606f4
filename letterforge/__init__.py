"""letterforge: Dutch decision letters at language level B1, from case data to DOCX."""

__version__ = "0.1.0"
