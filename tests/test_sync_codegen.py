"""The sync client is generated from the async one (``tools/generate_sync.py``).

The committed module must be what the generator writes now; every async method must have a
sync twin with its signature; and the generator must mirror a new or changed method, and
refuse what it cannot mirror, with a message saying what to do.
"""

from __future__ import annotations

import difflib
import importlib.util
import inspect
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from smartlead_async import SmartleadClient, SmartleadSyncClient
from smartlead_async._sync._resource import SyncResource
from smartlead_async.testing import FakeSmartlead

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "smartlead_async" / "_sync" / "_generated.py"

#: What the sync twin of a method returning a listing returns instead.
SYNC_RETURNS = {
    "AsyncPaginator": "SyncPaginator",
    "CursorPaginator": "SyncCursorPaginator",
    "FanIn": "SyncFanIn",
    "ScrollPaginator": "SyncScrollPaginator",
    "AsyncGenerator": "Generator",
}


@pytest.fixture(scope="module")
def codegen() -> ModuleType:
    path = ROOT / "tools" / "generate_sync.py"
    spec = importlib.util.spec_from_file_location("generate_sync", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the package's sources to change."""
    copy = tmp_path / "smartlead_async"
    shutil.copytree(ROOT / "smartlead_async", copy,
                    ignore=shutil.ignore_patterns("__pycache__", "testing", "_cli"))
    return copy


def test_the_committed_module_is_what_the_generator_writes(codegen: ModuleType) -> None:
    committed, expected = GENERATED.read_text(encoding="utf-8"), codegen.generate()
    if committed != expected:
        diff = "".join(difflib.unified_diff(
            committed.splitlines(keepends=True), expected.splitlines(keepends=True),
            "committed", "generated", n=1,
        ))
        pytest.fail("smartlead_async/_sync/_generated.py is stale: run "
                    f"`python tools/generate_sync.py` and commit it\n{diff[:4000]}")


def resource_pairs(
    async_owner: object, sync_owner: object, path: str
) -> Iterator[tuple[str, object, object]]:
    """``(attribute path, async resource, sync resource)`` for every resource, depth first."""
    for name, value in vars(async_owner).items():
        if name.startswith("_") or not hasattr(value, "_api"):
            continue
        twin = getattr(sync_owner, name)
        assert isinstance(twin, SyncResource), f"{path}.{name} has no sync twin"
        yield f"{path}.{name}", value, twin
        yield from resource_pairs(value, twin, f"{path}.{name}")


def public_methods(resource: object) -> dict[str, Any]:
    return {name: getattr(resource, name) for name in dir(type(resource))
            if not name.startswith("_") and inspect.isfunction(getattr(type(resource), name))}


def test_every_async_method_has_a_sync_twin_with_its_signature() -> None:
    fake = FakeSmartlead()
    methods = 0
    with fake.sync_client() as sync_client:
        pairs = list(resource_pairs(sync_client._client, sync_client, "client"))
        for path, async_resource, sync_resource in pairs:
            async_methods, sync_methods = public_methods(async_resource), public_methods(
                sync_resource
            )
            assert async_methods.keys() == sync_methods.keys(), path
            for name, method in async_methods.items():
                mine, theirs = inspect.signature(sync_methods[name]), inspect.signature(method)
                assert mine.parameters == theirs.parameters, f"{path}.{name}"
                assert sync_methods[name].__doc__ is not None, f"{path}.{name}"
                expected = str(theirs.return_annotation)
                outer = re.match(r"\w+", expected)
                if not inspect.iscoroutinefunction(method):
                    assert outer is not None and outer.group(0) in SYNC_RETURNS, f"{path}.{name}"
                    expected = expected.replace(outer.group(0), SYNC_RETURNS[outer.group(0)], 1)
                    expected = expected.replace(", None]", ", None, None]")
                assert str(mine.return_annotation) == expected, f"{path}.{name}"
                methods += 1
    assert len(pairs) >= 16 and methods >= 142  # at the time of writing


def test_the_constructor_and_with_options_take_every_public_option() -> None:
    for name in ("__init__", "with_options"):
        theirs = inspect.signature(getattr(SmartleadClient, name)).parameters
        mine = inspect.signature(getattr(SmartleadSyncClient, name)).parameters
        assert mine == {key: value for key, value in theirs.items() if not key.startswith("_")}


def test_a_new_endpoint_method_gets_a_sync_twin(codegen: ModuleType, package_copy: Path) -> None:
    emails = package_copy / "_resources" / "emails.py"
    emails.write_text(emails.read_text(encoding="utf-8") + '''
    async def ping(
        self, campaign_id: int, *, note: str | None = None, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Ping a campaign (``POST /ping``).

        Args:
            campaign_id: the campaign.
        """
        return await self._request("POST", "/ping", OK, options=options)
''', encoding="utf-8")
    text = codegen.generate(package_copy)
    assert '''    def ping(
        self,
        campaign_id: int,
        *,
        note: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Ping a campaign (``POST /ping``).

        Args:
            campaign_id: the campaign.
        """
        return self._runner.run(self._async.ping, campaign_id, note=note, **options)
''' in text


def test_a_changed_listing_signature_is_followed(codegen: ModuleType, package_copy: Path) -> None:
    leads = package_copy / "_resources" / "campaigns_leads.py"
    source = leads.read_text(encoding="utf-8")
    leads.write_text(source.replace(
        "        start_offset: int = 0,\n        prefetch: int = DEFAULT_PREFETCH,\n",
        "        start_offset: int = 0,\n        start_from: ResumePoint | None = None,\n"
        "        prefetch: int = DEFAULT_PREFETCH,\n", 1,
    ).replace(
        "from .._pagination import",
        "from .._pagination import ResumePoint\nfrom .._pagination import",
    ), encoding="utf-8")
    text = codegen.generate(package_copy)
    assert "        start_from: ResumePoint | None = None,\n" in text
    assert "start_offset=start_offset, start_from=start_from," in text
    assert "from .._pagination import ResumePoint" in text


def test_the_client_base_classes_members_are_followed(
    codegen: ModuleType, package_copy: Path
) -> None:
    base = package_copy / "_client_base.py"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "    @property\n    def is_closed(self) -> bool:",
        '    @property\n    def pool_size(self) -> int:\n        """Connections the pool may '
        'hold."""\n        return 100\n\n    @property\n    def is_closed(self) -> bool:', 1,
    ), encoding="utf-8")
    text = codegen.generate(package_copy)
    assert '''    @property
    def pool_size(self) -> int:
        """Connections the pool may hold."""
        return self._client.pool_size
''' in text
    assert text.count("    def with_options(") == 1  # SmartleadClient's, not its base's too
    assert "        prospect_rate_limit: RateLimit | RateLimiter | NotGiven | None" in text


@pytest.mark.parametrize(
    ("addition", "message"),
    [
        ('    def rows(self) -> dict[str, int]:\n        """Rows."""\n        return {}\n',
         "add its sync wrapper to LISTINGS"),
        ('    async def wait(self) -> int:\n        """Then ``await anyio.sleep(1)``."""\n'
         "        return 1\n", "add its sync wording to DOCSTRING_REWRITES"),
        ('    @staticmethod\n    def helper() -> int:\n        """A helper."""\n        return 1\n',
         "decorated methods are not mirrored"),
    ],
    ids=["plain-def", "async-docstring", "decorated"],
)
def test_the_generator_refuses_what_it_cannot_mirror(
    codegen: ModuleType, package_copy: Path, addition: str, message: str
) -> None:
    emails = package_copy / "_resources" / "emails.py"
    emails.write_text(emails.read_text(encoding="utf-8") + "\n" + addition, encoding="utf-8")
    with pytest.raises(codegen.GenerationError, match=re.escape(message)):
        codegen.generate(package_copy)
