"""The API against Open Referral's own HSDS 3.1 OpenAPI document (../shared/hsds/schema/openapi.json), with
schemathesis over the seeded county: every GET operation HSDS defines, with generated requests (derandomized,
bounded) and with each record the county really has, never answers with a 5xx, and every 200 body is valid
against HSDS's official JSON Schemas. HSDS names its schemas by URL; they are read from ../shared beside the
project (the test skips where it is absent), nothing is fetched."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.conftest import SHARED, seeded_county

HSDS_SCHEMAS = SHARED / "hsds" / "schema"
ONLINE = re.compile(r"^https://raw\.githubusercontent\.com/openreferral/specification/[^/]+/schema/")
EXAMPLES_PER_OPERATION = 8
CHECKS = [not_a_server_error, response_schema_conformance]
RECORDS_BY_ID = {
    "taxonomy_term_id": "taxonomy_terms",
    "parent_id": "taxonomy_terms",
    "taxonomy_id": "taxonomies",
    "organization_id": "organizations",
}


def component_name(file: str) -> str:
    """`compiled/service.json` -> `hsds_compiled_service`."""
    return "hsds_" + file.removesuffix(".json").replace("/", "_")


def pointed_home(node: Any, folder: str) -> Any:
    """`node` with each reference to an HSDS schema file (by URL, or by a name relative to `folder`) pointed at
    that schema as a component of the document."""
    if isinstance(node, list):
        return [pointed_home(item, folder) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        file = ONLINE.sub("", ref) if ONLINE.match(ref) else f"{folder}{ref}"
        return {**node, "$ref": f"#/components/schemas/{component_name(file)}"}
    return {key: pointed_home(value, folder) for key, value in node.items()}


def hsds_document() -> dict[str, Any]:
    """HSDS's OpenAPI document, served at /api, its schemas its own components (so every `$ref` is local)."""
    document: dict[str, Any] = pointed_home(json.loads((HSDS_SCHEMAS / "openapi.json").read_text()), "")
    schemas = document["components"].setdefault("schemas", {})
    for path in sorted(HSDS_SCHEMAS.glob("*.json")) + sorted(HSDS_SCHEMAS.glob("compiled/*.json")):
        file = path.relative_to(HSDS_SCHEMAS).as_posix()
        if file.startswith("openapi"):
            continue
        schema = json.loads(path.read_text())
        schema = {key: value for key, value in schema.items() if key not in ("$schema", "$id")}
        schemas[component_name(file)] = pointed_home(schema, file.rpartition("/")[0] + "/" if "/" in file else "")
    document["servers"] = [{"url": "http://localhost/api"}]
    return document


def get_operations() -> list[Any]:
    if not (HSDS_SCHEMAS / "openapi.json").exists():
        return [pytest.param("GET /", marks=pytest.mark.skip(reason=f"{HSDS_SCHEMAS} is not beside the project"))]
    paths: dict[str, Any] = json.loads((HSDS_SCHEMAS / "openapi.json").read_text())["paths"]
    return [f"GET {path}" for path, item in paths.items() if "get" in item]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    with seeded_county(tmp_path_factory.mktemp("hsds-openapi"), INDEX_BACKEND="memory") as app:
        yield app


@pytest.fixture(scope="module")
def hsds_schema(county: Flask) -> Any:
    schema = schemathesis.openapi.from_dict(hsds_document())
    schema.app = county
    return schema


@pytest.fixture(scope="module")
def real_ids(county: Flask) -> dict[str, list[str]]:
    """A few ids of each kind of record the county holds, for the operations that read one."""
    client = county.test_client()
    ids = {}
    for kind in ("services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"):
        contents = client.get(f"/api/{kind}?per_page=100").get_json()["contents"]
        ids[kind] = [item["id"] for item in contents[:: max(1, len(contents) // 8)]]
    return ids


@pytest.mark.parametrize("label", get_operations())
def test_every_hsds_read_answers_as_hsds_says(hsds_schema: Any, real_ids: dict[str, list[str]], label: str) -> None:
    operation = hsds_schema.find_operation_by_label(label)
    assert operation is not None, label
    path = label.removeprefix("GET ")
    if "{id}" in path:
        for record_id in real_ids[path.split("/")[1]]:
            case = operation.Case(path_parameters={"id": record_id})
            response = case.call_and_validate(checks=CHECKS)
            assert response.status_code == 200, response.text[:300]
    else:
        response = operation.Case().call_and_validate(checks=CHECKS)
        assert response.status_code == 200, response.text[:300]

    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,  # the same requests every run
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def answers_as_hsds_says(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    answers_as_hsds_says()


#: HSDS parameters this API does not take yet (refused with a 422 naming them): organizations carry no `services`
#: array, so there is no fuller organization to ask for.
NOT_YET = {
    ("/organizations", "full"): "a fully nested organization in lists is not served",
    ("/organizations", "full_service"): "organizations carry no `services` array",
}
#: A value of the kind each parameter takes (HSDS types most as plain strings).
EXAMPLES = {
    "search": "food",
    "format": "json",
    "modified_after": "2026-01-01T00:00:00Z",
    "postcode": "97205",
    "proximity": "5000&postcode=97205",
}


def list_parameters() -> list[Any]:
    """(path, parameter) for every query parameter HSDS defines on a GET list."""
    if not (HSDS_SCHEMAS / "openapi.json").exists():
        return [pytest.param("/", "page", marks=pytest.mark.skip(reason=f"{HSDS_SCHEMAS} is not beside the project"))]
    document = json.loads((HSDS_SCHEMAS / "openapi.json").read_text())
    cases = []
    for path, item in document["paths"].items():
        for parameter in item.get("get", {}).get("parameters", []) if "{" not in path else []:
            if "$ref" in parameter:
                parameter = document["components"]["parameters"][parameter["$ref"].rpartition("/")[2]]
            gap = NOT_YET.get((path, parameter["name"]))
            marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
            cases.append(pytest.param(path, parameter["name"], marks=marks, id=f"{path}?{parameter['name']}"))
    return cases


@pytest.mark.parametrize(("path", "name"), list_parameters())
def test_hsds_list_parameters_are_understood(county: Flask, path: str, name: str) -> None:
    """Each query parameter HSDS defines for a list, given a value of its kind, is taken (not refused)."""
    client = county.test_client()
    value = EXAMPLES.get(name, "1" if name in ("page", "per_page") else "false")
    if name in RECORDS_BY_ID:
        value = client.get(f"/api/{RECORDS_BY_ID[name]}").get_json()["contents"][0]["id"]
    response = client.get(f"/api{path}?{name}={value}")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
