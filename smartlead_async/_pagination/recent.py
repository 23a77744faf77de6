"""``RecentKeys``: the keys of the last records yielded, in order, in bounded memory."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Hashable, Iterable, Sequence
from typing import NamedTuple, cast

__all__ = ["RecentKeys", "Sighting"]

#: Key pairs needed, and the share of them that must agree, to trust the key order.
_ORDER_EVIDENCE = 8
_ORDER_AGREEMENT = 0.95


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Sighting(NamedTuple):
    """Where a record was when it was yielded: its offset, the list's total, the request count."""

    offset: int
    total: int
    clock: float


class RecentKeys:
    """The last ``capacity`` keys yielded, oldest first, each with where it was seen.

    Yield order is list order, so a key seen again marks a place in the list the iteration
    has already passed (an anchor), and every key yielded after it is remembered too.
    Keys given at the start (from a resume point) have no sighting.
    """

    def __init__(self, capacity: int, keys: Iterable[Hashable] = ()) -> None:
        self.capacity = capacity
        self._order: deque[Hashable] = deque()
        self._seen: dict[Hashable, Sighting | None] = {}
        self._number: dict[Hashable, int] = {}  # how many keys were added before each one
        self._added = 0
        self.forgot = False  # whether a key was ever let go
        self._steps: deque[int] = deque()  # sign of each key minus the one before (ints)
        self._rising = self._falling = 0
        for key in keys:
            self.add(key, None)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._seen

    def __len__(self) -> int:
        return len(self._order)

    def add(self, key: Hashable, sighting: Sighting | None) -> None:
        """Remember ``key`` as the newest (a key already remembered is not added twice)."""
        if key in self._seen:
            return
        previous = self._order[-1] if self._order else None
        self._seen[key] = sighting
        self._number[key] = self._added
        self._added += 1
        self._order.append(key)
        self._count_step(previous, key)
        if len(self._order) > self.capacity:
            oldest = self._order.popleft()
            del self._seen[oldest], self._number[oldest]
            self.forgot = True
            step = self._steps.popleft()
            self._rising -= step > 0
            self._falling -= step < 0

    def _count_step(self, previous: Hashable | None, key: Hashable) -> None:
        step = 0
        if _is_int(previous) and _is_int(key):
            step = (key > previous) - (key < previous)  # type: ignore[operator]
        if self._order and len(self._order) > 1:
            self._steps.append(step)
            self._rising += step > 0
            self._falling += step < 0

    @property
    def direction(self) -> int:
        """+1 when int keys rise along the list, -1 when they fall, 0 when they do not tell.

        Ids handed out in order (``campaign_lead_map_id``) usually follow a newest-first list
        downwards. Only a hint for aiming requests: what is yielded never depends on it.
        """
        pairs = len(self._steps)
        if pairs < _ORDER_EVIDENCE:
            return 0
        if self._falling >= _ORDER_AGREEMENT * pairs:
            return -1
        if self._rising >= _ORDER_AGREEMENT * pairs:
            return 1
        return 0

    def side(self, keys: Sequence[Hashable | None]) -> int:
        """Where records with ``keys`` (none of them remembered) lie, by the key order: -1
        before the records yielded recently, +1 after the newest one, 0 when unknown."""
        places = self._places([key for key in keys if _is_int(key)])  # type: ignore[misc]
        if places is None:
            return 0
        if all(place > 0 for place in places):
            return 1
        if all(place < 0 for place in places):
            return -1
        return 0

    def head_split(self, keys: Sequence[Hashable | None]) -> int | None:
        """Where records past the newest one yielded start in a page at the head of the list
        that holds none of those yielded, by the key order; None when it does not tell.

        The page must hold only records before the oldest one remembered (inserted at the
        head since, or yielded long ago), then only records after the newest one: the
        records yielded recently, which would lie between, are all gone.
        """
        if not all(_is_int(key) for key in keys):
            return None
        places = self._places(keys)  # type: ignore[arg-type]
        if places is None:
            return None
        split = next((i for i, place in enumerate(places) if place > 0), None)
        if split is None or any(place >= 0 for place in places[:split]):
            return None
        if not all(place > 0 for place in places[split:]):
            return None
        return split

    def _places(self, ints: Sequence[int]) -> list[int] | None:
        """By the key order, each key's place: +1 after the newest record yielded, -1 before
        the oldest remembered, 0 between; None when the order does not tell."""
        direction = self.direction
        if not direction or not ints or not self._order:
            return None
        newest, oldest = self._order[-1], self._order[0]
        if not _is_int(newest) or not _is_int(oldest):
            return None
        newest, oldest = cast(int, newest), cast(int, oldest)
        steps = [direction * (b - a) > 0 for a, b in itertools.pairwise(ints)]
        if steps and sum(steps) < _ORDER_AGREEMENT * len(steps):
            return None  # these records do not follow the order the others did
        # Along the list, keys move by ``direction``: "after the newest" is further that way.
        return [
            1 if direction * (key - newest) > 0 else -1 if direction * (key - oldest) < 0 else 0
            for key in ints
        ]

    def yielded_after(self, key: Hashable) -> int:
        """How many keys were remembered after ``key`` (a remembered one)."""
        return self._added - 1 - self._number[key]

    def sighting(self, key: Hashable) -> Sighting | None:
        """Where a remembered key was seen when it was yielded (None if unknown)."""
        return self._seen.get(key)

    def last_index_in(self, keys: Sequence[Hashable | None]) -> int | None:
        """The index of the last of ``keys`` that is remembered, or None."""
        for index in range(len(keys) - 1, -1, -1):
            key = keys[index]
            if key is not None and key in self._seen:
                return index
        return None

    def newest(self, count: int) -> list[Hashable]:
        """The ``count`` newest keys, oldest first."""
        if count <= 0:
            return []
        start = max(len(self._order) - count, 0)
        return [self._order[i] for i in range(start, len(self._order))]
