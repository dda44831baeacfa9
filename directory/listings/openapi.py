"""The OpenAPI 3.1 document of the directory's API: HSDS 3.1's read API plus this directory's additions."""

from __future__ import annotations

from typing import Any

HSDS_SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.1/schema/compiled/"


def _page_of(schema_url: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
        "properties": {
            "total_items": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"},
            "size": {"type": "integer"},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array", "items": {"$ref": schema_url}},
        },
    }


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


PAGE_PARAMS = [
    _param("page", "1-based page number", {"type": "integer", "minimum": 1, "default": 1}),
    _param("per_page", "items per page", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
]

ERROR = {
    "description": "Error envelope",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["code", "status", "message"],
                "properties": {
                    "code": {"type": "integer"},
                    "status": {"type": "string"},
                    "message": {"type": "string"},
                    "errors": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        }
    },
}


def _get(summary: str, schema: dict[str, Any], params: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": params or [],
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
                "404": ERROR,
                "422": ERROR,
            },
        }
    }


def _with_ndjson(operation: dict[str, Any], schema_url: str) -> dict[str, Any]:
    """`format=ndjson`: every result, one JSON document per line (each as `schema_url`), not a page."""
    content = operation["get"]["responses"]["200"]["content"]
    content["application/x-ndjson"] = {"schema": {"$ref": schema_url}, "itemSchema": {"$ref": schema_url}}
    return operation


def _by_id(summary: str, schema_url: str) -> dict[str, Any]:
    operation = _get(summary, {"$ref": schema_url})
    operation["parameters"] = [
        {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
    ]
    return operation


_NULLABLE_STRING = {"type": ["string", "null"]}
_NULLABLE_BOOL = {"type": ["boolean", "null"]}
MATCH_BODY = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "profile": {
            "type": "object",
            "additionalProperties": False,
            "description": "Every field optional; missing or null means unknown, never false.",
            "properties": {
                "as_of": {"type": ["string", "null"], "format": "date"},
                "age": {"type": ["integer", "null"], "minimum": 0, "maximum": 130},
                "birth_date": {"type": ["string", "null"], "format": "date"},
                "gender": {"enum": ["female", "male", "nonbinary", None]},
                "household_size": {"type": ["integer", "null"], "minimum": 1},
                "income": {
                    "type": ["object", "null"],
                    "required": ["amount", "period"],
                    "properties": {
                        "amount": {"type": "number", "minimum": 0},
                        "period": {"enum": ["week", "biweek", "month", "year"]},
                    },
                },
                "postcode": _NULLABLE_STRING,
                "county": _NULLABLE_STRING,
                "state": _NULLABLE_STRING,
                "insurance": {
                    "type": ["array", "null"],
                    "description": "[] means no coverage",
                    "items": {
                        "type": "object",
                        "required": ["category"],
                        "properties": {"category": {"type": "string"}, "plan": _NULLABLE_STRING},
                    },
                },
                "veteran": _NULLABLE_BOOL,
                "pregnant": _NULLABLE_BOOL,
                "disability": _NULLABLE_BOOL,
                "housing_status": {"enum": ["homeless", "at_risk", "housed", None]},
                "diagnoses": {"type": ["object", "null"], "additionalProperties": {"enum": ["yes", "suspected", "no"]}},
                "immigration_status": _NULLABLE_STRING,
                "enrolled_in": {"type": ["array", "null"], "items": {"type": "string"}},
                "languages": {"type": ["array", "null"], "items": {"type": "string"}},
            },
        },
        "needs": {"type": "array", "items": {"type": "string"}, "description": "taxonomy codes or term ids"},
        "query": _NULLABLE_STRING,
        "service_ids": {"type": ["array", "null"], "items": {"type": "string", "format": "uuid"}},
        "near": {
            "type": ["object", "null"],
            "properties": {"postcode": {"type": "string"}, "lat": {"type": "number"}, "lon": {"type": "number"}},
        },
        "radius_miles": {"type": ["number", "null"]},
        "include_ineligible": {"type": "boolean", "default": False},
        "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
    },
}
_REASON = {
    "type": "object",
    "required": ["criterion", "outcome", "message"],
    "properties": {
        "criterion": {"type": "string"},
        "outcome": {"enum": ["meets", "unknown", "fails"]},
        "message": {"type": "string"},
    },
}
MATCH_ANSWER = {
    "type": "object",
    "required": ["total", "results", "questions"],
    "properties": {
        "total": {"type": "integer"},
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["service", "eligibility", "insurance", "distance_miles", "open_now"],
                "properties": {
                    "service": {"type": "object", "required": ["id", "name", "organization"]},
                    "eligibility": {
                        "type": "object",
                        "required": ["status", "reasons", "missing", "documents"],
                        "properties": {
                            "status": {"enum": ["eligible", "possibly_eligible", "ineligible"]},
                            "reasons": {"type": "array", "items": _REASON},
                            "missing": {"type": "array", "items": {"type": "string"}},
                            "documents": {"type": "array", "items": {"type": "string"}},
                            "near_miss": {"type": "boolean"},
                            "what_would_change": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                    "insurance": {
                        "type": "object",
                        "required": ["status", "message"],
                        "properties": {
                            "status": {"enum": ["accepted", "check", "not_accepted", "not_applicable"]},
                            "message": {"type": "string"},
                        },
                    },
                    "distance_miles": {"type": ["number", "null"]},
                    "open_now": {"type": ["boolean", "null"]},
                    "accepting_new_clients": {"type": ["boolean", "null"]},
                    "wait_weeks": {"type": ["number", "null"]},
                },
            },
        },
        "questions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "resolves", "prompt"],
                "properties": {
                    "field": {"type": "string"},
                    "resolves": {"type": "integer"},
                    "prompt": {"type": "string"},
                },
            },
        },
    },
}


def _write(summary: str, schema_url: str, created: bool) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": {
            "description": "Replaced or changed",
            "content": {"application/json": {"schema": {"$ref": schema_url}}},
        },
        "401": ERROR,
        "403": ERROR,
        "404": ERROR,
        "412": ERROR,
        "422": ERROR,
    }
    if created:
        responses["201"] = {"description": "Created", "content": {"application/json": {"schema": {"$ref": schema_url}}}}
    return {
        "summary": summary,
        "security": [{"bearer": []}],
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}},
            {"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"}},
        ],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": schema_url}}}},
        "responses": responses,
    }


def openapi_document(server_url: str) -> dict[str, Any]:
    service = HSDS_SCHEMA_BASE + "service.json"
    service_list = HSDS_SCHEMA_BASE + "service_list.json"
    organization = HSDS_SCHEMA_BASE + "organization.json"
    taxonomy = HSDS_SCHEMA_BASE.replace("compiled/", "") + "taxonomy.json"
    term = HSDS_SCHEMA_BASE.replace("compiled/", "") + "taxonomy_term.json"
    service_params = [
        *PAGE_PARAMS,
        _param("search", "free text as a person types it", {"type": "string", "maxLength": 2000}),
        _param(
            "taxonomy_term_id", "services tagged with this term or its sub-terms", {"type": "string", "format": "uuid"}
        ),
        _param("taxonomy_id", "services tagged with a term of this taxonomy", {"type": "string", "format": "uuid"}),
        _param("organization_id", "services of this organization", {"type": "string", "format": "uuid"}),
        _param("modified_after", "changed after this instant", {"type": "string", "format": "date-time"}),
        _param("minimal", "only id, name, status, organization_id and last_modified", {"type": "boolean"}),
        _param("full", "accepted for HSDS compatibility", {"type": "boolean"}),
        _param("format", "json (paged) or ndjson (every result, one per line)", {"enum": ["json", "ndjson"]}),
        _param("taxonomy_code", "services of these types (the directory's codes, comma-separated)", {"type": "string"}),
        _param("postcode", "origin for distance: a US ZIP code", {"type": "string"}),
        _param("lat", "origin for distance: latitude", {"type": "number"}),
        _param("lon", "origin for distance: longitude", {"type": "number"}),
        _param("radius_miles", "only services within this distance of the origin", {"type": "number"}),
        _param("language", "ISO 639-1 codes, comma-separated (any of)", {"type": "string"}),
        _param("insurance", "insurance categories, comma-separated (any of)", {"type": "string"}),
        _param("open_now", "only services open now, in the directory's time zone", {"type": "boolean"}),
        _param("age", "only services whose age range includes this age", {"type": "integer"}),
        _param("accepting_new_clients", "only services taking new clients", {"type": "boolean"}),
        _param("sort", "relevance (default), distance or name", {"enum": ["relevance", "distance", "name"]}),
        _param("facets", "include facet counts (default true)", {"type": "boolean"}),
        _param("debug", "explain each result's score in `_debug`", {"type": "boolean"}),
    ]
    sal_params = [
        *PAGE_PARAMS,
        _param("search", "free text", {"type": "string"}),
        _param("postcode", "keep services covering this ZIP code", {"type": "string"}),
        _param("proximity", "with postcode: within this many metres of its centre", {"type": "number"}),
        _param("taxonomy_term_id", "services tagged with this term", {"type": "string", "format": "uuid"}),
        _param("taxonomy_id", "services tagged with a term of this taxonomy", {"type": "string", "format": "uuid"}),
        _param("organization_id", "services of this organization", {"type": "string", "format": "uuid"}),
        _param("modified_after", "changed on or after this instant", {"type": "string", "format": "date-time"}),
    ]
    services_by_id = _by_id("One fully nested service", service)
    services_by_id["put"] = _write("Create or replace a service", service, created=True)
    services_by_id["patch"] = _write("Change some fields of a service", service, created=False)
    services_by_id["delete"] = {
        **_write("Retire a service (status defunct, kept for history)", service, created=False),
        "requestBody": None,
    }
    del services_by_id["delete"]["requestBody"]
    organizations_by_id = _by_id("One organization", organization)
    organizations_by_id["put"] = _write("Create or replace an organization", organization, created=True)
    return {
        "openapi": "3.1.0",
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "info": {
            "title": "Community resource directory API",
            "version": "3.1",
            "description": "Open Referral HSDS 3.1 read API, with structured eligibility, insurance accepted "
            "and capacity extensions on services.",
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/": _get("API metadata", {"type": "object"}),
            "/services": _with_ndjson(
                _get("List and search services", _page_of(service_list), service_params), service_list
            ),
            "/services/{id}": services_by_id,
            "/service_at_locations": _get(
                "List services at locations", _page_of(HSDS_SCHEMA_BASE + "service_at_location_list.json"), sal_params
            ),
            "/service_at_locations/{id}": _by_id(
                "One service at a location", HSDS_SCHEMA_BASE + "service_at_location.json"
            ),
            "/match": {
                "post": {
                    "summary": "Screen a client's profile against the directory (nothing is stored or logged)",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": MATCH_BODY}}},
                    "responses": {
                        "200": {"description": "OK", "content": {"application/json": {"schema": MATCH_ANSWER}}},
                        "422": ERROR,
                    },
                }
            },
            "/organizations": _get("List organizations", _page_of(organization), PAGE_PARAMS),
            "/organizations/{id}": organizations_by_id,
            "/taxonomies": _get("List taxonomies", _page_of(taxonomy), PAGE_PARAMS),
            "/taxonomies/{id}": _by_id("One taxonomy", taxonomy),
            "/taxonomy_terms": _get("List taxonomy terms", _page_of(term), PAGE_PARAMS),
            "/taxonomy_terms/{id}": _by_id("One taxonomy term", term),
        },
    }
