"""What a schema's problem with a field asks of the person filling in a form, in the reader's language.

Validation says what is wrong in English, with the values in the sentence ("is too long (60 characters; at most
50)"), and the API answers with exactly those words. A page reads each message against patterns: one that
matches is said again from a marked template (`N_`) with the same values, in the reader's words; one that does
not is looked up as written (messages the code marked itself), else shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from directory.wording import ENGLISH, N_, Words

Problems = Sequence[tuple[re.Pattern[str], str]]

#: The match schema's problems (marshmallow's words), as the forms that fill it ask to fix them.
FORM_PROBLEMS: Problems = [
    (
        re.compile(r"^Must be greater than or equal to (?P<low>[\d.]+) and less than or equal to (?P<high>[\d.]+)\.$"),
        N_("Enter a number from %(low)s to %(high)s."),
    ),
    (re.compile(r"^Must be greater than or equal to (?P<low>[\d.]+)\.$"), N_("Enter a number of %(low)s or more.")),
    (re.compile(r"^Not a valid integer\.$"), N_("Enter a whole number, in digits.")),
    (re.compile(r"^Not a valid number\.$"), N_("Enter a number, in digits.")),
    (re.compile(r"^Must be one of: .*\.$"), N_("Choose one of the options.")),
    (re.compile(r"^must be a 5-digit US ZIP code$"), N_("Enter a 5-digit ZIP code.")),
    (re.compile(r"^Not a valid date\.$"), N_("Enter a date (month, day and year).")),
]

#: What the listing validator (the HSDS importer's, which every write goes through) says of a field, as it says
#: it: in English unchanged, in another language translated with the same values.
FIELD_PROBLEMS: Problems = [
    (
        re.compile(r"^is too long \((?P<length>\d+) characters; at most (?P<most>\d+)\)$"),
        N_("is too long (%(length)s characters; at most %(most)s)"),
    ),
    (re.compile(r"^must be a whole number, not (?P<value>.+)$"), N_("must be a whole number, not %(value)s")),
    (re.compile(r"^must be a number, not (?P<value>.+)$"), N_("must be a number, not %(value)s")),
    (
        re.compile(r"^must be a date as YYYY-MM-DD, not (?P<value>.+)$"),
        N_("must be a date as YYYY-MM-DD, not %(value)s"),
    ),
    (re.compile(r"^must be a UUID, not (?P<value>.+)$"), N_("must be a UUID, not %(value)s")),
    (re.compile(r"^must be one of (?P<choices>.+)$"), N_("must be one of %(choices)s")),
    (
        re.compile(r"^must be a date-time such as (?P<example>\S+), not (?P<value>.+)$"),
        N_("must be a date-time such as %(example)s, not %(value)s"),
    ),
    (re.compile(r"^is not a field of an HSDS (?P<kind>.+)$"), N_("is not a field of an HSDS %(kind)s")),
    (re.compile(r"^must be a list of (?P<kind>.+) objects$"), N_("must be a list of %(kind)s objects")),
    (re.compile(r"^must be an object \((?P<kind>.+)\)$"), N_("must be an object (%(kind)s)")),
]

#: The validator's problems that carry no values: known to the catalogs as they are written.
PLAIN_PROBLEMS = (
    N_("is required"),
    N_("is required and must be a UUID"),
    N_("must be true or false"),
    N_("must be a list"),
    N_("must be text"),
)


def readable(message: str, words: Words = ENGLISH, problems: Problems = FIELD_PROBLEMS) -> str:
    """One problem in `words`: by the first pattern it matches, else as the code marked it, else as written."""
    for pattern, wanted in problems:
        found = pattern.match(message)
        if found:
            return words.gettext(wanted, **found.groupdict())
    return words.gettext(message)


def readable_all(errors: Mapping[str, Any], words: Words = ENGLISH) -> dict[str, Any]:
    """{field: problem or problems} with each problem `readable` (the shape kept: a string stays a string)."""
    return {
        field: readable(said, words) if isinstance(said, str) else [readable(str(part), words) for part in said]
        for field, said in errors.items()
    }
