"""Invented names for the synthetic arrangement: places, people, and the words they are made of.

The words are data (``_synthetic/names.yaml`` beside the datasets); this module draws from them
with the generator's one random stream, so the names follow from the seed like everything else.
"""
from __future__ import annotations

import itertools
import random
from functools import cache
from importlib import resources

import yaml


@cache
def words() -> dict[str, list[str]]:
    """The word lists: place qualifiers, starts and endings; given and family names."""
    text = resources.files("govgraph.datasets").joinpath("_synthetic/names.yaml").read_text(encoding="utf-8")
    loaded: dict[str, list[str]] = yaml.safe_load(text)
    return loaded


class Names:
    """Place and person names drawn from ``rng``; the place list is shuffled once, when made."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        w = words()
        self.places = [f"{q} {s}{e}".strip() for q, s, e in
                       itertools.product(w["place-qualifiers"], w["place-starts"], w["place-endings"])]
        rng.shuffle(self.places)

    def place(self, i: int) -> str:
        """The i-th invented place name; past the list, the same names again with a numeral."""
        name = self.places[i % len(self.places)]
        return name if i < len(self.places) else f"{name} {i // len(self.places) + 1}"

    def person(self) -> str:
        """A given name and a family name."""
        w = words()
        return f"{self.rng.choice(w['given-names'])} {self.rng.choice(w['family-names'])}"
