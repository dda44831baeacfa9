"""The kinds of service the seeded county lists: one per code of the taxonomy catalogue (directory/catalogue), with
how its listings are named, described, paid for and opened (seed_data/catalogue/service_types.toml and
payments.toml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Final, Literal

from directory.catalogue import Term, catalogue
from seed_data.eligibility import Elig, variants
from seed_data.files import read

Access = Literal["site", "remote", "either"]
Wait = Literal["open", "walkin", "short", "long", "closed", "beds"]


@dataclass(frozen=True)
class Cost:
    option: str
    amount: float | None = None
    description: str | None = None


@dataclass(frozen=True)
class Pay:
    insurance: tuple[str, ...]  # insurance categories (directory/eligibility/insurance.py)
    options: tuple[str, ...]  # payment_options
    fees: str
    costs: tuple[Cost, ...] = ()


@dataclass(frozen=True)
class Capacity:
    unit: str  # a unit of listing_details.toml
    low: int
    high: int
    note: str  # capacity description
    share: float = 1.0  # fraction of services of the type that report capacity


@dataclass(frozen=True)
class Variant:
    """A service name tied to the hours or eligibility it implies."""

    name: str
    hours: str | None = None
    elig: tuple[Elig, ...] | None = None
    lead: tuple[str, ...] = ()  # replaces the type's first sentence pool


@dataclass(frozen=True)
class ServiceType:
    term: Term  # its code, name, category and documents, from the taxonomy catalogue
    names: tuple[str | Variant, ...]
    text: tuple[tuple[str, ...], ...]  # sentence pools; one sentence from each
    apply: tuple[str, ...]
    elig: tuple[Elig, ...]
    pay: tuple[Pay, ...]
    hours: tuple[str, ...]
    alt_names: tuple[str, ...] = ()
    capacity: Capacity | None = None
    access: Access = "site"
    wait: Wait = "open"
    also: tuple[str, ...] = ()  # codes a service of this type sometimes also carries
    hotline: bool = False
    texting: bool = False
    fax: bool = False
    open_text: str = "Open to everyone; there are no eligibility requirements."

    @property
    def code(self) -> str:
        return self.term.code

    @property
    def docs(self) -> tuple[tuple[str, ...], ...]:
        return self.term.documents


def _pay(data: Mapping[str, Any]) -> Pay:
    costs = tuple(Cost(**cost) for cost in data.get("costs", ()))
    return Pay(tuple(data["insurance"]), tuple(data["options"]), data["fees"], costs)


PAYMENTS: Final[dict[str, Pay]] = {name: _pay(data) for name, data in read("payments").items()}


def _variant(name: str, data: Mapping[str, Any] | None) -> str | Variant:
    if data is None:
        return name
    elig = variants(data["elig"]) if "elig" in data else None
    return Variant(name, data.get("hours"), elig, tuple(data.get("lead", ())))


#: What a table of service_types.toml may hold: the fields of a ServiceType, and the variants of its names.
_KEYS: Final = {f.name for f in fields(ServiceType)} - {"term"} | {"variants"}


def _service_type(term: Term, data: Mapping[str, Any]) -> ServiceType:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ValueError(f"service_types.toml [{term.code}]: unknown field {unknown[0]!r}")
    settings: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}
    chosen: Mapping[str, Any] = settings.pop("variants", {})
    settings.update(
        names=tuple(_variant(name, chosen.get(name)) for name in data["names"]),
        text=tuple(tuple(pool) for pool in data["text"]),
        elig=variants(data["elig"]),
        pay=tuple(PAYMENTS[name] for name in data["pay"]),
    )
    if "capacity" in data:
        settings["capacity"] = Capacity(**data["capacity"])
    return ServiceType(term=term, **settings)


def _load() -> tuple[ServiceType, ...]:
    data = read("service_types")
    codes = [term.code for term in catalogue().service_types]
    if sorted(data) != sorted(codes):
        raise ValueError("service_types.toml must have one table per kind of service in directory/catalogue")
    return tuple(_service_type(term, data[term.code]) for term in catalogue().service_types)


SERVICE_TYPES: Final[tuple[ServiceType, ...]] = _load()
TYPES: Final[dict[str, ServiceType]] = {t.code: t for t in SERVICE_TYPES}
CATALOGUE_CODES: Final[tuple[str, ...]] = tuple(t.code for t in SERVICE_TYPES)
