"""A client's profile as matching sees it: every field optional, missing meaning unknown (criteria-model §4.1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from directory.wording import N_


class Period(StrEnum):
    WEEK = "week"
    BIWEEK = "biweek"
    MONTH = "month"
    YEAR = "year"


#: How many of each period make a year (documented convention: weekly x52, biweekly x26, monthly x12).
PER_YEAR = {Period.WEEK: 52, Period.BIWEEK: 26, Period.MONTH: 12, Period.YEAR: 1}
PERIOD_SUFFIX = {
    Period.WEEK: N_("/wk"),
    Period.BIWEEK: N_(" every two weeks"),
    Period.MONTH: N_("/mo"),
    Period.YEAR: N_("/yr"),
}


@dataclass(frozen=True)
class Income:
    amount: float
    period: Period

    @property
    def annual(self) -> float:
        return self.amount * PER_YEAR[self.period]


@dataclass(frozen=True)
class Coverage:
    category: str
    plan: str | None = None


@dataclass(frozen=True)
class ClientProfile:
    as_of: date
    age: int | None = None
    birth_date: date | None = None
    gender: str | None = None
    household_size: int | None = None
    income: Income | None = None
    postcode: str | None = None
    county: str | None = None
    state: str | None = None
    insurance: tuple[Coverage, ...] | None = None  # () = no coverage; None = not known
    veteran: bool | None = None
    pregnant: bool | None = None
    disability: bool | None = None
    housing_status: str | None = None
    diagnoses: dict[str, str] = field(default_factory=dict)  # code -> yes | suspected | no
    immigration_status: str | None = None
    enrolled_in: tuple[str, ...] | None = None  # () = enrolled in nothing; None = not known
    languages: tuple[str, ...] = ()

    @property
    def effective_age(self) -> int | None:
        """Age on `as_of`: from the birth date when there is one (more exact than a stated age)."""
        if self.birth_date is not None:
            years = self.as_of.year - self.birth_date.year
            if (self.as_of.month, self.as_of.day) < (self.birth_date.month, self.birth_date.day):
                years -= 1
            return years
        return self.age
