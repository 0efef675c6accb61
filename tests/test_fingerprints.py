"""Digests of what a page is made from (site/fingerprints.py): equal values give equal
digests in every process, any changed field gives another, and an unknown type is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum

import pytest
from markupsafe import Markup

from site_builder.site.fingerprints import Fingerprinter
from site_builder.site.views import Image, Link

from .conftest import REPO


class Colour(Enum):
    RED = "red"


@dataclass(frozen=True)
class Sample:
    name: str
    when: date
    tags: frozenset[str]
    attributes: dict[str, object]
    links: tuple[Link, ...]
    colour: Colour = Colour.RED


SAMPLE = Sample(
    "Đầm Hà",
    date(2025, 7, 1),
    frozenset({"vườn mẫu", "đường quê", "an ninh", "tổng kết"}),
    {"b": [1, 2.5, None], "a": datetime(2020, 1, 2, 8, 0)},
    (Link("Quảng Tân", "xa/quang-tan/", 3),),
)
DIGEST_IN_A_CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
from tests.test_fingerprints import SAMPLE
from site_builder.site.fingerprints import Fingerprinter
print(Fingerprinter().digest(SAMPLE))
"""


def test_equal_values_give_the_same_digest_in_every_process() -> None:
    here = Fingerprinter().digest(SAMPLE)
    assert Fingerprinter().digest(replace(SAMPLE, tags=frozenset(sorted(SAMPLE.tags)))) == here
    for seed in ("1", "2"):  # another order of the set and the dict's hashes
        child = subprocess.run(
            [sys.executable, "-c", DIGEST_IN_A_CHILD, str(REPO)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert child.stdout.strip() == here


@pytest.mark.parametrize(
    "changed",
    [
        replace(SAMPLE, name="Đầm Hà "),
        replace(SAMPLE, when=date(2025, 7, 2)),
        replace(SAMPLE, tags=SAMPLE.tags | {"mới"}),
        replace(SAMPLE, attributes={**SAMPLE.attributes, "b": [1, 2.5]}),
        replace(SAMPLE, links=(Link("Quảng Tân", "xa/quang-tan/", 4),)),
        replace(SAMPLE, links=()),
        replace(SAMPLE, name=Markup("Đầm Hà")),
    ],
)
def test_any_change_gives_another_digest(changed: Sample) -> None:
    assert Fingerprinter().digest(changed) != Fingerprinter().digest(SAMPLE)


def test_values_are_told_apart_by_type_and_position() -> None:
    digest = Fingerprinter().digest
    assert digest(1) != digest(True) != digest("1") != digest(1.0)
    assert digest(("ab", "c")) != digest(("a", "bc"))
    assert digest(["a"], "b") != digest(["a", "b"])
    # Inside a sequence or a view, where plain values are written by `marshal`.
    inside = [(1,), (True,), ("1",), (1.0,), (None,), ((1,),), (b"1",), (Markup("1"),), ()]
    assert len({digest(value) for value in inside}) == len(inside)
    assert len({digest(Link(*value)) for value in [("a", "b", 1), ("a", "b", True)]}) == 2


def test_an_image_is_digested_with_the_photo_it_names() -> None:
    photos: dict[str, object] = {"anh/a.jpg": ("copies", 640)}
    image = Image("anh/a.jpg", "Chú thích")
    before = Fingerprinter(photos.get).digest(image)
    photos["anh/a.jpg"] = ("copies", 960)
    assert Fingerprinter(photos.get).digest(image) != before


def test_a_type_it_does_not_know_is_refused() -> None:
    with pytest.raises(TypeError, match="object"):
        Fingerprinter().digest(object())


def test_a_digest_of_two_digests_changes_with_either_and_with_their_order() -> None:
    digest = Fingerprinter().digest
    first, second, third = digest("trang"), digest("xem"), digest("khác")
    combined = Fingerprinter.of_digests(first, second)
    assert combined == Fingerprinter.of_digests(first, second) and len(combined) == len(first)
    others = {
        Fingerprinter.of_digests(second, first),
        Fingerprinter.of_digests(first, third),
        Fingerprinter.of_digests(third, second),
    }
    assert combined not in others and len(others) == 3
