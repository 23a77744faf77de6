"""Enum parameters are typed ``Enum | Literal[...]``: mypy rejects a misspelt value."""

from __future__ import annotations

import enum
import re
import typing
from pathlib import Path

import pytest

import smartlead_async
import smartlead_async.sendkit._enums

mypy_api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).parent.parent
CHECKED = Path(__file__).parent / "typing" / "enum_parameters.py"

#: Each enum of the SDK, with the Literal of its values (``LeadStatus``, ``LeadStatusValue``).
ENUM_LITERALS = [
    (getattr(smartlead_async, name[: -len("Value")]), getattr(smartlead_async, name))
    for enums in (smartlead_async._enums, smartlead_async.sendkit._enums)
    for name in enums.__all__ if name.endswith("Value")
]


@pytest.mark.parametrize(("enum_class", "literal"), ENUM_LITERALS,
                         ids=[cls.__name__ for cls, _ in ENUM_LITERALS])
def test_each_literal_lists_exactly_the_values_of_its_enum(
    enum_class: type[enum.Enum], literal: object
) -> None:
    assert typing.get_args(literal) == tuple(member.value for member in enum_class)


def test_mypy_rejects_exactly_the_misspelt_enum_values() -> None:
    # The project's mypy settings (strict), and its cache, which `mypy` in CI has just filled.
    stdout, stderr, _ = mypy_api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(ROOT / ".mypy_cache"),
         str(CHECKED)]
    )
    errors = re.findall(rf"{re.escape(CHECKED.name)}:(\d+): error: (.*)", stdout)
    assert not stderr
    lines = CHECKED.read_text(encoding="utf-8").splitlines()
    marked = {number for number, line in enumerate(lines, start=1) if line.endswith("# rejected")}
    assert {int(number) for number, _ in errors} == marked, stdout
    kinds = ("[arg-type]", "[list-item]", "[call-overload]")  # the last: SendKit's list
    assert all(any(kind in message for kind in kinds) for _, message in errors)
