"""``client.lead_lists``: ``/lead-list/...`` and the routes that push leads into, out of and
between lists (``/leads/.../push-...``).

Lead lists take camelCase JSON (``listName``, ``tagIds``...); the methods take snake_case
arguments and send the wire names. SmartLead does not document what these routes answer:
reads and ``create`` return a :class:`LeadList`, the other writes the acknowledgement as sent
(:class:`OkResponse`, with any counts the server adds in ``.extra``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Unpack

from .._args import (
    compact,
    enum_value,
    flag,
    id_list,
    int_in_range,
    items_of,
    non_empty,
    optional,
    positive_id,
    text,
)
from .._constants import DEFAULT_PREFETCH, LEAD_LISTS_PAGE_SIZE_MAX
from .._decoding import One, PageOf
from .._enums import PushAction, PushActionValue
from .._exceptions import InvalidArgumentError
from .._options import RequestOptions
from .._pagination import AsyncPaginator, PaginationStyle
from ..models.common import OkResponse
from ..models.inputs import LeadInput, lead_json
from ..models.lead_lists import LeadList
from ._base import OK, Resource

#: Lists per request of :meth:`LeadLists.list` unless told otherwise (the API's own default
#: is 10).
LEAD_LISTS_PAGE_SIZE = 100


class LeadLists(Resource):
    """Lead lists: named, taggable sets of leads kept outside campaigns."""

    def list(
        self,
        *,
        name: str | None = None,
        tag_ids: Iterable[int] | None = None,
        page_size: int = LEAD_LISTS_PAGE_SIZE,
        start_offset: int = 0,
        prefetch: int = DEFAULT_PREFETCH,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[LeadList]:
        """Every lead list, paging on its own (``GET /lead-list/``; a short page is the last).

        Args:
            name: a list name to search for (``listName``).
            tag_ids: only lists with any of these tags (sent as ``tagIds=1,2,3``).
            page_size: lists per request, 1 to 1000.
            start_offset: offset to start from (e.g. ``error.resume_offset`` after a failure).
            prefetch: the most pages requested at once, 1 to 100.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        page_size = int_in_range(
            "page_size", page_size, minimum=1, maximum=LEAD_LISTS_PAGE_SIZE_MAX
        )
        start_offset = int_in_range("start_offset", start_offset, minimum=0)
        tags = optional(id_list, "tag_ids", tag_ids)
        filters = compact(
            listName=optional(text, "name", name),
            tagIds=None if tags is None else ",".join(map(str, tags)),
        )
        return self._paginate(
            "/lead-list/", PageOf(LeadList), style=PaginationStyle.SHORT_PAGE,
            description="paging lead lists", filters=filters, page_size=page_size,
            start_offset=start_offset, prefetch=prefetch, options=options,
        )

    async def create(self, name: str, **options: Unpack[RequestOptions]) -> LeadList:
        """Create an empty lead list (``POST /lead-list/``, body ``{"listName": name}``).

        Disputed: SmartLead documents ``listName``; bcharleson/smartlead-cli sends ``name``
        and ``client_id`` instead. The documented form is sent (add other fields with
        ``extra_body``).

        Args:
            name: the list's name.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {"listName": text("name", name)}
        return await self._request(
            "POST", "/lead-list/", One(LeadList, "created lead list"), body=body,
            options=options,
        )

    async def get(self, list_id: int, **options: Unpack[RequestOptions]) -> LeadList:
        """One lead list (``GET /lead-list/{id}``).

        Args:
            list_id: the list.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).

        Raises:
            NotFoundError: no such list (also on a 200 with an empty body).
        """
        path = _list_path(list_id)
        return await self._request(
            "GET", path, One(LeadList, f"lead list {list_id}"), options=options
        )

    async def rename(
        self, list_id: int, name: str, **options: Unpack[RequestOptions]
    ) -> OkResponse:
        """Rename a lead list (``PUT /lead-list/{id}``, body ``{"listName": name}``).

        Args:
            list_id: the list.
            name: its new name.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = _list_path(list_id)
        body = {"listName": text("name", name)}
        return await self._request("PUT", path, OK, body=body, options=options)

    async def delete(self, list_id: int, **options: Unpack[RequestOptions]) -> OkResponse:
        """Delete a lead list (``DELETE /lead-list/{id}``).

        Args:
            list_id: the list.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        return await self._request("DELETE", _list_path(list_id), OK, options=options)

    async def assign_tags(
        self,
        list_ids: Iterable[int],
        tag_ids: Iterable[int],
        *,
        remove_tag_ids: Iterable[int] | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Add tags to lists, and optionally take others off (``POST /lead-list/assign-tags``).

        Args:
            list_ids: the lists (``listIds``).
            tag_ids: the tags to add (``tagIds``); may be empty when ``remove_tag_ids`` is
                given.
            remove_tag_ids: the tags to take off (``removeTagIds``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        removed = optional(id_list, "remove_tag_ids", remove_tag_ids)
        body = compact(
            listIds=id_list("list_ids", list_ids),
            tagIds=id_list("tag_ids", tag_ids, allow_empty_list=removed is not None),
            removeTagIds=removed,
        )
        return await self._request(
            "POST", "/lead-list/assign-tags", OK, body=body, options=options
        )

    async def import_leads(
        self,
        list_id: int,
        leads: Iterable[LeadInput | Mapping[str, Any]],
        *,
        file_name: str,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Import leads into a list (``POST /lead-list/{id}/import``), in one request.

        ``emailFieldsAdded``, ``customFields`` and ``csvSettings``, whose contents SmartLead
        does not document, can be sent with ``extra_body``.

        Args:
            list_id: the list.
            leads: :class:`LeadInput` objects or dicts with at least an ``email``
                (``leadList``).
            file_name: the name the import is shown under (``fileName``).
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        path = _list_path(list_id, "/import")
        lead_list = [
            lead_json(f"leads[{index}]", lead)
            for index, lead in enumerate(_leads_of(leads))
        ]
        body = {"leadList": lead_list, "fileName": text("file_name", file_name)}
        return await self._request("POST", path, OK, body=body, options=options)

    async def push_from_campaign(
        self,
        list_id: int,
        campaign_id: int,
        *,
        lead_map_ids: Iterable[int] | None = None,
        all_leads: bool = False,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Move leads of a campaign into a list (``POST /leads/campaign/push-to-list``).

        Seen only in SmartLead's official CLI, not in its docs.

        Args:
            list_id: the list (``listId``).
            campaign_id: the campaign (``campaignId``).
            lead_map_ids: the leads, by ``campaign_lead_map_id`` (``leadMapIds``) ...
            all_leads: ... or every lead of the campaign (``allLeads``); give exactly one.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {
            "campaignId": positive_id("campaign_id", campaign_id),
            "listId": positive_id("list_id", list_id),
            **_selection("lead_map_ids", "leadMapIds", lead_map_ids, all_leads),
        }
        return await self._request(
            "POST", "/leads/campaign/push-to-list", OK, body=body, options=options
        )

    async def push_between(
        self,
        action: PushAction | PushActionValue,
        *,
        to_list_id: int,
        from_list_id: int | None = None,
        lead_ids: Iterable[int] | None = None,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Copy or move leads into a list (``POST /leads/leads/push-between-lists``; the
        doubled ``/leads/leads/`` is the real path).

        Args:
            action: ``copy`` or ``move`` (:class:`PushAction`).
            to_list_id: the list they go to (``toListId``).
            from_list_id: the list they come from (``fromListId``); without ``lead_ids``,
                every lead of it.
            lead_ids: the leads, by lead id (``leadIds``); give these, ``from_list_id`` or
                both.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        if lead_ids is None and from_list_id is None:
            raise InvalidArgumentError("push_between needs lead_ids, from_list_id or both")
        body = compact(
            action=enum_value("action", action, PushAction),
            leadIds=optional(id_list, "lead_ids", lead_ids),
            fromListId=optional(positive_id, "from_list_id", from_list_id),
            toListId=positive_id("to_list_id", to_list_id),
        )
        return await self._request(
            "POST", "/leads/leads/push-between-lists", OK, body=body, options=options
        )

    async def push_to_campaign(
        self,
        list_id: int,
        action: PushAction | PushActionValue,
        *,
        campaign_id: int | None = None,
        campaign_name: str | None = None,
        lead_ids: Iterable[int] | None = None,
        all_leads: bool = False,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Copy or move a list's leads into a campaign (``POST /leads/push-to-campaign``).

        Disputed: SmartLead documents ``{campaignId | campaignName, action, leadList: {listId,
        leadIds | allLeads}, csvSettings, filters}``; bcharleson/smartlead-cli sends
        different, snake_case fields (``id``, ``campaign_id``, ``ignore_global_block_list``
        ...). The documented form is sent. ``csvSettings`` and ``filters``, whose contents
        SmartLead does not document, can be sent with ``extra_body``.

        Args:
            list_id: the list (``leadList.listId``).
            action: ``copy`` or ``move`` (:class:`PushAction`).
            campaign_id: the campaign (``campaignId``) ...
            campaign_name: ... or its name (``campaignName``); give exactly one.
            lead_ids: the leads of the list, by lead id (``leadList.leadIds``) ...
            all_leads: ... or all of them (``leadList.allLeads``); give exactly one.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        if (campaign_id is None) == (campaign_name is None):
            raise InvalidArgumentError("push_to_campaign needs exactly one of campaign_id "
                                       "and campaign_name")
        body = compact(
            campaignId=optional(positive_id, "campaign_id", campaign_id),
            campaignName=optional(text, "campaign_name", campaign_name),
            action=enum_value("action", action, PushAction),
            leadList={
                "listId": positive_id("list_id", list_id),
                **_selection("lead_ids", "leadIds", lead_ids, all_leads),
            },
        )
        return await self._request(
            "POST", "/leads/push-to-campaign", OK, body=body, options=options
        )

    async def push_leads(
        self,
        list_id: int,
        action: PushAction | PushActionValue,
        *,
        lead_ids: Iterable[int] | None = None,
        all_leads: bool = False,
        **options: Unpack[RequestOptions],
    ) -> OkResponse:
        """Copy or move leads of the account into a list (``POST /leads/push-to-list``).

        With ``move`` the leads also leave the campaigns they are in (the official CLI calls
        this "deactivate"). Seen only in SmartLead's official CLI, not in its docs.

        Args:
            list_id: the list (``listId``).
            action: ``copy`` or ``move`` (:class:`PushAction`).
            lead_ids: the leads, by lead id (``leadIds``) ...
            all_leads: ... or every lead of the account (``allLeads``); give exactly one.
            **options: per-call :class:`RequestOptions` (``timeout``, ``max_retries``,
                ``extra_query``, ``extra_body``, ``extra_headers``).
        """
        body = {
            "listId": positive_id("list_id", list_id),
            **_selection("lead_ids", "leadIds", lead_ids, all_leads),
            "action": enum_value("action", action, PushAction),
        }
        return await self._request("POST", "/leads/push-to-list", OK, body=body, options=options)


def _list_path(list_id: int, suffix: str = "") -> str:
    return f"/lead-list/{positive_id('list_id', list_id)}{suffix}"


def _leads_of(leads: object) -> list[Any]:
    return non_empty("leads", items_of("leads", leads, "LeadInput or dict"), "lead")


def _selection(
    name: str, wire_name: str, ids: Iterable[int] | None, all_leads: bool
) -> dict[str, Any]:
    """``{wire_name: [ids]}`` or ``{"allLeads": true}``: which leads a push takes."""
    if flag("all_leads", all_leads):
        if ids is not None:
            raise InvalidArgumentError(f"give {name} or all_leads=True, not both")
        return {"allLeads": True}
    if ids is None:
        raise InvalidArgumentError(f"give {name} or all_leads=True")
    return {wire_name: id_list(name, ids)}
