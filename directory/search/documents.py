"""Turning a service row into the document the index holds."""

from __future__ import annotations

from directory import geo
from directory.listings.hours import open_hour_tokens
from directory.listings.models import Schedule, Service, TaxonomyTerm
from directory.search import ServiceDocument
from directory.search.vocabulary import SYNONYMS


def _term_chain(term: TaxonomyTerm) -> list[TaxonomyTerm]:
    chain, seen = [], set()
    current: TaxonomyTerm | None = term
    while current is not None and current.id not in seen:
        chain.append(current)
        seen.add(current.id)
        current = current.parent
    return chain


def service_schedules(service: Service) -> list[Schedule]:
    """The schedules that say when a service is open: its own and its sites', else its locations' hours."""
    rows = list(service.schedules)
    for sal in service.service_at_locations:
        rows.extend(sal.schedules)
    if not rows:
        for sal in service.service_at_locations:
            rows.extend(sal.location.schedules)
    return rows


def service_document(service: Service) -> ServiceDocument:
    terms = [t for term in service.taxonomy_terms for t in _term_chain(term)]
    codes = sorted({term.code for term in terms if term.code})
    own_codes = {term.code for term in service.taxonomy_terms if term.code}
    synonyms = [phrase for code in sorted(own_codes) for phrase in SYNONYMS.get(code, {})]
    places: list[str] = []
    cells: set[str] = set()
    states: set[str] = set()
    for sal in service.service_at_locations:
        location = sal.location
        if location.latitude is not None and location.longitude is not None:
            cells.update(geo.cell_tokens(location.latitude, location.longitude))
        for address in location.addresses:
            places.extend([address.city, address.postal_code])
            if address.state_province:
                states.add(address.state_province.upper())
    if not states:
        for location in service.organization.locations:
            states.update(a.state_province.upper() for a in location.addresses if a.state_province)
    default_state = next(iter(sorted(states))) if len(states) == 1 else None
    areas: set[str] = set()
    for area in service.service_areas:
        areas.update(geo.area_tokens(area.name or "", default_state))
    languages = sorted({lang.code.lower() for lang in service.languages if lang.code})
    insurance = sorted({str(row.get("category")) for row in service.insurance_accepted if isinstance(row, dict)})
    modified = int(service.last_modified.timestamp()) if service.last_modified else 0
    return ServiceDocument(
        id=service.id,
        name=service.name,
        alternate_name=service.alternate_name or "",
        organization=service.organization.name,
        organization_id=str(service.organization_id),
        description=service.description or "",
        taxonomy_codes=tuple(codes),
        taxonomy_ids=tuple(sorted({str(term.id) for term in terms})),
        taxonomy_text=" ".join([*dict.fromkeys(term.name for term in terms), *synonyms]),
        eligibility=service.eligibility_description or "",
        languages=tuple(languages),
        insurance=tuple(insurance),
        places=" ".join(dict.fromkeys(p for p in places if p)),
        status=service.status.value,
        min_age=service.minimum_age,
        max_age=service.maximum_age,
        accepting_new_clients=service.current_accepting_new_clients,
        cells=tuple(sorted(cells)),
        areas=tuple(sorted(areas)),
        open_hours=tuple(sorted(open_hour_tokens(service_schedules(service)))),
        modified=modified,
    )
