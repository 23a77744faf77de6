"""docs/endpoints.md and the route catalogue stay in step.

The catalogue (``api-docs/smartlead-api-routes.md``, beside the repository in ``../shared``;
``SMARTLEAD_ROUTE_CATALOGUE`` may name another copy) lists every core-host route in sections
2.1 to 2.16 with its confidence. Every route it marks documented or disputed is either mapped
in docs/endpoints.md to an SDK method that exists on a real ``SmartleadClient``, listed there
under "Not covered" with a reason, or still being built on another branch (:data:`PENDING`,
which shrinks as those branches land). The page's coverage line counts the mapped routes;
``python -m tests.test_endpoint_catalogue`` prints the lines the page should carry.

Sections 2.17 to 2.19 are SmartLead's other products, each on a host of its own
(:data:`OTHER_HOSTS`): the page maps them in sections of the same numbers, each with its own
coverage line, and rows are matched to the catalogue section by section (a path means
something else on another host).
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from smartlead_async import SmartleadClient

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "endpoints.md"
#: Where the catalogue is: beside the clone (as ``.ci/run`` and the worktrees have it).
CATALOGUE = Path(os.environ.get(
    "SMARTLEAD_ROUTE_CATALOGUE", ROOT.parent / "shared" / "api-docs" / "smartlead-api-routes.md"
))
#: The catalogue's sections for the core host.
CORE_SECTIONS = range(1, 17)
#: The catalogue's sections for SmartLead's other products, each on its own host.
OTHER_HOSTS = {17: "SmartProspect", 18: "Smart Delivery", 19: "Smart Senders"}
DOCUMENTED = ("documented", "disputed")

Route = tuple[str, str]  # (method, path with placeholders as ``{}``)

#: Documented core routes other branches are adding, by area: the lead removes each area's
#: entry when its branch lands (the test fails while a landed route is still listed here).
PENDING: dict[str, frozenset[Route]] = {}

_SECTION = re.compile(r"^### 2\.(\d+) ", re.MULTILINE)
_DOC_SECTION = re.compile(r"^## 2\.(\d+) ", re.MULTILINE)
_DOC_ROW = re.compile(r"^\| ([A-Z]+) \| `([^`]+)` \| (.*) \|$", re.MULTILINE)
_METHOD_NAME = re.compile(r"`client\.([a-z0-9_.]+)`")
_COVERAGE = re.compile(r"\*\*Coverage: (\d+) of (\d+) documented core routes\*\*, plus (\d+) "
                       r"client-only routes?\.")
_DEAD_ROUTE = re.compile(r"`([A-Z]+) (/[^`*]+)`")


class CatalogueRoute(NamedTuple):
    section: int
    method: str
    path: str
    confidence: str  # documented, disputed or client-only

    @property
    def key(self) -> Route:
        return (self.method, normalised(self.path))

    @property
    def documented(self) -> bool:
        return self.confidence in DOCUMENTED


class DocRow(NamedTuple):
    method: str
    path: str
    rest: str  # the cells after the path
    section: int = 0  # the page's section (2.N) the row is in

    @property
    def key(self) -> Route:
        return (self.method, normalised(self.path))


def normalised(path: str) -> str:
    """A path as routes are compared: no query, placeholders as ``{}``, no trailing ``/``."""
    path = re.sub(r"\{[^}]*\}", "{}", path.split("?")[0])
    return path.rstrip("/") or "/"


@cache
def catalogue_text() -> str:
    if not CATALOGUE.is_file():
        message = f"the route catalogue is not at {CATALOGUE} (set SMARTLEAD_ROUTE_CATALOGUE)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CATALOGUE.read_text(encoding="utf-8")


def _table_rows(text: str) -> Iterable[list[str]]:
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith(("| Method", "| Route", "|---")):
            yield [cell.strip() for cell in line.strip().strip("|").split(" | ")]


def catalogue_routes(sections: Iterable[int] = CORE_SECTIONS) -> list[CatalogueRoute]:
    """Every route of ``sections`` (the core host's by default), as the catalogue's tables
    give them."""
    text = catalogue_text()
    wanted = set(sections)
    starts = [(int(m[1]), m.start()) for m in _SECTION.finditer(text)]
    routes = []
    for (section, start), (_, end) in zip(starts, [*starts[1:], (0, len(text))], strict=True):
        if section not in wanted:
            continue
        chapter_end = text.find("\n## ", start)  # the last section ends with its chapter
        end = end if chapter_end == -1 else min(end, chapter_end)
        for cells in _table_rows(text[start:end]):
            confidence = cells[8].split(":")[0].split(" (")[0]
            routes.append(CatalogueRoute(section, cells[0], cells[1].strip("`"), confidence))
    return routes


def dead_routes() -> set[Route]:
    """The routes of the catalogue's "Dead routes" table (1.10), wildcards left out."""
    text = catalogue_text()
    start = text.index("### 1.10")
    table = text[start : text.index("Unverified variants", start)]
    return {(m[1], normalised(m[2])) for cells in _table_rows(table)
            for m in _DEAD_ROUTE.finditer(cells[0])}


def doc_sections() -> tuple[str, str]:
    """docs/endpoints.md up to its "Not covered" section, and that section."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index("\n## Not covered\n")
    end = text.find("\n## ", start + 1)
    return text[:start], text[start : end if end != -1 else None]


def doc_rows(sections: Iterable[int] = CORE_SECTIONS) -> list[DocRow]:
    """The rows of the page's SDK-method tables in ``sections`` (the core host's by
    default)."""
    mapped, _ = doc_sections()
    wanted = set(sections)
    starts = [(int(m[1]), m.start()) for m in _DOC_SECTION.finditer(mapped)]
    rows = []
    for (section, start), (_, end) in zip(starts, [*starts[1:], (0, len(mapped))], strict=True):
        if section in wanted:
            rows += [DocRow(m[1], m[2], m[3], section)
                     for m in _DOC_ROW.finditer(mapped, start, end)]
    return rows


def not_covered() -> dict[Route, str]:
    """The "Not covered" table: route -> reason."""
    _, section = doc_sections()
    return {DocRow(m[1], m[2], m[3]).key: m[3].strip() for m in _DOC_ROW.finditer(section)}


def pending() -> set[Route]:
    return {route for routes in PENDING.values() for route in routes}


def coverage() -> tuple[int, int, int]:
    """(documented routes mapped, documented routes, client-only routes mapped)."""
    mapped = {row.key for row in doc_rows()}
    routes = catalogue_routes()
    documented = {route.key for route in routes if route.documented}
    client_only = {route.key for route in routes if not route.documented}
    return len(documented & mapped), len(documented), len(client_only & mapped)


def coverage_line() -> str:
    covered, total, client_only = coverage()
    routes = "route" if client_only == 1 else "routes"
    return (f"**Coverage: {covered} of {total} documented core routes**, plus {client_only} "
            f"client-only {routes}.")


def host_coverage_line(section: int) -> str:
    """The coverage line of one other product's section of the page."""
    mapped = {row.key for row in doc_rows([section])}
    documented = {route.key for route in catalogue_routes([section]) if route.documented}
    return (f"**Coverage: {len(documented & mapped)} of {len(documented)} documented "
            f"{OTHER_HOSTS[section]} routes**")


def _resolve(client: SmartleadClient, dotted: str) -> Any:
    target: Any = client
    for name in dotted.split("."):
        target = getattr(target, name)
    return target


# -- the tests ------------------------------------------------------------------------------


def test_every_documented_core_route_is_mapped_or_explained() -> None:
    explained = {row.key for row in doc_rows()} | set(not_covered()) | pending()
    missing = [f"{r.method} {r.path} (2.{r.section})" for r in catalogue_routes()
               if r.documented and r.key not in explained]
    assert missing == [], "documented routes neither mapped nor listed as not covered"


def test_no_route_is_both_pending_and_already_mapped() -> None:
    mapped = {row.key for row in doc_rows()} | set(not_covered())
    landed = {area: sorted(routes & mapped) for area, routes in PENDING.items()}
    assert not any(landed.values()), f"remove these from PENDING, they landed: {landed}"


def test_pending_routes_are_documented_catalogue_routes() -> None:
    documented = {route.key for route in catalogue_routes() if route.documented}
    assert pending() - documented == set()


def test_the_coverage_line_counts_the_mapped_routes() -> None:
    expected = coverage_line()
    found = _COVERAGE.search(DOC.read_text(encoding="utf-8"))
    assert found is not None and found[0] == expected, f"docs/endpoints.md should say {expected}"


def test_every_row_is_a_core_route_of_the_catalogue_listed_once() -> None:
    known = {route.key: route for route in catalogue_routes()}
    rows = [row.key for row in doc_rows()] + list(not_covered())
    assert len(rows) == len(set(rows)), "a route is listed twice"
    for row in doc_rows():
        route = known.get(row.key)
        assert route is not None, f"{row.method} {row.path} is not a core route of the catalogue"
        assert route.documented or "client-only" in row.rest, (
            f"{row.method} {row.path} is client-only in the catalogue: say so in its notes")
    assert set(not_covered()) <= set(known)


def test_every_not_covered_route_gives_a_reason_and_no_method() -> None:
    assert not_covered(), "the Not covered table is empty or missing"
    misplaced = [route for route, reason in not_covered().items()
                 if not reason or _METHOD_NAME.search(reason)]
    assert misplaced == [], "Not covered rows need a reason; a mapped route belongs above"


def test_no_dead_route_is_mapped() -> None:
    documented = {route.key for route in catalogue_routes() if route.documented}
    dead = dead_routes() - documented  # a documented route listed as failing stays explained
    assert dead, "the catalogue's dead-route table was not found"
    assert dead.isdisjoint({row.key for row in doc_rows()})


@pytest.mark.parametrize("section", sorted(OTHER_HOSTS))
def test_every_documented_route_of_each_other_host_is_mapped_in_its_section_once(
    section: int,
) -> None:
    routes = {route.key: route for route in catalogue_routes([section])}
    rows = [row.key for row in doc_rows([section])]
    assert routes, f"the catalogue has no section 2.{section}"
    assert len(rows) == len(set(rows)), "a route is listed twice"
    missing = [f"{r.method} {r.path}" for key, r in routes.items()
               if r.documented and key not in rows]
    assert missing == [], f"documented {OTHER_HOSTS[section]} routes not mapped"
    assert set(rows) <= set(routes), f"rows of 2.{section} that its catalogue section lacks"


@pytest.mark.parametrize("section", sorted(OTHER_HOSTS))
def test_each_other_host_has_its_coverage_line(section: int) -> None:
    expected = host_coverage_line(section)
    assert expected in DOC.read_text(encoding="utf-8"), f"docs/endpoints.md should say {expected}"


async def test_every_sdk_method_named_exists_and_is_documented() -> None:
    async with SmartleadClient(api_key="k", rate_limit=None) as client:
        for row in doc_rows([*CORE_SECTIONS, *OTHER_HOSTS]):
            names = _METHOD_NAME.findall(row.rest)
            assert names, f"{row.method} {row.path} names no SDK method"
            for name in names:
                method = _resolve(client, name)
                assert callable(method), name
                doc = inspect.getdoc(method) or ""
                assert "Args:" in doc or not inspect.signature(method).parameters, name


if __name__ == "__main__":
    print(coverage_line())
    for host_section in sorted(OTHER_HOSTS):
        print(host_coverage_line(host_section))
