"""Routes: Smart Delivery (``/spam-test/...`` on its host): placement tests, their folders and
reports.

Answers use the ``{success, message, data}`` envelope. A test must name a campaign of the
account and known seed providers; a report of a test that does not exist is a 404.
"""

from __future__ import annotations

from typing import Any

from ._delivery import PROVIDERS, provider_ids
from ._http import Request, Response, error
from ._lookups import path_id
from ._params import Fields, QueryParams, known_zone, parse_iso
from ._router import Params, RouteTable
from ._state import State
from ._success import success

__all__ = ["routes"]

routes = RouteTable()

_TEST = r"/spam-test/(?P<test_id>[^/]+)"
_REPORT = r"/spam-test/report/(?P<test_id>[^/]+)"
_FOLDER = r"/spam-test/folder/(?P<folder_id>[^/]+)"
TIME_UNITS = ("minutes", "hours", "days")
_TEST_FIELDS = (
    "test_name", "description", "campaign_id", "sequence_mapping_id", "provider_ids",
    "sender_accounts", "spam_filters", "link_checker", "is_warmup",
    "all_email_sent_without_time_gap", "min_time_btwn_emails", "min_time_unit", "folder_id",
)  # fmt: skip
_SCHEDULE_FIELDS = ("schedule_start_time", "every_days", "days", "test_end_date", "tz")
#: Reports of one test read with a GET (the path segment after the test id).
_GET_REPORTS = (
    "blacklist", "dkim-details", "domain-blacklist", "email-content", "ip-analytics",
    "rdns-details", "schedule-history", "sender-account-wise", "sender-accounts",
    "spam-filter-details", "spf-details",
)  # fmt: skip


def _test(state: State, params: Params) -> dict[str, Any]:
    test = state.delivery.tests.get(path_id(params, "test_id", "spam test"))
    if test is None:
        raise error(404, "Spam test not found")
    return test


def _test_fields(state: State, body: Fields) -> dict[str, Any]:
    """The fields both kinds of test take, checked."""
    campaign_id = body.integer("campaign_id", required=True, minimum=1)
    if campaign_id not in state.campaigns:
        raise error(404, f"Campaign not found - {campaign_id}")
    providers = body.integers("provider_ids", required=True, min_items=1)
    known = provider_ids()
    for index, pid in enumerate(providers):
        if pid not in known:
            raise body.fail(f"provider_ids[{index}]", "is not a seed provider id")
    senders = body.texts("sender_accounts", required=True, min_items=1)
    for index, sender in enumerate(senders):
        if "@" not in sender:
            raise body.fail(f"sender_accounts[{index}]", "must be a valid email")
    folder_id = body.integer("folder_id", minimum=1)
    if folder_id is not None and folder_id not in state.delivery.folders:
        raise error(404, f"Folder not found - {folder_id}")
    return {
        "test_name": body.text("test_name", required=True, allow_empty=False),
        "description": body.text("description"),
        "campaign_id": campaign_id,
        "sequence_mapping_id": body.integer("sequence_mapping_id", required=True, minimum=1),
        "provider_ids": providers, "sender_accounts": senders,
        "spam_filters": body.texts("spam_filters", required=True),
        "link_checker": body.boolean("link_checker", required=True),
        "is_warmup": body.boolean("is_warmup", required=True),
        "all_email_sent_without_time_gap": body.boolean(
            "all_email_sent_without_time_gap", required=True),
        "min_time_btwn_emails": body.integer("min_time_btwn_emails", required=True, minimum=0),
        "min_time_unit": body.choice("min_time_unit", TIME_UNITS, required=True),
        "folder_id": folder_id,
    }  # fmt: skip


def _created(test: dict[str, Any]) -> Response:
    return success({"id": test["id"], "test_name": test["test_name"]},
                   "Spam test created successfully")


@routes.post(r"/spam-test/manual/?")
def create_manual_test(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed=_TEST_FIELDS)
    return _created(state.delivery.create_test(_test_fields(state, body), "manual"))


@routes.post(r"/spam-test/schedule/?")
def create_automated_test(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    body = Fields.of(request, allowed=(*_TEST_FIELDS, *_SCHEDULE_FIELDS))
    fields = _test_fields(state, body)
    start = body.timestamp("schedule_start_time", required=True)
    days = body.integers("days", required=True, min_items=1)
    for index, day in enumerate(days):
        if day > 7:
            raise body.fail(f"days[{index}]", "must be less than or equal to 7")
    end = body.text("test_end_date")
    if end is not None and parse_iso(end) is None:
        raise body.fail("test_end_date", "must be in ISO 8601 date format")
    zone = body.text("tz")
    if zone is not None and not known_zone(zone):
        raise body.fail("tz", "must be a valid IANA time zone")
    schedule = {
        "schedule_start_time": start.isoformat(), "days": days, "test_end_date": end,
        "every_days": body.integer("every_days", required=True, minimum=1), "tz": zone,
    }  # fmt: skip
    return _created(state.delivery.create_test({**fields, **schedule}, "auto"))


@routes.post(r"/spam-test/report/?")
def list_tests(state: State, request: Request, params: Params) -> Response:
    q = QueryParams(request, allowed={"testType"})
    kind = q.choice("testType", ("manual", "auto"))
    body = Fields.of(request, allowed={"limit", "offset", "filters"})
    limit = body.integer("limit", minimum=1) or 10
    offset = body.integer("offset", minimum=0) or 0
    tests = [test for _, test in sorted(state.delivery.tests.items(), reverse=True)
             if kind is None or test["test_type"] == kind]
    return success(tests[offset : offset + limit])


@routes.get(_TEST + "/?")
def get_test(state: State, request: Request, params: Params) -> Response:
    test = _test(state, params)
    QueryParams(request, allowed=())
    return success(test)


@routes.post(r"/spam-test/delete/?")
def delete_tests(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    ids = Fields.of(request, allowed={"spamTestIds"}).integers(
        "spamTestIds", required=True, min_items=1
    )
    tests = state.delivery.tests
    found = [test_id for test_id in ids if test_id in tests]
    if not found:
        raise error(404, "Spam test not found")
    for test_id in found:
        del tests[test_id]
    return success({"deleted": found}, f"{len(found)} spam test(s) deleted")


@routes.put(_TEST + r"/stop/?")
def stop_test(state: State, request: Request, params: Params) -> Response:
    test = _test(state, params)
    QueryParams(request, allowed=())
    Fields.of(request, allowed=())
    if test["test_type"] != "auto":
        raise error(400, "Only automated tests can be stopped")
    test["status"] = "stopped"
    return success(None, "Automated test stopped")


@routes.get(r"/spam-test/seed/providers/?")
def seed_providers(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    return success([
        {"region": region, "providers": [{"id": pid, "name": name} for pid, name in providers]}
        for region, providers in PROVIDERS
    ])  # fmt: skip


# -- reports ----------------------------------------------------------------------------------


def _report_route(name: str) -> None:
    @routes.get(_REPORT + f"/{name}/?")
    def report(state: State, request: Request, params: Params) -> Response:
        test = _test(state, params)
        QueryParams(request, allowed=())
        return success(state.delivery.report(test, name))


for _name in _GET_REPORTS:
    _report_route(_name)


def _post_report_route(name: str) -> None:
    @routes.post(_REPORT + f"/{name}/?")
    def report(state: State, request: Request, params: Params) -> Response:
        test = _test(state, params)
        QueryParams(request, allowed=())
        Fields.of(request, allowed=())
        return success(state.delivery.report(test, name))


for _name in ("providerwise", "groupwise"):
    _post_report_route(_name)


@routes.get(_REPORT + r"/sender-account-wise/(?P<reply_id>[^/]+)/email-headers/?")
def email_headers(state: State, request: Request, params: Params) -> Response:
    test = _test(state, params)
    reply_id = path_id(params, "reply_id", "reply")
    QueryParams(request, allowed=())
    email = next((e for e in state.delivery.emails(test) if e["reply_id"] == reply_id), None)
    if email is None:
        raise error(404, "Email not found")
    headers = {
        "From": email["sender_account"], "X-Received-Provider": email["provider_name"],
        "Received": f"from mail.example ({email['ip']})", "Authentication-Results": "dkim=pass",
    }  # fmt: skip
    return success({"reply_id": reply_id, "headers": headers})


@routes.get(r"/spam-test/report/mailboxes-count/?")
def mailboxes_count(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    return success({"count": len(state.delivery.mailbox_rows())})


@routes.get(r"/spam-test/report/mailboxes-summary/?")
def mailboxes_summary(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    return success(state.delivery.mailbox_rows())


# -- folders ----------------------------------------------------------------------------------


def _folder(state: State, params: Params) -> dict[str, Any]:
    folder = state.delivery.folders.get(path_id(params, "folder_id", "folder"))
    if folder is None:
        raise error(404, "Folder not found")
    return folder


@routes.get(r"/spam-test/folder/?")
def list_folders(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    delivery = state.delivery
    return success([delivery.folder_json(f) for _, f in sorted(delivery.folders.items())])


@routes.post(r"/spam-test/folder/?")
def create_folder(state: State, request: Request, params: Params) -> Response:
    QueryParams(request, allowed=())
    name = Fields.of(request, allowed={"folderName"}).text(
        "folderName", required=True, allow_empty=False
    )
    return success(state.delivery.create_folder(name), "Folder created successfully")


@routes.get(_FOLDER + "/?")
def get_folder(state: State, request: Request, params: Params) -> Response:
    folder = _folder(state, params)
    QueryParams(request, allowed=())
    return success(state.delivery.folder_json(folder))


@routes.delete(_FOLDER + "/?")
def delete_folder(state: State, request: Request, params: Params) -> Response:
    folder = _folder(state, params)
    QueryParams(request, allowed=())
    delivery = state.delivery
    del delivery.folders[folder["id"]]
    for test in delivery.tests.values():
        if test.get("folder_id") == folder["id"]:
            test["folder_id"] = None
    return success(None, "Folder deleted successfully")
