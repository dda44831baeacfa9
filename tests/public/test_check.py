"""The public "Do I qualify?" check: five skippable questions, plain verdicts, nothing kept."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests import factories as f


def test_the_questions_are_labelled_and_skippable(client: FlaskClient) -> None:
    html = client.get("/check").get_data(as_text=True)
    for label in [
        "How old are you?",
        "How many people live in your household",
        "Household income",
        "Your ZIP code",
        "Health insurance",
    ]:
        assert label in html
    assert "required" not in html.split("<form")[1].split("</form>")[0]


def test_answers_get_plain_verdicts_and_the_disclaimer(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(name="Family Food Boxes", eligibility_criteria={"type": "income", "max_percent_fpl": 185})
    f.ServiceFactory(name="Senior Lunch", eligibility_criteria={"type": "age", "min": 60})
    response = client.post(
        "/check", data={"age": "30", "household_size": "4", "income_amount": "3000", "income_period": "month"}
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Family Food Boxes" in html
    assert "You likely qualify." in html
    assert "Senior Lunch" not in html
    assert "not a decision about eligibility" in html


def test_skipping_everything_still_answers(client: FlaskClient, db_session: Session) -> None:
    f.ServiceFactory(name="Family Food Boxes", eligibility_criteria={"type": "income", "max_percent_fpl": 185})
    html = client.post("/check", data={}).get_data(as_text=True)
    assert "You may qualify: they will ask about income, household size." in html


def test_a_bad_answer_is_named(client: FlaskClient) -> None:
    response = client.post("/check", data={"age": "-2"})
    assert response.status_code == 422
    assert "Enter a number from 0 to 130." in response.get_data(as_text=True)
