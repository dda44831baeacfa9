"""Turning a service row into the document the index holds."""

from __future__ import annotations

from directory.listings.models import Service
from directory.search import ServiceDocument


def service_document(service: Service) -> ServiceDocument:
    terms = service.taxonomy_terms
    places: list[str] = []
    postcodes: list[str] = []
    coordinates: list[tuple[float, float]] = []
    for sal in service.service_at_locations:
        location = sal.location
        if location.latitude is not None and location.longitude is not None:
            coordinates.append((location.latitude, location.longitude))
        for address in location.addresses:
            places.append(address.city)
            postcodes.append(address.postal_code)
    languages = sorted({lang.code for lang in service.languages if lang.code})
    insurance = sorted({str(row.get("category")) for row in service.insurance_accepted if isinstance(row, dict)})
    return ServiceDocument(
        id=service.id,
        name=service.name,
        alternate_name=service.alternate_name or "",
        organization=service.organization.name,
        description=service.description or "",
        taxonomy_codes=tuple(sorted({term.code for term in terms if term.code})),
        taxonomy_text=" ".join(term.name for term in terms),
        eligibility=service.eligibility_description or "",
        languages=tuple(languages),
        insurance=tuple(insurance),
        places=" ".join(dict.fromkeys(places + postcodes)),
        postcodes=tuple(dict.fromkeys(postcodes)),
        status=service.status.value,
        min_age=service.minimum_age,
        max_age=service.maximum_age,
        accepting_new_clients=service.accepting_new_clients,
        coordinates=tuple(coordinates),
    )
