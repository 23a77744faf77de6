"""The base of the generated sync resources: an async resource and the runner it runs on."""

from __future__ import annotations

from typing import Generic, TypeVar

from ._runner import Runner

__all__ = ["SyncResource"]

A = TypeVar("A")


class SyncResource(Generic[A]):
    """A blocking view of one async resource: each method runs its async twin on ``runner``."""

    def __init__(self, resource: A, runner: Runner) -> None:
        self._async = resource
        self._runner = runner

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
