"""The errors letterforge raises, as data.

The core raises these; the edges (command line, web) map them to exit codes and
HTTP statuses. Every message meant for a person is Dutch; identifiers are English.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem with the input, located by a dotted field path."""

    path: str
    message: str
    code: str = "invalid"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class LetterforgeError(Exception):
    """Base class: something prevented letterforge from doing its job."""

    code = "letterforge_error"
    http_status = 500
    exit_code = 1

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems

    def lines(self) -> list[str]:
        """One Dutch line per problem, or the message when there are none."""
        return [str(p) for p in self.problems] or [self.message]


class RequestError(LetterforgeError):
    """The request itself is unusable: not JSON, not an object, wrong envelope."""

    code = "invalid_request"
    http_status = 400


class CaseDataError(LetterforgeError):
    """The case data does not fit the template's schema (all problems at once)."""

    code = "invalid_case_data"
    http_status = 422

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("De gegevens van de zaak kloppen niet.", problems)


class UnknownTemplate(LetterforgeError):
    """No template with this id exists in the library."""

    code = "unknown_template"
    http_status = 404

    def __init__(self, template_id: str) -> None:
        super().__init__(
            f"Het sjabloon '{template_id}' bestaat niet.",
            (Problem("template", f"het sjabloon '{template_id}' bestaat niet"),),
        )
        self.template_id = template_id


class TemplateError(LetterforgeError):
    """A template in the library is broken: a bug for the template editors."""

    code = "template_error"
    http_status = 500

    def __init__(self, template_id: str, detail: str, line: int | None = None) -> None:
        where = f" (regel {line})" if line else ""
        super().__init__(f"Fout in sjabloon '{template_id}'{where}: {detail}")
        self.template_id = template_id
        self.detail = detail
        self.line = line


class TemplateSourceError(TemplateError):
    """Template sources with mistakes that would change letters silently (glued
    markup, indentation, unknown fields); each problem reads `FILE:LINE: message`
    (library/structure.py)."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__("*", f"{len(problems)} fouten: " + "; ".join(problems))
        self.findings = problems


class MotivationError(LetterforgeError):
    """The motivation of a decision lacks an element the template requires."""

    code = "incomplete_motivation"
    http_status = 422

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("De motivering van het besluit is niet compleet.", problems)


class SettingsError(LetterforgeError):
    """The configuration (municipality profile, paths) is wrong."""

    code = "settings_error"
    http_status = 500


class InputFileError(LetterforgeError):
    """A file given on the command line cannot be read."""

    code = "input_file_error"
    http_status = 400


class NormUnavailable(LetterforgeError):
    """No (verified) norm value is known for the date a letter or calculation needs.

    The caseworker can act on it (check the date) and the administrator can add the
    new period to the norms data; an old value is never used silently.
    """

    code = "norm_unavailable"
    http_status = 422
    exit_code = 2

    def __init__(self, norm_id: str, message: str) -> None:
        super().__init__(message, (Problem("datum", message, "norm_unavailable"),))
        self.norm_id = norm_id


class CalculationInputError(LetterforgeError):
    """The input of a named calculation (letterforge calc, the API) is wrong."""

    code = "invalid_calculation_input"
    http_status = 422
    exit_code = 2

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("De invoer van de berekening klopt niet.", problems)


class UnknownCalculation(LetterforgeError):
    """No calculation with this name exists."""

    code = "unknown_calculation"
    http_status = 404
    exit_code = 2

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        message = f"De berekening '{name}' bestaat niet. Kies uit: {', '.join(known)}."
        super().__init__(message, (Problem("naam", message, "unknown"),))
        self.name = name


class LetterNotFinal(LetterforgeError):
    """A letter's document was asked for while it is not final (concept or
    afgekeurd): it may not be sent."""

    code = "letter_not_final"
    http_status = 409


class ReviewRefused(LetterforgeError):
    """An approval or rejection that is not allowed: the letter is not a concept
    (409), or the reviewer may not check it, e.g. they made it (403)."""

    code = "review_refused"
    http_status = 409


class ReviewForbidden(ReviewRefused):
    code = "review_forbidden"
    http_status = 403


class LetterDateOutdated(ReviewRefused):
    """A letter dated before the day it would become final: its date must be the
    day it is sent (Awb 3:41, 6:8), so it is not released (409). The way out is
    control.remake: a new concept with today's date."""

    code = "letter_date_outdated"
    http_status = 409


class IdempotencyConflict(LetterforgeError):
    """The Idempotency-Key was used before with a different request."""

    code = "idempotency_conflict"
    http_status = 409


class RenderError(LetterforgeError):
    """An output format could not be made (for example LibreOffice for the PDF)."""

    code = "render_error"
    http_status = 503
    exit_code = 3


class FilingError(LetterforgeError):
    """Filing a letter in the zaak (ZGW APIs) failed; the outbox tries again."""

    code = "filing_error"
    http_status = 502
    exit_code = 3


class TemplateVersionRefused(LetterforgeError):
    """A step on a template version that is not allowed now: the version has
    findings that block it (422), or it is in the wrong status (409)."""

    code = "template_version_refused"
    http_status = 409


class TemplateVersionInvalid(TemplateVersionRefused):
    """A template version with lint, legal-element or clarity errors: it cannot be
    submitted; `problems` names each one as FILE:LINE where known."""

    code = "template_version_invalid"
    http_status = 422


class TemplateVersionForbidden(TemplateVersionRefused):
    """The person may not take this step, e.g. approve their own version."""

    code = "template_version_forbidden"
    http_status = 403


class UnknownTemplateVersion(TemplateVersionRefused):
    """No version with this number exists for the template."""

    code = "unknown_template_version"
    http_status = 404
