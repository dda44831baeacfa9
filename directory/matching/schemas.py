"""POST /api/match: the body (profile, needs, place) and the answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from directory.eligibility.criteria import HOUSING_STATUSES, IMMIGRATION_STATUSES
from directory.eligibility.insurance import INSURANCE_CATEGORIES
from directory.eligibility.profile import ClientProfile, Coverage, Income, Period
from directory.geo import US_STATES
from directory.listings.schemas import ZIP_CODE
from directory.matching.operations import MatchRequest


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


class IncomeSchema(StrictSchema):
    amount = fields.Float(required=True, validate=validate.Range(min=0, max=10_000_000))
    period = fields.String(required=True, validate=validate.OneOf([p.value for p in Period]))


class CoverageSchema(StrictSchema):
    category = fields.String(required=True, validate=validate.OneOf(sorted(INSURANCE_CATEGORIES)))
    plan = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))


class ProfileSchema(StrictSchema):
    """Every field optional; missing or null means unknown."""

    as_of = fields.Date(load_default=None, allow_none=True)
    age = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0, max=130))
    birth_date = fields.Date(load_default=None, allow_none=True)
    gender = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(["female", "male", "nonbinary"]))
    household_size = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=50))
    income = fields.Nested(IncomeSchema, load_default=None, allow_none=True)
    postcode = fields.String(load_default=None, allow_none=True, validate=ZIP_CODE)
    county = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=2, max=100))
    state = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(sorted(US_STATES)))
    insurance = fields.List(fields.Nested(CoverageSchema), load_default=None, allow_none=True)
    veteran = fields.Boolean(load_default=None, allow_none=True)
    pregnant = fields.Boolean(load_default=None, allow_none=True)
    disability = fields.Boolean(load_default=None, allow_none=True)
    housing_status = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(sorted(HOUSING_STATUSES))
    )
    diagnoses = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=40)),
        values=fields.String(validate=validate.OneOf(["yes", "suspected", "no"])),
        load_default=None,
        allow_none=True,
    )
    immigration_status = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(sorted(IMMIGRATION_STATUSES))
    )
    enrolled_in = fields.List(
        fields.String(validate=validate.Length(min=1, max=40)), load_default=None, allow_none=True
    )
    languages = fields.List(
        fields.String(validate=validate.Regexp(r"^[a-z]{2}$", error="must be a two-letter ISO 639-1 code")),
        load_default=None,
        allow_none=True,
    )

    @validates_schema
    def _dates(self, data: dict[str, Any], **_: Any) -> None:
        birth, as_of = data.get("birth_date"), data.get("as_of")
        if birth is not None and as_of is not None and birth > as_of:
            raise ValidationError("is after the evaluation date", field_name="birth_date")

    def to_profile(self, data: dict[str, Any], today: dt.date) -> ClientProfile:
        income = data.get("income")
        insurance = data.get("insurance")
        enrolled = data.get("enrolled_in")
        return ClientProfile(
            as_of=data.get("as_of") or today,
            age=data.get("age"),
            birth_date=data.get("birth_date"),
            gender=data.get("gender"),
            household_size=data.get("household_size"),
            income=Income(income["amount"], Period(income["period"])) if income else None,
            postcode=data.get("postcode"),
            county=data.get("county"),
            state=data.get("state"),
            insurance=tuple(Coverage(c["category"], c.get("plan")) for c in insurance)
            if insurance is not None
            else None,
            veteran=data.get("veteran"),
            pregnant=data.get("pregnant"),
            disability=data.get("disability"),
            housing_status=data.get("housing_status"),
            diagnoses=dict(data.get("diagnoses") or {}),
            immigration_status=data.get("immigration_status"),
            enrolled_in=tuple(enrolled) if enrolled is not None else None,
            languages=tuple(data.get("languages") or ()),
        )


class NearSchema(StrictSchema):
    postcode = fields.String(validate=ZIP_CODE)
    lat = fields.Float(validate=validate.Range(min=-90, max=90))
    lon = fields.Float(validate=validate.Range(min=-180, max=180))

    @validates_schema
    def _one_place(self, data: dict[str, Any], **_: Any) -> None:
        if ("lat" in data) != ("lon" in data):
            raise ValidationError("give lat and lon together", field_name="lat" if "lon" in data else "lon")
        if not data:
            raise ValidationError("give a postcode, or lat and lon", field_name="postcode")


class MatchRequestSchema(StrictSchema):
    profile = fields.Nested(ProfileSchema, load_default=dict)
    needs = fields.List(fields.String(validate=validate.Length(min=1, max=100)), load_default=list)
    query = fields.String(load_default="", allow_none=True, validate=validate.Length(max=2000))
    service_ids = fields.List(fields.UUID(), load_default=None, allow_none=True)
    near = fields.Nested(NearSchema, load_default=None, allow_none=True)
    radius_miles = fields.Float(load_default=None, allow_none=True, validate=validate.Range(min=0.1, max=500))
    include_ineligible = fields.Boolean(load_default=False)
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))

    @validates_schema
    def _radius_needs_a_place(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("radius_miles") is not None and not data.get("near"):
            raise ValidationError("needs `near`: a postcode, or lat and lon", field_name="radius_miles")

    @post_load
    def _clean(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["query"] = data.get("query") or ""
        return data


def match_request(data: dict[str, Any], today: dt.date) -> MatchRequest:
    """What a loaded `MatchRequestSchema` asks for, as the match operation takes it."""
    near = data.get("near") or {}
    return MatchRequest(
        profile=ProfileSchema().to_profile(data["profile"], today),
        needs=tuple(data["needs"]),
        query=data["query"],
        service_ids=tuple(data["service_ids"]) if data.get("service_ids") is not None else None,
        postcode=near.get("postcode"),
        latitude=near.get("lat"),
        longitude=near.get("lon"),
        radius_miles=data.get("radius_miles"),
        include_ineligible=data["include_ineligible"],
        limit=data["limit"],
    )
