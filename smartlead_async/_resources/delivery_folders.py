"""``client.delivery.folders``: the folders Smart Delivery files tests in
(``/spam-test/folder``)."""

from __future__ import annotations

import builtins
from typing import Unpack

from .._args import positive_id, text
from .._decoding import Ack, ListOf, One
from .._options import RequestOptions
from ..models.common import OkResponse
from ..models.delivery import FolderCreated, SpamTestFolder
from ._base import OK, Resource


class DeliveryFolders(Resource):
    """Folders of placement tests."""

    async def list(self, **options: Unpack[RequestOptions]) -> builtins.list[SpamTestFolder]:
        """Every folder (``GET /spam-test/folder``).

        Args:
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request(
            "GET", "/spam-test/folder", ListOf(SpamTestFolder), options=options
        )

    async def create(self, name: str, **options: Unpack[RequestOptions]) -> FolderCreated:
        """Create a folder (``POST /spam-test/folder``, body ``{"folderName": name}``).

        Disputed: SmartLead documents ``folderName``; one public client sends ``name``. The
        documented form is sent (another can go in ``extra_body``).

        Args:
            name: the folder's name.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"folderName": text("name", name)}
        return await self._request(
            "POST", "/spam-test/folder", Ack(FolderCreated), body=body, options=options
        )

    async def get(self, folder_id: int, **options: Unpack[RequestOptions]) -> SpamTestFolder:
        """One folder (``GET /spam-test/folder/{folderId}``).

        Args:
            folder_id: the folder.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such folder (also on a 200 with an empty body).
        """
        return await self._request(
            "GET", _folder_path(folder_id), One(SpamTestFolder, f"folder {folder_id}"),
            options=options,
        )

    async def delete(self, folder_id: int, **options: Unpack[RequestOptions]) -> OkResponse:
        """Delete a folder (``DELETE /spam-test/folder/{folderId}``).

        Args:
            folder_id: the folder.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request("DELETE", _folder_path(folder_id), OK, options=options)


def _folder_path(folder_id: int) -> str:
    return f"/spam-test/folder/{positive_id('folder_id', folder_id)}"
