"""For mypy --strict users the sync client is typed like the async one: a misspelt method or
argument, or a wrong argument type, fails type checking, and results have the sync types."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).parent.parent
CHECKED = Path(__file__).parent / "typing" / "sync_client.py"


def test_mypy_rejects_exactly_the_misspelt_calls() -> None:
    # The project's mypy settings (strict), and its cache, which `mypy` in CI has just filled.
    stdout, stderr, _ = mypy_api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(ROOT / ".mypy_cache"),
         str(CHECKED)]
    )
    assert not stderr
    errors = re.findall(rf"{re.escape(CHECKED.name)}:(\d+): error: (.*)", stdout)
    lines = CHECKED.read_text(encoding="utf-8").splitlines()
    marked = {number for number, line in enumerate(lines, start=1) if line.endswith("# rejected")}
    assert {int(number) for number, _ in errors} == marked, stdout
    assert len(errors) == len(marked), stdout  # one error each, none from assert_type
