"""The import or export page in a real browser, without JavaScript, on a desk and on a 390px phone: download the
directory, upload it back (counts), upload a broken file (problems by file, record and field).

Screenshots go to /tmp/upload-*.png.
"""

from __future__ import annotations

import json
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import COORDINATOR

pytestmark = pytest.mark.browser
SHOTS = Path(tempfile.gettempdir())  # /tmp/upload-*.png


@pytest.fixture(params=[(1200, 900), (390, 844)], ids=["desk", "phone"])
def coordinator(request: pytest.FixtureRequest, browser: Any, live_url: str) -> Iterator[tuple[Any, str]]:
    width, height = request.param
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=False, accept_downloads=True
    )
    page = context.new_page()
    page.goto(live_url + "/login")
    page.fill("#email", COORDINATOR[0])
    page.fill("#password", COORDINATOR[1])
    page.click("button:has-text('Sign in')")
    page.click("text=Import or export")
    assert page.locator("h1").inner_text() == "Import or export"
    yield page, request.node.callspec.id
    context.close()


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_download_the_directory_and_upload_it_back(coordinator: tuple[Any, str], tmp_path: Path) -> None:
    page, size = coordinator
    assert page.get_by_label("HSDS file").is_visible()
    assert fits(page)
    page.screenshot(path=str(SHOTS / f"upload-form-{size}.png"), full_page=True)
    with page.expect_download() as download_info:
        page.click("text=JSON files (.zip)")
    download = download_info.value
    assert download.suggested_filename.startswith("hsds-3.1-json-")
    exported = tmp_path / download.suggested_filename
    download.save_as(exported)
    assert "services.json" in zipfile.ZipFile(exported).namelist()

    page.set_input_files("#file", str(exported))
    page.click("button:has-text('Import')")
    status = page.locator("[role=status]").inner_text()
    assert f"Imported {exported.name}" in status
    assert page.locator("table.counts").is_visible()
    assert fits(page)
    page.screenshot(path=str(SHOTS / f"upload-done-{size}.png"), full_page=True)


def test_a_broken_upload_lists_its_problems(coordinator: tuple[Any, str], tmp_path: Path) -> None:
    page, size = coordinator
    broken = tmp_path / "broken-directory.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        services = [
            {"id": str(uuid.uuid4()), "organization_id": str(uuid.uuid4()), "name": f"Orphan service {n}"}
            for n in range(3)
        ]
        archive.writestr("services.json", json.dumps(services))
    page.set_input_files("#file", str(broken))
    page.click("button:has-text('Import')")
    assert "broken-directory.zip:" in page.locator("[role=alert]").inner_text()
    problems = page.locator("table.problems").inner_text()
    assert "services.json" in problems
    assert "organization_id" in problems
    assert not page.get_by_label("Keep the valid records and skip the bad ones").is_checked()
    assert fits(page)
    page.screenshot(path=str(SHOTS / f"upload-failed-{size}.png"), full_page=True)
