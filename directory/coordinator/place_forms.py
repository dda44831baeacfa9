"""The listing editor's forms for places and organizations, as WTForms forms: a location the service is offered
at (or one it is added at), and the organization behind listings with its phones."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from werkzeug.datastructures import MultiDict
from wtforms import Field, Form, StringField
from wtforms.validators import ValidationError

from directory import geo
from directory.coordinator.editor_forms import Parsed
from directory.coordinator.editor_rows import (
    EditorForm,
    Errors,
    PhoneRow,
    Row,
    _,
    read_rows,
    rows_field,
    rows_of,
    stripped,
    text_of,
)
from directory.listings.models import Location, Organization, Service, ServiceAtLocation

FormData = MultiDict[str, str]

LOCATION_FIELDS = ("name", "description", "transportation")
ADDRESS_FIELDS = ("address_1", "address_2", "city", "state_province", "postal_code")
SHOWN = (*LOCATION_FIELDS, *ADDRESS_FIELDS, "service_note")


def _errors_of(form: Form) -> Errors:
    return {name: list(field.errors) for name, field in form._fields.items() if field.errors}


def _part_of_address(form: Form, field: Field) -> None:
    """An address is whole or absent: HSDS requires its first line, city, state and ZIP code."""
    if not field.data and any(form[name].data for name in ADDRESS_FIELDS):
        raise ValidationError(_("is required"))


def _state(text: str | None) -> str:
    """A state as its postal code where it is one ("Oregon" -> "OR"); anything else as typed, to be named."""
    typed = stripped(text)
    return (geo.state_code(typed) or typed) if typed else ""


class LocationForm(EditorForm):
    """A place's fields, and `service_note`: what is particular to this service there (HSDS
    service_at_location.description, e.g. "Tuesdays only; call ahead")."""

    name = StringField(filters=[stripped])
    description = StringField(filters=[stripped])
    transportation = StringField(filters=[stripped])
    address_1 = StringField(filters=[stripped], validators=[_part_of_address])
    address_2 = StringField(filters=[stripped])
    city = StringField(filters=[stripped], validators=[_part_of_address])
    state_province = StringField(filters=[_state], validators=[_part_of_address])
    postal_code = StringField(filters=[stripped], validators=[_part_of_address])
    service_note = StringField(filters=[stripped])

    def validate_name(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_("is required: the name people see for this place"))

    def validate_state_province(self, field: Field) -> None:
        if field.data and geo.state_code(field.data) is None:
            raise ValidationError(_("must be a US state, such as OR or WA"))

    def validate_postal_code(self, field: Field) -> None:
        if field.data and not geo.is_postcode(field.data):
            raise ValidationError(_("must be a 5-digit ZIP code, such as 97205"))

    def body(self, location: Location | None, organization_id: uuid.UUID) -> dict[str, Any]:
        """The edited location (or a new one of the organization) as the importer reads it."""
        body: dict[str, Any] = {"id": str(location.id) if location else str(uuid.uuid4())}
        if location is None:
            body["organization_id"] = str(organization_id)
            body["location_type"] = "physical"
        body.update({name: self[name].data or None for name in LOCATION_FIELDS})
        address = location.physical_address if location is not None else None
        if address is not None or any(self[name].data for name in ADDRESS_FIELDS):
            edited: dict[str, Any] = {"id": str(address.id) if address else str(uuid.uuid4())}
            edited.update({name: self[name].data or None for name in ADDRESS_FIELDS})
            if address is None:
                edited.update({"country": "US", "address_type": "physical"})
            others = [{"id": str(a.id)} for a in (location.addresses if location else []) if a is not address]
            body["addresses"] = [edited, *others]
            postcode = self.postal_code.data
            if postcode and postcode != (address.postal_code if address is not None else None):
                place = geo.find_zip(postcode)  # the map position follows a new ZIP code
                if place is not None:
                    body["latitude"], body["longitude"] = place.latitude, place.longitude
        return body


class ExistingPlaceForm(EditorForm):
    """Offering the service at a place its organization already has."""

    existing = StringField(filters=[stripped])


def location_row(sal: ServiceAtLocation | None) -> Row:
    """The place's fields, and `service_note`, as the page shows them."""
    location = sal.location if sal is not None else None
    address = location.physical_address if location is not None else None
    row: Row = {name: text_of(getattr(location, name, None)) for name in LOCATION_FIELDS}
    row.update({name: text_of(getattr(address, name, None)) for name in ADDRESS_FIELDS})
    row["service_note"] = text_of(sal.description if sal is not None else None)
    return row


_LOCATION_PATH = re.compile(r"^service_at_locations\[\d+\]\.location\.(?:addresses\[0\]\.)?(?P<field>[a-z_0-9]+)$")
_NOTE_PATH = re.compile(r"^service_at_locations\[\d+\]\.description$")


def place_location_errors(importer_errors: Mapping[str, list[str]]) -> Errors:
    """The importer's problems about the edited location, named by the page's fields."""
    placed: Errors = {}
    for path, messages in importer_errors.items():
        match = _LOCATION_PATH.match(path)
        field = match["field"] if match else "service_note" if _NOTE_PATH.match(path) else path
        placed.setdefault(field, []).extend(messages)
    return placed


def _link_existing(formdata: FormData, service: Service) -> Parsed | None:
    form = ExistingPlaceForm(formdata)
    existing = form.existing.data
    if not existing:
        return None
    errors: Errors = {}
    if existing not in {str(location.id) for location in service.organization.locations}:
        errors["existing"] = [_("is not a place of this organization")]
    elif existing in {str(sal.location_id) for sal in service.service_at_locations}:
        errors["existing"] = [_("the service is already offered there")]
    links = [{"id": str(sal.id)} for sal in service.service_at_locations]
    links.append({"id": str(uuid.uuid4()), "location_id": existing})
    shown = {"location": location_row(None), "existing": existing}
    return Parsed({"service_at_locations": links}, shown, errors, if_match=form.if_match)


def read_location(formdata: FormData, service: Service, edited: ServiceAtLocation | None) -> Parsed:
    """The service's `service_at_locations`, with one location edited (or, with no `edited`, one added).

    Adding either links a place the organization already has (`existing`) or describes a new one."""
    linked = _link_existing(formdata, service) if edited is None else None
    if linked is not None:
        return linked
    form = LocationForm(formdata)
    form.validate()
    body = form.body(edited.location if edited is not None else None, service.organization_id)
    note = form.service_note.data or None
    links: list[dict[str, Any]] = [
        {"id": str(sal.id), "description": note, "location": body} if sal is edited else {"id": str(sal.id)}
        for sal in service.service_at_locations
    ]
    if edited is None:
        links.append({"id": str(uuid.uuid4()), "description": note, "location": body})
    shown = {"location": {name: form[name].data for name in SHOWN}, "existing": ""}
    return Parsed({"service_at_locations": links}, shown, _errors_of(form), if_match=form.if_match)


def unlink_location(service: Service, edited: ServiceAtLocation) -> dict[str, Any]:
    """The body that stops offering the service at one place (the place itself stays, for other services)."""
    return {"service_at_locations": [{"id": str(sal.id)} for sal in service.service_at_locations if sal is not edited]}


# -- the organization page -----------------------------------------------------------------------------------

ORGANIZATION_FIELDS = ("name", "description", "email", "website")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_WEBSITE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


class OrganizationForm(EditorForm):
    name = StringField(filters=[stripped])
    description = StringField(filters=[stripped])
    email = StringField(filters=[stripped])
    website = StringField(filters=[stripped])
    phones = rows_field(PhoneRow)

    def validate_name(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_("is required"))

    def validate_email(self, field: Field) -> None:
        if field.data and not _EMAIL.match(field.data):
            raise ValidationError(_("must be an email address, such as info@example.org"))

    def validate_website(self, field: Field) -> None:
        if field.data and not _WEBSITE.match(field.data):
            raise ValidationError(_("must be a web address starting with https://"))


def organization_rows(organization: Organization) -> dict[str, Any]:
    return {
        "organization": {name: text_of(getattr(organization, name)) for name in ORGANIZATION_FIELDS},
        "phones": rows_of(PhoneRow, organization.phones),
    }


def read_organization(formdata: FormData, organization: Organization) -> Parsed:
    form = OrganizationForm(formdata)
    form.validate()
    row = {name: form[name].data for name in ORGANIZATION_FIELDS}
    errors = {name: list(form[name].errors) for name in ORGANIZATION_FIELDS if form[name].errors}
    phones = read_rows("phones", form.phones, errors, (str(phone.id) for phone in organization.phones))
    body: dict[str, Any] = {name: row[name] or None for name in ORGANIZATION_FIELDS}
    body["description"] = row["description"]  # HSDS: an organization always has a description, maybe empty
    body["phones"] = phones.items
    shown = {"organization": row, "phones": phones.rows}
    return Parsed(body, shown, errors, {"phones": phones.positions}, form.if_match)
