"""Three-valued screening of a client against a service's criteria tree (criteria-model.md §4.3-4.6).

Each leaf meets, fails or cannot be told (unknown) and says why in a sentence a person can read. Groups follow
Kleene logic: `all` fails if any part fails, else is unknown if any part is, else meets; `any` meets if any part
meets, else is unknown if any part is, else fails; `not` swaps meets and fails. Advisory leaves (`hard: false`)
never decide anything: they add notes. Unknown is never treated as false.

This is a screening aid, not an eligibility determination.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from directory.eligibility.income import income_reason
from directory.eligibility.profile import ClientProfile
from directory.eligibility.reasons import EVIDENCE, QUESTIONS, Outcome, Reason, code_label, join_words, question, topic
from directory.eligibility.residency import PlaceResolver, residency_reason
from directory.wording import ENGLISH, N_, Words

__all__ = [
    "EVIDENCE",
    "QUESTIONS",
    "Outcome",
    "PlaceResolver",
    "Reason",
    "Status",
    "Verdict",
    "evaluate_leaf",
    "match",
    "question",
    "topic",
]

NEAR_MISS_YEARS = 1


class Status(StrEnum):
    ELIGIBLE = "eligible"
    POSSIBLY = "possibly_eligible"
    INELIGIBLE = "ineligible"


@dataclass(frozen=True)
class Verdict:
    status: Status
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]
    documents: tuple[str, ...]
    notes: tuple[Reason, ...] = ()  # advisory criteria

    @property
    def near_miss(self) -> bool:
        failing = [r for r in self.reasons if r.outcome is Outcome.FAILS]
        return self.status is Status.INELIGIBLE and bool(failing) and all(r.near_miss for r in failing)

    @property
    def what_would_change(self) -> tuple[str, ...]:
        return tuple(r.near_miss for r in self.reasons if r.near_miss and r.outcome is Outcome.FAILS)


# -- leaves ------------------------------------------------------------------------------------------------


def _age_range(node: Mapping[str, Any], words: Words) -> str:
    low, high = node.get("min"), node.get("max")
    if low is not None and high is not None:
        return f"{words.number(low)}–{words.number(high)}"
    if low is not None:
        return f"{words.number(low)}+"
    return words.gettext("under %(age)s", age=words.number((high or 0) + 1))


def _age(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    age = profile.effective_age
    span = _age_range(node, words)
    evidence = (EVIDENCE["age"],)
    if age is None:
        message = words.gettext("Age not provided (service is for ages %(span)s)", span=span)
        return Reason("age", Outcome.UNKNOWN, message, ("age",), evidence)
    low, high = node.get("min"), node.get("max")
    exact = profile.birth_date is not None
    if low is not None and age < low:
        near = (
            words.gettext("Turns %(age)s within a year", age=words.number(low))
            if low - age <= NEAR_MISS_YEARS
            else None
        )
        if not exact and low - age <= NEAR_MISS_YEARS:
            message = words.gettext(
                "Age %(age)s is below the minimum age of %(low)s; a birth date would be more exact",
                age=age,
                low=words.number(low),
            )
        else:
            message = words.gettext("Age %(age)s is below the minimum age of %(low)s", age=age, low=words.number(low))
        return Reason("age", Outcome.FAILS, message, (), evidence, near_miss=near)
    if high is not None and age > high:
        near = None
        if age - high <= NEAR_MISS_YEARS and not exact:
            near = words.gettext("Confirm the date of birth: the client may still be within the age limit")
        message = words.gettext("Age %(age)s is above the maximum age of %(high)s", age=age, high=words.number(high))
        return Reason("age", Outcome.FAILS, message, (), evidence, near_miss=near)
    near_edge = not exact and any(b is not None and abs(age - b) < 1 for b in (low, high))
    if low is None:  # "Age 12 is under 18"
        message = words.gettext("Age %(age)s is %(span)s", age=age, span=span)
    else:
        message = words.gettext("Age %(age)s is within %(span)s", age=age, span=span)
    if near_edge:
        message = words.gettext("%(said)s (a birth date would confirm it)", said=message)
    return Reason("age", Outcome.MEETS, message, (), evidence)


def _gender(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    allowed = list(node.get("in", []))
    who = join_words([code_label(g, words) for g in allowed], words)
    if profile.gender is None:
        message = words.gettext("Gender not recorded (service is for %(who)s)", who=who)
        return Reason("gender", Outcome.UNKNOWN, message, ("gender",))
    if profile.gender in allowed:
        return Reason("gender", Outcome.MEETS, words.gettext("Serves %(who)s", who=who))
    return Reason("gender", Outcome.FAILS, words.gettext("Serves %(who)s only", who=who))


def _household_size(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    size = profile.household_size
    low, high = node.get("min"), node.get("max")
    if low is not None and high is not None:
        span = f"{low}–{high}"
    elif low is not None:
        span = f"{low}+"
    else:
        span = words.gettext("up to %(size)s", size=high)
    if size is None:
        message = words.gettext("Household size not recorded (service is for households of %(span)s)", span=span)
        return Reason("household_size", Outcome.UNKNOWN, message, ("household_size",))
    if (low is not None and size < low) or (high is not None and size > high):
        message = words.gettext("Household of %(size)s; service is for households of %(span)s", size=size, span=span)
        return Reason("household_size", Outcome.FAILS, message)
    message = words.gettext("Household of %(size)s is within %(span)s", size=size, span=span)
    return Reason("household_size", Outcome.MEETS, message)


#: For the yes/no statuses: who the service is for, and what the status is called.
STATUS_WHO: Mapping[str, str] = {
    "veteran": N_("veterans"),
    "pregnant": N_("pregnant people"),
    "disability": N_("people with a disability"),
}
STATUS_NAME: Mapping[str, str] = {"veteran": N_("Veteran"), "pregnant": N_("Pregnant"), "disability": N_("Disability")}


def _status(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    name = node["field"]
    allowed = list(node.get("in", []))
    value = getattr(profile, name)
    if name == "housing_status":
        who = join_words([code_label(v, words) for v in allowed], words)
        evidence = (EVIDENCE["homeless"],) if "homeless" in allowed else ()
        if value is None:
            message = words.gettext("Housing status not recorded (service is for people who are %(who)s)", who=who)
            return Reason(name, Outcome.UNKNOWN, message, (name,), evidence)
        if value in allowed:
            proof = evidence if value == "homeless" else ()
            return Reason(
                name, Outcome.MEETS, words.gettext("Housing: %(status)s", status=code_label(value, words)), (), proof
            )
        message = words.gettext(
            "Serves people who are %(who)s; client is %(status)s", who=who, status=code_label(value, words)
        )
        return Reason(name, Outcome.FAILS, message)
    noun = words.gettext(STATUS_WHO[name])
    title = words.gettext(STATUS_NAME[name])
    evidence = (EVIDENCE[name],) if True in allowed else ()
    wants = "only" if allowed == [True] else ("not" if allowed == [False] else "")
    if value is None:
        if wants == "not":
            message = words.gettext("%(status)s status not recorded", status=title)
        else:
            message = words.gettext("%(status)s status not recorded (service is for %(who)s)", status=title, who=noun)
        return Reason(name, Outcome.UNKNOWN, message, (name,), evidence)
    if value in allowed:
        proof = evidence if value is True else ()
        answer = words.gettext("yes") if value else words.gettext("no")
        return Reason(
            name, Outcome.MEETS, words.gettext("%(status)s: %(answer)s", status=title, answer=answer), (), proof
        )
    if wants == "only":
        return Reason(name, Outcome.FAILS, words.gettext("Serves %(who)s only", who=noun))
    return Reason(name, Outcome.FAILS, words.gettext("Not for %(who)s", who=noun))


def _diagnosis(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    codes = list(node.get("any_of", []))
    named = join_words([code_label(c, words) for c in codes], words)
    evidence = (EVIDENCE["diagnosis"],)
    answers = {code: profile.diagnoses.get(code) for code in codes}
    confirmed = [code for code, answer in answers.items() if answer == "yes"]
    if confirmed:
        message = words.gettext("Diagnosis recorded: %(diagnosis)s", diagnosis=code_label(confirmed[0], words))
        return Reason("diagnosis", Outcome.MEETS, message, (), evidence)
    if all(answer == "no" for answer in answers.values()):
        return Reason("diagnosis", Outcome.FAILS, words.gettext("Requires a diagnosis of %(named)s", named=named))
    suspected = [code for code, answer in answers.items() if answer == "suspected"]
    if suspected:
        label = code_label(suspected[0], words)
        message = words.gettext(
            "%(diagnosis)s suspected, not diagnosed; the intake assessment will decide",
            diagnosis=f"{label[:1].upper()}{label[1:]}",
        )
        return Reason("diagnosis", Outcome.UNKNOWN, message, ("diagnoses",), evidence)
    message = words.gettext("Diagnosis not recorded (service is for people with %(named)s)", named=named)
    return Reason("diagnosis", Outcome.UNKNOWN, message, ("diagnoses",), evidence)


def _immigration(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    allowed = list(node.get("in", []))
    who = join_words([code_label(s, words) for s in allowed], words)
    evidence = (EVIDENCE["immigration"],)
    status = profile.immigration_status
    if status in (None, "prefer_not"):
        message = words.gettext("This program asks about immigration status (open to: %(who)s)", who=who)
        return Reason("immigration", Outcome.UNKNOWN, message, ("immigration_status",), evidence)
    if status in allowed:
        message = words.gettext("Immigration status meets the program's rules")
        return Reason("immigration", Outcome.MEETS, message, (), evidence)
    return Reason("immigration", Outcome.FAILS, words.gettext("This program is open to: %(who)s", who=who))


def _enrolled_in(node: Mapping[str, Any], profile: ClientProfile, words: Words) -> Reason:
    programs = list(node.get("any_of", []))
    named = join_words([code_label(p, words) for p in programs], words)
    evidence = (EVIDENCE["enrolled_in"],)
    if profile.enrolled_in is None:
        message = words.gettext("Enrollment in %(named)s not recorded", named=named)
        return Reason("enrolled_in", Outcome.UNKNOWN, message, ("enrolled_in",), evidence)
    found = [p for p in programs if p in profile.enrolled_in]
    if found:
        message = words.gettext(
            "Enrolled in %(program)s (qualifies automatically)", program=code_label(found[0], words)
        )
        return Reason("enrolled_in", Outcome.MEETS, message, (), evidence)
    return Reason("enrolled_in", Outcome.FAILS, words.gettext("Not enrolled in %(named)s", named=named))


def _custom(node: Mapping[str, Any], _profile: ClientProfile, words: Words) -> Reason:
    """A rule in the service's own words, shown as entered."""
    return Reason("custom", Outcome.UNKNOWN, str(node.get("text", "")).strip() or words.gettext("Ask the service"))


def evaluate_leaf(
    node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None = None, words: Words = ENGLISH
) -> Reason:
    kind = node["type"]
    if kind == "residency":
        reason = residency_reason(node, profile, places, words)
    elif kind == "income":
        reason = income_reason(node, profile, places, words)
    else:
        reason = {
            "age": _age,
            "gender": _gender,
            "household_size": _household_size,
            "status": _status,
            "diagnosis": _diagnosis,
            "immigration": _immigration,
            "enrolled_in": _enrolled_in,
            "custom": _custom,
        }[kind](node, profile, words)
    if node.get("hard") is False:
        reason = replace(reason, advisory=True, near_miss=None)
    return reason


# -- groups ------------------------------------------------------------------------------------------------


@dataclass
class _Node:
    outcome: Outcome | None  # None: only advisory criteria, which decide nothing
    reasons: list[Reason] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)


def _flip(outcome: Outcome) -> Outcome:
    return {Outcome.MEETS: Outcome.FAILS, Outcome.FAILS: Outcome.MEETS, Outcome.UNKNOWN: Outcome.UNKNOWN}[outcome]


def _walk(node: Mapping[str, Any], profile: ClientProfile, places: PlaceResolver | None, words: Words) -> _Node:
    if "all" in node or "any" in node:
        is_all = "all" in node
        children = [_walk(child, profile, places, words) for child in node["all" if is_all else "any"]]
        outcomes = [child.outcome for child in children if child.outcome is not None]
        outcome: Outcome | None
        if not outcomes:
            outcome, shown = None, children
        elif is_all:
            outcome = (
                Outcome.FAILS
                if Outcome.FAILS in outcomes
                else Outcome.UNKNOWN
                if Outcome.UNKNOWN in outcomes
                else Outcome.MEETS
            )
            shown = children
        else:
            outcome = (
                Outcome.MEETS
                if Outcome.MEETS in outcomes
                else Outcome.UNKNOWN
                if Outcome.UNKNOWN in outcomes
                else Outcome.FAILS
            )
            # For an `any` that meets, show only the branch that met.
            shown = [next(c for c in children if c.outcome is Outcome.MEETS)] if outcome is Outcome.MEETS else children
        result = _Node(outcome)
        for child in shown:
            result.reasons.extend(child.reasons)
        for child in children:
            result.notes.extend(child.notes)
        return result
    if "not" in node:
        inner = _walk(node["not"], profile, places, words)
        flipped = [
            replace(
                r,
                outcome=_flip(r.outcome),
                message=words.gettext("Not for: %(reason)s", reason=f"{r.message[0].lower()}{r.message[1:]}"),
                near_miss=None,
            )
            for r in inner.reasons
        ]
        outcome = None if inner.outcome is None else _flip(inner.outcome)
        if outcome is not Outcome.UNKNOWN:  # a decided `not` shows only what decided it, like an `any` that meets
            flipped = [r for r in flipped if r.outcome is outcome]
        return _Node(outcome, flipped, inner.notes)
    reason = evaluate_leaf(node, profile, places, words)
    if reason.advisory:
        return _Node(None, [], [reason])
    return _Node(reason.outcome, [reason])


_ORDER = {Outcome.FAILS: 0, Outcome.UNKNOWN: 1, Outcome.MEETS: 2}
_OUR_EVIDENCE = frozenset(EVIDENCE.values())


def _document_kind(document: str) -> str:
    """What a document is, for de-duplication: "Photo ID (preferred)" and "Photo ID or birth certificate" are one
    kind ("photo id"), as are two wordings of "Proof of income"."""
    words = document.casefold().replace(",", " ").replace("(", " ").split()
    return " ".join(words[:3] if words[:2] == ["proof", "of"] else words[:2])


def _documents(reasons: Iterable[Reason], service_documents: Sequence[str], words: Words) -> tuple[str, ...]:
    """The service's own list first (its wording wins, as entered), then evidence for the criteria not already
    covered, in the reader's language (compared in English, the language both are written in)."""
    seen: dict[str, str] = {}
    kinds: set[str] = set()
    for document in service_documents:
        key = document.casefold().strip()
        if key and key not in seen:
            seen[key] = document.strip()
            kinds.add(_document_kind(document))
    for reason in reasons:
        if reason.outcome is Outcome.FAILS:
            continue
        for document in reason.documents:
            key, kind = document.casefold().strip(), _document_kind(document)
            if key and key not in seen and kind not in kinds:
                seen[key] = document.strip()
                kinds.add(kind)
    return tuple(words.gettext(d) if d in _OUR_EVIDENCE else d for d in seen.values())


def match(
    profile: ClientProfile,
    criteria: Mapping[str, Any] | None,
    *,
    documents: Sequence[str] = (),
    verified_on: date | str | None = None,
    places: PlaceResolver | None = None,
    words: Words = ENGLISH,
) -> Verdict:
    """Screen a client against one service's criteria tree (None: no restrictions recorded). Reasons are written
    in `words`: English as written, or a reader's language."""
    if not criteria:
        if verified_on:
            day = date.fromisoformat(verified_on) if isinstance(verified_on, str) else verified_on
            message = words.gettext("No restrictions recorded; last verified %(date)s", date=words.day(day))
        else:
            message = words.gettext("No restrictions recorded")
        reason = Reason("none", Outcome.MEETS, message)
        return Verdict(Status.ELIGIBLE, (reason,), (), _documents([], documents, words))
    root = _walk(criteria, profile, places, words)
    status = {Outcome.MEETS: Status.ELIGIBLE, Outcome.UNKNOWN: Status.POSSIBLY, Outcome.FAILS: Status.INELIGIBLE}[
        root.outcome or Outcome.MEETS  # advisory criteria alone restrict nothing
    ]
    reasons = sorted(root.reasons, key=lambda r: _ORDER[r.outcome])
    missing = tuple(dict.fromkeys(f for r in reasons if r.outcome is Outcome.UNKNOWN for f in r.missing))
    if status is not Status.POSSIBLY:
        missing = ()
    all_reasons = [*reasons, *root.notes]
    return Verdict(status, tuple(reasons), missing, _documents(all_reasons, documents, words), tuple(root.notes))
