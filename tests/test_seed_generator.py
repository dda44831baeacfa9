"""The seed-data generator: deterministic, complete, internally consistent and valid HSDS 3.1."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from seed_data.generate import OUTPUT_FILES, dump, generate, main
from seed_data.ids import term_id
from seed_data.places import METRO_COUNTIES, STATES
from seed_data.service_types import CATALOGUE_CODES

JSON = dict[str, Any]
ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SCHEMAS = SHARED / "hsds" / "schema"
AS_OF = date(2026, 11, 23)

# eligibility-facts.md §3.1 and api.md
INSURANCE_CATEGORIES = {
    "medicaid", "medicaid_mco", "chip", "medicare", "medicare_advantage", "dual", "tricare",
    "va", "ihs_tribal", "private", "marketplace", "state_plan", "emergency_medicaid",
    "family_planning_only", "self_pay", "unknown",
}  # fmt: skip
PAYMENT_OPTIONS = {"sliding_fee", "free", "payment_assistance", "grant_funded_uninsured", "donation"}
LEAF_FIELDS = {
    "age": {"min", "max"},
    "gender": {"in"},
    "residency": {"postcodes", "counties", "states"},
    "income": {"max_percent_fpl", "fpg_year"},
    "household_size": {"min", "max"},
    "status": {"field", "in"},
    "diagnosis": {"any_of"},
    "immigration": {"in"},
    "enrolled_in": {"any_of"},
    "custom": {"text"},
}
EXTENSIONS = ("eligibility_criteria", "insurance_accepted", "payment_options", "accepting_new_clients", "wait_weeks")


@pytest.fixture(scope="module")
def county() -> dict[str, list[JSON]]:
    return generate()


@pytest.fixture(scope="module")
def wide() -> dict[str, list[JSON]]:
    return generate(3000, seed=11)


def code_of(service: JSON) -> str:
    """The service's primary catalogue code (its first attribute)."""
    codes = {term_id(code): code for code in CATALOGUE_CODES}
    return codes[service["attributes"][0]["taxonomy_term_id"]]


def services_per_code(data: dict[str, list[JSON]]) -> Counter[str]:
    codes = {term_id(code): code for code in CATALOGUE_CODES}
    return Counter(codes[a["taxonomy_term_id"]] for s in data["services"] for a in s["attributes"])


def objects(node: Any, path: str = "") -> Iterator[tuple[str, JSON]]:
    """Every JSON object below ``node`` with its path."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from objects(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from objects(value, f"{path}[{i}]")


def criteria_leaves(node: Any) -> Iterator[JSON]:
    if node is None:
        return
    assert isinstance(node, dict)
    groups = [key for key in ("all", "any", "not") if key in node]
    if groups:
        assert len(node) == 1, node
        (group,) = groups
        children = [node[group]] if group == "not" else node[group]
        assert children, node
        for child in children:
            yield from criteria_leaves(child)
        return
    yield node


# -- determinism and output files -------------------------------------------------------------------------


def test_generate_is_deterministic(county: dict[str, list[JSON]]) -> None:
    assert generate() == county


def test_ids_are_stable_across_seeds_but_content_is_not() -> None:
    one, other = generate(60, seed=1), generate(60, seed=2)
    assert [s["id"] for s in one["services"]] == [s["id"] for s in other["services"]]
    assert [t["id"] for t in one["taxonomy_terms"]] == [t["id"] for t in other["taxonomy_terms"]]
    assert [s["description"] for s in one["services"]] != [s["description"] for s in other["services"]]


def test_cli_writes_the_same_bytes_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a", "b"):
        assert main(["--services", "75", "--seed", "9", "--out", str(tmp_path / name)]) == 0
    assert "75 services" in capsys.readouterr().out
    for name in OUTPUT_FILES:
        first = (tmp_path / "a" / f"{name}.json").read_bytes()
        assert first == (tmp_path / "b" / f"{name}.json").read_bytes()
        text = first.decode("utf-8")
        records = json.loads(text)
        assert isinstance(records, list)
        assert text == json.dumps(records, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    assert len(json.loads((tmp_path / "a" / "services.json").read_text())) == 75


def test_committed_county_is_the_default_output(county: dict[str, list[JSON]]) -> None:
    folder = ROOT / "seed_data" / "county"
    for name in OUTPUT_FILES:
        assert (folder / f"{name}.json").read_text(encoding="utf-8") == dump(county[name]), name


def test_generate_rejects_an_empty_directory() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        generate(0)


# -- size and coverage -----------------------------------------------------------------------------------


def test_county_has_the_required_size(county: dict[str, list[JSON]]) -> None:
    services = county["services"]
    assert len(services) == 320
    assert len(county["organizations"]) >= 120
    used_locations = {sal["location_id"] for s in services for sal in s["service_at_locations"]}
    assert len(used_locations) >= 200
    languages = Counter(lang["code"] for s in services for lang in s["languages"])
    assert len(languages) >= 8
    assert languages["es"] > max(count for code, count in languages.items() if code not in ("en", "es"))
    for org in county["organizations"]:
        assert 1 <= len(org["locations"]) <= 4


def test_every_catalogue_code_has_at_least_three_services(county: dict[str, list[JSON]]) -> None:
    per_code = services_per_code(county)
    assert set(per_code) == set(CATALOGUE_CODES)
    assert min(per_code.values()) >= 3
    assert any(len(s["attributes"]) == 2 for s in county["services"])


def test_generator_codes_are_the_catalogue_codes() -> None:
    assert len(CATALOGUE_CODES) == len(set(CATALOGUE_CODES)) == 49
    catalogue = SHARED / "spec" / "catalogue.md"
    if not catalogue.exists():
        pytest.skip("shared/spec/catalogue.md is not available")
    text = catalogue.read_text(encoding="utf-8")
    listed = text.split("## Taxonomy codes", 1)[1].split("## Seed catalogue", 1)[0]
    assert set(re.findall(r"`([a-z0-9_]+)`", listed)) == set(CATALOGUE_CODES)


def test_taxonomy_has_twelve_categories_and_one_term_per_code(county: dict[str, list[JSON]]) -> None:
    (taxonomy,) = county["taxonomies"]
    assert taxonomy["name"] == "Portland Metro Community Services"
    assert taxonomy["version"] == "2026.1"
    terms = county["taxonomy_terms"]
    parents = [t for t in terms if "parent_id" not in t]
    children = [t for t in terms if "parent_id" in t]
    assert len(parents) == 12
    assert [t["code"] for t in children] == list(CATALOGUE_CODES)
    parent_ids = {t["id"] for t in parents}
    for term in terms:
        assert term["name"]
        assert term["description"]
        assert term["taxonomy_id"] == taxonomy["id"]
        assert term["taxonomy"] == taxonomy["name"]
        assert term["id"] == term_id(term["code"])
    assert {t["parent_id"] for t in children} == parent_ids


def test_a_larger_directory_spreads_over_oregon_and_washington(wide: dict[str, list[JSON]]) -> None:
    assert len(wide["services"]) == 3000
    assert min(services_per_code(wide).values()) >= 3
    addresses = [a for o in wide["organizations"] for loc in o["locations"] for a in loc["addresses"]]
    states = Counter(a["state_province"] for a in addresses)
    assert set(states) == {"OR", "WA"}
    outside = [a for a in addresses if a["region"].removesuffix(" County") not in METRO_COUNTIES[a["state_province"]]]
    assert len(outside) > len(addresses) / 2
    assert len({o["name"] for o in wide["organizations"]}) == len(wide["organizations"])


# -- ids and references ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["county", "wide"])
def test_every_id_is_a_unique_uuid(fixture: str, request: pytest.FixtureRequest) -> None:
    data = request.getfixturevalue(fixture)
    seen: Counter[str] = Counter()
    units: dict[str, str] = {}
    for name in OUTPUT_FILES:
        for path, obj in objects(data[name], name):
            if "id" not in obj:
                continue
            assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", obj["id"]), path
            if path.endswith(".unit"):  # shared units of measure ("beds") appear in many capacities
                assert units.setdefault(obj["id"], obj["name"]) == obj["name"]
                continue
            seen[obj["id"]] += 1
    assert [i for i, n in seen.items() if n > 1] == []
    assert 2 <= len(units) <= 4


def test_every_term_points_at_its_taxonomy_and_parent(county: dict[str, list[JSON]]) -> None:
    terms = {t["id"] for t in county["taxonomy_terms"]}
    taxonomies = {t["id"] for t in county["taxonomies"]}
    for term in county["taxonomy_terms"]:
        assert term["taxonomy_id"] in taxonomies
        if "parent_id" in term:
            assert term["parent_id"] in terms


def test_every_organizations_row_points_at_its_owner(county: dict[str, list[JSON]]) -> None:
    for org in county["organizations"]:
        for key in ("phones", "locations", "programs", "funding", "contacts"):
            for child in org.get(key, []):
                assert child["organization_id"] == org["id"]
        for location in org["locations"]:
            for key in ("addresses", "accessibility", "languages", "phones", "schedules"):
                for child in location.get(key, []):
                    assert child["location_id"] == location["id"]


def test_every_services_reference_points_at_an_existing_record(county: dict[str, list[JSON]]) -> None:
    terms = {t["id"] for t in county["taxonomy_terms"]}
    orgs = {o["id"]: o for o in county["organizations"]}
    for service in county["services"]:
        org = orgs[service["organization_id"]]
        if "program_id" in service:
            assert service["program_id"] in {p["id"] for p in org["programs"]}
        own_locations = {loc["id"] for loc in org["locations"]}
        for sal in service["service_at_locations"]:
            assert sal["service_id"] == service["id"]
            assert sal["location_id"] in own_locations
        for key in (
            "phones", "schedules", "service_areas", "languages", "cost_options",
            "required_documents", "contacts", "capacities",
        ):  # fmt: skip
            for child in service[key]:
                assert child["service_id"] == service["id"], key
        for phone in service["phones"]:
            for language in phone.get("languages", []):
                assert language["phone_id"] == phone["id"]
        for attribute in service["attributes"]:
            assert attribute["link_id"] == service["id"]
            assert (attribute["link_type"], attribute["link_entity"]) == ("service_taxonomy", "service")
            assert attribute["taxonomy_term_id"] in terms


# -- HSDS 3.1 schemas ------------------------------------------------------------------------------------


def validator(name: str) -> Any:
    if not SCHEMAS.exists():
        pytest.skip("shared/hsds/schema is not available")
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    draft = pytest.importorskip("referencing.jsonschema").DRAFT202012
    resources = [
        (path.name, referencing.Resource.from_contents(json.loads(path.read_text()), default_specification=draft))
        for path in SCHEMAS.glob("*.json")
    ]
    schema = json.loads((SCHEMAS / name).read_text())
    cls = jsonschema.Draft202012Validator  # the schemas' dialect; formats (uuid, email, date) checked too
    return cls(schema, registry=referencing.Registry().with_resources(resources), format_checker=cls.FORMAT_CHECKER)


def schema_errors(schema: str, records: list[JSON]) -> dict[str, list[str]]:
    check = validator(schema)
    problems = {}
    for record in records:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in check.iter_errors(record)]
        if errors:
            problems[record["id"]] = errors[:3]
    return problems


@pytest.mark.parametrize("fixture", ["county", "wide"])
def test_every_service_is_valid_hsds(fixture: str, request: pytest.FixtureRequest) -> None:
    services = request.getfixturevalue(fixture)["services"][:800]
    assert schema_errors("compiled/service.json", services) == {}


def test_every_organization_is_valid_hsds(county: dict[str, list[JSON]]) -> None:
    assert schema_errors("compiled/organization.json", county["organizations"]) == {}


def test_taxonomy_and_terms_are_valid_hsds(county: dict[str, list[JSON]]) -> None:
    assert schema_errors("taxonomy.json", county["taxonomies"]) == {}
    assert schema_errors("taxonomy_term.json", county["taxonomy_terms"]) == {}


def test_no_hsds_field_is_null(county: dict[str, list[JSON]]) -> None:
    for name in OUTPUT_FILES:
        for path, obj in objects(county[name], name):
            for key, value in obj.items():
                if value is None:
                    assert "." not in path, f"{path}.{key}"
                    assert key in EXTENSIONS, f"{path}.{key}"


# -- the project's extensions ----------------------------------------------------------------------------


def test_extensions_are_present_and_well_formed(county: dict[str, list[JSON]]) -> None:
    leaf_types: Counter[str] = Counter()
    for service in county["services"]:
        assert all(key in service for key in EXTENSIONS)
        criteria = service["eligibility_criteria"]
        if criteria is not None:
            assert set(criteria) == {"all"}
        for leaf in criteria_leaves(criteria):
            kind = leaf["type"]
            leaf_types[kind] += 1
            assert set(leaf) - {"type", "hard"} <= LEAF_FIELDS[kind], leaf
            assert leaf.get("hard", False) is False
        for entry in service["insurance_accepted"]:
            assert entry["category"] in INSURANCE_CATEGORIES
            if "plans" in entry:
                assert entry["category"] == "medicaid_mco"
                assert entry["plans"]
                assert set(entry["plans"]) <= set(STATES["OR"].plans + STATES["WA"].plans)
        assert set(service["payment_options"]) <= PAYMENT_OPTIONS
        assert service["accepting_new_clients"] in (True, False, None)
        assert service["wait_weeks"] is None or isinstance(service["wait_weeks"], int)
    assert set(leaf_types) == set(LEAF_FIELDS)
    criteria_text = json.dumps([s["eligibility_criteria"] for s in county["services"]])
    assert '"any"' in criteria_text
    assert '"not"' in criteria_text
    assert criteria_text.count('"hard": false') >= 5
    assert sum(s["eligibility_criteria"] is None for s in county["services"]) >= 10


def test_ages_match_the_age_requirement(county: dict[str, list[JSON]]) -> None:
    with_ages = 0
    for service in county["services"]:
        criteria = service["eligibility_criteria"] or {"all": []}
        ages = [leaf for leaf in criteria["all"] if leaf.get("type") == "age" and leaf.get("hard", True)]
        assert service.get("minimum_age") == (ages[0].get("min") if ages else None)
        assert service.get("maximum_age") == (ages[0].get("max") if ages else None)
        with_ages += bool(ages)
    assert with_ages > 50


def test_waits_and_acceptance_agree(county: dict[str, list[JSON]]) -> None:
    for service in county["services"]:
        weeks = service["wait_weeks"]
        if service["accepting_new_clients"] is False:
            assert weeks is None
        if weeks:
            assert service["accepting_new_clients"] is True
            assert service["wait_time"]
        if service["status"] != "active":
            assert service["accepting_new_clients"] is False
            assert service["alert"]
    assert any(s["wait_weeks"] for s in county["services"])
    assert any(s["accepting_new_clients"] is False and s["status"] == "active" for s in county["services"])


def test_free_services_take_no_insurance_and_say_so(county: dict[str, list[JSON]]) -> None:
    for service in county["services"]:
        if service["payment_options"] == ["free"] and not service["insurance_accepted"]:
            assert service["fees_description"].startswith("Free")
    shelters = [s for s in county["services"] if code_of(s) == "emergency_shelter_adult"]
    assert all(s["insurance_accepted"] == [] and s["capacities"] for s in shelters)


def test_medicaid_plans_belong_to_the_service_state(county: dict[str, list[JSON]]) -> None:
    orgs = {o["id"]: o for o in county["organizations"]}
    locations = {loc["id"]: loc for o in county["organizations"] for loc in o["locations"]}
    for service in county["services"]:
        if service["service_at_locations"]:
            state = locations[service["service_at_locations"][0]["location_id"]]["addresses"][0]["state_province"]
        else:
            state = orgs[service["organization_id"]]["locations"][0]["addresses"][0]["state_province"]
        for entry in service["insurance_accepted"]:
            assert set(entry.get("plans", [])) <= set(STATES[state].plans)


# -- realism ---------------------------------------------------------------------------------------------


def test_statuses_alerts_and_verification_dates(county: dict[str, list[JSON]]) -> None:
    services = county["services"]
    statuses = Counter(s["status"] for s in services)
    assert statuses["active"] > 0.95 * len(services)
    assert 3 <= statuses["temporarily closed"] <= 8
    assert 2 <= statuses["inactive"] <= 3
    assert sum("alert" in s for s in services) >= 8
    assured = [date.fromisoformat(s["assured_date"]) for s in services if "assured_date" in s]
    assert all(("assured_date" in s) == ("assurer_email" in s) for s in services)
    assert all(date(2024, 6, 1) <= d <= date(2026, 11, 30) for d in assured)
    year_old = sum(d < date(2025, 11, 23) for d in assured) / len(services)
    half_year_old = sum(d < date(2026, 5, 23) for d in assured) / len(services)
    assert 0.18 <= year_old <= 0.22
    assert 0.4 <= half_year_old <= 0.46
    assert 5 <= len(services) - len(assured) <= 15
    for service in services:
        modified = datetime.fromisoformat(service["last_modified"])
        assert modified.utcoffset() is not None
        assert modified.date() < AS_OF
        if "assured_date" in service:
            assert modified.date() >= date.fromisoformat(service["assured_date"])


def test_schedules_cover_the_usual_patterns(county: dict[str, list[JSON]]) -> None:
    rows = [row for s in county["services"] for row in s["schedules"]]
    for row in rows:
        assert row["freq"] in ("WEEKLY", "MONTHLY")
        assert re.fullmatch(r"\d\d:\d\d", row["opens_at"])
        assert re.fullmatch(r"\d\d:\d\d", row["closes_at"])
        assert row["opens_at"] < row["closes_at"]
        assert row["description"]
    every_day = ("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")
    always = [r for r in rows if (r["byday"], r["opens_at"], r["closes_at"]) == every_day]
    assert any(r["description"] == "Open 24 hours, 7 days a week" for r in always)
    assert any(r["freq"] == "MONTHLY" and r["byday"] == "1SA" for r in rows)
    assert any(r["closes_at"] >= "20:00" and r["opens_at"] >= "12:00" for r in rows)
    assert any("SA" in r["byday"].split(",") and r["freq"] == "WEEKLY" for r in rows)
    assert any(r["byday"] == "MO,TU,WE,TH,FR" and r["description"] == "Mon\u2013Fri 9am\u20135pm" for r in rows)
    assert any(len(s["schedules"]) >= 2 for s in county["services"])


def test_places_are_real_metro_zip_codes_with_fictional_streets(county: dict[str, list[JSON]]) -> None:
    zipcodes = pytest.importorskip("zipcodes")
    for org in county["organizations"]:
        for location in org["locations"]:
            (address,) = location["addresses"]
            (real,) = zipcodes.matching(address["postal_code"])
            assert address["city"] == real["city"]
            assert address["region"] == real["county"]
            assert address["state_province"] == real["state"]
            assert address["region"].removesuffix(" County") in METRO_COUNTIES[real["state"]]
            assert re.fullmatch(r"\d+ [A-Z0-9].+", address["address_1"])
            # ZIP centroid plus a jitter of well under 1.5 km
            assert abs(location["latitude"] - float(real["lat"])) < 0.0095
            assert abs(location["longitude"] - float(real["long"])) < 0.0115


def test_phone_numbers_are_fictional_except_988(county: dict[str, list[JSON]]) -> None:
    numbers = [p["number"] for _, obj in objects(county["organizations"]) for p in obj.get("phones", [])]
    numbers += [p["number"] for s in county["services"] for p in s["phones"]]
    assert all(re.fullmatch(r"(503|971|360)-555-01\d\d|988", n) for n in numbers)
    lifeline = [s for s in county["services"] if any(p["number"] == "988" for p in s["phones"])]
    assert lifeline
    assert all(code_of(s) == "crisis_line" for s in lifeline)
    assert all(s["service_at_locations"] == [] for s in lifeline)


def test_text_reads_like_an_agency_wrote_it(county: dict[str, list[JSON]]) -> None:
    services = county["services"]
    descriptions = [s["description"] for s in services]
    assert len(set(descriptions)) > 0.9 * len(descriptions)
    for service in services:
        text = service["description"]
        assert "{" not in text
        assert "lorem" not in text.lower()
        assert 2 <= len(re.findall(r"[.!?](?:\s|$)", text)) <= 5, text
        assert not re.search(r"\bService \d+\b", service["name"])
        assert service["eligibility_description"].endswith(".")
        assert service["application_process"]
        assert service["fees_description"]
    for org in county["organizations"]:
        assert org["website"].startswith("https://example.org/")
        assert org["email"].endswith(".example.org")
    per_code_names = Counter((code_of(s), s["name"]) for s in services)
    for code in ("food_pantry", "mh_outpatient", "rental_assistance"):
        assert len([name for c, name in per_code_names if c == code]) >= 2


# -- the data files --------------------------------------------------------------------------------------


def test_requirements_are_written_as_plain_data() -> None:
    from seed_data.eligibility import SHARED, Age, AnyOf, Custom, Income, requirement, variants

    assert requirement({"type": "age", "min": 18}) == Age(min=18) == SHARED["adult"]
    assert requirement("adult") is SHARED["adult"]
    nested = requirement(
        {
            "type": "any_of",
            "options": [{"type": "income", "max_percent_fpl": 185}, "adult"],
            "text": "Either",
            "hard": False,
        }
    )
    assert nested == AnyOf(options=(Income(max_percent_fpl=185), Age(min=18)), text="Either", hard=False)
    assert variants([[], ["adult", {"type": "custom", "text": "Referred"}]]) == (
        (),
        (Age(min=18), Custom(text="Referred")),
    )
    with pytest.raises(ValueError, match="not a requirement"):
        requirement({"type": "ages", "min": 18})
    with pytest.raises(KeyError):
        requirement("adults")


def test_every_kind_of_service_in_the_catalogue_has_its_seed_data() -> None:
    from directory.catalogue import catalogue
    from seed_data.service_types import TYPES, _service_type

    assert tuple(term.code for term in catalogue().service_types) == CATALOGUE_CODES == tuple(TYPES)
    pantry = catalogue().term("food_pantry")
    assert pantry is not None
    with pytest.raises(ValueError, match=r"\[food_pantry\]: unknown field 'colour'"):
        _service_type(pantry, {"names": ["Pantry"], "colour": "green"})
