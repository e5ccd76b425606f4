"""The sandbox's bounds on work per letter (issue 17, review attacker2 finding 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.compose.environment import (
    TooMuchWorkError,
    collect_values,
    make_environment,
    render_bounded,
    restore_values,
)


def _render(tmp_path: Path, source: str) -> str:
    env = make_environment(tmp_path)
    with collect_values() as values:
        return restore_values(render_bounded(env.from_string(source), {}), values)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # the attacker's reproductions
        ("{{ 'a' * 5000000 }}", "langer dan"),
        ("{{ 5000000 * 'a' }}", "langer dan"),
        (
            "{% set ns = namespace(s='a') %}{% for i in range(25) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
            "langer dan",
        ),
        (
            "{% set ns = namespace(s='a') %}{% for i in range(25) %}"
            "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
            "langer dan",
        ),
        ("{{ [0] * 10000000 }}", "langer dan"),
        (
            "{% for i in range(100000) %}{% for j in range(5000) %}{% endfor %}"
            "{% endfor %}",
            "herhalingen",
        ),
        # a loop over a list, not a range, counts too
        (
            "{% for i in range(1000) %}{% for j in [1] * 1000 %}{% endfor %}"
            "{% endfor %}",
            "herhalingen",
        ),
        ("{{ 10 ** 100000 }}", "macht"),
        ("{% set x = 2 ** 64 %}{{ x ** 100 }}", "macht"),
        # the output, not one value, grows too big
        ("{% for i in range(3000) %}{{ 'x' * 1000 }}{% endfor %}", "langer dan"),
        ("{% for i in range(90000) %}xxxxxxxxxxxxxx{% endfor %}", "langer dan"),
    ],
)
def test_runaway_templates_stop_with_a_dutch_message(
    tmp_path: Path, source: str, expected: str
) -> None:
    with pytest.raises(TooMuchWorkError) as stopped:
        _render(tmp_path, source)
    assert expected in str(stopped.value)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{% for i in [1, 2, 3] %}{{ i }}{% endfor %}", "123"),
        (
            "{{ 'ab' ~ 'c' }} {{ 2 * 3 }} {{ 2 ** 10 }} {{ [1] + [2] }}",
            "abc 6 1024 [1, 2]",
        ),
        ("{{ '-' * 20 }}", "-" * 20),
        (
            "{% for x in [1, 2] %}{{ loop.index }}/{{ loop.length }} {% endfor %}",
            "1/2 2/2 ",
        ),
    ],
)
def test_ordinary_templates_are_unchanged(
    tmp_path: Path, source: str, expected: str
) -> None:
    assert _render(tmp_path, source) == expected
