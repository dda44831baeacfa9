"""Every page is light enough for an old phone on a poor connection: its HTML with the CSS and scripts it loads
under 100 KB, nothing fetched from another site (no CDN, no font service), and usable with JavaScript off (a
form posts and a link navigates: no page needs a script to work)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from directory.accounts.models import Role
from directory.accounts.operations import create_user
from directory.db import Session
from directory.listings.models import Service
from tests.conftest import seeded_county

BUDGET = 100 * 1024
RESOURCE = re.compile(r'<(?:link[^>]+href|script[^>]+src|img[^>]+src|source[^>]+src|iframe[^>]+src)="([^"]+)"')


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, str]]:
    with seeded_county(tmp_path_factory.mktemp("weight"), WTF_CSRF_ENABLED=False) as app:
        session = Session()
        create_user(session, "cm@example.org", "correct horse battery staple", Role.CASE_MANAGER)
        service_id = str(session.scalars(select(Service.id).order_by(Service.name)).first())
        session.commit()
        yield app, service_id


def weight(client: FlaskClient, html: str) -> tuple[int, list[str]]:
    """Bytes of the page and of every stylesheet and script it loads, and whatever it would fetch elsewhere."""
    total, elsewhere = len(html.encode()), []
    for url in RESOURCE.findall(html):
        if url.startswith("data:"):
            continue
        if "://" in url or url.startswith("//"):
            elsewhere.append(url)
            continue
        with client.get(url) as response:  # a static file is sent from an open file: closed here
            assert response.status_code == 200, url
            body = response.get_data()
        total += len(body)
        elsewhere += re.findall(rb"url\((?:['\"])?(https?:)?//[^)]+\)", body)  # type: ignore[arg-type]
    return total, elsewhere


def test_every_page_is_under_100_kb_with_nothing_from_another_site(county: tuple[Flask, str]) -> None:
    app, service_id = county
    client = app.test_client()
    pages = {
        "home": client.get("/"),
        "search": client.get("/search", query_string={"search": "food"}),
        "category": client.get("/search", query_string={"taxonomy_code": "food_pantry", "per_page": "50"}),
        "listing": client.get(f"/services/{service_id}"),
        "suggest": client.get(f"/services/{service_id}/suggest"),
        "check": client.post("/check", data={"age": "30", "household_size": "2", "postcode": "97205"}),
        "sign-in": client.get("/login"),
    }
    shared = client.post("/share", data={"service": [service_id]})
    assert shared.status_code == 303
    pages["shared"] = client.get(shared.headers["Location"])
    client.post("/login", data={"email": "cm@example.org", "password": "correct horse battery staple"})
    profile = {"age": "40", "household_size": "3", "income_amount": "2000", "income_period": "month"}
    client.post("/casework", data={**profile, "postcode": "97214", "needs": ["food_pantry", "mh_outpatient"]})
    pages["workspace"] = client.get("/casework")
    picks = re.findall(r'name="service_id" value="([^"]+)"', pages["workspace"].get_data(as_text=True))[:5]
    assert picks
    pages["handout"] = client.post("/casework/handout", data={"service_id": picks, "note": "Call first."})
    sizes = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        total, elsewhere = weight(client, response.get_data(as_text=True))
        assert elsewhere == [], f"{name} fetches from another site: {elsewhere}"
        sizes[name] = total
    assert max(sizes.values()) < BUDGET, sizes
    print("\npage weights (KB):", {name: round(size / 1024, 1) for name, size in sizes.items()})


def test_no_page_needs_javascript(county: tuple[Flask, str]) -> None:
    """The only script is the handout's Print button, which the page hides until the script shows it."""
    scripts = sorted(p.name for p in Path(county[0].static_folder or "").glob("*.js"))
    assert scripts == ["print.js"]
    templates = Path(county[0].root_path) / "templates"
    using = [p.name for p in templates.rglob("*.html") if "<script" in p.read_text()]
    assert using == ["handout.html"]
    assert "data-print hidden" in (templates / "casework" / "handout.html").read_text()
