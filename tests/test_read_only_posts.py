"""Read-only POSTs (the master-inbox views): paged by their JSON body, retried like GETs."""

from __future__ import annotations

import json
from typing import Any, ClassVar

import httpx
import respx

from smartlead_async import PaginationStyle, SmartleadClient
from smartlead_async._decoding import ListOf, PageOf
from smartlead_async._resources._base import Resource
from smartlead_async.models._base import Identity, Model, model

from ._endpoints import endpoint_fixtures, open_client

api, client = endpoint_fixtures()


@model
class Thread(Model):
    identity: ClassVar[Identity] = ("id",)

    id: int


class Views(Resource):
    def threads(self, **filters: Any) -> Any:
        return self._paginate(
            "/views", PageOf(Thread), style=PaginationStyle.SHORT_PAGE, description="views",
            page_size=20, start_offset=0, prefetch=1, body={"filters": filters},
        )

    async def write(self, *, idempotent: bool | None) -> Any:
        return await self._request("POST", "/write", ListOf(Thread), idempotent=idempotent)


async def test_a_body_paged_listing_sends_offset_and_limit_in_its_json_body(
    api: respx.MockRouter, client: SmartleadClient
) -> None:
    threads = [{"id": n} for n in range(1, 46)]

    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        window = threads[body["offset"]:][:body["limit"]]
        return httpx.Response(200, json={"ok": True, "data": window, **body})

    route = api.post("/views").mock(side_effect=answer)
    got = [thread.id async for thread in Views(client._api).threads(campaignId=7)]
    assert got == list(range(1, 46))
    bodies = [json.loads(call.request.content) for call in route.calls]
    assert bodies == [
        {"filters": {"campaignId": 7}, "offset": offset, "limit": 20} for offset in (0, 20, 40)
    ]


async def test_a_post_declared_idempotent_is_retried_like_a_get(api: respx.MockRouter) -> None:
    route = api.post("/write").mock(side_effect=[
        httpx.Response(503), httpx.Response(200, json=[{"id": 1}]),
    ])
    async with open_client(max_retries=2) as retrying:
        assert [t.id for t in await Views(retrying._api).write(idempotent=True)] == [1]
    assert route.call_count == 2


async def test_a_post_not_declared_idempotent_is_not_sent_again_after_a_5xx(
    api: respx.MockRouter,
) -> None:
    route = api.post("/write").respond(503)
    async with open_client(max_retries=2) as retrying:
        try:
            await Views(retrying._api).write(idempotent=None)
        except Exception as error:
            assert type(error).__name__ == "ServerError"
    assert route.call_count == 1
