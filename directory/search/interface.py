"""What every search index takes and gives: the `SearchIndex` protocol and its values.

The index stores ids only: the database hydrates results. Every index records the position in the listing
change log up to which it is current.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from directory.search.query import UnderstoodQuery
from directory.search.ranking import Ranking


@dataclass(frozen=True)
class ServiceDocument:
    """What the index knows about one service (derived from the database, never shown to people)."""

    id: uuid.UUID
    name: str
    alternate_name: str = ""
    organization: str = ""
    organization_id: str = ""
    description: str = ""
    taxonomy_codes: tuple[str, ...] = ()  # the service's codes and their parents' ("food_pantry", "food")
    taxonomy_ids: tuple[str, ...] = ()  # term ids, with parents' ids
    own_taxonomy_ids: tuple[str, ...] = ()  # the ids of the terms the service itself carries (for facets)
    taxonomy_text: str = ""  # term names and their synonyms
    eligibility: str = ""
    languages: tuple[str, ...] = ()
    insurance: tuple[str, ...] = ()
    places: str = ""  # cities and ZIP codes
    status: str = "active"
    min_age: float | None = None
    max_age: float | None = None
    accepting_new_clients: bool | None = None  # as of indexing; it lapses when the capacity update ages
    capacity_updated: int | None = None  # when capacity was last stated, microseconds since the epoch
    cells: tuple[str, ...] = ()  # grid cells of its locations (directory.geo.cell_tokens)
    areas: tuple[str, ...] = ()  # service area tokens (directory.geo.area_tokens)
    open_hours: tuple[str, ...] = ()  # weekday-hour tokens it may be open in (directory.listings.hours)
    open_hours_sure: tuple[str, ...] = ()  # ... and those it is surely open throughout, on any date
    # Its schedule rows (the fields of hours.ScheduleRow), where some hour needs an exact look: an hour it may
    # be open in but not throughout, or one that depends on the date (a season, a monthly day, special hours).
    schedule: tuple[tuple[Any, ...], ...] = ()
    modified: int = 0  # last modification, seconds since the epoch
    coordinates: tuple[tuple[float, float], ...] = ()  # (latitude, longitude) of each located site
    assured_day: int | None = None  # last verified, days since 1970-01-01 (ranking.day_number)

    def text_fields(self) -> dict[str, str]:
        return {
            "name": self.name,
            "alternate_name": self.alternate_name,
            "organization": self.organization,
            "description": self.description,
            "taxonomy": self.taxonomy_text,
            "eligibility": self.eligibility,
            "places": self.places,
            "insurance": " ".join(self.insurance),
            "language": " ".join(self.languages),
        }


@dataclass(frozen=True)
class SearchFilters:
    """Everything combines with AND; each tuple means "any of these" (what each filter means, for every index:
    `directory.search.columns.filter_bits`)."""

    taxonomy_ids: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    insurance: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ("active", "temporarily closed")
    age: int | None = None
    accepting_new_clients: bool | None = None
    stale_before: int | None = None  # capacity stated before this (epoch microseconds) no longer counts
    organization_id: str | None = None
    modified_after: int | None = None
    cells: tuple[str, ...] = ()  # near: any of these cells ...
    areas: tuple[str, ...] = ()  # ... or, for services without a location, serving any of these areas
    inner_cells: tuple[str, ...] = ()  # those of `cells` wholly within the distance asked for
    # The distance asked for, (latitude, longitude, miles): a document in a cell the circle cuts is then
    # measured exactly from its coordinates (one without coordinates counts as near).
    near: tuple[float, float, float] | None = None
    open_at: datetime | None = None  # open at this local wall-clock time (to the minute), from its hours
    service_ids: tuple[uuid.UUID, ...] | None = None


@dataclass(frozen=True)
class SearchRequest:
    query: UnderstoodQuery | None = None
    filters: SearchFilters = field(default_factory=SearchFilters)
    limit: int | None = 200  # None: every match
    facets: bool = False  # count FACET_FIELDS over every match (not just the hits returned)
    # Order the matches as a search shows them (ranking.rank over every match, or the best RERANK_POOL by
    # words); without it, by words alone (or index order when there are none).
    ranking: Ranking | None = None


@dataclass(frozen=True)
class SearchHit:
    id: uuid.UUID
    score: float  # the blended score under a ranking, else the text score
    text_score: float | None = None  # under a ranking with words
    distance: float | None = None  # miles to the nearest located site from the ranking's origin
    parts: Mapping[str, float] | None = None  # under a ranking that explains itself


#: What an index counts over every match: three ServiceDocument attributes, then whether it takes new clients
#: ("yes", "no", "unknown", as of the request).
FACET_FIELDS = ("own_taxonomy_ids", "languages", "insurance", "accepting")


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    total: int  # every match, exactly
    facets: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # FACET_FIELDS -> value -> count


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def epoch_microseconds(moment: datetime) -> int:
    """A moment as whole microseconds since the epoch, exactly (a naive moment is UTC, as SQLite returns it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(microseconds=1)


def accepting_label(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


class SearchIndex(Protocol):
    def rebuild(self, documents: Iterable[ServiceDocument], *, position: int) -> int:
        """Replace the whole index with these documents, current up to change `position`; returns the count."""
        ...

    def update(
        self,
        upserts: Sequence[ServiceDocument],
        removals: Sequence[uuid.UUID],
        *,
        position: int,
        blocking: bool = True,
    ) -> bool:
        """Apply changes up to change `position`; False when another writer holds the index and not blocking."""
        ...

    def position(self) -> int | None:
        """The change-log position the index is current to; None when there is no usable index."""
        ...

    def search(self, request: SearchRequest) -> SearchResults: ...

    def count(self) -> int: ...

    def word_frequencies(self) -> Mapping[str, int]:
        """The words of the indexed text and how many documents use each (for spelling correction)."""
        ...
