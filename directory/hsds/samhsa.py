"""SAMHSA FindTreatment.gov's service codes, and how they map onto HSDS 3.1 fields and the directory's own
categories: the tables `samhsa_listings` reads facility listings with.
"""

from __future__ import annotations

import uuid

from directory.catalogue import catalogue

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
