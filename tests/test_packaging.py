"""What PyPI shows: links that work off GitHub, the metadata, and versions kept in step.

``.ci/check-package`` builds the distribution, runs ``twine check`` and installs the wheel in a
clean venv; these tests check the sources it is built from.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import smartlead_async

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = "https://github.com/smartlead-async/smartlead-async"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_readme_link_is_absolute_so_it_works_on_pypi() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", readme) + re.findall(r'(?:href|src)="([^"]+)"', readme)
    assert targets
    assert [target for target in targets if not target.startswith("https://")] == []


def test_readme_links_into_the_repository_name_files_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    files = re.findall(rf"\]\({re.escape(REPOSITORY)}/blob/main/([^)#\s]+)", readme)
    assert files
    assert [name for name in files if not (ROOT / name).is_file()] == []


def test_the_license_file_is_mit_and_the_metadata_says_so() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert PYPROJECT["license"] == "MIT" and PYPROJECT["license-files"] == ["LICENSE"]


def test_the_project_urls_point_at_the_repository() -> None:
    urls = PYPROJECT["urls"]
    assert set(urls) == {"Homepage", "Documentation", "Changelog", "Issues"}
    assert all(url.startswith(REPOSITORY) for url in urls.values())


def test_the_classifiers_name_exactly_the_pythons_nox_tests() -> None:
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    match = re.search(r"^PYTHONS = \[(.*)\]$", noxfile, re.MULTILINE)
    assert match is not None
    tested = re.findall(r'"(3\.\d+)"', match[1])
    classified = [c.rsplit(" :: ", 1)[1] for c in PYPROJECT["classifiers"]
                  if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert tested == classified == ["3.11", "3.12", "3.13"]
    assert PYPROJECT["requires-python"] == ">=3.11"


def test_the_changelog_has_a_section_for_the_packages_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert sections[:2] == ["Unreleased", smartlead_async.__version__]
