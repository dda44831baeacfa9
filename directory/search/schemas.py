"""The query string of a service search (API and public page alike) and the shape of its answer."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from directory.eligibility.insurance import INSURANCE_CATEGORIES
from directory.listings.schemas import ZIP_CODE, ArgsSchema, PageArgsSchema
from directory.localtime import local_now
from directory.search.operations import LocationSearch, RankedService, ServiceSearch

LANGUAGE_CODE = validate.Regexp(r"^[a-z]{2}$", error="must be a two-letter ISO 639-1 code such as es")


class CommaList(fields.List[Any]):
    """`language=es,ru` or `language=es&language=ru` (the schema reads a MultiDict's lists)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[Any]:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        elif isinstance(value, list):
            value = [part.strip() for item in value for part in str(item).split(",") if part.strip()]
        result: list[Any] = super()._deserialize(value, attr, data, **kwargs)
        return result


class InstantOrDate(fields.AwareDateTime):
    """An ISO 8601 instant with its offset, or a plain date: its midnight in the directory's time zone."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.datetime:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = fields.Date()._deserialize(value, attr, data)
            return dt.datetime.combine(day, dt.time(), tzinfo=local_now().tzinfo)
        instant: dt.datetime = super()._deserialize(value, attr, data, **kwargs)
        return instant


class ServiceSearchArgsSchema(ArgsSchema):
    """GET /api/services and the public search page."""

    search = fields.String(
        load_default="", validate=validate.Length(max=2000), metadata={"description": "free text as a person types it"}
    )
    page = fields.Integer(
        load_default=1, validate=validate.Range(min=1, max=10_000), metadata={"description": "1-based page number"}
    )
    per_page = fields.Integer(
        load_default=20, validate=validate.Range(min=1, max=100), metadata={"description": "items per page"}
    )
    taxonomy_term_id = CommaList(
        fields.UUID(),
        load_default=list,
        metadata={
            "description": "services tagged with any of these terms or their sub-terms (repeated or comma-separated)"
        },
    )
    taxonomy_code = CommaList(
        fields.String(validate=validate.Length(max=100)),
        load_default=list,
        metadata={"description": "services of these types: the directory's codes (repeated or comma-separated)"},
    )
    taxonomy_id = fields.UUID(metadata={"description": "services tagged with a term of this taxonomy"})
    organization_id = fields.UUID(metadata={"description": "services of this organization"})
    modified_after = InstantOrDate(
        metadata={
            "description": "changed after this instant, or since this date's midnight in the directory's time zone",
            "anyOf": [{"format": "date-time"}, {"format": "date"}],
        }
    )
    postcode = fields.String(
        validate=ZIP_CODE,
        metadata={"description": "origin for distance: a US ZIP code"},
    )
    lat = fields.Float(
        validate=validate.Range(min=-90, max=90), metadata={"description": "origin for distance: latitude (with lon)"}
    )
    lon = fields.Float(
        validate=validate.Range(min=-180, max=180),
        metadata={"description": "origin for distance: longitude (with lat)"},
    )
    radius_miles = fields.Float(
        validate=validate.Range(min=0.1, max=500),
        metadata={"description": "only services within this distance of the origin"},
    )
    language = CommaList(
        fields.String(validate=LANGUAGE_CODE),
        load_default=list,
        metadata={"description": "ISO 639-1 codes, any of (repeated or comma-separated)"},
    )
    insurance = CommaList(
        fields.String(validate=validate.OneOf(sorted(INSURANCE_CATEGORIES))),
        load_default=list,
        metadata={"description": "insurance categories, any of (repeated or comma-separated)"},
    )
    open_now = fields.Boolean(
        load_default=False, metadata={"description": "only services open now, in the directory's time zone"}
    )
    age = fields.Integer(
        validate=validate.Range(min=0, max=130),
        metadata={"description": "only services whose age range includes this age"},
    )
    accepting_new_clients = fields.Boolean(
        metadata={"description": "only services taking new clients (true) or not (false)"}
    )
    sort = fields.String(
        load_default="relevance",
        validate=validate.OneOf(["relevance", "distance", "name"]),
        metadata={"description": "relevance (default), distance (needs an origin) or name"},
    )
    facets = fields.Boolean(load_default=True, metadata={"description": "count facets over every match"})
    debug = fields.Boolean(load_default=False, metadata={"description": "explain each result's score in `_debug`"})
    minimal = fields.Boolean(
        load_default=False,
        metadata={"description": "only id, name, status, organization_id and last_modified of each service"},
    )
    full = fields.Boolean(load_default=False, metadata={"description": "accepted for HSDS compatibility"})
    format = fields.String(
        load_default="json",
        validate=validate.OneOf(["json", "ndjson"]),
        metadata={"description": "json (paged) or ndjson (every result, one per line, unpaged)"},
    )

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_: Any) -> None:
        errors: dict[str, list[str]] = {}
        if ("lat" in data) != ("lon" in data):
            errors["lon" if "lat" in data else "lat"] = ["give lat and lon together"]
        if "postcode" in data and "lat" in data:
            errors["postcode"] = ["give a postcode or lat and lon, not both"]
        has_origin = "postcode" in data or "lat" in data
        if "radius_miles" in data and not has_origin:
            errors["radius_miles"] = ["needs an origin: postcode, or lat and lon"]
        if data.get("sort") == "distance" and not has_origin:
            errors["sort"] = ["sorting by distance needs an origin: postcode, or lat and lon"]
        if data.get("minimal") and data.get("full"):
            errors["full"] = ["choose minimal or full, not both"]
        if errors:
            raise ValidationError(errors)

    @post_load
    def _to_search(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["request"] = ServiceSearch(
            text=data["search"],
            taxonomy_term_ids=tuple(data["taxonomy_term_id"]),
            taxonomy_codes=tuple(data["taxonomy_code"]),
            taxonomy_id=data.get("taxonomy_id"),
            organization_id=data.get("organization_id"),
            modified_after=data.get("modified_after"),
            languages=tuple(data["language"]),
            insurance=tuple(data["insurance"]),
            open_now=data["open_now"],
            postcode=data.get("postcode"),
            latitude=data.get("lat"),
            longitude=data.get("lon"),
            radius_miles=data.get("radius_miles"),
            age=data.get("age"),
            accepting_new_clients=data.get("accepting_new_clients"),
            sort=data["sort"],
            facets=data["facets"] and data["format"] == "json",
            debug=data["debug"],
        )
        return data


def dump_result(item: RankedService, schema: Schema) -> dict[str, Any]:
    """A listed service (HSDS list item) plus what the search knows about it for this request."""
    data: dict[str, Any] = schema.dump(item.service)
    data["distance_miles"] = round(item.distance_miles, 1) if item.distance_miles is not None else None
    data["open_now"] = item.open_now
    if item.opens_at is not None:
        data["opens_at"] = item.opens_at.isoformat()
    if item.explanation is not None:
        data["_debug"] = item.explanation
    return data


class ServiceAtLocationArgsSchema(PageArgsSchema):
    search = fields.String(load_default="", validate=validate.Length(max=2000), metadata={"description": "free text"})
    taxonomy_term_id = fields.UUID(metadata={"description": "services tagged with this term"})
    taxonomy_id = fields.UUID(metadata={"description": "services tagged with a term of this taxonomy"})
    organization_id = fields.UUID(metadata={"description": "services of this organization"})
    modified_after = fields.AwareDateTime(
        default_timezone=dt.UTC, metadata={"description": "changed on or after this instant (UTC if no offset)"}
    )
    postcode = fields.String(
        validate=ZIP_CODE,
        metadata={"description": "services covering this ZIP code"},
    )
    proximity = fields.Float(  # metres, as HSDS says
        validate=validate.Range(min=1, max=1_000_000),
        metadata={"description": "with postcode: within this many metres of its centre"},
    )
    full = fields.Boolean(load_default=False, metadata={"description": "accepted for HSDS compatibility"})
    format = fields.String(load_default="json", validate=validate.OneOf(["json"]))

    @validates_schema
    def _proximity_needs_postcode(self, data: dict[str, Any], **_: Any) -> None:
        if "proximity" in data and "postcode" not in data:
            raise ValidationError("proximity is measured from a postcode: give postcode too", field_name="proximity")

    @post_load
    def _to_search(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["request"] = LocationSearch(
            text=data["search"],
            taxonomy_term_id=data.get("taxonomy_term_id"),
            taxonomy_id=data.get("taxonomy_id"),
            organization_id=data.get("organization_id"),
            modified_after=data.get("modified_after"),
            postcode=data.get("postcode"),
            proximity_metres=data.get("proximity"),
        )
        return data
