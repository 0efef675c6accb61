"""Theme partials that are the same on thousands of pages, rendered once per place.

Material renders its navigation drawer, tabs, search box and colour switch on every page;
with 1,000 articles they took 1.9 s of a 10 s build. Their HTML depends on the page only
through its links, which are relative to the page, and the active item, which only a page
in the navigation has. So each partial is rendered once for every set of relative links to
the navigation's targets and reused by every page with the same set. A page in the
navigation links to itself as "./", which no other page does, so it always gets its own
rendering, with its item marked active.

The theme's interface strings (`lang.t(key)`, some twenty a page, each a macro call
through two language files) depend only on the site's language: each is looked up once.

This is theme glue: it knows Jinja and MkDocs' pages, and nothing of the content. A test
builds the sample site with and without it and compares every page byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

THEME_PREFIX = "theme"
"""Templates of the base theme are also reachable as "theme/<name>", so that an override
of a partial can wrap the theme's own file instead of copying it."""


def reach_base_theme(env: Environment, theme_dirs: list[str], custom_dir: str | None) -> None:
    """Let templates include the base theme's files by their "theme/" names."""
    custom = Path(custom_dir).resolve() if custom_dir else None
    base_dirs = [folder for folder in theme_dirs if Path(folder).resolve() != custom]
    assert env.loader is not None
    env.loader = ChoiceLoader(
        [env.loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(base_dirs)})]
    )


def _link_targets(items: list[StructureItem]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Section):
            yield from _link_targets(item.children)
        elif isinstance(item, Page | Link) and item.url is not None:
            yield item.url


def shared_partial_renderer(
    env: Environment, nav: Navigation, homepage: str | None, enabled: bool = True
) -> Callable[..., Markup]:
    """The template function `sb_shared(name)`: the base theme's partial `name`, rendered
    once for every set of relative links (or every time, when `enabled` is False)."""
    home = nav.homepage.url if nav.homepage is not None else ""
    targets = tuple(dict.fromkeys([home, homepage or home, *_link_targets(nav.items)]))
    rendered: dict[tuple[object, ...], Markup] = {}
    last: list[tuple[object, str, tuple[str, ...]]] = []
    """The page asked for last, with its relative links: a page asks for four partials."""

    def render(context: Context, name: str) -> Markup:
        return Markup(env.get_template(f"{THEME_PREFIX}/{name}").render(context.get_all()))

    def links_of(page: Any, base: str) -> tuple[str, ...]:
        if not last or last[0][0] is not page or last[0][1] != base:
            links = tuple(normalize_url(target, page=page, base=base) for target in targets)
            last[:] = [(page, base, links)]
        return last[0][2]

    @pass_context
    def shared(context: Context, name: str) -> Markup:
        page: Any = context.get("page")
        if not enabled or page is None:
            return render(context, name)
        base = str(context.get("base_url", ""))
        key = (name, base, *links_of(page, base))
        if key not in rendered:
            rendered[key] = render(context, name)
        return rendered[key]

    return shared


Lookup = Callable[[str], str]


def translation_memo(enabled: bool = True) -> Callable[[Lookup], Lookup]:
    """The template function `sb_translations(lookup)`: Material's `lang.t(key)`, answered
    from a table filled on first use. The theme calls it some twenty times on every page,
    each a Jinja macro call through two language files; the answer depends only on the
    site's language, so one build asks each key once."""
    answers: dict[str, str] = {}

    def remember(lookup: Lookup) -> Lookup:
        if not enabled:
            return lookup

        def translate(key: str) -> str:
            if key not in answers:
                answers[key] = lookup(key)
            return answers[key]

        return translate

    return remember
