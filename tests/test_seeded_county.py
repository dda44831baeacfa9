"""The seeded county as loaded by `flask --app app seed`: big and varied enough, and valid HSDS 3.1 as served."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory import create_app
from directory.db import Base
from directory.db import Session as ScopedSession
from directory.listings import models as m
from directory.search import InMemoryIndex
from tests.conftest import json_of, shared_path

ENVELOPE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def table_counts(session: Session) -> dict[str, int]:
    models = [m.Service, m.Organization, m.Location, m.ServiceAtLocation, m.Attribute, m.Schedule, m.Phone]
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0 for model in models}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app with its own file database, seeded once, for read-only checks over the whole county."""
    folder = tmp_path_factory.mktemp("seeded")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": f"sqlite:///{folder / 'seeded.sqlite3'}",
            "INDEX_BACKEND": "memory",
        }
    )
    engine = app.extensions["directory.engine"]
    ScopedSession.configure(bind=engine)
    Base.metadata.create_all(engine)
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    ScopedSession.remove()
    yield app
    engine.dispose()


@pytest.fixture(autouse=True)
def _bind_to_seeded(seeded: Flask) -> Iterator[None]:
    """Point the scoped session at the seeded database for one test, then back."""
    previous = ScopedSession.session_factory.kw.get("bind")
    ScopedSession.remove()
    ScopedSession.configure(bind=seeded.extensions["directory.engine"])
    yield
    ScopedSession.remove()
    ScopedSession.configure(bind=previous)


@pytest.fixture
def seeded_session(seeded: Flask) -> Session:
    return ScopedSession()


def test_seed_loads_the_county_and_builds_the_index(seeded: Flask, seeded_session: Session) -> None:
    counts = table_counts(seeded_session)
    assert counts["services"] >= 300
    assert counts["organizations"] >= 120
    assert counts["locations"] >= 200
    index: InMemoryIndex = seeded.extensions["directory.index"]
    visible = seeded_session.scalar(
        select(func.count()).select_from(m.Service).where(m.Service.status.in_(m.VISIBLE_STATUSES))
    )
    assert index.count() == visible


def test_every_catalogue_code_is_offered_by_at_least_three_services(seeded_session: Session) -> None:
    rows = seeded_session.execute(
        select(m.TaxonomyTerm.code, func.count(m.Attribute.id))
        .join(m.Attribute, m.Attribute.taxonomy_term_id == m.TaxonomyTerm.id)
        .where(m.TaxonomyTerm.parent_id.is_not(None))
        .group_by(m.TaxonomyTerm.code)
    ).all()
    per_code = dict(rows)
    assert len(per_code) == 49
    assert min(per_code.values()) >= 3


def test_the_county_is_varied_the_way_a_real_directory_is(seeded_session: Session) -> None:
    services = list(seeded_session.scalars(select(m.Service)))
    languages = set(seeded_session.scalars(select(m.Language.code).where(m.Language.code.is_not(None))))
    assert len(languages) >= 8
    leaf_types: Counter[str] = Counter()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "type" in node:
                leaf_types[node["type"]] += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for service in services:
        walk(service.eligibility_criteria)
    assert {"age", "residency", "income", "status", "diagnosis"} <= set(leaf_types)
    assert any(s.insurance_accepted for s in services)
    assert any(s.payment_options for s in services)
    assert any(s.wait_weeks for s in services)
    assert any(s.accepting_new_clients is False for s in services)
    assert len({s.assured_date for s in services}) > 20
    assert any(s.assured_date is not None and s.assured_date < date(2025, 11, 23) for s in services)
    bydays = set(seeded_session.scalars(select(m.Schedule.byday)))
    assert "1SA" in bydays
    assert seeded_session.scalar(select(func.count()).select_from(m.ServiceCapacity)) > 0
    assert seeded_session.scalar(select(func.count()).select_from(m.RequiredDocument)) > 0
    descriptions = [s.description for s in services]
    assert len(set(descriptions)) > 0.9 * len(descriptions)


# -- HSDS 3.1 validity of what the API serves -------------------------------------------------------------


def hsds_validator(name: str) -> Any:
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(shared_path("hsds", "schema", "compiled", name).read_text())
    return Draft202012Validator(schema, format_checker=FormatChecker())


def errors_of(validator: Any, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_every_seeded_service_served_by_the_api_is_valid_hsds(seeded: Flask, seeded_session: Session) -> None:
    validator = hsds_validator("service.json")
    client = seeded.test_client()
    ids = list(seeded_session.scalars(select(m.Service.id)))
    problems = {}
    for service_id in ids:
        body = json_of(client.get(f"/api/services/{service_id}"))
        errors = errors_of(validator, body)
        if errors:
            problems[str(service_id)] = errors[:3]
    assert problems == {}
    assert len(ids) >= 300


def test_every_list_page_is_a_valid_envelope_of_hsds_list_items(seeded: Flask) -> None:
    validator = hsds_validator("service_list.json")
    client = seeded.test_client()
    page, seen = 1, 0
    while True:
        body = json_of(client.get(f"/api/services?per_page=100&page={page}&facets=false"))
        assert set(body) >= ENVELOPE_KEYS
        assert body["size"] == len(body["contents"])
        for item in body["contents"]:
            assert errors_of(validator, item) == [], item["id"]
        seen += body["size"]
        if body["last_page"]:
            break
        page += 1
    assert seen == body["total_items"]


def test_organizations_served_by_the_api_are_valid_hsds(seeded: Flask, seeded_session: Session) -> None:
    validator = hsds_validator("organization.json")
    client = seeded.test_client()
    for organization_id in list(seeded_session.scalars(select(m.Organization.id)))[:40]:
        body = json_of(client.get(f"/api/organizations/{organization_id}"))
        assert errors_of(validator, body) == [], organization_id
