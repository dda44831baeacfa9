"""Judged queries over the seeded county: what people type, and the kinds of service a case manager would
expect in answer. Grades: 2 = what was asked for, 1 = a reasonable alternative.

Relevance is judged by service type (taxonomy code) rather than by listing, so the set stays valid when the
seeded county is regenerated.
"""

from __future__ import annotations

JUDGED: dict[str, dict[str, int]] = {
    # Food
    "food stamps": {"snap_enrollment_help": 2, "benefits_navigation": 1},
    "food pantry": {"food_pantry": 2, "hot_meals": 1},
    "free groceries": {"food_pantry": 2},
    "hot meal tonight": {"hot_meals": 2, "food_pantry": 1},
    "soup kitchen": {"hot_meals": 2},
    "meals on wheels": {"senior_meals": 2, "aging_services": 1},
    "baby formula": {"wic": 2, "food_pantry": 1},
    # Substance use
    "rehab": {"residential_sud": 2, "outpatient_iop_sud": 1, "detox": 1},
    "detox": {"detox": 2, "residential_sud": 1},
    "dope sick": {"detox": 2, "buprenorphine_obot": 1, "otp_methadone": 1},
    "suboxin": {"buprenorphine_obot": 2, "otp_methadone": 1},
    "methadone clinic": {"otp_methadone": 2, "buprenorphine_obot": 1},
    "narcan": {"harm_reduction": 2},
    "needle exchange": {"harm_reduction": 2},
    "sober living": {"recovery_residence": 2},
    "withdrawal": {"detox": 2},
    # Mental health and crisis
    "shrink that takes medicaid": {"mh_outpatient": 2, "psychiatry_med_mgmt": 1, "child_youth_mh": 1},
    "therapist for depression": {"mh_outpatient": 2, "psychiatry_med_mgmt": 1, "child_youth_mh": 1},
    "psychiatrist": {"psychiatry_med_mgmt": 2, "mh_outpatient": 1},
    "suicidal": {"crisis_line": 2, "mobile_crisis": 1, "crisis_stabilization": 1},
    "988": {"crisis_line": 2},
    "psychosis": {"first_episode_psychosis": 2, "act_team": 1},
    "peer support group": {"peer_support": 2},
    # Housing
    "shleter tonight": {"emergency_shelter_adult": 2, "family_shelter": 1, "youth_shelter": 1, "dv_shelter_hotline": 1},
    "family shelter": {"family_shelter": 2, "emergency_shelter_adult": 1},
    "runaway teen": {"youth_shelter": 2, "youth_dropin": 1},
    "my partner hurts me": {"dv_shelter_hotline": 2},
    "section 8": {"housing_authority": 2},
    "behind on rent": {"rental_assistance": 2, "legal_aid": 1},
    "eviction notice": {"rental_assistance": 2, "legal_aid": 2},
    "light bill": {"utility_assistance": 2},
    "housing list": {"coordinated_entry": 2, "permanent_supportive_housing": 1, "housing_authority": 1},
    # Legal and money
    "free lawyer": {"legal_aid": 2, "immigration_legal": 1},
    "green card": {"immigration_legal": 2},
    "apply for disability": {"benefits_navigation": 2},
    "obamacare": {"health_insurance_navigator": 2},
    "medicade": {"health_insurance_navigator": 2, "benefits_navigation": 1},
    # Health
    "cheap doctor": {"fqhc_primary_care": 2, "free_clinic": 2},
    "toothache": {"dental_clinic": 2},
    "birth control": {"family_planning": 2},
    "hiv testing": {"hiv_ryan_white": 2, "family_planning": 1},
    # Work, transport, family, older adults, veterans
    "job training": {"employment": 2, "vocational_rehab": 1},
    "ride to doctor": {"transportation_nemt": 2, "paratransit": 1},
    "wheelchair van": {"paratransit": 2, "transportation_nemt": 1},
    "daycare": {"child_care_subsidy": 2, "head_start": 1},
    "preschool": {"head_start": 2, "child_care_subsidy": 1},
    "senior center": {"aging_services": 2, "senior_meals": 1},
    "veterans": {"veterans_services": 2},
    # Spanish
    "comida gratis": {"food_pantry": 2, "hot_meals": 2},
    "refugio": {"emergency_shelter_adult": 2, "family_shelter": 1, "youth_shelter": 1, "dv_shelter_hotline": 1},
    "abogado de inmigración": {"immigration_legal": 2, "legal_aid": 1},
    "salud mental": {"mh_outpatient": 2, "child_youth_mh": 1, "psychiatry_med_mgmt": 1},
    "dentista": {"dental_clinic": 2},
    "cupones de alimentos": {"snap_enrollment_help": 2},
    "violencia doméstica": {"dv_shelter_hotline": 2},
}
