"""Which organizations offer which services: kinds of organization (seed_data/catalogue/organizations.toml) drawn
by weight, each running a few of the kinds of service it typically offers."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from seed_data.files import read
from seed_data.service_types import CATALOGUE_CODES


@dataclass(frozen=True)
class Program:
    name: str
    description: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Archetype:
    key: str
    weight: int
    codes: tuple[tuple[str, int], ...]  # (catalogue code, relative weight)
    names: tuple[str, ...]  # "{place} Community Food Network"
    descriptions: tuple[str, ...]  # slots: {place} {county} {year} {city}
    site_kinds: tuple[str, ...]  # "Pantry", "Clinic"... for location names
    funding: tuple[str, ...]
    program: Program | None = None
    public: bool = False


def _archetype(data: Mapping[str, Any]) -> Archetype:
    program = data.get("program")
    return Archetype(
        key=data["key"],
        weight=data["weight"],
        codes=tuple(data["codes"].items()),
        names=tuple(data["names"]),
        descriptions=tuple(data["descriptions"]),
        site_kinds=tuple(data["site_kinds"]),
        funding=tuple(data["funding"]),
        program=Program(program["name"], program["description"], tuple(program["codes"])) if program else None,
        public=data.get("public", False),
    )


_DATA = read("organizations")
ARCHETYPES: Final[tuple[Archetype, ...]] = tuple(_archetype(entry) for entry in _DATA["archetype"])
#: Services per organization, with relative weights.
ORG_SIZES: Final[tuple[tuple[int, int], ...]] = tuple((size["services"], size["weight"]) for size in _DATA["org_sizes"])


@dataclass(frozen=True)
class OrgPlan:
    archetype: Archetype
    codes: tuple[str, ...]


class _Planner:
    def __init__(self, rng: random.Random, n_services: int) -> None:
        self.rng = rng
        self.remaining = n_services
        self.counts: Counter[str] = Counter()
        self.plans: list[OrgPlan] = []

    def add(self, archetype: Archetype, first: str | None) -> None:
        """An organization of this kind, running `first` (when given) and services drawn by the kind's weights."""
        rng = self.rng
        available = len(archetype.codes)
        sizes = [size for size, _ in ORG_SIZES if size <= available]
        weights = [weight for size, weight in ORG_SIZES if size <= available]
        size = min(rng.choices(sizes, weights)[0], self.remaining)
        pool = [(code, weight) for code, weight in archetype.codes if code != first]
        chosen = [first] if first else []
        while len(chosen) < size:
            pick = rng.choices(range(len(pool)), [w for _, w in pool])[0]
            chosen.append(pool.pop(pick)[0])
        self.counts.update(chosen)
        self.remaining -= len(chosen)
        self.plans.append(OrgPlan(archetype, tuple(chosen)))


def plan_organizations(rng: random.Random, n_services: int) -> list[OrgPlan]:
    """Group ``n_services`` service codes into organizations.

    A coverage pass first gives every catalogue code at least 3 services (when
    ``n_services`` allows), then organizations are drawn by archetype weight.
    """
    planner = _Planner(rng, n_services)
    arch_weights = [a.weight for a in ARCHETYPES]
    minimum = min(3, n_services // len(CATALOGUE_CODES))
    for code in CATALOGUE_CODES:
        offering = [a for a in ARCHETYPES if any(c == code for c, _ in a.codes)]
        while planner.counts[code] < minimum and planner.remaining > 0:
            planner.add(rng.choices(offering, [a.weight for a in offering])[0], code)
    while planner.remaining > 0:
        planner.add(rng.choices(ARCHETYPES, arch_weights)[0], None)
    rng.shuffle(planner.plans)
    return planner.plans
