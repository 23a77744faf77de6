"""Auto-paginating iterators: the public paginator, resume points, one walk per style.

* ``paginator``: :class:`AsyncPaginator`, what every paginated method returns;
* ``resume``: :class:`ResumePoint`, where an iteration can continue, serialisable;
* ``source``: :class:`PaginationStyle` and the fetch function with its options;
* ``walk``: what every iteration does (batches in a closed task group, de-duplication, errors);
* ``anchored``: offset + total listings, followed by record keys while the list moves,
  with ``drift`` planning where to aim the requests;
* ``open_ended``: ``hasMore`` / short-page listings, with ``in_flight`` (Little's law).
"""

from .paginator import AsyncPaginator
from .resume import ResumePoint, start_point
from .source import PaginationStyle

__all__ = ["AsyncPaginator", "PaginationStyle", "ResumePoint", "start_point"]
