"""Command line: `flask --app app migrate | seed | import | export | reindex`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import inspect

from directory import migrations
from directory.db import Session
from directory.hsds import importing
from directory.hsds.export import export_command
from directory.hsds.importing import plural
from directory.listings.validation import ImportFailed
from directory.search import SearchIndex, following


def counted(counts: dict[str, int]) -> str:
    """ "1 organization, 2 services, 3 addresses": counts by kind, in words."""
    return ", ".join(
        f"{count} {(kind if count == 1 else plural(kind)).replace('_', ' ')}" for kind, count in counts.items()
    )


def _index() -> SearchIndex:
    index: SearchIndex = current_app.extensions["directory.index"]
    return index


@click.command("migrate")
@with_appcontext
def migrate_command() -> None:
    """Create or upgrade the database schema (Alembic migrations)."""
    migrations.upgrade(current_app.extensions["directory.engine"])
    click.echo("Database is at the latest schema.")


@click.command("seed")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@with_appcontext
def seed_command(path: Path | None) -> None:
    """Load the seeded county (HSDS 3.1 JSON in seed_data/county) and rebuild the search index."""
    folder = path or Path(current_app.config["SEED_DIR"])
    session = Session()
    if not inspect(session.connection()).has_table("services"):
        raise click.ClickException("The database has no tables yet: run `flask --app app migrate` first.")
    try:
        imported = importing.seed_directory(session, folder)
    except ImportFailed as failure:
        for problem in failure.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(failure.message) from None
    click.echo(f"Loaded {folder}: {counted(imported)}.")
    click.echo(f"Indexed {following.rebuild(session, _index())} services.")


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path, exists=True))
@click.option("--skip-invalid", is_flag=True, help="Keep the valid records of a file that has problems.")
@click.option("--progress/--no-progress", default=None, help="A progress bar (default: when writing to a terminal).")
@with_appcontext
def import_command(path: Path, skip_invalid: bool, progress: bool | None) -> None:
    """Import HSDS: a datapackage (CSV of 1.x, 2.0 or 3.x; folder or .zip), HSDS 3 JSON (folder or file), or a
    SAMHSA treatment facility listing."""
    show = progress if progress is not None else sys.stderr.isatty()
    with click.progressbar(length=1, label="Importing", file=sys.stderr, hidden=not show) as bar:

        def report(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        try:
            result = importing.import_directory(
                Session(), path, who=f"import: {path.name}", skip_invalid=skip_invalid, progress=report
            )
        except ImportFailed as failure:
            bar.render_finish()
            for problem in failure.problems[:200]:
                click.echo(str(problem), err=True)
            if len(failure.problems) > 200:
                click.echo(f"... and {len(failure.problems) - 200} more", err=True)
            raise click.ClickException(failure.message) from None
    for warning in result.warnings[:50]:
        click.echo(f"warning: {warning}", err=True)
    if len(result.warnings) > 50:
        click.echo(f"... and {len(result.warnings) - 50} more warnings", err=True)
    click.echo(f"Imported {result.kind}: {counted(result.counts) or 'nothing'}.")


@click.command("reindex")
@with_appcontext
def reindex_command() -> None:
    """Rebuild the search index from the database, swapping it in when complete."""
    count = following.rebuild(Session(), _index())
    click.echo(f"Indexed {count} services.")


commands = [migrate_command, seed_command, import_command, export_command, reindex_command]
