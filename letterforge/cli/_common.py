"""Small pieces shared by the command modules."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class CliError(Exception):
    """A problem at the command line itself, such as an unwritable output path."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a partial file."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as e:
        message = f"kan niet schrijven in de map '{directory}': {e.strerror}"
        raise CliError(message) from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp_name, path)
    except OSError as e:
        Path(tmp_name).unlink(missing_ok=True)
        raise CliError(f"kan het bestand '{path}' niet schrijven: {e.strerror}") from e
