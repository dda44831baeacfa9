"""Benchmark search latency through the app against a SQLite FTS5 (BM25) baseline over the same documents.

A first step towards `make bench` (issue 6): generates (or reuses) a seeded directory of N services, loads it into
a SQLite database with a Whoosh index (reused when already loaded), then runs a fixed, seeded mix of queries (one
to four words, some misspelt, a third with a filter or a distance origin, facets on) through the Flask app's test
client — the code the web app runs — twice (first pass and warm), and the same words against an FTS5 table built
from the same services. Prints p50 / p95 / p99 in ms and the ratio ours / baseline, and writes them as JSON.

Usage::

    .venv/bin/python bench/search_latency.py --services 10000 [--queries 500] [--workdir DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_VOCABULARY = (
    "food pantry groceries meals shelter housing rent eviction counseling therapy mental health crisis detox "
    "recovery addiction treatment legal aid lawyer benefits snap medicaid insurance clothing diapers utility "
    "bills job training childcare senior veterans youth domestic violence dental clinic prescriptions "
    "transportation tenant immigration spanish"
)
WORDS = tuple(_VOCABULARY.split())
FILTERS: tuple[dict[str, str], ...] = (
    {"language": "es"},
    {"insurance": "medicaid"},
    {"open_now": "true"},
    {"postcode": "97214", "radius_miles": "10"},
    {"accepting_new_clients": "true"},
)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def query_mix(count: int, seed: int = 2026) -> list[dict[str, str]]:
    """A fixed mix: 1-4 words, one in ten misspelt, a third with a filter or origin, facets on."""
    rng = random.Random(seed)  # noqa: S311 - a repeatable mix, not a secret
    queries = []
    for n in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 4))]
        if n % 10 == 0:
            words[0] = _typo(words[0], rng)
        params = {"search": " ".join(words), "facets": "true"}
        if n % 3 == 0:
            params.update(rng.choice(FILTERS))
        queries.append(params)
    return queries


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(fraction: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000, 2)

    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def load(services: int, workdir: Path) -> tuple[Path, Path]:
    """The database and index of a seeded directory of `services`, generated and imported once."""
    data, database, index = (
        workdir / f"seed-{services}",
        workdir / f"db-{services}.sqlite3",
        workdir / f"idx-{services}",
    )
    if not (data / "services.json").exists():
        subprocess.run(  # noqa: S603 - the project's own generator
            [sys.executable, "-m", "seed_data.generate", "--services", str(services), "--out", str(data)],
            cwd=ROOT,
            check=True,
        )
    if not database.exists():
        from directory import create_app
        from directory.db import Session
        from directory.listings import operations

        app = create_app({"DATABASE_URL": f"sqlite:///{database}", "INDEX_DIR": str(index)})
        with app.app_context():
            from directory import migrations

            migrations.upgrade(app.extensions["directory.engine"])
            started = time.perf_counter()
            operations.import_directory(Session(), app.extensions["directory.follower"], data)
            print(f"loaded {services} services in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return database, index


def run_ours(database: Path, index: Path, queries: list[dict[str, str]]) -> tuple[dict[str, float], dict[str, float]]:
    from directory import create_app

    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "INDEX_DIR": str(index)})
    client = app.test_client()
    passes = []
    for _ in range(2):
        samples = []
        for params in queries:
            started = time.perf_counter()
            response = client.get("/api/services", query_string=params)
            samples.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{params}: {response.status_code} {response.get_data(as_text=True)[:200]}")
        passes.append(percentiles(samples))
    return passes[0], passes[1]


def run_fts5(database: Path, queries: list[dict[str, str]]) -> dict[str, float]:
    """The same words as OR of terms against an FTS5 table of the same services' text, BM25 order, top 25."""
    source = sqlite3.connect(database)
    rows = source.execute(
        "select s.id, s.name, coalesce(s.description, ''), coalesce(o.name, '') "
        "from services s join organizations o on o.id = s.organization_id"
    ).fetchall()
    source.close()
    fts = sqlite3.connect(":memory:")
    fts.execute("create virtual table docs using fts5(id unindexed, name, description, organization)")
    fts.executemany("insert into docs values (?, ?, ?, ?)", rows)
    samples = []
    for params in queries:
        terms = " OR ".join(f'"{word}"' for word in re.findall(r"\w+", params["search"]))
        started = time.perf_counter()
        fts.execute("select id from docs where docs match ? order by bm25(docs) limit 25", (terms,)).fetchall()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "directory-search-bench")
    parser.add_argument("--out", type=Path, default=None, help="also write the figures here as JSON")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)

    database, index = load(args.services, args.workdir)
    queries = query_mix(args.queries)
    first, warm = run_ours(database, index, queries)
    baseline = run_fts5(database, queries)
    result: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "system": platform.platform(),
        },
        "n_services": args.services,
        "queries": args.queries,
        "search_first": first,
        "search": warm,
        "search_fts5": baseline,
        "search_ratio_p50": round(warm["p50_ms"] / max(baseline["p50_ms"], 0.001), 1),
        "search_ratio_p95": round(warm["p95_ms"] / max(baseline["p95_ms"], 0.001), 1),
    }
    print(f"{'':24}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for label, figures in (("ours, first pass", first), ("ours, warm", warm), ("SQLite FTS5 (baseline)", baseline)):
        print(f"{label:24}{figures['p50_ms']:>10}{figures['p95_ms']:>10}{figures['p99_ms']:>10}")
    print(f"ratio ours / baseline: p50 {result['search_ratio_p50']}x, p95 {result['search_ratio_p95']}x")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
