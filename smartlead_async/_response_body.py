"""Reading response bodies chunk by chunk, never buffering more than a limit."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import cast

import httpx


def body_chunks(response: httpx.Response) -> AsyncGenerator[bytes, None]:
    """The decoded body of a streamed ``response`` as it arrives; close it with ``aclosing``.

    httpx declares ``aiter_bytes`` an ``AsyncIterator``; it is an async generator, and
    closing it when reading stops early ends it at once rather than at garbage collection.
    """
    return cast("AsyncGenerator[bytes, None]", response.aiter_bytes())


async def read_at_most(response: httpx.Response, limit: int) -> tuple[bytearray, bool]:
    """The first ``limit`` bytes of a streamed ``response``'s body, and whether it had more.

    Reading stops at the first chunk past ``limit``: the rest is never received into memory
    (the caller closes the response, which drops the connection).
    """
    content = bytearray()
    async with aclosing(body_chunks(response)) as chunks:
        async for chunk in chunks:
            room = limit - len(content)
            if len(chunk) > room:
                content += chunk[:room]
                return content, True
            content += chunk
    return content, False


def declared_length(response: httpx.Response) -> int | None:
    """The body size the ``Content-Length`` header announces, when it is a valid number."""
    raw = response.headers.get("content-length", "")
    return int(raw) if raw.isdigit() else None
