"""Building one seeded organization: its name, description, contacts and locations, and then its services
(seed_data/services.py), drawn from the generator's one random stream in a fixed order."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Final

from seed_data.files import JSON, read
from seed_data.hours import hours_business
from seed_data.ids import make_id
from seed_data.places import Region, Zip
from seed_data.planning import Archetype, OrgPlan
from seed_data.service_types import TYPES, Access
from seed_data.services import LANGUAGES, OrgContext, ServiceBuilder, Site, schedule_record
from seed_data.wording import acronym, slugify

_PLACES = read("places")
PORTLAND_NEIGHBORHOODS: Final[dict[str, tuple[str, ...]]] = {
    code: tuple(names) for code, names in _PLACES["portland_neighborhoods"].items()
}
REGION_WORDS: Final[dict[str, tuple[str, ...]]] = {
    county: tuple(words) for county, words in _PLACES["region_words"].items()
}
GENERIC_WORDS: Final[tuple[str, ...]] = tuple(_PLACES["generic_words"])
PORTLAND_QUADRANTS: Final[dict[str, str]] = {
    code: quadrant for quadrant, codes in _PLACES["portland_quadrants"].items() for code in codes
}
QUADRANT_STREETS: Final[dict[str, tuple[str, ...]]] = {
    quadrant: tuple(streets) for quadrant, streets in _PLACES["quadrant_streets"].items()
}
CITY_STREETS: Final[dict[str, tuple[str, ...]]] = {
    city: tuple(streets) for city, streets in _PLACES["city_streets"].items()
}
GENERIC_STREETS: Final[tuple[str, ...]] = tuple(_PLACES["generic_streets"])
STREET_SUFFIXES: Final[dict[str, str]] = _PLACES["street_suffixes"]
TRIMET_LINES: Final[tuple[int, ...]] = tuple(_PLACES["trimet_lines"])
MAX_LINES: Final[tuple[str, ...]] = tuple(_PLACES["max_lines"])
CTRAN_ROUTES: Final[tuple[int, ...]] = tuple(_PLACES["ctran_routes"])
ACCESSIBILITY: Final[tuple[tuple[str, str | None], ...]] = tuple(
    (entry["description"], entry.get("details")) for entry in _PLACES["accessibility"]
)
LOCATION_NOTES: Final[tuple[str, ...]] = tuple(_PLACES["location_notes"])
OTHER_LANGUAGES: Final[tuple[tuple[str, int], ...]] = tuple(read("listing_details")["other_languages"].items())


def expand_street(street: str) -> str:
    words = street.split()
    if words[0] in {"N", "NE", "NW", "S", "SE", "SW", "E", "W"} and len(words) > 2:
        words = words[1:]
    words[-1] = STREET_SUFFIXES.get(words[-1], words[-1])
    return " ".join(words)


class OrganizationBuilder:
    """Turns organization plans into HSDS records, drawing from one seeded stream."""

    def __init__(self, rng: random.Random, region: Region) -> None:
        self.rng = rng
        self.region = region
        self.services = ServiceBuilder(rng, region)
        self.org_names: set[str] = set()

    # ---------------------------------------------------------------- helpers
    def phone_number(self, where: Zip) -> str:
        return self.services.phone_number(where)

    def person(self) -> str:
        return self.services.person()

    def street(self, where: Zip) -> str:
        if where.city == "Portland" and not self.region.wide:
            quadrant = PORTLAND_QUADRANTS.get(where.code, "SE")
            return self.rng.choice(QUADRANT_STREETS[quadrant])
        return self.rng.choice(CITY_STREETS.get(where.city, GENERIC_STREETS))

    def place_word(self, where: Zip) -> str:
        roll = self.rng.random()
        if roll < 0.4 and where.code in PORTLAND_NEIGHBORHOODS:
            return self.rng.choice(PORTLAND_NEIGHBORHOODS[where.code])
        if roll < 0.4 and where.city != "Portland":
            return where.city
        if roll < 0.8:
            return self.rng.choice(REGION_WORDS.get(where.county, (where.county,)))
        return self.rng.choice(GENERIC_WORDS)

    def transportation(self, where: Zip) -> str | None:
        rng = self.rng
        if self.region.wide:
            return rng.choice(("Free parking on site.", "Local bus service stops within two blocks.", None))
        if where.state == "WA":
            route = rng.choice(CTRAN_ROUTES)
            return rng.choice(
                (
                    f"C-TRAN route {route} stops one block away.",
                    f"C-TRAN route {route} stops out front; free parking in back.",
                )
            )
        a, b = sorted(rng.sample(TRIMET_LINES, 2))
        return rng.choice(
            (
                f"TriMet lines {a} and {b} stop at the corner.",
                f"TriMet line {a} stops across the street; free parking behind the building.",
                f"A 5-minute walk from the MAX {rng.choice(MAX_LINES)} Line.",
                None,
            )
        )

    def org_name(self, archetype: Archetype, home: Zip) -> tuple[str, str]:
        """A unique organization name and the place word it was built from."""
        for _ in range(12):
            pattern = self.rng.choice(archetype.names)
            place = self.place_word(home)
            name = pattern.format(place=place)
            if name not in self.org_names:
                break
        else:
            place = home.city
            name = f"{pattern.format(place=place)} of {home.county} County"
            suffix = 2
            while name in self.org_names:
                name = f"{pattern.format(place=place)} {suffix}"
                suffix += 1
        self.org_names.add(name)
        return name, place

    def org_languages(self) -> list[str]:
        rng = self.rng
        languages = ["en"]
        if rng.random() < 0.55:
            languages.append("es")
        others = [code for code, _ in OTHER_LANGUAGES]
        weights = [weight for _, weight in OTHER_LANGUAGES]
        extra = rng.choices((0, 1, 2), (60, 30, 10))[0]
        while extra:
            code = rng.choices(others, weights)[0]
            if code not in languages:
                languages.append(code)
                extra -= 1
        return languages

    # ---------------------------------------------------------------- organizations
    def organization(self, index: int, plan: OrgPlan) -> tuple[JSON, list[JSON]]:
        rng = self.rng
        archetype = plan.archetype
        org_id = make_id("organization", index)
        home = self.region.pick(rng)
        name, place = self.org_name(archetype, home)
        slug = slugify(name)
        year = rng.randint(1948, 2021)
        languages = self.org_languages()
        slots = {
            "place": place,
            "county": f"{home.county} County",
            "year": str(year),
            "city": home.city,
        }
        org: JSON = {
            "id": org_id,
            "name": name,
            "description": rng.choice(archetype.descriptions).format(**slots),
            "email": f"info@{slug}.example.org",
            "website": f"https://example.org/{slug}",
            "phones": [
                {
                    "id": make_id("organization", index, "phone", 0),
                    "organization_id": org_id,
                    "number": self.phone_number(home),
                    "type": "voice",
                    "description": "Main office",
                }
            ],
        }
        self.optional_fields(org, index, archetype, year)
        programs = self.programs(org, index, plan)
        on_site = [code for code in plan.codes if self.access(TYPES[code].access)]
        sites = self.locations(org, index, archetype, home, languages, len(on_site))
        ctx = OrgContext(org_id, slug, home, tuple(languages), programs)
        assigned = self.assign_sites(on_site, sites)
        services = [self.services.service(ctx, code, assigned.get(code, [])) for code in plan.codes]
        return org, services

    def optional_fields(self, org: JSON, index: int, archetype: Archetype, year: int) -> None:
        rng = self.rng
        short = acronym(org["name"])
        if len(short) >= 3 and rng.random() < 0.3:
            org["alternate_name"] = short
        if rng.random() < 0.7:
            org["tax_status"] = "Government agency" if archetype.public else "501(c)(3)"
        if rng.random() < 0.6:
            org["year_incorporated"] = year
        if rng.random() < 0.5:
            count = min(len(archetype.funding), rng.randint(1, 2))
            org["funding"] = [
                {
                    "id": make_id("organization", index, "funding", k),
                    "organization_id": org["id"],
                    "source": source,
                }
                for k, source in enumerate(rng.sample(archetype.funding, count))
            ]
        if rng.random() < 0.3:
            person = self.person()
            org["contacts"] = [
                {
                    "id": make_id("organization", index, "contact", 0),
                    "organization_id": org["id"],
                    "name": person,
                    "title": "Executive Director",
                    "email": f"{slugify(person).replace('-', '.')}@{slugify(org['name'])}.example.org",
                }
            ]

    def programs(self, org: JSON, index: int, plan: OrgPlan) -> dict[str, str]:
        """The program that groups some of the organization's services, if it has one: code -> program id."""
        program = plan.archetype.program
        if not (program and self.rng.random() < 0.5 and set(program.codes) & set(plan.codes)):
            return {}
        program_id = make_id("organization", index, "program", 0)
        org["programs"] = [
            {
                "id": program_id,
                "organization_id": org["id"],
                "name": program.name,
                "description": program.description,
            }
        ]
        return dict.fromkeys(program.codes, program_id)

    def locations(
        self, org: JSON, index: int, archetype: Archetype, home: Zip, languages: Sequence[str], on_site: int
    ) -> list[Site]:
        n_sites = 1
        if on_site >= 2:
            options = list(range(1, min(4, on_site) + 1))
            n_sites = self.rng.choices(options, (1, 3, 4, 2)[: len(options)])[0]
        sites: list[Site] = []
        org["locations"] = []
        for k in range(n_sites):
            location, site = self.location(index, k, org["id"], archetype, home, languages)
            org["locations"].append(location)
            sites.append(site)
        return sites

    def assign_sites(self, on_site: list[str], sites: list[Site]) -> dict[str, list[Site]]:
        """Every location gets at least one on-site service; a few services use two."""
        rng = self.rng
        rng.shuffle(on_site)
        assigned: dict[str, list[Site]] = {}
        for k, code in enumerate(on_site):
            first = sites[k] if k < len(sites) else rng.choice(sites)
            assigned[code] = [first]
            if len(sites) > 1 and rng.random() < 0.1:
                assigned[code].append(rng.choice([s for s in sites if s is not first]))
        return assigned

    def access(self, mode: Access) -> bool:
        if mode == "either":
            return self.rng.random() < 0.5
        return mode == "site"

    def location(
        self,
        org_index: int,
        k: int,
        org_id: str,
        archetype: Archetype,
        home: Zip,
        languages: Sequence[str],
    ) -> tuple[JSON, Site]:
        rng = self.rng
        where = home if k == 0 else self.region.pick_near(rng, home)
        loc_id = make_id("organization", org_index, "location", k)
        street = self.street(where)
        kind = rng.choice(archetype.site_kinds)
        local = PORTLAND_NEIGHBORHOODS.get(where.code, (where.city,))[0]
        label = expand_street(street) if rng.random() < 0.5 else local
        jitter_lat = rng.uniform(-0.009, 0.009)
        jitter_lon = rng.uniform(-0.011, 0.011)
        address: JSON = {
            "id": make_id("organization", org_index, "location", k, "address"),
            "location_id": loc_id,
            "address_1": f"{rng.randint(100, 12999 if street[0] in 'NSEW' else 2999)} {street}",
            "city": where.city,
            "region": f"{where.county} County",
            "state_province": where.state,
            "postal_code": where.code,
            "country": "US",
            "address_type": "physical",
        }
        if rng.random() < 0.2:
            address["address_2"] = f"Suite {rng.choice((100, 110, 200, 210, 300, 400))}"
        location: JSON = {
            "id": loc_id,
            "organization_id": org_id,
            "location_type": "physical",
            "name": f"{label} {kind}" + (f" {k + 1}" if k and label == local else ""),
            "latitude": round(where.lat + jitter_lat, 6),
            "longitude": round(where.lon + jitter_lon, 6),
            "addresses": [address],
        }
        accessibility = rng.sample(ACCESSIBILITY, rng.randint(1, 3))
        location["accessibility"] = [
            {
                "id": make_id("organization", org_index, "location", k, "accessibility", j),
                "location_id": loc_id,
                "description": text,
            }
            | ({"details": details} if details else {})
            for j, (text, details) in enumerate(accessibility)
        ]
        transportation = self.transportation(where)
        if transportation:
            location["transportation"] = transportation
        if rng.random() < 0.4:
            location["description"] = rng.choice(LOCATION_NOTES)
        if rng.random() < 0.5:
            location["languages"] = [
                {
                    "id": make_id("organization", org_index, "location", k, "language", code),
                    "location_id": loc_id,
                    "name": LANGUAGES[code],
                    "code": code,
                }
                for code in languages
            ]
        if rng.random() < 0.3:
            location["phones"] = [
                {
                    "id": make_id("organization", org_index, "location", k, "phone", 0),
                    "location_id": loc_id,
                    "number": self.phone_number(where),
                    "type": "voice",
                    "description": "Front desk",
                }
            ]
        if rng.random() < 0.5:
            hours = hours_business(rng)
            location["schedules"] = [
                schedule_record(
                    make_id("organization", org_index, "location", k, "schedule", j), "location_id", loc_id, row
                )
                for j, row in enumerate(hours.rows)
            ]
        return location, Site(loc_id, location["name"], where)
