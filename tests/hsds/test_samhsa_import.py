"""Importing SAMHSA FindTreatment listings: one organization per provider, one location per site, one service per
type of care; insurance onto the directory's categories; stable ids; bad rows by file and row, all or nothing."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.eligibility.evaluation import Status, match
from directory.eligibility.insurance import InsuranceStatus, insurance_verdict
from directory.eligibility.profile import ClientProfile, Coverage
from directory.hsds.samhsa_listings import convert, import_samhsa, is_samhsa
from directory.listings import models as m
from directory.listings.validation import ImportFailed
from tests.conftest import shared_path
from tests.factories import TaxonomyTermFactory

TABLES = [m.Organization, m.Location, m.Address, m.Service, m.ServiceAtLocation, m.Phone, m.Language, m.Attribute]
CODES = ["sa", "mh", "sumh", "op", "res", "otp", "bu", "md", "mc", "pi", "sf", "ss", "np", "sp", "f70", "chld", "yad",
         "adlt", "snr", "fem", "male"]  # fmt: skip
HEADER = ["name1", "name2", "street1", "street2", "city", "state", "zip", "zip4", "county", "phone", "intake_prompt",
          "intake1", "intake2", "website", "latitude", "longitude", "type_facility", *CODES]  # fmt: skip
HARBOR = {"name1": "Harbor Health Services", "name2": "Harbor Recovery Center", "street1": "10 Main Street",
          "city": "Boston", "state": "MA", "zip": "02118", "county": "Suffolk", "phone": "617-555-0100",
          "website": "https://harbor.example.org", "latitude": "42.3398", "longitude": "-71.0892"}  # fmt: skip


def counts(session: Session) -> dict[str, int]:
    session.flush()
    return {t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES}


def facility(codes: str, **values: str) -> dict[str, str]:
    row = dict.fromkeys(HEADER, "")
    row.update(values)
    for code in codes.split():
        row[code] = "1"
    return row


def write_listing(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


def small_listing(folder: Path) -> Path:
    """Four facilities: one site listed for substance use and mental health, a youth clinic of the same provider
    elsewhere, and a women's residence of another provider, which is listed twice (as the real exports do)."""
    women = facility("sa res np fem yad adlt snr", name1="Quiet Waters House", street1="5 Elm Road", city="Salem",
                     state="MA", zip="1970", phone="978-555-0123", latitude="42.5195", longitude="-70.8967",
                     type_facility="SU")  # fmt: skip
    return write_listing(
        folder / "ma_listing.csv",
        [
            facility(
                "sa sumh op otp bu md mc sf ss sp f70 yad adlt snr fem male",
                **HARBOR,
                type_facility="SU",
                intake1="617-555-0101 x204",
                intake_prompt="Intakes",
            ),
            facility("mh sa op md pi sf chld yad adlt snr", **HARBOR, type_facility="MH"),
            facility(
                "mh op pi sf chld",
                **{
                    **HARBOR,
                    "name2": "Harbor Youth Clinic",
                    "street1": "200 Dudley Street",
                    "zip": "02119",
                    "latitude": "42.3290",
                    "longitude": "-71.0840",
                },
                type_facility="MH",
            ),
            women,
            women,
        ],
    )


def service_named(session: Session, name: str) -> m.Service:
    service = session.scalars(select(m.Service).where(m.Service.name == name)).one()
    return service


def test_is_samhsa_recognises_listings_and_nothing_else(tmp_path: Path) -> None:
    listing = small_listing(tmp_path)
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"page": 1, "rows": [{"frid": "a1", "name1": "X", "typeFacility": "SA"}]}))
    hsds = tmp_path / "other"
    hsds.mkdir()
    (hsds / "organizations.csv").write_text("id,name,description\n1,Harbor,Help\n")
    (hsds / "services.json").write_text(json.dumps([{"id": "x", "name": "Food pantry"}]))
    (hsds / "notes.txt").write_text("name1,type_facility,street1,latitude\n")
    assert is_samhsa(listing)
    assert is_samhsa(page)
    assert is_samhsa(tmp_path)  # a folder holding listings
    assert not is_samhsa(hsds)
    assert not any(is_samhsa(path) for path in hsds.iterdir())


def test_import_samhsa_makes_one_organization_location_and_service_per_provider_site_and_care(
    db_session: Session, tmp_path: Path
) -> None:
    result = import_samhsa(db_session, small_listing(tmp_path))
    assert result.counts == {"organization": 2, "service": 4, "location": 3}
    assert result.warnings == []
    found = counts(db_session)
    assert (found["organizations"], found["locations"], found["services"]) == (2, 3, 4)
    assert found["service_at_locations"] == 4
    substance = service_named(db_session, "Harbor Recovery Center: substance use treatment")
    mental = service_named(db_session, "Harbor Recovery Center: mental health treatment")
    assert substance.organization.name == "Harbor Health Services"
    assert substance.service_at_locations[0].location_id == mental.service_at_locations[0].location_id
    site = substance.service_at_locations[0].location
    assert (site.name, site.latitude, site.longitude) == ("Harbor Recovery Center", 42.3398, -71.0892)
    address = site.addresses[0]
    assert (address.address_1, address.city, address.state_province, address.postal_code, address.region) == (
        "10 Main Street", "Boston", "MA", "02118", "Suffolk",
    )  # fmt: skip
    assert substance.url == "https://harbor.example.org"
    assert substance.description is not None
    assert substance.description.startswith("Substance use treatment; Treatment for co-occurring")
    assert "Opioid treatment: SAMHSA-certified Opioid Treatment Program, Buprenorphine used in treatment." in (
        substance.description
    )
    assert "Mental health treatment" not in substance.description  # the MH row is its own service
    assert sorted((p.description, p.number, p.extension) for p in substance.phones) == [
        ("Intake", "617-555-0101", 204), ("Main", "617-555-0100", None),
    ]  # fmt: skip
    assert sorted((lang.name, lang.code) for lang in substance.languages) == [
        ("English", "en"), ("Russian", "ru"), ("Spanish", "es"),
    ]  # fmt: skip
    women = service_named(db_session, "Quiet Waters House: substance use treatment")
    assert women.service_at_locations[0].location.addresses[0].postal_code == "01970"  # the leading zero restored


def test_import_samhsa_maps_payment_codes_onto_insurance_categories(db_session: Session, tmp_path: Path) -> None:
    import_samhsa(db_session, small_listing(tmp_path))
    substance = service_named(db_session, "Harbor Recovery Center: substance use treatment")
    youth = service_named(db_session, "Harbor Youth Clinic: mental health treatment")
    women = service_named(db_session, "Quiet Waters House: substance use treatment")
    assert substance.insurance_accepted == [
        {"category": "medicaid"},
        {"category": "medicare"},
        {"category": "self_pay"},
    ]
    assert substance.payment_options == ["sliding_fee"]
    assert youth.insurance_accepted == [{"category": "private"}, {"category": "self_pay"}]
    assert women.payment_options == ["free"]

    def verdict(service: m.Service, *coverage: Coverage) -> InsuranceStatus:
        return insurance_verdict(service.insurance_accepted, service.payment_options, list(coverage)).status

    medicaid = Coverage("medicaid")
    assert verdict(substance, medicaid) is InsuranceStatus.ACCEPTED
    assert verdict(substance, Coverage("dual")) is InsuranceStatus.ACCEPTED
    assert verdict(youth, medicaid) is InsuranceStatus.NOT_ACCEPTED
    assert verdict(youth, Coverage("private")) is InsuranceStatus.ACCEPTED
    assert verdict(substance) is InsuranceStatus.ACCEPTED  # uninsured: a sliding fee
    assert verdict(women) is InsuranceStatus.NOT_APPLICABLE  # free


def test_import_samhsa_turns_age_groups_and_genders_into_eligibility(db_session: Session, tmp_path: Path) -> None:
    import_samhsa(db_session, small_listing(tmp_path))
    youth = service_named(db_session, "Harbor Youth Clinic: mental health treatment")
    women = service_named(db_session, "Quiet Waters House: substance use treatment")
    mental = service_named(db_session, "Harbor Recovery Center: mental health treatment")
    assert (youth.minimum_age, youth.maximum_age) == (None, 17)
    assert (women.minimum_age, women.maximum_age) == (18, None)
    assert women.eligibility_description == "Ages: young adults, adults, seniors. Serves women only."
    assert mental.eligibility_criteria is None  # every age group: no restriction
    today = date(2026, 12, 1)
    assert match(ClientProfile(as_of=today, age=15), youth.eligibility_criteria).status is Status.ELIGIBLE
    assert match(ClientProfile(as_of=today, age=30), youth.eligibility_criteria).status is Status.INELIGIBLE
    assert match(ClientProfile(as_of=today, age=40, gender="male"), women.eligibility_criteria).status is (
        Status.INELIGIBLE
    )
    assert match(ClientProfile(as_of=today, age=40, gender="female"), women.eligibility_criteria).status is (
        Status.ELIGIBLE
    )


def test_import_samhsa_attaches_the_directorys_taxonomy_terms_only_when_they_exist(
    db_session: Session, tmp_path: Path
) -> None:
    broad = TaxonomyTermFactory(code="substance_use", name="Substance use")
    otp = TaxonomyTermFactory(code="otp_methadone", name="Opioid treatment program (methadone)")
    import_samhsa(db_session, small_listing(tmp_path))
    substance = service_named(db_session, "Harbor Recovery Center: substance use treatment")
    mental = service_named(db_session, "Harbor Recovery Center: mental health treatment")
    assert {a.taxonomy_term_id for a in substance.attributes} == {broad.id, otp.id}
    assert mental.attributes == []  # no mental_health term in this database: skipped, not invented


def test_importing_the_same_listing_again_updates_and_never_duplicates(db_session: Session, tmp_path: Path) -> None:
    listing = small_listing(tmp_path)
    import_samhsa(db_session, listing)
    first = counts(db_session)
    ids = set(db_session.scalars(select(m.Service.id)))
    import_samhsa(db_session, listing)
    assert counts(db_session) == first
    assert set(db_session.scalars(select(m.Service.id))) == ids
    text = listing.read_text().replace("617-555-0100", "617-555-0199")
    listing.write_text(text)
    import_samhsa(db_session, listing)
    assert counts(db_session) == first
    substance = service_named(db_session, "Harbor Recovery Center: substance use treatment")
    assert "617-555-0199" in {p.number for p in substance.phones}


def test_bad_rows_are_reported_by_file_and_row_and_nothing_is_imported(db_session: Session, tmp_path: Path) -> None:
    listing = small_listing(tmp_path)
    with listing.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows.insert(1, {**rows[0], "name1": "", "type_facility": "MH"})
    rows.append({**rows[3], "latitude": "north"})
    write_listing(listing, rows)
    with pytest.raises(ImportFailed) as failed:
        import_samhsa(db_session, listing)
    problems = failed.value.problems
    assert [(p.file, p.record, p.field) for p in problems] == [
        (str(listing), 1, "name1"), (str(listing), 6, "latitude"),
    ]  # fmt: skip
    assert str(problems[0]).startswith(f"{listing}, record 2, field name1: is required")
    assert counts(db_session)["services"] == 0
    assert counts(db_session)["organizations"] == 0
    kept = import_samhsa(db_session, listing, skip_invalid=True)
    assert kept.counts["service"] == 4
    assert any("record 7, field latitude" in warning for warning in kept.warnings)


def test_api_pages_use_the_frid_and_share_a_site_between_types_of_care(db_session: Session, tmp_path: Path) -> None:
    def row(frid: str, kind: str, services: list[dict[str, str]]) -> dict[str, Any]:
        return {"frid": frid, "name1": "Region Ten", "name2": "", "street1": "800 Preston Avenue", "street2": "",
                "city": "Charlottesville", "state": "VA", "zip": "22903", "phone": "434-972-1800",
                "typeFacility": kind, "intake1": None, "hotline1": "434-977-4673", "website": "http://",
                "latitude": "38.0364492", "longitude": "-78.4888244", "services": services}  # fmt: skip

    pay = {"f1": "Payment/Insurance/Funding Accepted", "f2": "PAY",
           "f3": "Medicaid; Military insurance (e.g., TRICARE); Cash or self-payment"}  # fmt: skip
    ages = {"f1": "Age Groups Accepted", "f2": "AGE", "f3": "Adults; Young adults; Seniors (65 or older)"}
    page = tmp_path / "page.json"
    rows = [row("f-sa", "SA", [pay, ages]), row("f-mh", "MH", [pay])]
    page.write_text(json.dumps({"page": 1, "totalPages": 1, "recordCount": 2, "rows": rows}))
    result = import_samhsa(db_session, page)
    assert result.counts == {"organization": 1, "service": 2, "location": 1}
    substance = service_named(db_session, "Region Ten: substance use treatment")
    assert substance.insurance_accepted == [{"category": "medicaid"}, {"category": "tricare"}, {"category": "self_pay"}]
    assert substance.minimum_age == 18
    assert substance.url is None  # a bare "http://" is no website
    assert ("Hotline", "434-977-4673") in {(p.description, p.number) for p in substance.phones}
    rows[0]["name1"] = "Region Ten CSB"  # renamed upstream: the frid keeps the service
    page.write_text(json.dumps({"rows": rows}))
    import_samhsa(db_session, page)
    assert counts(db_session)["services"] == 2


# -- the real SAMHSA files (../shared) ------------------------------------------------------------------------------

REAL = "datasets", "samhsa-findtreatment"


@pytest.mark.parametrize(
    ("name", "rows", "organizations", "locations", "services"),
    [
        # 662 rows: 465 sites (196 listed for SU and MH), SaVida West Springfield listed twice for SU
        ("ma_facility_listing_2025-08-19.csv", 662, 295, 465, 661),
        ("us_eating_disorder_programs_2022-05-25.csv", 168, 136, 168, 168),
        ("api_sample_va_2019.json", 30, 15, 28, 30),
    ],
)
def test_the_real_samhsa_files_import_with_their_exact_counts(
    db_session: Session, name: str, rows: int, organizations: int, locations: int, services: int
) -> None:
    path = shared_path(*REAL, name)
    converted = convert(path)
    assert (converted.rows, converted.problems) == (rows, [])
    result = import_samhsa(db_session, path)
    assert result.counts == {"organization": organizations, "service": services, "location": locations}
    found = counts(db_session)
    assert (found["organizations"], found["locations"], found["services"]) == (organizations, locations, services)
    import_samhsa(db_session, path)
    assert counts(db_session) == found


def test_the_real_ma_listing_maps_insurance(db_session: Session) -> None:
    import_samhsa(db_session, shared_path(*REAL, "ma_facility_listing_2025-08-19.csv"))
    services = list(db_session.scalars(select(m.Service)))
    medicaid = [s for s in services if {"category": "medicaid"} in s.insurance_accepted]
    sliding = [s for s in services if "sliding_fee" in s.payment_options]
    assert (len(services), len(medicaid), len(sliding)) == (661, 592, 171)
    verdicts = {
        insurance_verdict(s.insurance_accepted, s.payment_options, [Coverage("medicaid")]).status for s in medicaid
    }
    assert verdicts == {InsuranceStatus.ACCEPTED}


def test_the_real_folder_imports_every_listing_but_not_the_code_dictionary(db_session: Session) -> None:
    folder = shared_path(*REAL)
    assert is_samhsa(folder)
    assert not is_samhsa(folder / "service-codes-dictionary_2022.csv")
    result = import_samhsa(db_session, folder)
    # 860 rows; one eating-disorder program is also in the MA listing (same site, same type of care)
    assert result.counts == {"organization": 442, "service": 858, "location": 660}
