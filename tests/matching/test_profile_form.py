"""The client profile form (the workspace's and the public check's) -> the match body and the workspace's filters."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from directory.matching.forms import HandoutForm, ProfileForm, form_to_body


def test_a_filled_form_is_the_match_body_the_schema_reads() -> None:
    form = ProfileForm(
        MultiDict(
            [
                ("age", " 34 "),
                ("household_size", "3"),
                ("income_amount", "$2,100.50"),
                ("income_period", "month"),
                ("postcode", "97205"),
                ("veteran", "no"),
                ("insurance", "medicaid_mco"),
                ("insurance_plan", "careoregon"),
                ("dx_sud", "confirmed"),
                ("enrolled_in", "snap"),
                ("enrolled_in", ""),
                ("needs", "food"),
                ("language", "es"),
                ("radius_miles", "10"),
            ]
        )
    )
    assert form.body() == {
        "profile": {
            "age": 34,
            "household_size": 3,
            "postcode": "97205",
            "income": {"amount": 2100.5, "period": "month"},
            "veteran": False,
            "insurance": [{"category": "medicaid_mco", "plan": "careoregon"}],
            "diagnoses": {"sud": "confirmed"},
            "enrolled_in": ["snap"],
            "languages": ["es"],
        },
        "needs": ["food"],
        "near": {"postcode": "97205"},  # the home ZIP code when no other is given
        "radius_miles": 10,
    }


def test_none_of_these_and_no_insurance_are_answers_not_blanks() -> None:
    body = form_to_body({"insurance": ["none"], "enrolled_in": ["none", "snap"], "age": ["forty"]})
    assert body["profile"] == {"insurance": [], "enrolled_in": [], "age": "forty"}  # the schema names "forty"


def test_the_workspace_filters_are_read_from_their_own_fields() -> None:
    form = ProfileForm(MultiDict([("filter_language", "es"), ("filter_insurance", "medicare"), ("open_now", "true")]))
    assert form.filters({"es": "Spanish"}) == {
        "languages": ("es",),
        "insurance_categories": ("medicare",),
        "open_now": True,
        "accepting_new_clients": None,
    }
    assert form.filters({"vi": "Vietnamese"})["languages"] == ()  # a language no listing speaks is no filter
    assert form.values() == {"filter_language": ["es"], "filter_insurance": ["medicare"], "open_now": ["true"]}


def test_the_session_keeps_the_answers_as_sent_and_reads_them_back() -> None:
    sent = MultiDict([("age", "34"), ("needs", "food"), ("needs", "shelter"), ("csrf_token", "x"), ("note", "y")])
    kept = ProfileForm(sent).values()
    assert kept == {"age": ["34"], "needs": ["food", "shelter"]}  # nothing but the profile's answers
    assert ProfileForm.kept(kept).body() == ProfileForm(sent).body()


def test_the_handout_takes_only_service_ids() -> None:
    form = HandoutForm(MultiDict([("service_id", "3f1c2b7e-0d4e-4a8e-9d5e-2b1f0c9a7e11"), ("service_id", "1 OR 1=1")]))
    assert form.chosen == ["3f1c2b7e-0d4e-4a8e-9d5e-2b1f0c9a7e11"]
