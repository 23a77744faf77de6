"""Developer sessions: ``nox`` runs lint, typecheck and the tests on every supported Python.

``nox -s tests-3.12`` runs one version; ``.ci/run`` runs ``nox -s tests`` (all three, one
after the other) after lint and typecheck.
"""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
#: Every Python version the package supports and CI tests (keep the classifiers in step).
PYTHONS = ["3.11", "3.12", "3.13"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite: the README's install line and its test command, ``pytest``."""
    session.install("-e", ".[cli,test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHONS[0])
def lint(session: nox.Session) -> None:
    """Lint with ruff."""
    session.install("ruff")
    session.run("ruff", "check", ".")


@nox.session(python=PYTHONS[0])
def typecheck(session: nox.Session) -> None:
    """Type-check the package with mypy --strict."""
    session.install("-e", ".[dev]")
    session.run("mypy")
