"""Showing exported names under their public module (``smartlead_async.AuthenticationError``).

Tracebacks, reprs of classes and pickles then name the module users import from, not the
private one that defines the class (httpx does the same).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping

import attrs

__all__ = ["present_as_public"]


def present_as_public(module: str, namespace: Mapping[str, object], names: Iterable[str]) -> None:
    """Set ``__module__`` to ``module`` on every class and function among ``names``.

    attrs classes (the models) keep theirs: their string annotations are resolved lazily, in
    the module named by ``__module__`` of the class and of each of its bases, so a model, or
    any subclass of ``Model``, would then fail to decode. Their reprs do not show the module.
    """
    for name in names:
        value = namespace[name]
        if (isinstance(value, type) and not attrs.has(value)) or inspect.isfunction(value):
            value.__module__ = module
