"""What a screening says about one criterion (criteria-model.md §4.3): an outcome, and a reason a person can read,
with the evidence that would show it and the question that would settle it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from directory.wording import ENGLISH, N_, Words


class Outcome(StrEnum):
    MEETS = "meets"
    UNKNOWN = "unknown"
    FAILS = "fails"


@dataclass(frozen=True)
class Reason:
    criterion: str
    outcome: Outcome
    message: str
    missing: tuple[str, ...] = ()  # profile fields that would settle an unknown
    documents: tuple[str, ...] = ()  # evidence a person would bring for this criterion
    advisory: bool = False
    near_miss: str | None = None  # for a narrow fail: what would change it


# -- evidence ----------------------------------------------------------------------------------------------

EVIDENCE: Mapping[str, str] = {
    "age": N_("Photo ID or birth certificate"),
    "residency": N_("Proof of address (lease, utility bill or mail)"),
    "income": N_("Proof of income (last 30 days of pay stubs, award letters or a self-declaration form)"),
    "household_size": N_("Names and birth dates of everyone in the household"),
    "veteran": N_("DD-214"),
    "pregnant": N_("Pregnancy verification"),
    "disability": N_("Disability documentation (SSI/SSDI award letter or provider letter)"),
    "homeless": N_("Homeless verification (HMIS record, shelter or outreach letter)"),
    "diagnosis": N_("Diagnosis records or a referral from a provider"),
    "immigration": N_("Immigration documents"),
    "enrolled_in": N_("Proof of enrollment (benefits card or award letter)"),
}

QUESTIONS: Mapping[str, str] = {
    "age": N_("How old is the client (or their date of birth)?"),
    "gender": N_("What is the client's gender?"),
    "household_size": N_("How many people are in the household?"),
    "income": N_("What is the household's monthly income?"),
    "county": N_("Which county does the client live in?"),
    "postcode": N_("What is the client's ZIP code?"),
    "state": N_("Which state does the client live in?"),
    "veteran": N_("Is the client a veteran?"),
    "pregnant": N_("Is the client pregnant?"),
    "disability": N_("Does the client have a disability?"),
    "housing_status": N_("Is the client homeless, at risk of homelessness, or housed?"),
    "diagnoses": N_("Does the client have a diagnosis the service asks about?"),
    "immigration_status": N_("What is the client's immigration status?"),
    "enrolled_in": N_("Which benefits is the client enrolled in (Medicaid, SNAP, SSI, TANF...)?"),
    "insurance": N_("What health coverage does the client have?"),
}

#: What each profile field is about, in a few words ("they will ask about your age, income").
TOPICS: Mapping[str, str] = {
    "age": N_("age"),
    "gender": N_("gender"),
    "household_size": N_("household size"),
    "income": N_("income"),
    "county": N_("county"),
    "postcode": N_("your ZIP code"),
    "state": N_("state"),
    "veteran": N_("military service"),
    "pregnant": N_("pregnancy"),
    "disability": N_("disability"),
    "housing_status": N_("housing"),
    "diagnoses": N_("health conditions"),
    "immigration_status": N_("immigration status"),
    "enrolled_in": N_("benefits you receive"),
    "insurance": N_("health coverage"),
}

LABELS: Mapping[str, str] = {
    "smi": N_("serious mental illness (SMI)"),
    "sud": N_("substance use disorder"),
    "oud": N_("opioid use disorder"),
    "sed": N_("serious emotional disturbance (SED)"),
    "hiv": N_("HIV"),
    "co_occurring": N_("co-occurring mental health and substance use disorders"),
    "medicaid": N_("Medicaid"),
    "snap": N_("SNAP"),
    "ssi": N_("SSI"),
    "ssdi": N_("SSDI"),
    "tanf": N_("TANF"),
    "wic": N_("WIC"),
    "homeless": N_("homeless"),
    "at_risk": N_("at risk of homelessness"),
    "housed": N_("housed"),
    "citizen": N_("US citizen"),
    "lpr": N_("lawful permanent resident"),
    "refugee_asylee": N_("refugee or asylee"),
    "other_lawful": N_("other lawful status"),
    "undocumented": N_("undocumented"),
    "female": N_("women"),
    "male": N_("men"),
    "nonbinary": N_("nonbinary people"),
}


def question(field: str, words: Words = ENGLISH) -> str:
    """The question that would settle an unknown about `field`, asked of a case manager."""
    if field in QUESTIONS:
        return words.gettext(QUESTIONS[field])
    return words.gettext("What is the client's %(field)s?", field=field.replace("_", " "))


def topic(field: str, words: Words = ENGLISH) -> str:
    """What a profile field is about, in a few words."""
    return words.gettext(TOPICS[field]) if field in TOPICS else field.replace("_", " ")


def code_label(code: str, words: Words) -> str:
    """A criterion's value as people say it ("oud" -> "opioid use disorder")."""
    return words.gettext(LABELS[code]) if code in LABELS else code.replace("_", " ")


def join_words(values: Iterable[str], words: Words, conjunction: str = "or") -> str:
    """Values as "a, b or c" (or "a, b and c"), in the reader's language."""
    items = list(values)
    if len(items) <= 1:
        return "".join(items)
    head, last = ", ".join(items[:-1]), items[-1]
    if conjunction == "and":
        return words.gettext("%(items)s and %(last)s", items=head, last=last)
    return words.gettext("%(items)s or %(last)s", items=head, last=last)
