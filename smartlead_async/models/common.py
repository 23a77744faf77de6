"""The acknowledgement most write endpoints answer with."""

from __future__ import annotations

from typing import Any

from ._base import Model, model

__all__ = ["OkResponse"]


@model
class OkResponse(Model):
    """``{"ok": true, ...}``: the answer of most write endpoints.

    Attributes:
        ok: the server's flag (a 2xx answer with ``"ok": false`` raises instead).
        message: the server's message, or the text of a plain-text answer such as ``success``.
        data: the ``data`` member, when the server sends one (often ``"success"``).
    """

    ok: bool | None = None
    message: str | None = None
    data: Any = None
