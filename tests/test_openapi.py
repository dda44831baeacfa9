"""/api/openapi.json: a valid OpenAPI 3.1 document, whole without the network, naming every route, parameter and
answer field of the API. Real answers over the seeded county are checked against it key by key, so a field the
API sends that the document does not describe (a new extension, a search addition) fails here."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from directory.api.openapi import api_rules, path_of
from tests.conftest import json_of, seeded_county

DOCUMENT_URI = "urn:directory:openapi"


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    with seeded_county(tmp_path_factory.mktemp("openapi"), INDEX_BACKEND="memory") as app:
        yield app


@pytest.fixture(scope="module")
def client(county: Flask) -> FlaskClient:
    return county.test_client()


@pytest.fixture(scope="module")
def document(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return json_of(response)  # type: ignore[no-any-return]


def references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def test_the_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1.")
    errors = [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]
    assert errors == []


def test_every_reference_resolves_inside_the_document(document: dict[str, Any]) -> None:
    found = list(references(document))
    assert found, "the document names its schemas as components"
    assert [ref for ref in found if not ref.startswith("#/")] == []
    for ref in found:
        node: Any = document
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        assert isinstance(node, dict), ref


def test_every_api_route_is_documented_and_every_documented_operation_routed(
    county: Flask, document: dict[str, Any]
) -> None:
    routed = {
        (path_of(rule), method.lower())
        for rule in api_rules(county.url_map)
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    assert routed - documented == set(), "routes under /api/ the document leaves out"
    assert documented - routed == set(), "operations the document describes that no route answers"


def parameters(document: dict[str, Any], path: str, method: str = "get") -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in document["paths"][path][method].get("parameters", [])}


def test_the_contract_s_parameters_are_documented(document: dict[str, Any]) -> None:
    """spec/api.md: HSDS's parameters of GET /api/services and this API's own."""
    services = parameters(document, "/services")
    hsds = ["search", "page", "per_page", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after"]
    own = ["postcode", "lat", "lon", "radius_miles", "language", "insurance", "open_now", "sort"]
    assert {*hsds, "minimal", "full", "format", *own} <= set(services)
    assert services["format"]["schema"]["enum"] == ["json", "ndjson"]
    assert services["sort"]["schema"]["enum"] == ["relevance", "distance", "name"]
    assert services["per_page"]["schema"]["maximum"] == 100
    assert all(p["in"] == "query" and not p["required"] for p in services.values())
    assert {"postcode", "proximity"} <= set(parameters(document, "/service_at_locations"))
    for path in ("/services/{id}", "/organizations/{id}", "/taxonomies/{id}", "/taxonomy_terms/{id}"):
        assert parameters(document, path)["id"]["in"] == "path"
    assert "If-Match" in parameters(document, "/services/{id}", "put")


def test_statuses_and_content_types_follow_the_contract(document: dict[str, Any]) -> None:
    services = document["paths"]["/services"]["get"]["responses"]
    assert set(services["200"]["content"]) == {"application/json", "application/x-ndjson"}
    assert "422" in services
    one = document["paths"]["/services/{id}"]
    assert "404" in one["get"]["responses"]
    assert {"200", "201", "401", "403", "412", "422"} <= set(one["put"]["responses"])
    assert one["put"]["security"] == [{"bearer": []}]
    assert "422" in document["paths"]["/match"]["post"]["responses"]
    error = document["components"]["responses"]["Error"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}
    assert set(document["components"]["schemas"]["Error"]["required"]) == {"code", "status", "message"}


def test_the_extension_fields_are_described(document: dict[str, Any]) -> None:
    service = document["components"]["schemas"]["Service"]["properties"]
    extensions = [
        "eligibility_criteria",
        "insurance_accepted",
        "payment_options",
        "accepting_new_clients",
        "wait_weeks",
    ]
    assert set(extensions) <= set(service)
    assert service["eligibility_criteria"]["anyOf"][0] == {"$ref": "#/components/schemas/Criterion"}
    assert service["accepting_new_clients"]["type"] == ["boolean", "null"]
    leaves = [node["properties"]["type"]["const"] for node in document["components"]["schemas"]["Criterion"]["oneOf"]
              if "type" in node["properties"]]  # fmt: skip
    assert {"age", "income", "residency", "enrolled_in", "custom"} <= set(leaves)


# -- real answers against the document --------------------------------------------------------------------------


def operation_of(document: dict[str, Any], method: str, url: str) -> dict[str, Any]:
    path = url.split("?")[0].removeprefix("/api")
    for template, item in document["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path or "/") and method in item:
            return item[method]  # type: ignore[no-any-return]
    raise AssertionError(f"{method.upper()} {url} is not in the document")


def resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def undocumented(document: dict[str, Any], value: Any, schema: dict[str, Any], where: str) -> list[str]:
    """Every key in `value` its schema does not describe (by name, or as a declared map of any keys)."""
    schema = resolve(document, schema)
    if not schema or ("properties" not in schema and schema.get("additionalProperties") == {}):
        return []  # declared free-form: any JSON, or an object of any keys (an OpenAPI document's `paths`)
    choices = [resolve(document, s) for s in schema.get("anyOf", []) + schema.get("oneOf", [])]
    if choices:
        return min((undocumented(document, value, choice, where) for choice in choices), key=len)
    missing: list[str] = []
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", False)
        for key, item in value.items():
            if key in properties:
                missing += undocumented(document, item, properties[key], f"{where}.{key}")
            elif extra is False:
                missing.append(f"{where}.{key}")
            else:
                missing += undocumented(document, item, extra if isinstance(extra, dict) else {}, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            missing += undocumented(document, item, schema.get("items", {}), f"{where}[{i}]")
    return missing


@functools.cache
def registry_of(document_text: str) -> Registry[Any]:
    return Registry().with_resource(DOCUMENT_URI, DRAFT202012.create_resource(json.loads(document_text)))


def validator_of(document: dict[str, Any], ref: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": DOCUMENT_URI + ref}, registry=registry_of(json.dumps(document)))


def check_answer(document: dict[str, Any], response: Any, method: str, url: str) -> Any:
    operation = operation_of(document, method, url)
    answer = resolve(document, operation["responses"][str(response.status_code)])
    media = response.mimetype
    assert media in answer["content"], f"{method.upper()} {url}: {media} is not documented"
    schema = answer["content"][media]["schema"]
    text = response.get_data(as_text=True)
    bodies = [json.loads(line) for line in text.splitlines()] if media == "application/x-ndjson" else [json.loads(text)]
    assert "$ref" in schema, "answers are named components"
    validator = validator_of(document, schema["$ref"])
    for body in bodies:
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]
        assert problems == [], f"{method.upper()} {url}"
        assert undocumented(document, body, schema, "body") == [], f"{method.upper()} {url}"
    return bodies[0] if len(bodies) == 1 else bodies


def get(client: FlaskClient, document: dict[str, Any], url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return check_answer(document, response, "get", url)


def test_every_read_answers_only_with_documented_fields(client: FlaskClient, document: dict[str, Any]) -> None:
    root = get(client, document, "/api/")
    assert root["openapi_url"].endswith("/api/openapi.json")
    get(client, document, "/api/openapi.json")
    page = get(client, document, "/api/services?per_page=100")
    services = page["contents"]
    for later in range(2, page["total_pages"] + 1):
        services += get(client, document, f"/api/services?per_page=100&page={later}")["contents"]
    seen: set[str] = set()
    for service in services[::4]:  # a quarter of the county, every kind of service among them
        seen |= set(get(client, document, f"/api/services/{service['id']}"))
    assert {"eligibility_criteria", "insurance_accepted", "payment_options", "capacities"} <= seen
    for listing, one in (
        ("/api/organizations", "/api/organizations/{}"),
        ("/api/taxonomies", "/api/taxonomies/{}"),
        ("/api/taxonomy_terms", "/api/taxonomy_terms/{}"),
        ("/api/service_at_locations", "/api/service_at_locations/{}"),
    ):
        for item in get(client, document, f"{listing}?per_page=100")["contents"][:25]:
            get(client, document, one.format(item["id"]))
    near = get(client, document, "/api/service_at_locations?postcode=97205&proximity=20000")
    assert any("distance_miles" in item for item in near["contents"])


def test_a_search_answers_only_with_documented_fields(client: FlaskClient, document: dict[str, Any]) -> None:
    found = get(client, document, "/api/services?search=foood&postcode=97205&debug=true&per_page=100")
    assert "did_you_mean" in found
    assert found["facets"]["taxonomy_terms"]
    assert found["facets"]["languages"]
    items = found["contents"]
    assert items
    assert all("distance_miles" in item and "_debug" in item for item in items)
    assert any(item["accepting_new_clients"] is not None for item in items)
    for item in get(client, document, "/api/services?minimal=true&language=es&sort=name")["contents"]:
        assert set(item) <= {"id", "name", "status", "organization_id", "last_modified", "distance_miles", "open_now",
                             "opens_at"}  # fmt: skip
    streamed = get(client, document, "/api/services?format=ndjson&insurance=medicaid")
    assert streamed
    assert "insurance_accepted" in streamed[0]
    bad = get(client, document, "/api/services?per_page=1000&sort=sideways", status=422)
    assert set(bad["errors"]) == {"per_page", "sort"}
    get(client, document, "/api/services/00000000-0000-4000-8000-000000000000", status=404)


def test_a_match_answers_only_with_documented_fields(client: FlaskClient, document: dict[str, Any]) -> None:
    body = {
        "profile": {"age": 34, "household_size": 3, "income": {"amount": 2100, "period": "month"},
                    "insurance": [{"category": "medicaid"}], "postcode": "97205", "languages": ["es"]},
        "needs": [], "near": {"postcode": "97205"}, "include_ineligible": True, "limit": 100,
    }  # fmt: skip
    response = client.post("/api/match", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    answer = check_answer(document, response, "post", "/api/match")
    assert answer["questions"]
    assert {result["eligibility"]["status"] for result in answer["results"]} >= {"eligible", "possibly_eligible"}
    refused = client.post("/api/match", json={"profile": {"age": -1}})
    assert refused.status_code == 422
    check_answer(document, refused, "post", "/api/match")
