"""Resource coordinators' HSDS interchange pages: upload a datapackage to import, download the whole directory.

The import itself is `importing.import_directory` and the export `export.export_directory`; these views only
turn an upload into a file in a scratch folder (removed afterwards, whatever happens) and a download back into
a response.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from flask import Blueprint, current_app, g, render_template, request, send_file
from werkzeug.datastructures import CombinedMultiDict, FileStorage
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from directory import locales, problems
from directory.accounts.access import COORDINATORS, login_required
from directory.coordinator.upload_form import ImportForm
from directory.db import Session
from directory.hsds import importing
from directory.hsds.export import FORMATS, Format, export_archive
from directory.hsds.importing import plural
from directory.listings.validation import ImportFailed, Problem
from directory.localtime import local_now

bp = Blueprint("interchange", __name__, url_prefix="/coordinator")

#: How many problems and warnings a page lists before "and N more".
MAX_PROBLEMS = 200
MAX_WARNINGS = 50
#: Kinds whose plain plural reads oddly in a table of counts.
PLURALS = {"accessibility": "accessibility records", "funding": "funding records"}


def _(text: str, **values: Any) -> str:
    """What the page says, in the language of the request (the import's problems go through `problems.readable`)."""
    return locales.translated().gettext(text, **values)


@dataclass(frozen=True)
class ProblemRow:
    """One import problem as the page shows it: the file as the coordinator knows it, not a scratch path."""

    file: str
    record: int | None
    record_id: str | None
    field: str
    message: str


def _max_upload_bytes() -> int:
    return int(current_app.config["IMPORT_MAX_BYTES"])


@bp.url_value_preprocessor
def _limit_upload(endpoint: str | None, values: dict[str, Any] | None) -> None:
    # URL value preprocessors run before every before_request hook, so the limit holds before CSRFProtect's hook
    # parses (and spools to disk) the body; a bigger body is refused with 413 without being read.
    if endpoint == "interchange.upload" and request.method == "POST":
        request.max_content_length = _max_upload_bytes()


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    limit_mb = _max_upload_bytes() / (1024 * 1024)
    said = _("The file is too large: the limit is %(mb)s MB. Split it, or use `flask import`.", mb=f"{limit_mb:g}")
    return _page(error=said), 413


def _page(*, skip_invalid: bool = False, **context: Any) -> str:
    # Never reads request.form: the 413 page is rendered for a body that must not be parsed.
    return render_template(
        "coordinator/import.html",
        formats=FORMATS,
        max_mb=_max_upload_bytes() / (1024 * 1024),
        skip_invalid=skip_invalid,
        **context,
    )


@bp.get("/import")
@login_required(*COORDINATORS)
def import_page() -> str:
    return _page()


@bp.post("/import")
@login_required(*COORDINATORS)
def upload() -> tuple[str, int]:
    form = ImportForm(CombinedMultiDict((request.files, request.form)))
    if not form.validate():
        return _page(error=form.problem, skip_invalid=bool(form.skip_invalid.data)), 422
    return _import_upload(form.sent, form.original, form.extension, skip_invalid=bool(form.skip_invalid.data))


def _import_upload(sent: FileStorage, original: str, extension: str, *, skip_invalid: bool) -> tuple[str, int]:
    """Import the upload from a scratch folder (removed afterwards, whatever happens): the counts, or the problems."""
    scratch = Path(tempfile.mkdtemp(prefix="directory-upload-"))
    try:
        saved = scratch / _safe_name(original, extension)
        refusal = _save(sent, saved, original)
        if refusal:
            return _page(error=refusal, skip_invalid=skip_invalid), 422
        try:
            result = importing.import_directory(Session(), saved, who=g.user.email, skip_invalid=skip_invalid)
        except ImportFailed as failure:
            rows = [_problem_row(problem, scratch, saved.name, original) for problem in failure.problems]
            return _page(
                error=failure.message,
                filename=original,
                problems=rows[:MAX_PROBLEMS],
                more_problems=max(0, len(rows) - MAX_PROBLEMS),
                skip_invalid=skip_invalid,
            ), 422
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    counts = [(_kind_label(kind, count), count) for kind, count in result.counts.items()]
    return _page(
        filename=original,
        counts=counts,
        total=sum(result.counts.values()),
        warnings=result.warnings[:MAX_WARNINGS],
        more_warnings=max(0, len(result.warnings) - MAX_WARNINGS),
        skip_invalid=skip_invalid,
    ), 200


@bp.get("/export")
@login_required(*COORDINATORS)
def download() -> Any:
    fmt = request.args.get("format", "csv").strip().lower()
    if fmt not in FORMATS:
        shown = request.args.get("format", "")[:40]
        choices = _("%(first)s or %(second)s", first=", ".join(FORMATS[:-1]), second=FORMATS[-1])
        return _page(
            export_error=_("Unknown export format %(format)s: choose %(choices)s.", format=repr(shown), choices=choices)
        ), 422
    name, body = export_archive(Session(), cast(Format, fmt), local_now().date())
    response: Response = send_file(body, mimetype="application/zip", as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "no-store"
    return response


def _safe_name(original: str, extension: str) -> str:
    """The upload's own name made safe for the file system, keeping its extension (which the import reads)."""
    name = secure_filename(original)
    return name if name.lower().endswith(extension) and len(name) > len(extension) else f"upload{extension}"


def _save(upload: FileStorage, saved: Path, original: str) -> str | None:
    """Write the upload to `saved`; a reason to refuse it before importing, or None."""
    upload.save(saved)
    if saved.stat().st_size == 0:
        return _("%(file)s is empty.", file=original)
    if saved.suffix.lower() == ".zip" and not zipfile.is_zipfile(saved):
        return _(
            "%(file)s is not a zip archive (it may be damaged, or be another kind of file renamed).", file=original
        )
    return None


def _problem_row(problem: Problem, scratch: Path, saved_name: str, original: str) -> ProblemRow:
    return ProblemRow(
        _shown_file(problem.file, scratch, saved_name, original),
        problem.record,
        problem.record_id,
        problem.field,
        problems.readable(problem.message, locales.translated()),
    )


def _shown_file(file: str, scratch: Path, saved_name: str, original: str) -> str:
    """A problem's file as the coordinator knows it: inside the upload, never a path on the server."""
    path = Path(file)
    if not path.is_absolute():
        return file
    try:
        inside = path.relative_to(scratch)
    except ValueError:
        return path.name  # a file unpacked by the import into its own scratch folder
    return original if str(inside) == saved_name else str(inside)


def _kind_label(kind: str, count: int) -> str:
    words = kind.replace("_", " ")
    if count == 1:
        return words
    return PLURALS.get(kind, plural(kind).replace("_", " "))
