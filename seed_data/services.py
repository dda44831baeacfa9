"""Building one seeded service: its name, description, eligibility, payment, hours, phones and the rest, drawn from
the generator's one random stream in a fixed order (so the same seed always gives the same bytes)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from seed_data.eligibility import Elig, Eligibility, Residency, render_eligibility
from seed_data.files import JSON, read
from seed_data.freshness import AS_OF, timestamp
from seed_data.hours import HOURS, Hours, Row, row_description
from seed_data.ids import make_id, term_id
from seed_data.places import Place, Region, Zip
from seed_data.service_types import TYPES, Capacity, Cost, Pay, ServiceType, Variant, Wait
from seed_data.wording import join_words, slugify

_DETAILS = read("listing_details")
LANGUAGES: Final[dict[str, str]] = _DETAILS["languages"]
INTERPRETATION: Final[tuple[str, ...]] = tuple(_DETAILS["interpretation"])
LOCAL_SENTENCES: Final[tuple[str, ...]] = tuple(_DETAILS["local_sentences"])
LANGUAGE_SENTENCES: Final[tuple[str, ...]] = tuple(_DETAILS["language_sentences"])
VOICE_NOTES: Final[tuple[str, ...]] = tuple(_DETAILS["voice_notes"])
FIRST_NAMES: Final[tuple[str, ...]] = tuple(_DETAILS["first_names"])
LAST_NAMES: Final[tuple[str, ...]] = tuple(_DETAILS["last_names"])
CONTACT_TITLES: Final[tuple[str, ...]] = tuple(_DETAILS["contact_titles"])
UNITS: Final[dict[str, str]] = _DETAILS["units"]


@dataclass(frozen=True)
class Site:
    """A location of an organization, as services refer to it."""

    id: str
    name: str
    zip: Zip


@dataclass
class OrgContext:
    """What a service needs to know about the organization that runs it."""

    id: str
    slug: str
    home: Zip
    languages: tuple[str, ...]
    programs: dict[str, str]  # code -> program id


@dataclass(frozen=True)
class _Draft:
    """What is decided about a service before its record is written."""

    index: int
    sid: str
    type: ServiceType
    where: Zip
    place: Place
    variant: Variant
    hours: Hours
    elig: Elig
    eligibility: Eligibility
    pay: Pay
    capacity: JSON | None

    def child_id(self, kind: str, k: object) -> str:
        return make_id("service", self.index, kind, k)


class ServiceBuilder:
    """Turns an organization's service codes into HSDS service records."""

    def __init__(self, rng: random.Random, region: Region) -> None:
        self.rng = rng
        self.region = region
        self.next_service = 0
        self.lifeline_states: set[str] = set()  # states that already have a 988 center
        self.descriptions: set[str] = set()  # agencies rarely publish word-for-word the same text

    def phone_number(self, where: Zip) -> str:
        return f"{self.region.area_code(self.rng, where)}-555-01{self.rng.randrange(100):02d}"

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def service(self, org: OrgContext, code: str, sites: list[Site]) -> JSON:
        draft = self.draft(TYPES[code], org, sites)
        description, languages = self.description(draft, org)
        name = draft.variant.name.format(day=draft.hours.day, **draft.place.slots())
        service = self.record(draft, org, name, description)
        self.optional_fields(service, draft, org, name)
        self.children(service, draft, name, languages, sites)
        service["contacts"] = self.contacts(draft, org)
        return service

    def draft(self, st: ServiceType, org: OrgContext, sites: list[Site]) -> _Draft:
        rng = self.rng
        index = self.next_service
        self.next_service += 1
        sid = make_id("service", index)
        where = sites[0].zip if sites else org.home
        variant = self.variant(st, where)
        hours = HOURS[variant.hours or rng.choice(st.hours)](rng)
        place = self.region.place(where)
        elig = rng.choice(variant.elig or st.elig)
        eligibility = render_eligibility(elig, place, st.open_text)
        pay = rng.choice(st.pay)
        capacity: JSON | None = None
        if st.capacity and rng.random() < st.capacity.share:
            capacity = self.capacity(make_id("service", index, "capacity", 0), sid, st.capacity)
        return _Draft(index, sid, st, where, place, variant, hours, elig, eligibility, pay, capacity)

    def description(self, draft: _Draft, org: OrgContext) -> tuple[str, list[str]]:
        """The description, and the languages the service speaks (which it may mention)."""
        rng = self.rng
        text_slots = {
            **draft.place.slots(),
            "when": draft.hours.phrase,
            "capacity": str(draft.capacity["maximum"]) if draft.capacity else "several",
        }
        st, variant = draft.type, draft.variant
        pools = (variant.lead, *st.text[1:]) if variant.lead else st.text
        sentences = [rng.choice(pool) for pool in pools]
        languages = ["en"] + [c for c in org.languages[1:] if rng.random() < 0.75]
        if len(languages) > 1 and rng.random() < 0.6:
            spoken = join_words([LANGUAGES[c] for c in languages[1:]])
            sentences.append(rng.choice(LANGUAGE_SENTENCES).format(languages=spoken))
        description = " ".join(sentences).format(**text_slots)
        if description in self.descriptions:
            description = self.redrawn(draft.sid, pools, sentences, text_slots)
        self.descriptions.add(description)
        return description, languages

    def redrawn(self, sid: str, pools: Sequence[Sequence[str]], sentences: list[str], slots: dict[str, str]) -> str:
        """Agencies rarely publish word-for-word the same text: re-draw with this service's own random stream (so
        the main stream, and every other service, stays as it was), then add a local note."""
        own = random.Random(sid)  # noqa: S311 -- reproducible fake data, not security
        for _attempt in range(4):
            redrawn = [own.choice(pool) for pool in pools] + sentences[len(pools) :]
            description = " ".join(redrawn).format(**slots)
            if description not in self.descriptions:
                return description
        local = own.choice(LOCAL_SENTENCES)
        return " ".join([*sentences[: len(pools)], local, *sentences[len(pools) :]]).format(**slots)

    def record(self, draft: _Draft, org: OrgContext, name: str, description: str) -> JSON:
        st, eligibility, pay = draft.type, draft.eligibility, draft.pay
        accepting, wait_weeks, wait_time = self.waiting(st.wait)
        service: JSON = {
            "id": draft.sid,
            "organization_id": org.id,
            "name": name,
            "description": description,
            "status": "active",
            "application_process": self.rng.choice(st.apply),
            "fees_description": pay.fees.format(**draft.place.slots()),
            "eligibility_description": eligibility.description,
            "eligibility_criteria": eligibility.criteria,
            "insurance_accepted": self.insurance(pay, draft.place),
            "payment_options": list(pay.options),
            "accepting_new_clients": accepting,
            "wait_weeks": wait_weeks,
        }
        if eligibility.minimum_age is not None:
            service["minimum_age"] = eligibility.minimum_age
        if eligibility.maximum_age is not None:
            service["maximum_age"] = eligibility.maximum_age
        if wait_time:
            service["wait_time"] = wait_time
        return service

    def optional_fields(self, service: JSON, draft: _Draft, org: OrgContext, name: str) -> None:
        rng, st = self.rng, draft.type
        if st.code in org.programs:
            service["program_id"] = org.programs[st.code]
        if st.alt_names and rng.random() < 0.25:
            service["alternate_name"] = rng.choice(st.alt_names)
        if rng.random() < 0.5:
            service["url"] = f"https://example.org/{org.slug}/{slugify(name)}"
        if rng.random() < 0.4:
            local = rng.choice(("intake", "info", "appointments", "help"))
            service["email"] = f"{local}@{org.slug}.example.org"
        if rng.random() < 0.45:
            service["interpretation_services"] = rng.choice(INTERPRETATION)

    def children(self, service: JSON, draft: _Draft, name: str, languages: list[str], sites: list[Site]) -> None:
        rng, st, sid, child_id = self.rng, draft.type, draft.sid, draft.child_id
        service["phones"] = self.phones(draft, name, languages)
        service["schedules"] = [
            schedule_record(child_id("schedule", k), "service_id", sid, row) for k, row in enumerate(draft.hours.rows)
        ]
        service["service_areas"] = [self.service_area(child_id("area", 0), sid, st, draft.elig, draft.place)]
        service["languages"] = [
            {"id": child_id("language", c), "service_id": sid, "name": LANGUAGES[c], "code": c} for c in languages
        ]
        service["cost_options"] = [cost_record(child_id("cost", k), sid, c) for k, c in enumerate(draft.pay.costs)]
        service["required_documents"] = [
            {"id": child_id("document", k), "service_id": sid, "document": doc}
            for k, doc in enumerate(rng.choice(st.docs))
        ]
        codes = [st.code]
        if st.also and rng.random() < 0.25:
            codes.append(rng.choice(st.also))
        service["attributes"] = [
            {
                "id": child_id("attribute", c),
                "link_id": sid,
                "link_type": "service_taxonomy",
                "link_entity": "service",
                "taxonomy_term_id": term_id(c),
            }
            for c in codes
        ]
        service["service_at_locations"] = [
            self.service_at_location(child_id("at_location", k), sid, st.code, site, k) for k, site in enumerate(sites)
        ]
        service["capacities"] = [draft.capacity] if draft.capacity else []

    def contacts(self, draft: _Draft, org: OrgContext) -> list[JSON]:
        if self.rng.random() >= 0.15:
            return []
        person = self.person()
        return [
            {
                "id": draft.child_id("contact", 0),
                "service_id": draft.sid,
                "name": person,
                "title": self.rng.choice(CONTACT_TITLES),
                "email": f"{slugify(person).replace('-', '.')}@{org.slug}.example.org",
            }
        ]

    def variant(self, st: ServiceType, where: Zip) -> Variant:
        """Pick a name; each state gets exactly one 988 Lifeline call center first."""
        names: list[str | Variant] = list(st.names)
        if st.code == "crisis_line":
            lifeline: list[str | Variant] = [n for n in names if isinstance(n, str) and n.startswith("988")]
            if where.state not in self.lifeline_states:
                self.lifeline_states.add(where.state)
                names = lifeline
            else:
                names = [n for n in names if n not in lifeline]
        entry = self.rng.choice(names)
        return entry if isinstance(entry, Variant) else Variant(entry)

    def waiting(self, profile: Wait) -> tuple[bool | None, int | None, str | None]:
        rng = self.rng
        roll = rng.random()
        if profile == "open":
            return (None if roll < 0.05 else True), None, None
        if profile == "walkin":
            return True, 0, None
        if profile == "beds":
            return (None if roll < 0.15 else True), None, None
        if profile == "short":
            weeks = rng.choice((0, 0, 1, 1, 2))
            text = f"About {weeks} week{'s' if weeks > 1 else ''} to get started."
            return True, weeks, text if weeks else None
        if profile == "long":
            return self.long_wait(roll)
        if roll < 0.5:
            return False, None, ("The waitlist is closed; it reopens by lottery when funding allows.")
        weeks = rng.choice((26, 52, 78, 104))
        return True, weeks, f"The current wait is about {round(weeks / 4.345)} months."

    def long_wait(self, roll: float) -> tuple[bool | None, int | None, str | None]:
        if roll < 0.1:
            return False, None, ("The waitlist is closed right now; call monthly to check whether it has reopened.")
        if roll < 0.15:
            return None, None, None
        weeks = self.rng.randint(2, 12)
        return True, weeks, f"About {weeks} weeks for a first appointment."

    def insurance(self, pay: Pay, place: Place) -> list[JSON]:
        accepted: list[JSON] = []
        for category in pay.insurance:
            entry: JSON = {"category": category}
            if category == "medicaid_mco" and self.rng.random() < 0.5:
                plans = place.state.plans
                chosen = set(self.rng.sample(plans, self.rng.randint(1, len(plans))))
                entry["plans"] = [p for p in plans if p in chosen]
            accepted.append(entry)
        return accepted

    def phones(self, draft: _Draft, name: str, languages: Sequence[str]) -> list[JSON]:
        rng, st, where = self.rng, draft.type, draft.where

        def phone(k: int, number: str, kind: str, note: str) -> JSON:
            return {
                "id": draft.child_id("phone", k),
                "service_id": draft.sid,
                "number": number,
                "type": kind,
                "description": note,
            }

        if st.code == "crisis_line" and name.startswith("988"):
            return [phone(0, "988", "hotline", "Call 988 any time"), phone(1, "988", "text", "Text 988 any time")]
        always = draft.hours.rows[0].description == "Open 24 hours, 7 days a week"
        if st.hotline:
            note = "24-hour line" if always else "Crisis and information line"
            phones = [phone(0, self.phone_number(where), "hotline", note)]
        else:
            phones = [phone(0, self.phone_number(where), "voice", rng.choice(VOICE_NOTES))]
        if "es" in languages and rng.random() < 0.3:
            phones[0]["languages"] = [
                {
                    "id": make_id("service", draft.index, "phone", 0, "language", "es"),
                    "phone_id": phones[0]["id"],
                    "name": "Spanish",
                    "code": "es",
                }
            ]
        if st.texting and rng.random() < 0.5:
            phones.append(phone(len(phones), self.phone_number(where), "text", "Text line"))
        if st.fax and rng.random() < 0.4:
            phones.append(phone(len(phones), self.phone_number(where), "fax", "Fax for referrals and records"))
        return phones

    def service_area(self, area_id: str, sid: str, st: ServiceType, elig: Elig, place: Place) -> JSON:
        """The area named by the residency requirement, else the service's county."""
        area: JSON = {"id": area_id, "service_id": sid, "name": place.county_label}
        scopes = {r.scope for r in elig if isinstance(r, Residency) and r.hard}
        if "postcodes" in scopes:
            area["name"] = f"ZIP codes {join_words(place.postcodes)}"
        elif "state" in scopes:
            area["name"] = f"{place.state.name} (statewide)"
        elif "metro" in scopes and len(place.metro_counties) > 1:
            area["name"] = f"{join_words(place.metro_counties)} counties"
        if st.access == "remote":
            area["description"] = f"Serves people anywhere in {area['name']}."
        return area

    def service_at_location(self, sal_id: str, sid: str, code: str, site: Site, k: int) -> JSON:
        record: JSON = {"id": sal_id, "service_id": sid, "location_id": site.id}
        if code == "dv_shelter_hotline":
            record["description"] = "Advocacy office; the shelter address is confidential."
        elif k:
            record["description"] = f"Also offered at {site.name}; call ahead before visiting."
        return record

    def capacity(self, capacity_id: str, sid: str, spec: Capacity) -> JSON:
        rng = self.rng
        maximum = rng.randint(spec.low, spec.high)
        available = rng.randint(0, max(1, maximum // 4))
        updated = AS_OF - timedelta(days=rng.randint(1, 3))
        return {
            "id": capacity_id,
            "service_id": sid,
            "unit": {"id": make_id("unit", spec.unit), "name": UNITS[spec.unit], "identifier": spec.unit},
            "available": available,
            "maximum": maximum,
            "description": spec.note,
            "updated": timestamp(updated, rng),
        }


def schedule_record(schedule_id: str, owner_field: str, owner_id: str, row: Row) -> JSON:
    record: JSON = {
        "id": schedule_id,
        owner_field: owner_id,
        "freq": row.freq,
        "byday": row.byday,
        "opens_at": row.opens_at,
        "closes_at": row.closes_at,
        "description": row_description(row),
    }
    if row.valid_from:
        record["valid_from"] = row.valid_from
    if row.valid_to:
        record["valid_to"] = row.valid_to
    return record


def cost_record(cost_id: str, sid: str, cost: Cost) -> JSON:
    record: JSON = {"id": cost_id, "service_id": sid, "option": cost.option}
    if cost.amount is not None:
        record["amount"] = cost.amount
        record["currency"] = "USD"
    if cost.description:
        record["amount_description"] = cost.description
    return record
