"""The one HSDS table catalogue: every HSDS table once, in an order an import can load, and what reads it agrees."""

from __future__ import annotations

from pathlib import Path

from directory.db import Base
from directory.hsds import tabular
from directory.hsds.datapackage import HSDS_TABLES
from directory.listings import catalogue
from directory.listings import models as m


def test_every_hsds_table_of_the_database_is_in_the_catalogue_once() -> None:
    kept = {table.model.__tablename__ for table in catalogue.TABLES}
    assert len(kept) == len(catalogue.TABLES)
    not_hsds = {"listing_changes", "suggestions", "shared_lists"}
    hsds_models = {
        mapper.class_.__tablename__
        for mapper in Base.registry.mappers
        if mapper.class_.__module__ == m.__name__ and mapper.class_.__tablename__ not in not_hsds
    }
    assert kept == hsds_models


def test_every_table_comes_after_the_tables_it_points_at() -> None:
    """A CSV package is read table by table in this order, and a row's links are checked as it is written."""
    seen: set[str] = set()
    for table in catalogue.TABLES:
        name = str(table.model.__tablename__)
        targets = {fk.column.table.name for column in table.model.__table__.columns for fk in column.foreign_keys}
        assert targets - {name} <= seen, f"{table.kind} points at {sorted(targets - {name} - seen)} loaded later"
        seen.add(name)


def test_kinds_name_their_tables_both_ways() -> None:
    assert catalogue.kind_of_table("service_capacities") == "service_capacity"
    assert catalogue.model_for_table("service_at_locations") is m.ServiceAtLocation
    assert catalogue.MODELS["taxonomy_term"] is m.TaxonomyTerm


def test_the_json_layout_is_the_top_level_kinds_in_load_order() -> None:
    assert catalogue.DIRECTORY_FILES == (
        ("taxonomies.json", "taxonomy"),
        ("taxonomy_terms.json", "taxonomy_term"),
        ("organizations.json", "organization"),
        ("services.json", "service"),
    )


def test_the_csv_package_and_the_csv_reader_use_the_catalogues_tables_and_file_names(tmp_path: Path) -> None:
    assert {(t.name, t.path, t.model) for t in HSDS_TABLES} == {(t.kind, t.csv_file, t.model) for t in catalogue.TABLES}
    for table in catalogue.TABLES:
        for name in table.files:
            folder = tmp_path / f"{table.kind}-{name}"
            folder.mkdir()
            (folder / name).write_text("id\n")
            assert tabular.is_tabular(folder), name
