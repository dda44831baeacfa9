"""The API against its own OpenAPI document, with schemathesis: over a bounded run of generated requests to every
operation (valid and invalid, signed in as a coordinator), no answer is a 5xx, every status is one the document
lists, every answer's content type is the one it declares, and every body matches its schema (the document's own
components, generated from the marshmallow schemas; nothing is fetched)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.orm import Session

from directory import create_app
from directory.accounts.models import Role
from directory.accounts.operations import create_user, issue_token
from directory.api.openapi import openapi_document
from tests import factories as f
from tests.conftest import json_of

EXAMPLES_PER_OPERATION = 20
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def bare_app() -> Flask:
    """The app's routes, for choosing test cases before any fixture exists (no database is opened)."""
    return create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "INDEX_BACKEND": "memory", "SECRET_KEY": "x"})


def listings() -> None:
    """A few full listings, so lists and lookups answer with real documents to check."""
    term = f.TaxonomyTermFactory(code="food_pantry", name="Food pantry")
    for n in range(3):
        service = f.ServiceFactory(name=f"Contract Pantry {n}", medicaid=bool(n % 2))
        f.AttributeFactory(service=service, taxonomy_term=term)
        location = f.LocationFactory(organization=service.organization)
        f.AddressFactory(location=location)
        f.ServiceAtLocationFactory(service=service, location=location)
        f.PhoneFactory(service=service)
        f.ScheduleFactory(service=service)
        f.RequiredDocumentFactory(service=service)
        f.LanguageFactory(service=service)


def operations() -> list[Any]:
    """Every operation of the document, valid requests and (where it takes any input) invalid ones."""
    document = openapi_document("http://localhost/api", bare_app().url_map)
    cases = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "put", "post", "patch", "delete"):
                continue
            label = f"{method.upper()} {path}"
            cases.append(pytest.param(label, GenerationMode.POSITIVE, id=f"{label} valid"))
            if operation.get("parameters") or operation.get("requestBody") or "{" in path:
                cases.append(pytest.param(label, GenerationMode.NEGATIVE, id=f"{label} invalid"))
    return cases


@pytest.fixture
def api_schema(app: Flask, client: FlaskClient, db_session: Session) -> Any:
    listings()
    document = json_of(client.get("/api/openapi.json"))
    schema = schemathesis.openapi.from_dict(document)
    schema.app = app
    return schema


@pytest.fixture
def coordinator(db_session: Session) -> dict[str, str]:
    create_user(db_session, "contract@example.org", "correct horse battery staple", Role.COORDINATOR)
    return {"Authorization": f"Bearer {issue_token(db_session, 'contract@example.org')}"}


@pytest.mark.parametrize(("label", "mode"), operations())
def test_every_operation_answers_as_its_document_says(
    api_schema: Any, coordinator: dict[str, str], label: str, mode: GenerationMode
) -> None:
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,  # the same requests every run: a failure found once is found again
        suppress_health_check=list(HealthCheck),
        database=None,  # nothing about a run is written to disk
    )
    def answers_as_documented(case: Any) -> None:
        case.call_and_validate(headers=coordinator, checks=CHECKS)

    answers_as_documented()
