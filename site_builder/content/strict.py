"""Values that templates read, which say so when a template asks for what they lack.

Jinja turns a missing attribute into an empty value, so a template that asks for
`listing.kidn` or `view.artcle` would render a page with a hole in it and the build would
succeed. The values handed to templates (entities, views, listings, statistics) instead
raise `UnknownNameError`, which Jinja does not swallow, naming what was asked for and what
exists: the build fails on the maintainer's mistake with a message that says what to fix.
"""

from __future__ import annotations

import dataclasses
from typing import Any


class UnknownNameError(Exception):
    """A template (or code) asked a value for a name it does not have. Deliberately not an
    AttributeError or a LookupError, which Jinja would turn into an empty value."""


class StrictAttributes:
    """Mix into a dataclass: reading an attribute it does not have raises UnknownNameError.

    Names with a leading underscore stay ordinary AttributeErrors, since Python and its
    libraries probe for those (`__html__`, `_asdict`) and expect that answer."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        known = [f.name for f in dataclasses.fields(self)] if dataclasses.is_dataclass(self) else []
        known += [
            attribute
            for attribute, value in vars(type(self)).items()
            if isinstance(value, property | dataclasses.Field) or callable(value)
            if not attribute.startswith("_")
        ]
        raise UnknownNameError(
            f"{type(self).__name__} has no '{name}'; it has: {', '.join(sorted(set(known)))}."
        )


class StrictNames(dict[str, int]):
    """A dict of named figures whose missing name raises UnknownNameError when indexed
    (`.get` still answers None), so a template asking for a figure that is not computed
    fails the build instead of printing nothing."""

    def __missing__(self, key: str) -> int:
        raise UnknownNameError(
            f"No figure named '{key}'; the figures are: {', '.join(sorted(self))}."
        )
