"""Import of SAMHSA FindTreatment.gov facility listings (CSV exports and API pages), mapped onto HSDS 3.1.

A SAMHSA listing has one row per facility and type of care (SU or SA: substance use, MH: mental health), with
0/1 service-code columns (CSV) or category/label lists (API `services`: f1 category, f2 code, f3 labels). A
directory user expects one organization per provider (name1), one location per site, and one service per type
of care at that site, so rows are grouped that way; a facility listed twice for the same type is merged.

Ids are uuid5 of a namespace and the facility's identity: for a site, a hash of name1+name2+street1+zip (so
the SU and MH rows of one site share a location, whichever file they came from); for a service, that hash
plus the type of care (CSV) or the API's `frid`. Importing the same file again updates and never duplicates.

The codes become HSDS fields: payment codes the directory's insurance categories (`insurance_accepted`, see
directory/eligibility/insurance.py) and `payment_options`, language codes `languages`, age groups
`minimum_age`/`maximum_age` and an age criterion, funding codes `funding`, accreditation and licensing codes
`accreditations`/`licenses`, and the rest (type of care, settings, approaches, special groups ...) the
description. The type of care attaches the directory's own taxonomy terms by code, when they exist.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.catalogue import catalogue
from directory.hsds.json_import import ImportFailed, JsonImporter, Problem
from directory.hsds.legacy import LegacyResult
from directory.listings import models as m

NAMESPACE = uuid.UUID("9349ef7a-ff6d-4fe7-ab1c-3e01c886bc67")

#: Category labels, in the order the description lists them (None: not described, used elsewhere).
CATEGORIES: dict[str, str | None] = {
    "TC": None,  # the type of care opens the description
    "SET": "Settings",
    "FT": "Facility type",
    "OT": "Opioid treatment",
    "OM": "Opioid medications",
    "DETOX": "Withdrawal management (detox) for",
    "PHR": "Medications",
    "TAP": "Treatment approaches",
    "EDU": "Counseling and education",
    "ASSES": "Assessment",
    "SCR": "Screening and testing",
    "TRSRV": "Transitional services",
    "AS": "Ancillary services",
    "RSS": "Recovery support",
    "EMS": "Emergency mental health services",
    "TOBAC": "Tobacco services",
    "SG": "Special programs for",
    "EXCL": "Serves only",
    "OTHR": "Other addictions",
    "HOSP": "Hospital",
    "FOP": "Operated by",
    "AGE": None,  # ages: eligibility
    "GN": None,  # genders: eligibility
    "SL": None,  # languages
    "OL": None,
    "PAY": None,  # insurance, payment options, funding
    "PYAS": None,
    "LCA": None,  # licenses and accreditations
    "SMP": None,  # smoking and vaping policy: not described
    "FVP": None,
}

#: Service codes: code -> (category, label). The 2022 service-code dictionary, plus the substance use codes of
#: the facility listings it leaves out (labels as the FindTreatment API spells them). Unknown codes are ignored.
CODES: dict[str, tuple[str, str]] = {
    # type of care
    "SA": ("TC", "Substance use treatment"),
    "MH": ("TC", "Mental health treatment"),
    "SUMH": ("TC", "Treatment for co-occurring substance use and serious mental illness or emotional disturbance"),
    "DT": ("TC", "Detoxification"),
    "HH": ("TC", "Transitional housing, halfway house, or sober home"),
    # settings
    "HI": ("SET", "Hospital inpatient"),
    "OP": ("SET", "Outpatient"),
    "PHDT": ("SET", "Partial hospitalization/day treatment"),
    "RES": ("SET", "Residential"),
    "RS": ("SET", "Short-term residential"),
    "RL": ("SET", "Long-term residential"),
    "RD": ("SET", "Residential detoxification"),
    "OD": ("SET", "Outpatient detoxification"),
    "ODT": ("SET", "Outpatient day treatment or partial hospitalization"),
    "OIT": ("SET", "Intensive outpatient treatment"),
    "ORT": ("SET", "Regular outpatient treatment"),
    "OMB": ("SET", "Outpatient methadone/buprenorphine or naltrexone treatment"),
    "HID": ("SET", "Hospital inpatient detoxification"),
    "HIT": ("SET", "Hospital inpatient treatment"),
    # facility type
    "CMHC": ("FT", "Community mental health center"),
    "CBHC": ("FT", "Certified Community Behavioral Health Clinic"),
    "MSMH": ("FT", "Multi-setting mental health facility"),
    "OMH": ("FT", "Outpatient mental health facility"),
    "ORES": ("FT", "Other residential treatment facility"),
    "PH": ("FT", "Partial hospitalization/day treatment"),
    "PSY": ("FT", "Psychiatric hospital"),
    "RTCA": ("FT", "Residential treatment center for adults"),
    "RTCC": ("FT", "Residential treatment center for children"),
    "IPSY": ("FT", "Separate inpatient psychiatric unit of a general hospital"),
    "SHP": ("FT", "State hospital"),
    "VAHC": ("FT", "Veterans Affairs Medical Center or other VA healthcare facility"),
    # opioid treatment
    "OTP": ("OT", "SAMHSA-certified Opioid Treatment Program"),
    "MM": ("OT", "Methadone maintenance"),
    "DM": ("OT", "Methadone detoxification"),
    "METH": ("OT", "Methadone used in treatment"),
    "BU": ("OT", "Buprenorphine used in treatment"),
    "BUM": ("OT", "Buprenorphine maintenance"),
    "DB": ("OT", "Buprenorphine detoxification"),
    "NXN": ("OT", "Naltrexone used in treatment"),
    "RPN": ("OT", "Relapse prevention with naltrexone"),
    "MOA": ("OT", "Accepts clients on opioid medication"),
    "PAIN": ("OT", "Uses methadone/buprenorphine for pain management or emergency dosing"),
    "NOOP": ("OT", "Does not use medication for opioid addiction"),
    # detox from
    "ADTX": ("DETOX", "alcohol"),
    "BDTX": ("DETOX", "benzodiazepines"),
    "CDTX": ("DETOX", "cocaine"),
    "MDTX": ("DETOX", "methamphetamines"),
    "ODTX": ("DETOX", "opioids"),
    # medications
    "BWN": ("PHR", "Buprenorphine with naloxone"),
    "BWON": ("PHR", "Buprenorphine without naloxone"),
    "NRT": ("PHR", "Nicotine replacement"),
    "NSC": ("PHR", "Non-nicotine smoking/tobacco cessation"),
    "ANTPYCH": ("PHR", "Antipsychotics used in treatment of SMI"),
    "CHLOR": ("PHR", "Chlorpromazine"),
    "DROPE": ("PHR", "Droperidol"),
    "FLUPH": ("PHR", "Fluphenazine"),
    "HALOP": ("PHR", "Haloperidol"),
    "LOXAP": ("PHR", "Loxapine"),
    "PERPH": ("PHR", "Perphenazine"),
    "PIMOZ": ("PHR", "Pimozide"),
    "PROCH": ("PHR", "Prochlorperazine"),
    "THIOT": ("PHR", "Thiothixene"),
    "THIOR": ("PHR", "Thioridazine"),
    "TRIFL": ("PHR", "Trifluoperazine"),
    "ARIPI": ("PHR", "Aripiprazole"),
    "ASENA": ("PHR", "Asenapine"),
    "BREXP": ("PHR", "Brexpiprazole"),
    "CARIP": ("PHR", "Cariprazine"),
    "CLOZA": ("PHR", "Clozapine"),
    "ILOPE": ("PHR", "Iloperidone"),
    "LURAS": ("PHR", "Lurasidone"),
    "OLANZ": ("PHR", "Olanzapine"),
    "OLANZF": ("PHR", "Olanzapine/Fluoxetine combination"),
    "PALIP": ("PHR", "Paliperidone"),
    "QUETI": ("PHR", "Quetiapine"),
    "RISPE": ("PHR", "Risperidone"),
    "ZIPRA": ("PHR", "Ziprasidone"),
    # treatment approaches
    "AT": ("TAP", "Activity therapy"),
    "CBT": ("TAP", "Cognitive behavioral therapy"),
    "CRT": ("TAP", "Cognitive remediation therapy"),
    "CFT": ("TAP", "Couples/family therapy"),
    "DBT": ("TAP", "Dialectical behavior therapy"),
    "ECT": ("TAP", "Electroconvulsive therapy"),
    "EMDR": ("TAP", "Eye Movement Desensitization and Reprocessing therapy"),
    "GT": ("TAP", "Group therapy"),
    "IDD": ("TAP", "Integrated mental and substance use disorder treatment"),
    "IPT": ("TAP", "Individual psychotherapy"),
    "KIT": ("TAP", "Ketamine infusion therapy"),
    "TMS": ("TAP", "Transcranial magnetic stimulation"),
    "TELE": ("TAP", "Telemedicine/telehealth therapy"),
    "AIM": ("TAP", "Abnormal involuntary movement scale"),
    "SACA": ("TAP", "Substance use counseling approach"),
    "TRC": ("TAP", "Trauma-related counseling"),
    "TWFA": ("TAP", "12-step facilitation"),
    "BIA": ("TAP", "Brief intervention"),
    "CMI": ("TAP", "Contingency management/motivational incentives"),
    "MOTI": ("TAP", "Motivational interviewing"),
    "ANG": ("TAP", "Anger management"),
    "MXM": ("TAP", "Matrix Model"),
    "CRV": ("TAP", "Community reinforcement plus vouchers"),
    "RELP": ("TAP", "Relapse prevention"),
    # counseling and education
    "ICO": ("EDU", "Individual counseling"),
    "GCO": ("EDU", "Group counseling"),
    "FCO": ("EDU", "Family counseling"),
    "MCO": ("EDU", "Marital/couples counseling"),
    "TCC": ("EDU", "Smoking/vaping/tobacco cessation counseling"),
    "SAE": ("EDU", "Substance use disorder education"),
    "HAEC": ("EDU", "HIV or AIDS education, counseling, or support"),
    "EMP": ("EDU", "Employment counseling or training"),
    # assessment, screening, testing
    "CMHA": ("ASSES", "Comprehensive mental health assessment"),
    "CSAA": ("ASSES", "Comprehensive substance use assessment"),
    "ISC": ("ASSES", "Interim services for clients"),
    "STU": ("ASSES", "Screening for tobacco use"),
    "SMHD": ("SCR", "Screening for mental health disorders"),
    "BABA": ("SCR", "Breathalyzer or blood alcohol testing"),
    "DAUT": ("SCR", "Drug or alcohol urine screening"),
    "HIVT": ("SCR", "HIV testing"),
    "STDT": ("SCR", "STD testing"),
    "TBS": ("SCR", "TB screening"),
    "MST": ("SCR", "Metabolic syndrome monitoring"),
    "HBT": ("SCR", "Testing for Hepatitis B (HBV)"),
    "HCT": ("SCR", "Testing for Hepatitis C (HCV)"),
    "LABT": ("SCR", "Laboratory testing"),
    # transitional and recovery support
    "ACC": ("TRSRV", "Aftercare/continuing care"),
    "DP": ("TRSRV", "Discharge planning"),
    "OPC": ("TRSRV", "Outcome follow-up after discharge"),
    "HS": ("RSS", "Housing services"),
    "PEER": ("RSS", "Mentoring/peer support"),
    "SHG": ("RSS", "Self-help groups"),
    # ancillary services
    "ACT": ("AS", "Assertive community treatment"),
    "AOT": ("AS", "Assisted outpatient treatment"),
    "CDM": ("AS", "Chronic disease/illness management"),
    "COOT": ("AS", "Court-ordered outpatient treatment"),
    "DEC": ("AS", "Diet and exercise counseling"),
    "FPSY": ("AS", "Family psychoeducation"),
    "ICM": ("AS", "Intensive case management"),
    "IMR": ("AS", "Illness management and recovery"),
    "LAD": ("AS", "Legal advocacy"),
    "PRS": ("AS", "Psychosocial rehabilitation services"),
    "SEMP": ("AS", "Supported employment"),
    "SH": ("AS", "Supported housing"),
    "TPC": ("AS", "Therapeutic foster care"),
    "VRS": ("AS", "Vocational rehabilitation services"),
    "CM": ("AS", "Case management"),
    "IPC": ("AS", "Integrated primary care services"),
    "SPS": ("AS", "Suicide prevention services"),
    "ES": ("AS", "Education services"),
    "ACU": ("AS", "Acupuncture"),
    "CCC": ("AS", "Child care for clients' children"),
    "EIH": ("AS", "Early intervention for HIV"),
    "MHS": ("AS", "Mental health services"),
    "SSD": ("AS", "Social skills development"),
    "TA": ("AS", "Transportation assistance"),
    # emergency mental health services
    "CIT": ("EMS", "Crisis intervention team"),
    "PEON": ("EMS", "Psychiatric emergency onsite services"),
    "PEOFF": ("EMS", "Psychiatric emergency mobile/off-site services"),
    "WI": ("EMS", "Psychiatric emergency walk-in services"),
    # special programs and groups
    "TAY": ("SG", "Young adults"),
    "SE": ("SG", "Seniors or older adults"),
    "GL": ("SG", "LGBTQ clients"),
    "VET": ("SG", "Veterans"),
    "ADM": ("SG", "Active duty military"),
    "MF": ("SG", "Members of military families"),
    "CJ": ("SG", "Criminal justice (other than DUI/DWI)/forensic clients"),
    "CO": ("SG", "Clients with co-occurring mental and substance use disorders"),
    "HV": ("SG", "Clients with HIV or AIDS"),
    "DV": ("SG", "Clients who have experienced intimate partner or domestic violence"),
    "TRMA": ("SG", "Clients who have experienced trauma"),
    "TBI": ("SG", "Persons with traumatic brain injury (TBI)"),
    "ALZ": ("SG", "Persons with Alzheimer's or dementia"),
    "PED": ("SG", "Persons with eating disorders"),
    "PEFP": ("SG", "Persons experiencing first-episode psychosis"),
    "PTSD": ("SG", "Persons with post-traumatic stress disorder (PTSD)"),
    "SED": ("SG", "Children/adolescents with serious emotional disturbance (SED)"),
    "SMI": ("SG", "Persons 18 and older with serious mental illness (SMI)"),
    "AD": ("SG", "Adolescents"),
    "PW": ("SG", "Pregnant/postpartum women"),
    "WN": ("SG", "Adult women"),
    "MN": ("SG", "Adult men"),
    "XA": ("SG", "Persons who have experienced sexual abuse"),
    "DU": ("SG", "DUI/DWI clients"),
    # facility operation
    "LCCG": ("FOP", "Local, county, or community government"),
    "DDF": ("FOP", "Department of Defense"),
    "IH": ("FOP", "Indian Health Services"),
    "PVTP": ("FOP", "Private for-profit organization"),
    "PVTN": ("FOP", "Private non-profit organization"),
    "STG": ("FOP", "State government"),
    "TBG": ("FOP", "Tribal government"),
    "FED": ("FOP", "Federal government"),
    "VAMC": ("FOP", "U.S. Department of Veterans Affairs"),
    # licenses, certifications, accreditations
    "FQHC": ("LCA", "Federally Qualified Health Center"),
    "MHC": ("LCA", "Mental health clinic or mental health center"),
    "STAG": ("LCA", "State substance use treatment agency"),
    "STMH": ("LCA", "State mental health department"),
    "STDH": ("LCA", "State department of health"),
    "HLA": ("LCA", "Hospital licensing authority"),
    "JC": ("LCA", "The Joint Commission"),
    "CARF": ("LCA", "Commission on Accreditation of Rehabilitation Facilities (CARF)"),
    "NCQA": ("LCA", "National Committee for Quality Assurance (NCQA)"),
    "COA": ("LCA", "Council on Accreditation (COA)"),
    "HFAP": ("LCA", "Healthcare Facilities Accreditation Program (HFAP)"),
    # payment, insurance, funding
    "NP": ("PAY", "No payment accepted (free)"),
    "SF": ("PAY", "Cash or self-payment"),
    "MD": ("PAY", "Medicaid"),
    "MC": ("PAY", "Medicare"),
    "SI": ("PAY", "State-financed health insurance plan other than Medicaid"),
    "PI": ("PAY", "Private health insurance"),
    "MI": ("PAY", "Federal military insurance (e.g., TRICARE)"),
    "VAF": ("PAY", "U.S. Department of VA funds"),
    "ITU": ("PAY", "IHS/Tribal/Urban (ITU) funds"),
    "SMHA": ("PAY", "State mental health agency (or equivalent) funds"),
    "SWFS": ("PAY", "State welfare or child and family services funds"),
    "SCJJ": ("PAY", "State corrections or juvenile justice funds"),
    "SEF": ("PAY", "State education agency funds"),
    "OSF": ("PAY", "Other state funds"),
    "CLF": ("PAY", "County or local government funds"),
    "CSBG": ("PAY", "Community Service Block Grants"),
    "CMHG": ("PAY", "Community Mental Health Block Grants"),
    "FSA": ("PAY", "Federal, or any government funding for substance use treatment programs"),
    "FG": ("PAY", "Federal grants"),
    "PCF": ("PAY", "Private or community foundation"),
    "PA": ("PYAS", "Payment assistance (check with facility for details)"),
    "SS": ("PYAS", "Sliding fee scale (fee is based on income and other factors)"),
    # ages, genders, languages
    "CHLD": ("AGE", "Children/adolescents"),
    "YAD": ("AGE", "Young adults"),
    "ADLT": ("AGE", "Adults"),
    "SNR": ("AGE", "Seniors"),
    "FEM": ("GN", "Female"),
    "MALE": ("GN", "Male"),
    "AH": ("SL", "Sign language services for the deaf and hard of hearing"),
    "SP": ("SL", "Spanish"),
    "NX": ("SL", "American Indian or Alaska Native languages"),
    "FX": ("SL", "Other languages (excluding Spanish)"),
    "F4": ("OL", "Arabic"),
    "F17": ("OL", "Chinese"),
    "F19": ("OL", "Creole"),
    "F25": ("OL", "Farsi"),
    "F28": ("OL", "French"),
    "F30": ("OL", "German"),
    "F31": ("OL", "Greek"),
    "F35": ("OL", "Hebrew"),
    "F36": ("OL", "Hindi"),
    "F37": ("OL", "Hmong"),
    "F42": ("OL", "Italian"),
    "F43": ("OL", "Japanese"),
    "F47": ("OL", "Korean"),
    "F66": ("OL", "Polish"),
    "F67": ("OL", "Portuguese"),
    "F70": ("OL", "Russian"),
    "F81": ("OL", "Tagalog"),
    "F92": ("OL", "Vietnamese"),
    "N24": ("OL", "Ojibwa"),
    "N40": ("OL", "Yupik"),
}  # fmt: skip

#: API labels that spell a code differently from the dictionary (lower-cased).
API_ALIASES: dict[str, str] = {
    "military insurance (e.g., tricare)": "MI",
    "federal, or any government funding for substance abuse programs": "FSA",
    "state education funds": "SEF",
    "seniors (65 or older)": "SNR",
    "services for the deaf and hard of hearing": "AH",
    "persons with co-occurring mental and substance use disorders": "CO",
    "persons with serious mental illness (smi)": "SMI",
    "persons who have experienced trauma": "TRMA",
    "transitional age young adults": "TAY",
    "lesbian, gay, bisexual, or transgender (lgbt) clients": "GL",
    "military families": "MF",
    "persons with hiv or aids": "HV",
    "persons who have experienced intimate partner violence, domestic violence": "DV",
    "clients referred from the court/judicial system": "CJ",
    "integrated dual disorders treatment": "IDD",
    "buprenorphine with naloxone  (suboxone®)": "BWN",
    "substance abuse education": "SAE",
    "individual counseling offered": "ICO",
    "group counseling offered": "GCO",
    "family counseling offered": "FCO",
    "marital/couples counseling offered": "MCO",
    "smoking/tobacco cessation counseling": "TCC",
    "nicotine replacement therapy": "NRT",
    "non-nicotine smoking/tobacco cessation medications": "NSC",
    "buprenorphine used in treatment": "BU",
    "naltrexone used in treatment": "NXN",
    "relapse prevention from naltrexone": "RPN",
    "methadone used in treatment": "METH",
    "do not use medication for opioid addiction": "NOOP",
    "consumer-run (peer-support) services": "PEER",
    "case management": "CM",
    "state substance abuse agency": "STAG",
    "commission on accreditation of rehabilitation facilities": "CARF",
}

#: Insurance categories of directory/eligibility/insurance.py (spec/eligibility-facts.md §3.1) by SAMHSA code.
INSURANCE: dict[str, str] = {
    "MD": "medicaid",
    "MC": "medicare",
    "MI": "tricare",
    "VAF": "va",
    "ITU": "ihs_tribal",
    "PI": "private",
    "SI": "state_plan",
    "SF": "self_pay",
}
#: Payment options (not coverage) by SAMHSA code.
PAYMENT: dict[str, str] = {"SS": "sliding_fee", "PA": "payment_assistance", "NP": "free"}
#: Payment codes that name a funding source rather than something a client pays with.
FUNDING = ("SMHA", "SWFS", "SCJJ", "SEF", "OSF", "CLF", "CSBG", "CMHG", "FSA", "FG", "PCF")
LICENSING = ("STAG", "STMH", "STDH", "HLA", "MHC")
LANGUAGES: dict[str, tuple[str, str | None]] = {
    "SP": ("Spanish", "es"), "AH": ("Sign language", "sgn"), "NX": ("American Indian or Alaska Native languages", None),
    "F4": ("Arabic", "ar"), "F17": ("Chinese", "zh"), "F19": ("Creole", None), "F25": ("Farsi", "fa"),
    "F28": ("French", "fr"), "F30": ("German", "de"), "F31": ("Greek", "el"), "F35": ("Hebrew", "he"),
    "F36": ("Hindi", "hi"), "F37": ("Hmong", "hmn"), "F42": ("Italian", "it"), "F43": ("Japanese", "ja"),
    "F47": ("Korean", "ko"), "F66": ("Polish", "pl"), "F67": ("Portuguese", "pt"), "F70": ("Russian", "ru"),
    "F81": ("Tagalog", "tl"), "F92": ("Vietnamese", "vi"), "N24": ("Ojibwa", "oj"), "N40": ("Yupik", "ypk"),
}  # fmt: skip
OTHER_LANGUAGES = frozenset(LANGUAGES) - {"SP", "AH", "NX"}
#: SAMHSA age groups as (youngest, oldest) age; None is open-ended.
AGE_GROUPS: dict[str, tuple[int, int | None]] = {"CHLD": (0, 17), "YAD": (18, 25), "ADLT": (26, 64), "SNR": (65, None)}
KINDS: dict[str, str] = {"SU": "substance use treatment", "MH": "mental health treatment"}


def _our_terms() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The directory's taxonomy codes by type of care, then by service code (the catalogue's `samhsa` codes)."""
    broad: dict[str, str] = {}
    specific: dict[str, dict[str, str]] = {}
    for term in catalogue().terms:
        for mapped in term.samhsa:
            if mapped.service_code is None:
                broad[mapped.type_of_care] = term.code
            else:
                specific.setdefault(mapped.type_of_care, {})[mapped.service_code] = term.code
    return broad, specific


BROAD_TERMS, SPECIFIC_TERMS = _our_terms()
#: The longest value each column may hold (the directory's column sizes), so a bad row is skipped, not fatal.
LIMITS = {"name1": 300, "name2": 300, "street1": 300, "street2": 300, "city": 100, "state": 100, "zip": 20,
          "county": 100, "phone": 50, "intake1": 50, "intake2": 50, "hotline1": 50}  # fmt: skip
IDENTITY_COLUMNS = ("name1", "type_facility", "street1", "latitude")
API_FIELDS = ("name1", "name2", "street1", "street2", "city", "state", "zip", "phone", "intake1", "intake2",
              "hotline1", "website", "latitude", "longitude")  # fmt: skip


# -- detection ---------------------------------------------------------------------------------------------------


def _csv_header(path: Path) -> set[str]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            first = next(csv.reader(io.StringIO(handle.readline())), [])
    except (OSError, UnicodeDecodeError):
        return set()
    return {column.strip().lower() for column in first}


def is_samhsa(path: Path) -> bool:
    """A SAMHSA FindTreatment facility listing: a .csv export, a .json API page, or a folder holding one."""
    if path.is_dir():
        return any(is_samhsa(child) for child in sorted(path.iterdir()) if child.is_file())
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return set(IDENTITY_COLUMNS) <= _csv_header(path)
    if suffix == ".json":
        try:
            with path.open(encoding="utf-8") as handle:
                head = handle.read(65536)
        except (OSError, UnicodeDecodeError):
            return False
        return '"rows"' in head and '"name1"' in head and ('"frid"' in head or '"typeFacility"' in head)
    return False


def samhsa_files(path: Path) -> list[Path]:
    """The listing files of a path: itself, or the listings in a folder (the code dictionary is not one)."""
    if path.is_dir():
        return [child for child in sorted(path.iterdir()) if child.is_file() and is_samhsa(child)]
    return [path]


# -- reading ----------------------------------------------------------------------------------------------------


@dataclass
class _Row:
    """One facility row of either format, with its codes (CSV columns set to 1, or API labels looked up)."""

    index: int
    record_id: str | None
    values: dict[str, str]
    codes: set[str]
    labels: dict[str, list[str]]  # API labels no code matched, by category


def _is_set(value: str) -> bool:
    try:
        return float(value) == 1
    except ValueError:
        return False


def _csv_rows(path: Path) -> Iterator[_Row]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for index, raw in enumerate(csv.DictReader(handle)):
            values: dict[str, str] = {}
            codes: set[str] = set()
            for key, value in raw.items():
                if not key:
                    continue
                name = key.strip().lower()
                text = (value or "").strip() if isinstance(value, str) else ""
                if name in API_FIELDS or name in ("type_facility", "zip4", "county", "intake_prompt"):
                    values[name] = text
                elif text and _is_set(text):
                    codes.add(name.upper())
            if any(values.values()) or codes:  # a blank line is not a facility
                yield _Row(index, None, values, codes, {})


_LABEL_CODES = {label.lower(): code for code, (_, label) in CODES.items()} | API_ALIASES
_CATEGORY_LABEL_CODES = {(group, label.lower()): code for code, (group, label) in CODES.items()}


def _api_code(category: str, label: str) -> str | None:
    """The code of an API label: the one of its own category first (a label can name a setting and a facility
    type); "Serves only" labels keep their meaning (DUI/DWI clients only is not a program for them)."""
    code = _CATEGORY_LABEL_CODES.get((category, label.lower()))
    if code is None and category != "EXCL":
        code = _LABEL_CODES.get(label.lower())
    return code


def _api_rows(path: Path, problems: list[Problem]) -> Iterator[_Row]:
    try:
        page = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        problems.append(Problem(str(path), None, None, "(file)", f"not valid JSON: {error}"))
        return
    rows = page.get("rows") if isinstance(page, Mapping) else None
    if not isinstance(rows, list):
        problems.append(Problem(str(path), None, None, "rows", "must be a list of facilities"))
        return
    for index, raw in enumerate(rows):
        if not isinstance(raw, Mapping):
            problems.append(Problem(str(path), index, None, "(record)", "must be an object"))
            continue
        values = {name: str(raw.get(name) or "").strip() for name in API_FIELDS}
        values["type_facility"] = str(raw.get("typeFacility") or raw.get("type_facility") or "").strip()
        codes: set[str] = set()
        labels: dict[str, list[str]] = {}
        for group in raw.get("services") or []:
            if not isinstance(group, Mapping):
                continue
            category = str(group.get("f2") or "").strip().upper()
            for label in re.split(r";\s*", str(group.get("f3") or "")):
                label = label.strip()
                code = _api_code(category, label)
                if code is not None:
                    codes.add(code)
                elif label:
                    labels.setdefault(category, []).append(label)
        frid = str(raw.get("frid") or "").strip() or None
        yield _Row(index, frid, values, codes, labels)


# -- grouping ---------------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _zip(value: str) -> str:
    digits = value.split("-")[0].split(".")[0].strip()
    return digits.zfill(5) if digits.isdigit() and len(digits) < 5 else digits


def _kind(type_facility: str, codes: set[str]) -> str:
    kind = type_facility.strip().upper()
    if kind == "SA":
        return "SU"
    if kind:
        return kind
    return "SU" if "SA" in codes and "MH" not in codes else "MH" if "MH" in codes else "OTHER"


def _url(text: str) -> str | None:
    """A website worth linking to: with a host (the listings hold some bare "http://"), not too long."""
    parsed = urlsplit(text if "://" in text else f"http://{text}") if text else None
    return text if parsed and "." in parsed.netloc and len(text) <= 500 else None


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


@dataclass
class _Service:
    id: str
    kind: str
    site: str  # location id
    organization: str
    values: dict[str, str]
    codes: set[str] = field(default_factory=set)
    labels: dict[str, list[str]] = field(default_factory=dict)

    def merge(self, row: _Row) -> None:
        self.codes |= row.codes
        for category, labels in row.labels.items():
            known = self.labels.setdefault(category, [])
            known.extend(label for label in labels if label not in known)
        for name, value in row.values.items():
            if value and not self.values.get(name):
                self.values[name] = value


@dataclass
class SamhsaImport:
    """Facilities of one or more listing files, grouped into organizations, sites and services."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)
    locations: dict[str, dict[str, Any]] = field(default_factory=dict)
    services: dict[str, _Service] = field(default_factory=dict)
    rows: int = 0

    def read(self, path: Path) -> None:
        file = str(path)
        rows = _api_rows(path, self.problems) if path.suffix.lower() == ".json" else _csv_rows(path)
        for row in rows:
            self.rows += 1
            self.add(file, row)

    def add(self, file: str, row: _Row) -> None:
        v = row.values
        found: list[Problem] = []
        if not v.get("name1"):
            found.append(Problem(file, row.index, row.record_id, "name1", "is required (the facility's name)"))
        coordinates: dict[str, float] = {}
        for name, limit in (("latitude", 90.0), ("longitude", 180.0)):
            text = v.get(name, "")
            if not text:
                continue
            try:
                number = float(text)
            except ValueError:
                number = math.nan
            if not math.isfinite(number) or abs(number) > limit:
                found.append(
                    Problem(file, row.index, row.record_id, name, f"must be a number from -{limit:g} to {limit:g}")
                )
            else:
                coordinates[name] = number
        for name, limit in LIMITS.items():
            if len(v.get(name, "")) > limit:
                found.append(Problem(file, row.index, row.record_id, name, f"is too long (at most {limit} characters)"))
        if len(coordinates) == 1 and not found:
            missing = "longitude" if "latitude" in coordinates else "latitude"
            found.append(Problem(file, row.index, row.record_id, missing, "is required when the other one is given"))
        if coordinates.get("latitude") == 0 and coordinates.get("longitude") == 0:
            found.append(Problem(file, row.index, row.record_id, "latitude", "0, 0 is not a place"))
        if found:
            self.problems.extend(found)
            return
        v["zip"] = _zip(v.get("zip", ""))
        identity = "|".join(_norm(v.get(name, "")) for name in ("name1", "name2", "street1", "zip"))
        facility = hashlib.sha256(identity.encode()).hexdigest()[:32]
        organization = self._organization(v)
        site = self._location(file, row, facility, organization, coordinates)
        kind = _kind(v.get("type_facility", ""), row.codes)
        key = _uid("frid", row.record_id) if row.record_id else _uid("service", facility, kind)
        service = self.services.get(key)
        if service is None:
            service = self.services[key] = _Service(key, kind, site, organization["id"], dict(v))
        service.merge(row)

    def _organization(self, v: dict[str, str]) -> dict[str, Any]:
        key = _uid("organization", _norm(v["name1"]))
        if key not in self.organizations:
            item: dict[str, Any] = {
                "id": key, "name": v["name1"], "locations": [],
                "description": "Treatment provider listed in SAMHSA's FindTreatment.gov.",
            }  # fmt: skip
            if _url(v.get("website", "")):
                item["website"] = _url(v.get("website", ""))
            self.organizations[key] = item
        return self.organizations[key]

    def _location(
        self, file: str, row: _Row, facility: str, organization: dict[str, Any], coordinates: dict[str, float]
    ) -> str:
        key = _uid("location", facility)
        if key in self.locations:
            return key
        v = row.values
        place: dict[str, Any] = {"id": key, "location_type": "physical", "name": v.get("name2") or v["name1"]}
        place.update(coordinates)
        lacking = [name for name in ("street1", "city", "state", "zip") if not v.get(name)]
        if lacking:
            self.warnings.append(
                f"{file}, record {row.index + 1}: no {', '.join(lacking)}; the location has no street address"
            )
        else:
            address: dict[str, Any] = {
                "id": _uid("address", facility), "address_type": "physical", "address_1": v["street1"],
                "city": v["city"], "state_province": v["state"], "postal_code": v["zip"], "country": "US",
            }  # fmt: skip
            if v.get("street2"):
                address["address_2"] = v["street2"]
            if v.get("county"):
                address["region"] = v["county"]
            place["addresses"] = [address]
        self.locations[key] = place
        organization["locations"].append(place)
        return key

    # -- HSDS services -------------------------------------------------------------------------------------------

    def service_records(self, terms: Mapping[str, str]) -> Iterator[dict[str, Any]]:
        for service in self.services.values():
            yield _service_record(service, terms)


def _labels(service: _Service, category: str) -> list[str]:
    found = [label for code, (group, label) in CODES.items() if group == category and code in service.codes]
    return found + service.labels.get(category, [])


def _phones(service: _Service) -> list[dict[str, Any]]:
    phones: list[dict[str, Any]] = []
    seen: set[tuple[str, int | None]] = set()
    for column, description in (("phone", "Main"), ("intake1", "Intake"), ("intake2", "Intake"),
                                ("hotline1", "Hotline")):  # fmt: skip
        text = service.values.get(column, "")
        match = re.match(r"^(.*?)\s*(?:x|ext\.?)\s*(\d+)$", text, re.IGNORECASE)
        number, extension = (match.group(1), int(match.group(2))) if match else (text, None)
        if not number or (number, extension) in seen:
            continue
        seen.add((number, extension))
        phone: dict[str, Any] = {"id": _uid(service.id, "phone", column), "number": number, "type": "voice",
                                 "description": description}  # fmt: skip
        if extension is not None:
            phone["extension"] = extension
        phones.append(phone)
    return phones


def _age_leaf(low: int | None, high: int | None) -> dict[str, Any]:
    leaf: dict[str, Any] = {"type": "age"}
    if low is not None:
        leaf["min"] = low
    if high is not None:
        leaf["max"] = high
    return leaf


def _age_criteria(codes: set[str]) -> tuple[int | None, int | None, list[dict[str, Any]], list[str]]:
    """Ages from the age groups: (minimum, maximum, criteria, group names).

    Only the line between children and adults is firm: a program that lists no children takes adults (18+), one
    that lists only children takes under-18s. Finer bands (young adults 18-25, adults 26-64, seniors 65+) are
    how a facility describes itself rather than whom it turns away, so they become an advisory criterion, never
    a refusal.
    """
    groups = [code for code in AGE_GROUPS if code in codes]
    names = [CODES[code][1].lower() for code in groups]
    if not groups or len(groups) == len(AGE_GROUPS):
        return None, None, [], names
    order = list(AGE_GROUPS)
    positions = [order.index(code) for code in groups]
    if positions != list(range(positions[0], positions[-1] + 1)):
        return None, None, [], names  # a gap (children and seniors, say): described, not a range
    minimum = 18 if "CHLD" not in groups else None
    maximum = 17 if groups == ["CHLD"] else None
    criteria: list[dict[str, Any]] = []
    if minimum is not None or maximum is not None:
        criteria.append(_age_leaf(minimum, maximum))
    low, high = AGE_GROUPS[groups[0]][0] or None, AGE_GROUPS[groups[-1]][1]
    low, high = (low if low != minimum else None), (high if high != maximum else None)
    if low is not None or high is not None:
        criteria.append({**_age_leaf(low, high), "hard": False})
    return minimum, maximum, criteria, names


def _service_record(service: _Service, terms: Mapping[str, str]) -> dict[str, Any]:
    v, codes = service.values, service.codes
    kind = KINDS.get(service.kind, "treatment")
    base = v.get("name2") or v["name1"]
    record: dict[str, Any] = {
        "id": service.id, "organization_id": service.organization, "name": f"{base}: {kind}"[:300], "status": "active",
        "service_at_locations": [{"id": _uid(service.id, "at", service.site), "location_id": service.site}],
    }  # fmt: skip
    if _url(v.get("website", "")):
        record["url"] = _url(v.get("website", ""))
    # the SA and MH flags say what else the facility offers; its row's type of care says what this service is
    care = [kind.capitalize()] + [label for code, (group, label) in CODES.items()
                                  if group == "TC" and code in codes and code not in ("SA", "MH")]  # fmt: skip
    care += service.labels.get("TC", [])
    parts = ["; ".join(care) + "."]
    for category, title in CATEGORIES.items():
        labels = _labels(service, category)
        if title and labels:
            parts.append(f"{title}: {', '.join(labels)}.")
    record["description"] = " ".join(parts)
    record["phones"] = _phones(service)
    languages = [{"id": _uid(service.id, "language", "en"), "name": "English", "code": "en"}]
    for code, (name, iso) in LANGUAGES.items():
        if code in codes:
            language: dict[str, Any] = {"id": _uid(service.id, "language", code), "name": name}
            if iso:
                language["code"] = iso
            languages.append(language)
    record["languages"] = languages
    if "FX" in codes and not codes & OTHER_LANGUAGES:
        record["interpretation_services"] = "Languages other than English and Spanish; ask the facility which."
    record["insurance_accepted"] = [{"category": category} for code, category in INSURANCE.items() if code in codes]
    record["payment_options"] = [option for code, option in PAYMENT.items() if code in codes]
    paying = _labels(service, "PAY") + _labels(service, "PYAS")
    if paying:
        record["fees_description"] = "Payment accepted: " + "; ".join(paying) + "."
    record["funding"] = [
        {"id": _uid(service.id, "funding", code), "source": CODES[code][1]} for code in FUNDING if code in codes
    ]
    licensing = [label for code, (group, label) in CODES.items() if group == "LCA" and code in codes]
    licenses = [CODES[code][1] for code in LICENSING if code in codes]
    accreditations = [label for label in licensing if label not in licenses] + service.labels.get("LCA", [])
    if licenses:
        record["licenses"] = "; ".join(licenses)
    if accreditations:
        record["accreditations"] = "; ".join(accreditations)
    minimum, maximum, criteria, age_names = _age_criteria(codes)
    if minimum is not None:
        record["minimum_age"] = minimum
    if maximum is not None:
        record["maximum_age"] = maximum
    eligibility = []
    if age_names:
        eligibility.append("Ages: " + ", ".join(age_names) + ".")
    genders = [g for code, g in (("FEM", "female"), ("MALE", "male")) if code in codes]
    if len(genders) == 1:
        eligibility.append(f"Serves {'women' if genders == ['female'] else 'men'} only.")
        criteria.append({"type": "gender", "in": genders})
    if eligibility:
        record["eligibility_description"] = " ".join(eligibility)
    record["eligibility_criteria"] = {"all": criteria} if criteria else None
    wanted = [BROAD_TERMS.get(service.kind, "")]
    wanted += [term for code, term in SPECIFIC_TERMS.get(service.kind, {}).items() if code in codes]
    record["attributes"] = [
        {"id": _uid(service.id, "taxonomy", code), "link_type": "service_taxonomy", "taxonomy_term_id": terms[code]}
        for code in dict.fromkeys(wanted)
        if code in terms
    ]
    return record


# -- import -----------------------------------------------------------------------------------------------------


def convert(path: Path) -> SamhsaImport:
    """Read a listing file (or a folder of them) into organizations, sites and services, not yet stored."""
    out = SamhsaImport()
    files = samhsa_files(path)
    if not files:
        out.problems.append(Problem(str(path), None, None, "(folder)", "holds no SAMHSA facility listing"))
    for file in files:
        out.read(file)
    return out


def _taxonomy_terms(session: Session) -> dict[str, str]:
    codes = set(BROAD_TERMS.values()) | {term for table in SPECIFIC_TERMS.values() for term in table.values()}
    found: dict[str, str] = {}
    for code, term_id in session.execute(
        select(m.TaxonomyTerm.code, m.TaxonomyTerm.id).where(m.TaxonomyTerm.code.in_(codes)).order_by(m.TaxonomyTerm.id)
    ):
        if code is not None:
            found.setdefault(code, str(term_id))
    return found


def import_samhsa(session: Session, path: Path, *, skip_invalid: bool = False) -> LegacyResult:
    """Convert and import SAMHSA listings in the session (the caller commits). Raises ImportFailed with every
    problem (by file and record), unless `skip_invalid`, which skips the bad rows and reports them as warnings."""
    converted = convert(path)
    if converted.problems and not skip_invalid:
        raise ImportFailed(converted.problems)
    terms = _taxonomy_terms(session)
    importer = JsonImporter(session, skip_invalid=skip_invalid)
    importer.import_records("organization", list(converted.organizations.values()), str(path))
    importer.import_records("service", list(converted.service_records(terms)), str(path))
    counts = importer.finish()
    converted.warnings.extend(importer.warnings)
    counts["location"] = len(converted.locations)
    warnings = converted.warnings + [f"skipped: {problem}" for problem in converted.problems]
    return LegacyResult(counts, warnings)


__all__ = ["NAMESPACE", "SamhsaImport", "convert", "import_samhsa", "is_samhsa", "samhsa_files"]
