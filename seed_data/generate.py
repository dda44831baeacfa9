"""Deterministic generator of the seeded county directory.

Builds a fictional but realistic community resource directory set in the real
Portland, Oregon metro (Multnomah, Washington and Clackamas counties in Oregon and
Clark County, Washington): the taxonomy of directory/catalogue (12 categories and the 49
catalogue codes), organizations with their locations, and fully nested HSDS 3.1 services with
the project's extensions (``eligibility_criteria``, ``insurance_accepted``,
``payment_options``, ``accepting_new_clients``, ``wait_weeks``).

What the listings say lives in data files (seed_data/catalogue/*.toml); the modules beside
this one hold how they are drawn: ``planning`` (which organizations offer which services),
``organizations`` and ``services`` (the records), ``eligibility``, ``hours``, ``places`` and
``freshness`` (verification dates, statuses and alerts).

The same ``n_services`` and ``seed`` always give the same data, and every id is a
UUIDv5 of a stable key (``service:17``, ``service:17:phone:0``...), so regenerating
keeps ids. Above ``METRO_MAX_SERVICES`` services the directory spreads over every
Oregon and Washington ZIP code instead of the metro.

Usage::

    python -m seed_data.generate --services 320 --seed 2026 --out seed_data/county
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from directory.catalogue import Term, catalogue
from seed_data.files import JSON
from seed_data.freshness import assign_dates, assign_statuses
from seed_data.ids import TAXONOMY_ID, term_id
from seed_data.organizations import OrganizationBuilder
from seed_data.places import load_region
from seed_data.planning import plan_organizations
from seed_data.service_types import CATALOGUE_CODES

METRO_MAX_SERVICES: Final = 2000
OUTPUT_FILES: Final = ("taxonomies", "taxonomy_terms", "organizations", "services")


def build_taxonomy() -> tuple[list[JSON], list[JSON]]:
    """The taxonomy and its terms, as directory/catalogue writes them."""
    ours = catalogue()
    taxonomy: JSON = {"id": TAXONOMY_ID, "name": ours.name, "description": ours.description, "version": ours.version}
    return [taxonomy], [_term_record(term, ours.name) for term in ours.terms]


def _term_record(term: Term, taxonomy: str) -> JSON:
    record: JSON = {
        "id": term_id(term.code),
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "taxonomy": taxonomy,
        "taxonomy_id": TAXONOMY_ID,
        "language": "en",
    }
    if term.parent:
        record["parent_id"] = term_id(term.parent)
    return record


def generate(n_services: int = 320, seed: int = 2026) -> dict[str, list[JSON]]:
    """Build the directory: taxonomies, taxonomy terms, organizations and services.

    Deterministic for a given ``(n_services, seed)``. Up to ``METRO_MAX_SERVICES``
    services stay in the Portland metro; larger directories use every Oregon and
    Washington ZIP code.
    """
    if n_services < 1:
        raise ValueError("n_services must be at least 1")
    rng = random.Random(seed)  # noqa: S311 -- reproducible fake data, not security
    region = load_region(wide=n_services > METRO_MAX_SERVICES)
    taxonomies, terms = build_taxonomy()
    builder = OrganizationBuilder(rng, region)
    organizations: list[JSON] = []
    services: list[JSON] = []
    for index, plan in enumerate(plan_organizations(rng, n_services)):
        org, org_services = builder.organization(index, plan)
        organizations.append(org)
        services.extend(org_services)
    assign_dates(rng, services)
    assign_statuses(rng, services)
    return {
        "taxonomies": taxonomies,
        "taxonomy_terms": terms,
        "organizations": organizations,
        "services": services,
    }


def dump(records: list[JSON]) -> str:
    """The exact text of one output file."""
    return json.dumps(records, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def write_directory(data: dict[str, list[JSON]], out: Path) -> None:
    """Write the four JSON arrays; streamed, so 100,000 services do not need one huge string."""
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUT_FILES:
        with (out / f"{name}.json").open("w", encoding="utf-8", newline="\n") as handle:
            json.dump(data[name], handle, indent=1, ensure_ascii=False, sort_keys=True)
            handle.write("\n")


def summarize(data: dict[str, list[JSON]]) -> str:
    services = data["services"]
    location_ids = {sal["location_id"] for s in services for sal in s["service_at_locations"]}
    languages = {lang["code"] for s in services for lang in s["languages"]}
    per_code = Counter(a["taxonomy_term_id"] for s in services for a in s["attributes"])
    child_counts = [per_code[term_id(code)] for code in CATALOGUE_CODES]
    return (
        f"{len(services)} services, {len(data['organizations'])} organizations, "
        f"{len(location_ids)} locations in use, {len(languages)} languages, "
        f"services per code {min(child_counts)}-{max(child_counts)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seed_data.generate",
        description="Generate the seeded county directory as HSDS 3.1 JSON.",
    )
    parser.add_argument("--services", type=int, default=320, help="number of services")
    parser.add_argument("--seed", type=int, default=2026, help="random seed")
    parser.add_argument("--out", type=Path, default=Path("seed_data/county"), help="output directory")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = generate(args.services, args.seed)
    write_directory(data, args.out)
    elapsed = time.perf_counter() - started
    sys.stdout.write(f"Wrote {args.out}: {summarize(data)} ({elapsed:.1f} s)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
