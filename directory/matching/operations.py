"""Matching: candidates from the search index, a verdict for each, ranked, with the next best questions."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory import geo
from directory.eligibility.evaluation import Status, Verdict, match, question
from directory.eligibility.insurance import InsuranceVerdict, insurance_verdict
from directory.eligibility.profile import ClientProfile
from directory.listings.models import RequiredDocument, Service
from directory.search.operations import RankedService, ServiceSearch, find_services, load_found
from directory.wording import ENGLISH, Words

CANDIDATES = 200  # services judged per match


@dataclass(frozen=True)
class MatchRequest:
    profile: ClientProfile
    needs: tuple[str, ...] = ()
    query: str = ""
    service_ids: tuple[uuid.UUID, ...] | None = None
    postcode: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    radius_miles: float | None = None
    include_ineligible: bool = False
    limit: int = 20
    languages: tuple[str, ...] = ()
    insurance_categories: tuple[str, ...] = ()
    open_now: bool = False
    accepting_new_clients: bool | None = None


@dataclass(frozen=True)
class MatchResult:
    found: RankedService
    verdict: Verdict
    insurance: InsuranceVerdict


def _rank_group(verdict: Verdict) -> int:
    if verdict.status is Status.ELIGIBLE:
        return 0
    if verdict.status is Status.POSSIBLY:
        return 1
    return 2 if verdict.near_miss else 3


@dataclass(frozen=True)
class _Facts:
    """What screening a service reads (loaded for every candidate, without the rest of the listing)."""

    criteria: Any
    documents: list[str]
    assured_date: date | None
    insurance_accepted: list[Any]
    payment_options: list[Any]


def _screening_facts(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, _Facts]:
    documents: dict[uuid.UUID, list[str]] = {}
    facts: dict[uuid.UUID, _Facts] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for service_id, document in session.execute(
            select(RequiredDocument.service_id, RequiredDocument.document).where(RequiredDocument.service_id.in_(chunk))
        ):  # in the order the listing's own relationship reads them
            if document and service_id is not None:
                documents.setdefault(service_id, []).append(document)
        for row in session.execute(
            select(
                Service.id,
                Service.eligibility_criteria,
                Service.assured_date,
                Service.insurance_accepted,
                Service.payment_options,
            ).where(Service.id.in_(chunk))
        ):
            facts[row[0]] = _Facts(row[1], documents.get(row[0], []), row[2], row[3] or [], row[4] or [])
    return facts


@dataclass(frozen=True)
class Question:
    field: str
    resolves: int
    prompt: str


@dataclass(frozen=True)
class MatchAnswer:
    total: int
    results: list[MatchResult]
    questions: list[Question]


def place_of(postcode: str) -> tuple[str, str] | None:
    """(county, state) of a ZIP code, for residency and poverty-guideline region."""
    place = geo.find_zip(postcode)
    return (place.county, place.state) if place else None


def _needs(needs: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[uuid.UUID, ...]]:
    codes: list[str] = []
    ids: list[uuid.UUID] = []
    for need in needs:
        try:
            ids.append(uuid.UUID(need))
        except ValueError:
            codes.append(need)
    return tuple(codes), tuple(ids)


def match_services(
    session: Session,
    request: MatchRequest,
    *,
    now: datetime,
    summary: bool = False,
    words: Words = ENGLISH,
) -> MatchAnswer:
    """Screen the client against the services that fit their needs and place. Pure reads: nothing is stored.
    With `summary`, the services shown are loaded as a list item shows them (`load_found`). Reasons, payment
    verdicts and questions are written in `words` (the API's English, or a page reader's language)."""
    profile = request.profile
    codes, term_ids = _needs(request.needs)
    postcode = request.postcode
    if postcode is None and request.latitude is None:
        postcode = profile.postcode  # distance from where the client lives when no other place is given
    search = ServiceSearch(
        text=request.query,
        taxonomy_codes=codes,
        taxonomy_term_ids=term_ids,
        postcode=postcode,
        latitude=request.latitude,
        longitude=request.longitude,
        radius_miles=request.radius_miles,
        service_ids=request.service_ids,
        languages=request.languages,
        insurance=request.insurance_categories,
        open_now=request.open_now,
        accepting_new_clients=request.accepting_new_clients,
        facets=False,
    )
    found = find_services(session, search, now=now, wanted=CANDIDATES)
    candidates = found.candidates[:CANDIDATES]
    facts = _screening_facts(session, [c.id for c in candidates])
    judged = []
    for candidate in candidates:
        fact = facts.get(candidate.id)
        if fact is None:  # retired a moment ago
            continue
        verdict = match(
            profile,
            fact.criteria,
            documents=fact.documents,
            verified_on=fact.assured_date,
            places=place_of,
            words=words,
        )
        insurance = insurance_verdict(fact.insurance_accepted, fact.payment_options, profile.insurance, words)
        judged.append((candidate, verdict, insurance))
    if not request.include_ineligible:
        judged = [j for j in judged if j[1].status is not Status.INELIGIBLE]
    # Eligible first, then possibly, near misses, the rest; each group in search order (relevance, distance,
    # availability). Only the services shown are loaded whole.
    judged.sort(key=lambda j: _rank_group(j[1]))
    chosen = judged[: request.limit]
    loaded = {item.service.id: item for item in load_found(session, [c for c, _, _ in chosen], now, summary=summary)}
    shown = [MatchResult(loaded[c.id], v, i) for c, v, i in chosen if c.id in loaded]
    counts: Counter[str] = Counter(
        field for r in shown if r.verdict.status is Status.POSSIBLY for field in r.verdict.missing
    )
    questions = [
        Question(field, count, question(field, words))
        for field, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return MatchAnswer(len(judged), shown, questions)


def dump_answer(answer: MatchAnswer) -> dict[str, Any]:
    """The answer exactly as docs/api.md shows it (extra fields are additions, never renames)."""
    return {
        "total": answer.total,
        "results": [_dump_result(r) for r in answer.results],
        "questions": [{"field": q.field, "resolves": q.resolves, "prompt": q.prompt} for q in answer.questions],
    }


def _dump_result(result: MatchResult) -> dict[str, Any]:
    service = result.found.service
    verdict = result.verdict
    return {
        "service": {
            "id": str(service.id),
            "name": service.name,
            "organization": {"id": str(service.organization.id), "name": service.organization.name},
        },
        "eligibility": {
            "status": verdict.status.value,
            "reasons": [
                {"criterion": r.criterion, "outcome": r.outcome.value, "message": r.message} for r in verdict.reasons
            ],
            "missing": list(verdict.missing),
            "documents": list(verdict.documents),
            "near_miss": verdict.near_miss,
            "what_would_change": list(verdict.what_would_change),
            "notes": [
                {"criterion": r.criterion, "outcome": r.outcome.value, "message": r.message} for r in verdict.notes
            ],
        },
        "insurance": {"status": result.insurance.status.value, "message": result.insurance.message},
        "distance_miles": round(result.found.distance_miles, 1) if result.found.distance_miles is not None else None,
        "open_now": result.found.open_now,
        "accepting_new_clients": service.current_accepting_new_clients,
        "wait_weeks": _number(service.current_wait_weeks),
    }


def _number(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value
