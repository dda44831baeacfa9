"""`make load`: a bounded load run against the production set-up: gunicorn as `make serve` runs it (4 sync workers,
`-c python:directory.serving`) on PostgreSQL, with the 100,000-service directory.

1. the seeded directory is generated (bench/.work/, shared with `make bench`) and bulk-loaded into a PostgreSQL
   database of its own on the server at DIRECTORY_CI_POSTGRES_URL (default postgresql+psycopg://postgres@127.0.0.1/test:
   the database named there is only where the run connects to create its own), reused while it is complete;
2. gunicorn starts; its master builds the index from PostgreSQL before any worker answers (`directory.serving`);
3. every worker is warmed, then separate client processes send a fixed mix for --seconds: searches through the API
   (`/api/services?...`), the same searches as the public page (`/search?...`), and listings read by id
   (`/api/services/<id>`); each request's latency, every answer that is not 200 counted as an error;
4. writes bench/results/production.json and production.md.

Rate limits are off for the run (DIRECTORY_RATELIMIT_ENABLED=false): every request comes from one address here,
where in service they come from many.

Usage::

    .venv/bin/python bench/production_load.py [--services 100000] [--seconds 60]

The loaded database is kept for the next run (`DROP DATABASE directory_load_100000_2026` when done with it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench import run  # noqa: E402

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class ProductionServer(run.Server):
    """gunicorn with the directory's own serving settings (`make serve`), on the given database."""

    def __init__(self, database_url: str, index_dir: Path, workers: int, logfile: Path) -> None:
        self.port = run.free_port()
        self.logfile = logfile
        self.workers = workers
        env = {
            **os.environ,
            "DIRECTORY_DATABASE_URL": database_url,
            "DIRECTORY_INDEX_DIR": str(index_dir),
            "DIRECTORY_BIND": f"127.0.0.1:{self.port}",
            "DIRECTORY_WORKERS": str(workers),
            "DIRECTORY_SECRET_KEY": "load-run-secret-key-not-secret",
            "DIRECTORY_RATELIMIT_ENABLED": "false",
            "PYTHONUNBUFFERED": "1",
        }
        command = [sys.executable, "-m", "gunicorn", "-c", "python:directory.serving", "app:app"]
        command += ["--error-logfile", str(logfile), "--access-logfile", "/dev/null"]
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
        )


def database(server_url: str, name: str) -> tuple[str, Any]:
    url = make_url(server_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    return url.set(database=name).render_as_string(hide_password=False), admin


def exists(admin: Any, name: str) -> bool:
    with admin.connect() as connection:
        return bool(connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}))


def loaded(folder: Path, server_url: str, name: str, timings: dict[str, float]) -> tuple[str, dict[str, Any]]:
    """The generated directory in PostgreSQL database `name` (bulk-loaded unless a complete load is there)."""
    url, admin = database(server_url, name)
    marker = folder.parent / "postgres.complete"
    wanted = {
        "database": name,
        "data": run.read_marker(folder / ".complete"),
        "code": run.fingerprint(
            [
                ROOT / "bench" / "bulk_load.py",
                ROOT / "directory" / "listings" / "models.py",
                ROOT / "directory" / "migrations",
            ]
        ),
    }
    seen = run.read_marker(marker)
    try:
        if seen is not None and {k: seen.get(k) for k in wanted} == wanted and exists(admin, name):
            run.log(f"   reusing loaded database {name}")
            return url, {**seen["load"], "cached": True}
        marker.unlink(missing_ok=True)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    with run.step("bulk load into PostgreSQL", timings):
        command = [sys.executable, str(ROOT / "bench" / "bulk_load.py"), str(folder), "--database", url, "--json"]
        result = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)  # noqa: S603
        sys.stderr.write(result.stderr)
        load = json.loads(result.stdout.strip().splitlines()[-1])
    with run.step("ANALYZE (the planner's statistics, as autovacuum would gather them later)", timings):
        analyzer = create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            with analyzer.connect() as connection:
                connection.execute(text("ANALYZE"))
        finally:
            analyzer.dispose()
    marker.write_text(json.dumps({**wanted, "load": load}))
    return url, {**load, "cached": False}


def listing_paths(url: str, count: int) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id FROM services WHERE status = 'active' ORDER BY md5(id::text) LIMIT :n"), {"n": count}
            )
            return [f"/api/services/{row[0]}" for row in rows]
    finally:
        engine.dispose()


def workload(url: str, queries: int) -> list[str]:
    """Two API searches, one public search page and one listing read, over and over (each from its own list)."""
    searches = run.search_mix(queries, run.region_zips())
    api = [run.search_path(params) for params in searches]
    pages = ["/search?" + urllib.parse.urlencode(params) for params in reversed(searches)]
    listings = listing_paths(url, queries)
    mix: list[str] = []
    for n in range(queries):
        mix += [api[n], api[(n + queries // 2) % queries], pages[n], listings[n]]
    return mix


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="make load: gunicorn x4 on PostgreSQL with the 100k directory.")
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=run.SEED)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--load-procs", type=int, default=4)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--server", default=os.environ.get("DIRECTORY_CI_POSTGRES_URL") or DEFAULT_SERVER)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / ".work")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    info = run.machine()
    started = time.perf_counter()
    run.log(f"load run: {args.services} services, gunicorn x{args.workers} on PostgreSQL ({info['cores']} cores)")

    folder, _ = run.generated(args.services, args.seed, args.workdir, timings)
    name = f"directory_load_{args.services}_{args.seed}"
    url, load = loaded(folder, args.server, name, timings)
    run_dir = folder.parent / "postgres-run"
    index_dir = run_dir / "index" / "services"
    run.shutil.rmtree(run_dir, ignore_errors=True)
    index_dir.parent.mkdir(parents=True)
    paths = workload(url, args.queries)

    ready_step = "start gunicorn (the master builds the index from PostgreSQL first)"
    server = ProductionServer(url, index_dir, args.workers, run_dir / "gunicorn.log")
    try:
        with run.step(ready_step, timings):
            server.wait_ready(timeout=900)
        with run.step("warm every worker", timings):
            warmed = run.warm_workers(server, paths)
        with run.step(f"load, {args.seconds:.0f} s", timings):
            result = run.load_test(server, paths, args.seconds, args.load_procs)
        rss = sorted(round(run.proc_status(pid, "VmHWM") / 1024, 1) for pid in server.worker_pids())
        status, body = run.request(server.port, "GET", "/readyz")
    finally:
        server.stop()

    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
        "services": args.services,
        "database": "PostgreSQL",
        "workers": args.workers,
        "mix": "per 4 requests: 2 API searches, 1 public search page, 1 listing by id",
        **result,
        "warm_up_requests": warmed,
        "worker_peak_rss_mb": rss,
        "ready_after_load": {"status": status, **json.loads(body)},
        "bulk_load": load,
        "steps_s": timings,
        "total_s": round(time.perf_counter() - started, 1),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "production.json").write_text(json.dumps(report, indent=2) + "\n")
    latency = result["latency"]
    lines = [
        f"gunicorn x{args.workers} (`make serve`'s settings) on PostgreSQL, {args.services:,} services, "
        f"{result['client_processes']} client processes for {result['seconds']} s on loopback; {report['date']}.",
        "",
        "| requests | throughput rps | p50 ms | p95 ms | p99 ms | errors | worker peak RSS MB |",
        "|---|---|---|---|---|---|---|",
        f"| {result['requests']:,} | {result['throughput_rps']} | {latency['p50_ms']} | {latency['p95_ms']} | "
        f"{latency['p99_ms']} | {result['errors']} | {max(rss) if rss else '-'} |",
        "",
        f"Mix: {report['mix']}. gunicorn ready (index built from PostgreSQL first) in {timings[ready_step]} s.",
    ]
    (args.out / "production.md").write_text("\n".join(lines) + "\n")
    run.log("\n" + "\n".join(lines))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
