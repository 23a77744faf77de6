"""``RecentKeys.head_split``: where a head page's records past the ones yielded start."""

from __future__ import annotations

from smartlead_async._pagination.recent import RecentKeys


def yielded(*keys: int) -> RecentKeys:
    return RecentKeys(64, keys)


def test_a_head_page_of_new_records_then_records_past_the_yielded_splits_between_them() -> None:
    recent = yielded(*range(442, 432, -1))  # a newest-first list: ids fall along it
    assert recent.head_split([445, 443, 431, 430, 428]) == 2


def test_a_head_page_of_records_past_the_yielded_only_splits_at_its_start() -> None:
    recent = yielded(*range(442, 432, -1))
    assert recent.head_split([431, 430, 428]) == 0


def test_a_record_between_the_yielded_ones_makes_the_split_unknown() -> None:
    recent = yielded(*range(442, 432, -2))
    assert recent.head_split([445, 437, 431]) is None


def test_a_page_of_new_records_only_has_no_split() -> None:
    recent = yielded(*range(442, 432, -1))
    assert recent.head_split([450, 449, 448]) is None


def test_keys_in_no_known_order_have_no_split() -> None:
    recent = yielded(5, 90, 12, 77, 3, 41, 60, 8, 99, 1)
    assert recent.head_split([200, 0]) is None
