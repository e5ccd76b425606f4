"""Check that a decision is motivated on the individual situation (Awb 3:46).

A template names the elements its motivation needs: the rule in plain words
("regel"), the facts of this case ("feiten"), the findings of the investigation
("onderzoek") and the weighing of what the person said ("afweging"). Each motivation
block says which elements it provides. When the case data holds an investigation
report or a zienswijze, the motivation must also deal with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from letterforge.errors import MotivationError, Problem
from letterforge.library import MotivationBlock, Template

ELEMENT_NAMES = {
    "regel": "de regel in gewone woorden",
    "feiten": "de feiten van deze zaak",
    "onderzoek": "wat het onderzoek heeft opgeleverd",
    "afweging": "wat de persoon zei en hoe wij dat hebben afgewogen",
}
# Case data that makes an element required when it is present.
TRIGGERS = {"onderzoek": "onderzoeksrapport", "afweging": "zienswijze"}


def required_elements(template: Template, case: Mapping[str, Any]) -> list[str]:
    required = list(template.required_elements)
    for element, field in TRIGGERS.items():
        if field in case and element not in required:
            required.append(element)
    return required


def _chosen_blocks(
    template: Template, case: Mapping[str, Any]
) -> tuple[list[MotivationBlock], list[Problem]]:
    chosen, problems = [], []
    choices = ", ".join(b.id for b in template.motivation_blocks)
    for index, block_id in enumerate(case.get("motivering", [])):
        block = template.motivation_block(str(block_id))
        if block is None:
            message = f"dit motiveringsblok bestaat niet; kies uit: {choices}"
            problems.append(Problem(f"motivering.{index}", message, "enum"))
        else:
            chosen.append(block)
    return chosen, problems


def motivation_sources(template: Template, case: Mapping[str, Any]) -> list[str]:
    """The Jinja names of the chosen blocks; raise when an element is missing."""
    if not template.motivation_blocks:
        return []
    chosen, problems = _chosen_blocks(template, case)
    provided = {element for block in chosen for element in block.provides}
    for element in required_elements(template, case):
        if element not in provided:
            problems.append(
                Problem(
                    "motivering",
                    f"de motivering mist {ELEMENT_NAMES[element]} ({element})",
                    "missing_element",
                )
            )
    if problems:
        raise MotivationError(tuple(problems))
    return [block.source for block in chosen]
