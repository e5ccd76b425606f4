"""Small pieces shared by the command modules."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Final

# Letters are ordinary documents: readable for the group and others like any file
# a clerk saves (the umask still applies), not the 0600 of mkstemp.
FILE_MODE = 0o644


class CliError(Exception):
    """A problem at the command line itself, such as an unwritable output path."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def _refuse_special(path: Path) -> None:
    """Only regular files: replacing /dev/null or a pipe with a file (as root)
    would break the system, so anything else that exists is refused."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as e:
        raise CliError(
            f"kan het bestand '{path}' niet schrijven: {write_reason(e)}"
        ) from e
    if not stat.S_ISREG(mode):
        raise CliError(
            f"'{path}' is geen gewoon bestand. Kies een bestand voor de brief."
        )


def refuse_input_as_output(output: Path, source: str) -> None:
    """Refuse -o that is the input file itself: that would overwrite the request."""
    if source == "-":
        return
    try:
        same = output.exists() and os.path.samefile(output, source)
    except OSError:
        same = False
    if same:
        raise CliError(
            f"'{output}' is ook het verzoek. Kies een ander bestand voor de brief."
        )


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_WRITE_REASONS: Final = {
    errno.ENOENT: "de map bestaat niet.",
    errno.EACCES: "u mag hier niet schrijven.",
    errno.EPERM: "u mag hier niet schrijven.",
    errno.EROFS: "op deze schijf mag niemand schrijven (alleen lezen).",
    errno.ENOSPC: "de schijf is vol.",
    errno.EDQUOT: "u hebt geen ruimte meer op deze schijf.",
    errno.EISDIR: "dit is een map, geen bestand.",
    errno.ENOTDIR: "een deel van het pad is geen map.",
    errno.ENAMETOOLONG: "de naam is te lang.",
    errno.EIO: "de schijf gaf een schrijffout. Probeer het nog eens.",
}


def write_reason(error: OSError) -> str:
    """The operating system's reason a write failed, in Dutch (never its English)."""
    return _WRITE_REASONS.get(
        error.errno or 0, f"het besturingssysteem gaf foutcode {error.errno}."
    )


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a partial file.

    Only regular files (or new ones) are written; the file gets FILE_MODE minus
    the umask, and is on disk (fsync) before it replaces the old one."""
    _refuse_special(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as e:
        message = f"kan niet schrijven in de map '{directory}': {write_reason(e)}"
        raise CliError(message) from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fchmod(handle.fileno(), FILE_MODE & ~_umask())
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except OSError as e:
        Path(tmp_name).unlink(missing_ok=True)
        raise CliError(
            f"kan het bestand '{path}' niet schrijven: {write_reason(e)}"
        ) from e
