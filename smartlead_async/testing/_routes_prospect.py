"""Routes: SmartProspect (below ``/search-email-leads`` on its host): lookups, contact search
and purchase, saved searches, analytics.

Answers use the ``{success, message, data}`` envelope; a purchase the balance or the account's
limit does not allow answers 200 with ``success: false``, as SmartLead's does. Shapes follow
what SmartLead's official CLI and the public clients read (``list``, ``scroll_id``,
``filter_id``, ``total_count``, ``savedSearches``...).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ._http import Request, Response, error, unprocessable
from ._lookups import path_id
from ._params import Fields, QueryParams
from ._prospect import FILTER_KEYS, FLAG_KEYS, MAX_DAILY_FETCH, MAX_SINGLE_FETCH, Search
from ._prospect_db import LOOKUP_ROUTES, Contact
from ._router import Params, RouteTable
from ._state import State
from ._success import refused, success

__all__ = ["routes"]

routes = RouteTable()

VERIFICATION = ("valid", "catch_all", "invalid")
CATCH_ALL = (
    "catch_all_verified", "catch_all_soft_bounced", "catch_all_hard_bounced",
    "catch_all_unknown", "catch_all_bounced",
)  # fmt: skip
#: Each lookup's narrowing parameters (SmartLead's official CLI sends them).
_LOOKUP_FILTERS: dict[str, Collection[str]] = {
    "states": ("country",),
    "cities": ("state", "country"),
    "industries": ("withSubIndustry",),
    "sub-industries": ("industry_id",),
}
_FILTER_VALUES_MAX = 2000
_NAME_MAX = 255


# -- lookups ----------------------------------------------------------------------------------


def _lookup_route(name: str) -> None:
    narrowing = _LOOKUP_FILTERS.get(name, ())

    @routes.get(f"/{name}/?")
    def lookup(state: State, request: Request, params: Params) -> Response:
        q = QueryParams(request, allowed={"limit", "offset", "search", *narrowing})
        limit = q.integer("limit", 10, minimum=1, maximum=100)
        offset = q.integer("offset", 0, minimum=0)
        rows = list(state.prospect.db.lookups[name])
        search = q.raw("search")
        if search is not None:
            if not 1 <= len(search) <= _NAME_MAX:
                raise unprocessable("search", '"search" length must be between 1 and 255')
            rows = [row for row in rows if row["name"].lower().startswith(search.lower())]
        if "state" in narrowing and q.raw("country") is not None and q.raw("state") is None:
            raise unprocessable("country", '"country" requires "state"')
        rows = _narrowed(rows, q)
        return success(rows[offset : offset + limit])


def _narrowed(rows: list[dict[str, Any]], q: QueryParams) -> list[dict[str, Any]]:
    """The rows the lookup's narrowing parameters keep (``country``, ``state``...)."""
    for key in ("country", "state"):
        wanted = q.raw(key)
        if wanted is not None:
            names = {part.strip().lower() for part in wanted.split(",")}
            rows = [row for row in rows if str(row.get(key, "")).lower() in names]
    industry = q.optional_integer("industry_id", positive=True)
    if industry is not None:
        rows = [row for row in rows if row.get("industry_id") == industry]
    if "sub_industries" in (rows[0] if rows else {}) and not q.boolean("withSubIndustry", False):
        rows = [{k: v for k, v in row.items() if k != "sub_industries"} for row in rows]
    return rows


for _name in LOOKUP_ROUTES:
    _lookup_route(_name)


# -- contacts ---------------------------------------------------------------------------------


def _filters(body: Fields) -> dict[str, Any]:
    """The search filters of a body, checked: lists of strings and true/false flags."""
    filters: dict[str, Any] = {}
    for key in FILTER_KEYS:
        if body.array(key, max_items=_FILTER_VALUES_MAX) is not None:
            filters[key] = body.texts(key)
    for key in FLAG_KEYS:
        flag = body.boolean(key)
        if flag is not None:
            filters[key] = flag
    return filters


@routes.post(r"/search-contacts/?")
def search_contacts(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"limit", "scroll_id", *FILTER_KEYS, *FLAG_KEYS})
    limit = body.integer("limit", required=True, minimum=1, maximum=500)
    filters = _filters(body)
    prospect = state.prospect
    token = body.text("scroll_id")
    if token is None:
        search, position = prospect.run(filters), 0
    else:
        where = prospect.scrolls.get(token)
        if where is None:
            raise error(400, "Invalid or expired scroll_id")
        search, position = prospect.searches[where[0]], where[1]
    contacts, following = prospect.page(search, position, limit)
    return success({
        "list": [contact.preview() for contact in contacts], "scroll_id": following,
        "filter_id": search.filter_id, "total_count": len(search.matches),
    })  # fmt: skip


def _search_of(state: State, filter_id: int) -> Search:
    """A search run, or a saved one (run now, under its own id); else a 404."""
    prospect = state.prospect
    search = prospect.searches.get(filter_id)
    if search is None and filter_id in prospect.saved:
        filters = prospect.saved[filter_id]["filter_details"]
        search = prospect.run(filters)
        prospect.searches.pop(search.filter_id)
        search.filter_id = filter_id
        prospect.searches[filter_id] = search
    if search is None:
        raise error(404, f"Filter not found - {filter_id}")
    return search


def _known_contacts(state: State, ids: list[str], key: str) -> list[Contact]:
    db = state.prospect.db
    for index, contact_id in enumerate(ids):
        if contact_id not in db.by_id:
            raise unprocessable(f"{key}[{index}]", f'"{key}[{index}]" is not a contact id', "body")
    return [db.by_id[contact_id] for contact_id in ids]


@routes.post(r"/fetch-contacts/?")
def fetch_contacts(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={
        "filter_id", "id", "limit", "offset", "visual_limit", "visual_offset",
    })  # fmt: skip
    filter_id = body.integer("filter_id", required=True, minimum=1)
    ids = body.texts("id", min_items=1)
    limit = body.integer("limit", minimum=1)
    if (ids is None) == (limit is None):
        raise unprocessable("limit", '"value" must contain exactly one of [id, limit]', "body")
    offset = body.integer("offset", minimum=0) or 0
    visual_limit = body.integer("visual_limit", minimum=1, maximum=1000) or 100
    visual_offset = body.integer("visual_offset", minimum=0) or 0
    search = _search_of(state, filter_id)
    prospect = state.prospect
    if limit is not None and limit > MAX_SINGLE_FETCH:
        return refused(f"limit exceeds your max single fetch limit of {MAX_SINGLE_FETCH}")
    indices = (
        [c.serial for c in _known_contacts(state, ids, "id")] if ids is not None
        else search.matches[offset : offset + (limit or 0)]
    )
    cost = prospect.cost(indices)
    if cost > prospect.credits_available:
        return refused(
            f"Insufficient credits: {prospect.credits_available} available, {cost} needed"
        )
    prospect.buy(filter_id, prospect.name_of(filter_id), indices)
    shown = indices[visual_offset : visual_offset + visual_limit]
    return success({
        "filter_id": filter_id, "fetched_count": len(indices), "credits_used": cost,
        "data": [prospect.db.contacts[i].revealed() for i in shown],
    }, "Contacts fetched successfully")  # fmt: skip


@routes.post(r"/get-contacts/?")
def get_contacts(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={
        "id", "filter_id", "limit", "offset", "search", "verification_status",
        "catch_all_status",
    })  # fmt: skip
    body.array("id", max_items=200)
    ids = body.texts("id", min_items=1)
    filter_id = body.integer("filter_id", minimum=1)
    if (ids is None) == (filter_id is None):
        raise unprocessable("id", '"value" must contain exactly one of [id, filter_id]', "body")
    limit = body.integer("limit", minimum=1, maximum=1000) or 100
    offset = body.integer("offset", minimum=0) or 0
    verification = body.choice("verification_status", VERIFICATION)
    catch_all = body.choice("catch_all_status", CATCH_ALL)
    name = (body.text("search") or "").lower()
    prospect = state.prospect
    if ids is not None:
        contacts = [c for c in _known_contacts(state, ids, "id") if c.serial in prospect.owned]
    else:
        fetched = prospect.fetched.get(filter_id or 0)
        if fetched is None:
            raise error(404, f"No fetched contacts for filter {filter_id}")
        contacts = [prospect.db.contacts[i] for i in fetched.contacts]
    contacts = [
        c for c in contacts
        if (verification is None or c.verification == verification)
        and (catch_all is None or c.catch_all == catch_all) and name in c.full_name.lower()
    ]
    if ids is None:
        contacts = contacts[offset : offset + limit]
    return success({"list": [c.revealed() for c in contacts], "total_count": len(contacts)})


@routes.post(r"/search-contacts/find-emails/?")
def find_emails(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"contacts"})
    people = body.objects(
        "contacts", allowed={"firstName", "lastName", "companyDomain"}, required=True,
        min_items=1, max_items=10,
    )
    wanted = [
        (p.text("firstName", required=True, allow_empty=False),
         p.text("lastName", required=True, allow_empty=False),
         p.text("companyDomain", required=True, allow_empty=False))
        for p in people
    ]  # fmt: skip
    prospect = state.prospect
    if len(wanted) > prospect.credits_available:
        return refused(
            f"Insufficient credits: {prospect.credits_available} available, "
            f"{len(wanted)} needed"
        )
    prospect.credits_used += len(wanted)
    prospect.found_emails += len(wanted)
    return success([
        {"first_name": first, "last_name": last, "company_domain": domain,
         "email": f"{first}.{last}@{domain}".lower(), "status": "found",
         "verification_status": VERIFICATION[len(first + last) % 2]}
        for first, last, domain in wanted
    ])  # fmt: skip


@routes.patch(r"/review-contacts/(?P<filter_id>[^/]+)/?")
def review_contacts(state: State, request: Request, params: Params) -> Response:
    filter_id = path_id(params, "filter_id", "filter")
    QueryParams(request, allowed=())
    fetched = state.prospect.fetched.get(filter_id)
    if fetched is None:
        raise error(404, f"No fetched contacts for filter {filter_id}")
    return success({"filter_id": filter_id, "records_updated": len(fetched.contacts)},
                   "Contacts reviewed successfully")


# -- analytics --------------------------------------------------------------------------------


@routes.get(r"/search-analytics/?")
def search_analytics(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"filter_id"})
    filter_id = q.optional_integer("filter_id", positive=True)
    prospect = state.prospect
    found = sum(len(search.matches) for search in prospect.searches.values())
    data: dict[str, Any] = {
        "availableCredits": {
            "available": prospect.credits_available, "total": prospect.credits_total,
            "used": prospect.credits_used,
        },
        "leadsFound": found, "emailsFetched": len(prospect.owned), "leadsFoundToday": found,
        "maxDailyFetchLimit": MAX_DAILY_FETCH, "maxSingleFetchLimit": MAX_SINGLE_FETCH,
    }  # fmt: skip
    if filter_id is not None:
        search = _search_of(state, filter_id)
        fetched = prospect.fetched.get(filter_id)
        data["filterData"] = {
            "leadsFound": len(search.matches),
            "emailsFetched": 0 if fetched is None else len(fetched.contacts),
        }
    return success(data)


@routes.get(r"/reply-analytics/?")
def reply_analytics(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    h = state.hash(57)
    current, previous = 20 + h % 40, 20 + (h >> 8) % 40
    change = round((current - previous) * 100 / previous, 2)
    trend = "up" if current > previous else "down" if current < previous else "flat"
    return success({"currentMonth": current, "previousMonth": previous,
                    "percentage_change": change, "trend": trend})


# -- searches ---------------------------------------------------------------------------------


def _listing(request: Request, key: str, rows: list[dict[str, Any]]) -> Response:
    q = QueryParams(request, allowed={"limit", "offset"})
    limit = q.integer("limit", 10, minimum=1)
    offset = q.integer("offset", 0, minimum=0)
    return success({key: rows[offset : offset + limit], "totalCount": len(rows)})


@routes.get(r"/search-filters/saved-searches/?")
def saved_searches(state: State, request: Request, params: Params) -> Response:
    rows = [state.prospect.saved[key] for key in sorted(state.prospect.saved, reverse=True)]
    return _listing(request, "savedSearches", rows)


@routes.get(r"/search-filters/recent-searches/?")
def recent_searches(state: State, request: Request, params: Params) -> Response:
    return _listing(request, "recentSearches", state.prospect.recent_rows())


@routes.get(r"/search-filters/fetched-searches/?")
def fetched_searches(state: State, request: Request, params: Params) -> Response:
    return _listing(request, "fetchedLeads", state.prospect.fetched_rows())


def _search_string(body: Fields) -> str:
    name = body.text("search_string", required=True, allow_empty=False)
    if len(name) > _NAME_MAX:
        raise body.fail("search_string", f"length must be less than or equal to {_NAME_MAX}")
    return name


@routes.post(r"/search-filters/save-search/?")
def save_search(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed={"search_string", "limit", *FILTER_KEYS, *FLAG_KEYS})
    name = _search_string(body)
    limit = body.integer("limit", minimum=1, maximum=10_000)
    row = state.prospect.save(name, _filters(body), limit)
    return success({"id": row["id"]}, "Search saved successfully")


def _rename(request: Request, rows: Mapping[int, Any], search_id: int) -> str:
    QueryParams(request, allowed=())
    name = _search_string(Fields.of(request, allowed={"search_string"}))
    if search_id not in rows:
        raise error(404, f"Search not found - {search_id}")
    return name


@routes.put(r"/search-filters/save-search/(?P<search_id>[^/]+)/?")
def update_saved_search(state: State, request: Request, params: Params) -> Response:
    search_id = path_id(params, "search_id", "search")
    saved = state.prospect.saved
    saved[search_id]["search_string"] = _rename(request, saved, search_id)
    return success(None, "Search updated successfully")


@routes.put(r"/search-filters/fetched-searches/(?P<search_id>[^/]+)/?")
def update_fetched_search(state: State, request: Request, params: Params) -> Response:
    search_id = path_id(params, "search_id", "search")
    fetched = state.prospect.fetched
    fetched[search_id].name = _rename(request, fetched, search_id)
    return success(None, "Search updated successfully")
