"""Decoding analytics answers: percentage rates, reports kept whole, rows under unknown keys."""

from __future__ import annotations

from typing import Any

import pytest

from smartlead_async import (
    AnalyticsReport,
    APIResponseError,
    APIStatusError,
    CampaignPerformance,
    ClientPerformance,
    NotFoundError,
)
from smartlead_async._converter import converter, to_float
from smartlead_async._decoding import PageOf, Report, Where

WHERE = Where("GET", "/analytics/x")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("50%", 50.0), ("12.5%", 12.5), (" 9 % ", 9.0), ("0.25", 0.25), (7, 7.0), (2.5, 2.5),
     ("n/a", None), ("", None), (None, None), (True, None), ("inf", None), ("nan%", None),
     (10**400, None)],
)
def test_floats_are_read_from_numbers_and_percent_strings(raw: Any, expected: float | None) -> None:
    assert to_float(raw) == expected


def test_a_rate_field_reads_fractional_percentages_an_int_field_would_drop() -> None:
    row = converter.structure(
        {"id": "3", "open_rate": "12.5%", "reply_rate": 9, "bounce_rate": "-"},
        CampaignPerformance,
    )
    assert (row.id, row.open_rate, row.reply_rate, row.bounce_rate) == (3, 12.5, 9.0, None)


def test_a_campaign_performance_row_takes_its_id_from_campaign_id_too() -> None:
    assert converter.structure({"campaign_id": 42}, CampaignPerformance).id == 42


@pytest.mark.parametrize(
    ("body", "data", "message"),
    [
        ({"success": True, "message": "ok!", "data": {"total": 3}}, {"total": 3}, "ok!"),
        ({"ok": True, "data": [1, 2]}, [1, 2], None),
        ([{"a": 1}], [{"a": 1}], None),
        ({"total": 3}, {"total": 3}, None),
        # the newer routes' wrapper carries pagination beside the payload
        ({"success": True, "message": "m", "data": {"rows": []}, "pagination": {"offset": 0}},
         {"rows": []}, "m"),
        # envelopes nested three deep (as /master-inbox/untracked-replies answers)
        ({"ok": True, "data": {"success": True, "message": "inner", "data": {"replies": []}}},
         {"replies": []}, None),
    ],
)
def test_a_report_keeps_the_payload_under_its_envelopes_and_the_message(
    body: Any, data: Any, message: str | None
) -> None:
    report = Report(AnalyticsReport)(body, WHERE)
    assert report.data == data
    assert report.message == message


def test_a_report_payload_object_is_also_read_at_the_top() -> None:
    report = Report(AnalyticsReport)({"ok": True, "data": {"sent": "5"}}, WHERE)
    assert report.extra == {"ok": True, "sent": "5"}


@pytest.mark.parametrize("body", [{"ok": False, "message": "no"}, {"success": "false"},
                                  {"ok": True, "data": {"success": False, "message": "no"}}])
def test_a_report_that_says_it_failed_raises_at_any_depth(body: Any) -> None:
    with pytest.raises(APIStatusError):
        Report(AnalyticsReport)(body, WHERE)


@pytest.mark.parametrize("body", [None, "", "done", 42])
def test_a_report_of_no_object_is_a_response_error(body: Any) -> None:
    with pytest.raises(APIResponseError, match="expected a JSON object"):
        Report(AnalyticsReport)(body, WHERE)


@pytest.mark.parametrize("body", [None, {}, ""])
def test_a_report_about_one_resource_answered_empty_is_not_found(body: Any) -> None:
    with pytest.raises(NotFoundError, match="analytics of campaign 9 not found"):
        Report(AnalyticsReport, what="analytics of campaign 9")(body, WHERE)


def _page(body: Any) -> list[dict[str, Any]]:
    page = PageOf(ClientPerformance).decode(body, WHERE, offset=0)
    return [row.raw for row in page.items]


@pytest.mark.parametrize(
    "body",
    [
        {"ok": True, "data": {"client_wise_stats": [{"id": 1}], "total": 1}},
        {"success": True, "message": "m", "data": {"whatever": [{"id": 1}]}},
        {"ok": True, "data": [{"id": 1}]},
        [{"id": 1}],
    ],
)
def test_rows_of_an_unrecorded_listing_are_found_under_any_single_key(body: Any) -> None:
    assert _page(body) == [{"id": 1}]


@pytest.mark.parametrize(
    "body",
    [
        {"ok": True, "data": {"rows": [{"id": 1}], "others": [{"id": 2}]}},
        {"ok": True, "data": {"rows": {"id": 1}}},
    ],
)
def test_an_unrecorded_listing_with_no_single_array_raises_instead_of_guessing(body: Any) -> None:
    with pytest.raises(APIResponseError, match="expected a page of ClientPerformance"):
        _page(body)


def test_a_model_with_known_keys_only_does_not_take_rows_from_another_key() -> None:
    body = {"ok": True, "data": {"client_wise_stats": [{"id": 1}]}}
    with pytest.raises(APIResponseError, match="expected a page of CampaignPerformance"):
        PageOf(CampaignPerformance).decode(body, WHERE, offset=0)
