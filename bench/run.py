"""`make bench`: search, matching, index and serving figures of the directory at 10,000 and 100,000 services.

For each size (`--sizes`, or BENCH_SIZES; default 10000,100000), in bench/.work/:

1. generate the seeded directory (`python -m seed_data.generate`, seed 2026) and bulk-load it into SQLite
   (bench/bulk_load.py); both are reused while they are complete (a marker written last) and match the size, seed
   and the code that made them;
2. copy the loaded database to a scratch run folder (the run edits it) and rebuild the index there
   (`following.rebuild`) three times (--rebuilds): the median's seconds and documents per second, every sample,
   the size of the live generation on disk;
3. through the app's test client (the code the web app runs): a fixed, seeded mix of searches on `/api/services`
   (first pass; warm, the index's caches filled but every answer worked out again; repeated, answers remembered),
   the same words against a plain SQLite FTS5 BM25 table over the same documents, and `POST /api/match` with
   varied client profiles;
4. under gunicorn (4 sync workers on 127.0.0.1), each worker warmed: a bounded load of the search mix from
   separate processes (requests per second, errors, then each worker's peak RSS), then edits through the write API
   timed until search returns them; then the same load again with no answer remembered (DIRECTORY_SEARCH_PAGE_MEMORY
   and DIRECTORY_SEARCH_RESULTS_CACHE 0), as if no search ever repeated another.

A search pass or the match run that is still going after --step-limit seconds (BENCH_STEP_LIMIT, default 240)
stops there with what it has, says so, and records how many it did: slow code cannot make `make bench` endless.

Prints a table with the targets, and writes bench/results/latest.json, latest.md and latest.png.

Usage::

    .venv/bin/python bench/run.py [--sizes 10000,100000] [--seconds 60] [--workdir bench/.work]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import http.client
import json
import multiprocessing
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = 2026
DEFAULT_SIZES = "10000,100000"
BENCH_PASSWORD = "bench-password-not-a-secret"  # noqa: S105 - a throwaway account in a scratch copy
BENCH_EMAIL = "bench-coordinator@example.org"

# -- the workload ------------------------------------------------------------------------------------

_VOCABULARY = (
    "food pantry groceries meals shelter housing rent eviction counseling therapy mental health crisis detox "
    "recovery addiction treatment legal aid lawyer benefits snap medicaid insurance clothing diapers utility "
    "bills job training childcare senior veterans youth domestic violence dental clinic prescriptions "
    "transportation tenant immigration spanish"
)
WORDS = tuple(_VOCABULARY.split())
#: Cities the generator weights (seed_data/generate.py BIG_CITIES): searches come from where services are.
CITIES = {
    "OR": ("Portland", "Gresham", "Beaverton", "Hillsboro", "Salem", "Eugene", "Bend", "Medford", "Corvallis"),
    "WA": ("Vancouver", "Seattle", "Spokane", "Tacoma", "Bellevue", "Everett", "Yakima", "Kent", "Olympia"),
}
FILTERS: tuple[dict[str, str], ...] = (
    {"language": "es"},
    {"insurance": "medicaid"},
    {"open_now": "true"},
    {"accepting_new_clients": "true"},
    {"age": "17"},
    {"language": "ru", "insurance": "medicare"},
)
RADII = ("5", "10", "25", "50")
INSURANCE_CHOICES: tuple[list[dict[str, str]] | None, ...] = (
    None,
    [],
    [{"category": "medicaid"}],
    [{"category": "medicaid_mco", "plan": "careoregon"}],
    [{"category": "medicare"}],
    [{"category": "private"}],
    [{"category": "marketplace"}],
    [{"category": "va"}],
    [{"category": "dual"}],
)
DIAGNOSES = ("smi", "sud", "oud", "sed", "hiv", "co_occurring")
ENROLLED = ("medicaid", "snap", "ssi", "tanf", "wic", "medicare")
HOUSING = (None, "homeless", "at_risk", "housed")
IMMIGRATION = (None, "citizen", "lpr", "refugee_asylee", "undocumented")
LANGUAGES = (["en"], ["en"], ["es"], ["ru"], ["vi"], ["zh"], None)


@dataclass(frozen=True)
class Zip:
    code: str
    county: str
    state: str


def region_zips() -> list[Zip]:
    """Standard ZIP codes of the generator's big cities in Oregon and Washington (real codes, offline)."""
    import zipcodes

    found = []
    for state, cities in CITIES.items():
        for row in zipcodes.filter_by(state=state):
            if row["zip_code_type"] == "STANDARD" and row["active"] and row["city"] in cities and row["county"]:
                found.append(Zip(str(row["zip_code"]), str(row["county"]).removesuffix(" County"), state))
    return sorted(found, key=lambda z: z.code)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def search_mix(count: int, zips: Sequence[Zip], seed: int = SEED) -> list[dict[str, str]]:
    """A fixed mix: 1-4 words, one in ten with a swapped-letter typo, a quarter with a filter, a quarter with a
    distance origin (postcode + radius), facets on. Every query has words, so FTS5 can answer each one."""
    rng = random.Random(seed)  # noqa: S311 - a repeatable mix, not a secret
    queries = []
    for n in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 4))]
        if n % 10 == 0:
            words[0] = _typo(words[0], rng)
        params = {"search": " ".join(words), "facets": "true"}
        if n % 4 == 1:
            params.update(rng.choice(FILTERS))
        elif n % 4 == 2:
            params.update(postcode=rng.choice(zips).code, radius_miles=rng.choice(RADII))
        queries.append(params)
    return queries


def match_mix(
    count: int, zips: Sequence[Zip], codes: Sequence[str], categories: Sequence[str], seed: int = SEED
) -> list[dict[str, Any]]:
    """Varied client profiles: needs (a service type or a whole category), age, gender, income, household, place,
    insurance, statuses; a quarter searched within a radius. `include_ineligible` so `total` counts every candidate
    judged."""
    rng = random.Random(seed + 1)  # noqa: S311
    bodies = []
    for n in range(count):
        place = rng.choice(zips)
        profile: dict[str, Any] = {
            "age": rng.choice((None, rng.randint(14, 85), rng.randint(18, 64), rng.randint(18, 64))),
            "gender": rng.choice((None, "female", "male", "nonbinary")),
            "household_size": rng.choice((None, 1, 2, 3, 4, 5, 6)),
            "postcode": place.code,
            "county": rng.choice((place.county, place.county, None)),
            "state": place.state,
            "insurance": rng.choice(INSURANCE_CHOICES),
            "veteran": rng.choice((None, False, False, True)),
            "pregnant": rng.choice((None, False, True)),
            "disability": rng.choice((None, False, True)),
            "housing_status": rng.choice(HOUSING),
            "immigration_status": rng.choice(IMMIGRATION),
            "languages": rng.choice(LANGUAGES),
        }
        if rng.random() < 0.75:
            period, scale = rng.choice((("month", 1.0), ("year", 12.0), ("week", 12 / 52)))
            profile["income"] = {"amount": round(rng.uniform(0, 6500) * scale, 2), "period": period}
        if rng.random() < 0.4:
            profile["diagnoses"] = {rng.choice(DIAGNOSES): rng.choice(("yes", "suspected", "no"))}
        if rng.random() < 0.6:
            profile["enrolled_in"] = rng.sample(ENROLLED, rng.randint(0, 2))
        needs = [rng.choice(categories)] if n % 3 == 0 else rng.sample(list(codes), rng.choice((1, 1, 2)))
        body: dict[str, Any] = {
            "profile": profile,
            "needs": needs,
            "near": {"postcode": place.code},
            "include_ineligible": True,
            "limit": 20,
        }
        if n % 4 == 1:
            body["radius_miles"] = rng.choice((50, 100))
        if n % 7 == 0:
            body["query"] = rng.choice(("walk in", "spanish", "free", "evening", "near bus"))
        bodies.append(body)
    return bodies


# -- small helpers -----------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, flush=True)


@contextlib.contextmanager
def step(name: str, timings: dict[str, float]) -> Iterator[None]:
    log(f"-> {name} ...")
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - started
        timings[name] = round(seconds, 1)
        log(f"   {name}: {seconds:.1f} s")


def percentiles(samples: Sequence[float], scale: float = 1000.0, unit: str = "ms") -> dict[str, float]:
    """p50 / p95 / p99 (nearest rank) of samples in seconds, in ms (or s with scale 1)."""
    ordered = sorted(samples)
    if not ordered:
        return {f"p50_{unit}": 0.0, f"p95_{unit}": 0.0, f"p99_{unit}": 0.0}

    def at(fraction: float) -> float:
        return round(ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))] * scale, 3)

    return {
        f"p50_{unit}": round(statistics.median(ordered) * scale, 3),
        f"p95_{unit}": at(0.95),
        f"p99_{unit}": at(0.99),
    }


def fingerprint(paths: Sequence[Path], *extra: object) -> str:
    digest = hashlib.sha256(repr(extra).encode())
    for path in paths:
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(ROOT).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def read_marker(path: Path) -> dict[str, Any] | None:
    try:
        marker: dict[str, Any] = json.loads(path.read_text())
        return marker
    except (OSError, ValueError):
        return None


def folder_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def _git(*args: str) -> str:
    command = [shutil.which("git") or "git", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()  # noqa: S603


def machine() -> dict[str, Any]:
    import sqlalchemy

    cpu = platform.processor() or "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 2**20, 1)
    from importlib.metadata import version

    commit = _git("rev-parse", "--short", "HEAD") or os.environ.get("BENCH_COMMIT", "unknown")
    dirty = _git("status", "--porcelain", "directory") if (ROOT / ".git").exists() else ""
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "whoosh": version("whoosh-reloaded"),
        "sqlalchemy": sqlalchemy.__version__,
        "flask": version("flask"),
        "gunicorn": version("gunicorn"),
        "commit": commit + (" + uncommitted changes in directory/" if dirty else ""),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "code_fingerprint": code_fingerprint(),
    }


# -- 1. data: generate and bulk load (cached) -----------------------------------------------------------------


@dataclass
class Prepared:
    folder: Path
    database: Path
    load: dict[str, Any]


def generated(size: int, seed: int, workdir: Path, timings: dict[str, float]) -> tuple[Path, dict[str, Any]]:
    """The seeded directory of `size` services as HSDS JSON in workdir (generated unless already complete)."""
    home = workdir / f"{size}-{seed}"
    folder, data_marker = home / "data", home / "data" / ".complete"
    wanted_data = {"services": size, "seed": seed, "generator": fingerprint([ROOT / "seed_data" / "generate.py"])}
    if read_marker(data_marker) != wanted_data:
        shutil.rmtree(home, ignore_errors=True)
        with step(f"generate {size} services", timings):
            command = [sys.executable, "-m", "seed_data.generate", "--services", str(size), "--seed", str(seed)]
            subprocess.run([*command, "--out", str(folder)], cwd=ROOT, check=True)  # noqa: S603
        data_marker.write_text(json.dumps(wanted_data))
    else:
        log(f"   reusing generated data in {folder}")
    return folder, wanted_data


def prepare(size: int, seed: int, workdir: Path, timings: dict[str, float]) -> Prepared:
    folder, wanted_data = generated(size, seed, workdir, timings)
    home = folder.parent
    database, db_marker = home / "loaded.sqlite3", home / "loaded.complete"
    code = fingerprint(
        [
            ROOT / "bench" / "bulk_load.py",
            ROOT / "directory" / "listings" / "records.py",
            ROOT / "directory" / "listings" / "catalogue.py",
            ROOT / "directory" / "listings" / "validation.py",
            ROOT / "directory" / "listings" / "models.py",
            ROOT / "directory" / "migrations",
        ]
    )
    wanted_db = {"data": wanted_data, "code": code}
    marker = read_marker(db_marker)
    if marker is None or {k: marker.get(k) for k in wanted_db} != wanted_db or not database.exists():
        db_marker.unlink(missing_ok=True)
        database.unlink(missing_ok=True)
        with step(f"bulk load {size} services", timings):
            command = [sys.executable, str(ROOT / "bench" / "bulk_load.py"), str(folder)]
            result = subprocess.run(  # noqa: S603
                [*command, "--database", f"sqlite:///{database}", "--json"],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            sys.stderr.write(result.stderr)
            load = json.loads(result.stdout.strip().splitlines()[-1])
        marker = {**wanted_db, "load": load}
        db_marker.write_text(json.dumps(marker))
        load["cached"] = False
    else:
        log(f"   reusing loaded database {database}")
        load = {**marker["load"], "cached": True}
    log(f"   bulk load: {load['services']} services in {load['seconds']:.1f} s ({load['services_per_s']:.0f}/s)")
    return Prepared(folder, database, load)


# -- 2-3. in-process measurements ---------------------------------------------------------------------------------


def app_for(database: Path, index_dir: Path) -> Any:
    from directory import create_app

    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "INDEX_BACKEND": "whoosh",
            "INDEX_DIR": str(index_dir),
            "SECRET_KEY": "bench-secret-key-not-secret",
            "RATELIMIT_ENABLED": False,  # one client sending thousands of searches is the point here
        }
    )
    gc.freeze()  # as app.py does once the app is made
    return app


def rebuild_index(database: Path, index_dir: Path, times: int = 1) -> dict[str, Any]:
    """Full rebuilds, one after another (each a new generation swapped in): the median's seconds and rate, every
    sample, and the live generation's size."""
    from directory import migrations
    from directory.db import Session
    from directory.search import following

    app = app_for(database, index_dir)
    samples = []
    with app.app_context():
        migrations.upgrade(app.extensions["directory.engine"])  # a no-op unless the schema moved on since the load
        for _ in range(times):
            started = time.perf_counter()
            documents = following.rebuild(Session(), app.extensions["directory.index"])
            samples.append(time.perf_counter() - started)
            Session.remove()
    seconds = statistics.median(samples)
    live = index_dir.resolve()
    return {
        "reindex_s": round(seconds, 2),
        "reindex_samples_s": [round(sample, 2) for sample in samples],
        "documents": documents,
        "docs_per_s": round(documents / seconds, 1),
        "index_mb": folder_mb(live),
    }


def time_requests(send: Callable[[Any], Any], items: Sequence[Any], limit_s: float, what: str) -> list[Any]:
    """(seconds, response) per request, in order; stops early (a prefix of the mix) once `limit_s` have gone by.
    Any answer but 200 ends the run."""
    timed: list[Any] = []
    began = time.perf_counter()
    for item in items:
        if time.perf_counter() - began > limit_s:
            log(f"   STEP LIMIT: stopped after {len(timed)} of {len(items)} requests ({limit_s:.0f} s)")
            break
        started = time.perf_counter()
        response = send(item)
        timed.append((time.perf_counter() - started, response))
        if response.status_code != 200:
            raise SystemExit(f"{what} {item}: {response.status_code} {response.get_data(as_text=True)[:300]}")
    return timed


def time_searches(client: Any, queries: Sequence[dict[str, str]], limit_s: float) -> list[float]:
    timed = time_requests(lambda params: client.get("/api/services", query_string=params), queries, limit_s, "search")
    return [seconds for seconds, _ in timed]


def time_matches(client: Any, bodies: Sequence[dict[str, Any]], limit_s: float) -> tuple[list[float], list[int]]:
    timed = time_requests(lambda body: client.post("/api/match", json=body), bodies, limit_s, "/api/match")
    return [seconds for seconds, _ in timed], [int(response.get_json()["total"]) for _, response in timed]


def fts5_baseline(database: Path, queries: Sequence[dict[str, str]]) -> dict[str, float]:
    """The same words against an in-memory FTS5 table (porter stemming) of the same visible services' name,
    description, organization, taxonomy terms (and their broader terms) and eligibility: OR of the words, top 25
    by bm25. Filters, facets and distance have no counterpart here. Warm: the second of two passes."""
    source = sqlite3.connect(database)
    rows = source.execute(
        """
        select s.id, s.name, coalesce(s.description, ''), coalesce(o.name, ''),
               coalesce((select group_concat(t.name || ' ' || coalesce(p.name, ''), ' ')
                         from attributes a join taxonomy_terms t on t.id = a.taxonomy_term_id
                         left join taxonomy_terms p on p.id = t.parent_id
                         where a.link_entity = 'service' and a.link_id = s.id), ''),
               coalesce(s.eligibility_description, '')
        from services s join organizations o on o.id = s.organization_id
        where s.status in ('active', 'temporarily closed')
        """
    ).fetchall()
    source.close()
    fts = sqlite3.connect(":memory:")
    fts.execute(
        "create virtual table docs using fts5(id unindexed, name, description, organization, taxonomy, eligibility,"
        " tokenize = 'porter unicode61')"
    )
    fts.executemany("insert into docs values (?, ?, ?, ?, ?, ?)", rows)
    fts.commit()
    samples: list[float] = []
    for _ in range(2):
        samples = []
        for params in queries:
            terms = " OR ".join(f'"{word}"' for word in re.findall(r"\w+", params["search"].lower()))
            started = time.perf_counter()
            fts.execute("select id from docs where docs match ? order by bm25(docs) limit 25", (terms,)).fetchall()
            samples.append(time.perf_counter() - started)
    fts.close()
    return {**percentiles(samples), "documents": len(rows)}


def catalogue_codes(database: Path) -> tuple[list[str], list[str]]:
    """(service type codes, category codes) of the directory's taxonomy."""
    connection = sqlite3.connect(database)
    try:
        types = [
            r[0]
            for r in connection.execute(
                "select code from taxonomy_terms where parent_id is not null and code is not null order by code"
            )
        ]
        categories = [
            r[0]
            for r in connection.execute(
                "select code from taxonomy_terms where parent_id is null and code is not null order by code"
            )
        ]
    finally:
        connection.close()
    return types, categories


def bench_token(app: Any) -> str:
    """A coordinator's API token for the write API, made through the command line the README documents."""
    runner = app.test_cli_runner()
    created = runner.invoke(
        args=["users", "create", BENCH_EMAIL, "--role", "coordinator"], input=f"{BENCH_PASSWORD}\n{BENCH_PASSWORD}\n"
    )
    if created.exit_code != 0 and "already has an account" not in created.output:
        raise SystemExit(f"users create failed: {created.output}")
    issued = runner.invoke(args=["users", "token", BENCH_EMAIL])
    if issued.exit_code != 0:
        raise SystemExit(f"users token failed: {issued.output}")
    return str(issued.output.strip().splitlines()[-1])


# -- 4. gunicorn ---------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """gunicorn serving the app (app:app) with sync workers on 127.0.0.1; always stopped by `stop()`."""

    def __init__(
        self, database: Path, index_dir: Path, workers: int, logfile: Path, settings: dict[str, str] | None = None
    ) -> None:
        self.port = free_port()
        self.logfile = logfile
        env = {
            **os.environ,
            **(settings or {}),
            "DIRECTORY_DATABASE_URL": f"sqlite:///{database}",
            "DIRECTORY_INDEX_BACKEND": "whoosh",
            "DIRECTORY_INDEX_DIR": str(index_dir),
            "DIRECTORY_SECRET_KEY": "bench-secret-key-not-secret",
            "DIRECTORY_RATELIMIT_ENABLED": "false",
            "PYTHONUNBUFFERED": "1",
        }
        command = [
            sys.executable, "-m", "gunicorn", "app:app",
            "--workers", str(workers), "--worker-class", "sync",
            "--bind", f"127.0.0.1:{self.port}",
            "--timeout", "120", "--graceful-timeout", "20",
            "--log-level", "warning", "--error-logfile", str(logfile),
        ]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.workers = workers

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}):\n{self.log_tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, _ = request(self.port, "GET", "/api/")
                if status == 200 and len(self.worker_pids()) >= self.workers:
                    return
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.logfile.read_text().splitlines()[-30:])
        return ""

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        with contextlib.suppress(OSError):
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        return []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        # Whatever is left in gunicorn's own process group (a worker past its timeout, a writer process a killed
        # worker had started) goes too: the group is ours, made by start_new_session.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def proc_status(pid: int, field: str) -> int:
    """A kB figure from /proc/<pid>/status (VmHWM, VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # gone
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def request(
    port: int,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        sent = {"Content-Type": "application/json", **(headers or {})} if payload is not None else dict(headers or {})
        connection.request(method, path, body=payload, headers=sent)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def search_path(params: dict[str, str]) -> str:
    return "/api/services?" + urllib.parse.urlencode(params)


def warm_workers(server: Server, paths: Sequence[str], min_cpu: float = 1.0, timeout: float = 600) -> int:
    """Send searches four at a time until every worker has done at least `min_cpu` seconds of work (so each has
    opened its searcher and filled its caches). Returns how many requests it took."""
    pids = server.worker_pids()
    start = {pid: cpu_seconds(pid) for pid in pids}
    sent = 0
    deadline = time.monotonic() + timeout
    failures: list[str] = []

    def one(path: str) -> None:
        try:
            status, body = request(server.port, "GET", path, timeout=timeout)
        except (OSError, http.client.HTTPException) as error:
            failures.append(f"{type(error).__name__} {error} {path}")
            return
        if status != 200:
            failures.append(f"{status} {path} {body[:200]!r}")

    while time.monotonic() < deadline:
        threads = [threading.Thread(target=one, args=(paths[(sent + i) % len(paths)],)) for i in range(len(pids))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        sent += len(threads)
        if failures or sorted(server.worker_pids()) != sorted(pids):
            problem = failures[0] if failures else "a worker was replaced"
            raise SystemExit(f"warm-up failed: {problem}\n{server.log_tail()}")
        if all(cpu_seconds(pid) - start[pid] >= min_cpu for pid in pids):
            return sent
    raise SystemExit(f"workers not warm after {timeout:.0f} s ({sent} requests)")


def freshness(server: Server, token: str, services: Sequence[tuple[str, str]], timeout: float = 10.0) -> dict[str, Any]:
    """For each service: PATCH its name to include a unique nonsense word (the write API), then poll
    `/api/services?search=<word>` (any worker) until the service comes back. Seconds from sending the PATCH."""
    rng = random.Random(SEED + 2)  # noqa: S311
    samples, write_times, missed = [], [], 0
    auth = {"Authorization": f"Bearer {token}"}
    for service_id, name in services:
        word = "zq" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(8))
        started = time.perf_counter()
        status, body = request(
            server.port, "PATCH", f"/api/services/{service_id}", {"name": f"{name} {word}"[:300]}, auth
        )
        write_times.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"PATCH /api/services/{service_id}: {status} {body[:300]!r}")
        while True:
            status, body = request(server.port, "GET", search_path({"search": word}))
            if status != 200:
                raise SystemExit(f"search for {word}: {status} {body[:300]!r}")
            if any(item["id"] == service_id for item in json.loads(body)["contents"]):
                samples.append(time.perf_counter() - started)
                break
            if time.perf_counter() - started > timeout:
                samples.append(timeout)
                missed += 1
                break
            time.sleep(0.01)
    return {
        **percentiles(samples, 1.0, "s"),
        "edits": len(samples),
        "not_found_within_s": missed,
        "timeout_s": timeout,
        "write": percentiles(write_times, 1.0, "s"),
    }


def _load_client(port: int, paths: list[str], offset: int, start_at: float, seconds: float, results: Any) -> None:
    """One load-generating process: a closed loop of GETs (keep-alive when the server keeps the connection)."""
    ok = errors = 0
    kinds: dict[str, int] = {}
    latencies: list[float] = []
    while time.time() < start_at:
        time.sleep(0.001)
    deadline = time.monotonic() + seconds
    connection: http.client.HTTPConnection | None = None
    i = offset
    first = time.monotonic()
    while time.monotonic() < deadline:
        path = paths[i % len(paths)]
        i += 1
        began = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                ok += 1
                latencies.append(time.monotonic() - began)
            else:
                errors += 1
                kinds[str(response.status)] = kinds.get(str(response.status), 0) + 1
            if response.will_close:
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as error:
            errors += 1
            kinds[type(error).__name__] = kinds.get(type(error).__name__, 0) + 1
            if connection is not None:
                connection.close()
            connection = None
            time.sleep(0.01)
    if connection is not None:
        connection.close()
    results.put({"ok": ok, "errors": errors, "kinds": kinds, "latencies": latencies,
                 "elapsed": time.monotonic() - first})  # fmt: skip


def load_test(server: Server, paths: list[str], seconds: float, procs: int) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    start_at = time.time() + 3.0  # every client starts together, after the others have spawned
    clients = [
        context.Process(
            target=_load_client, args=(server.port, paths, n * (len(paths) // procs), start_at, seconds, results)
        )
        for n in range(procs)
    ]
    try:
        for client in clients:
            client.start()
        reports = [results.get(timeout=seconds + 180) for _ in clients]
    finally:
        for client in clients:
            client.join(timeout=30)
            if client.is_alive():
                client.terminate()
                client.join(timeout=10)
    ok = sum(r["ok"] for r in reports)
    errors = sum(r["errors"] for r in reports)
    elapsed = max(r["elapsed"] for r in reports)
    kinds: dict[str, int] = {}
    for report in reports:
        for kind, count in report["kinds"].items():
            kinds[kind] = kinds.get(kind, 0) + count
    latencies = [x for r in reports for x in r["latencies"]]
    return {
        "throughput_rps": round(ok / elapsed, 1),
        "errors": errors,
        "error_kinds": kinds,
        "requests": ok + errors,
        "seconds": round(elapsed, 1),
        "client_processes": procs,
        "latency": percentiles(latencies),
    }


def edit_targets(database: Path, count: int) -> list[tuple[str, str]]:
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute("select id, name from services where status = 'active' order by id").fetchall()
    finally:
        connection.close()
    chosen = random.Random(SEED + 3).sample(rows, count)  # noqa: S311
    return [(str(uuid.UUID(row_id)), name) for row_id, name in chosen]


# -- one size -----------------------------------------------------------------------------------------------------


def code_fingerprint() -> str:
    return fingerprint([ROOT / "directory", ROOT / "app.py"])


def check_code_unchanged(expected: str) -> None:
    if code_fingerprint() != expected:
        raise SystemExit(
            "directory/ changed while the bench was running (a commit or an edit): the figures would mix two "
            "versions, and an index built by one may be rebuilt by the other in every worker. Run it again "
            "(generated data and loaded databases are reused)."
        )


def run_size(size: int, args: argparse.Namespace, zips: list[Zip], info: dict[str, Any]) -> dict[str, Any]:
    timings: dict[str, float] = {}
    log(f"\n=== {size} services ===")
    prepared = prepare(size, args.seed, args.workdir, timings)
    run_dir = args.workdir / f"{size}-{args.seed}" / "run"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    database, index_dir = run_dir / "directory.sqlite3", run_dir / "index" / "services"
    index_dir.parent.mkdir()
    with step("copy the loaded database", timings):
        shutil.copyfile(prepared.database, database)

    with step(f"rebuild the index x{args.rebuilds}", timings):  # one sample of a minute's work is mostly noise
        index = rebuild_index(database, index_dir, args.rebuilds)
    log(f"   {index['documents']} documents, median {index['reindex_s']} s {index['reindex_samples_s']}, "
        f"{index['docs_per_s']:.0f}/s, {index['index_mb']} MB")  # fmt: skip

    from directory.db import Session

    queries = search_mix(args.queries, zips)
    app = app_for(database, index_dir)
    client = app.test_client()
    with step(f"search x{len(queries)}, first pass", timings):
        first_times = time_searches(client, queries, args.step_limit)
    measured = queries[: len(first_times)]  # the warm passes and the baseline repeat exactly what the first pass did
    # Warm: the index's caches of postings, filters and columns are filled, but every answer is worked out again
    # (no answer remembered): what a search that is not a repeat costs. Then the same with answers remembered.
    pages, search_index = app.extensions["directory.search_pages"], app.extensions["directory.index"]
    remembered = pages.size
    pages.size = 0
    search_index.keep_results(0)
    with step(f"search x{len(measured)}, warm pass", timings):
        warm_times = time_searches(client, measured, args.step_limit)
    measured = measured[: len(warm_times)]
    pages.size = remembered
    search_index.keep_results(256)
    time_searches(client, measured, args.step_limit)  # each answer made once more, now remembered
    with step(f"search x{len(measured)}, repeated", timings):
        repeat_times = time_searches(client, measured, args.step_limit)
    first, warm, repeat = percentiles(first_times), percentiles(warm_times), percentiles(repeat_times)
    with step("FTS5 baseline", timings):
        baseline = fts5_baseline(database, measured)
    codes, categories = catalogue_codes(database)
    bodies = match_mix(args.matches, zips, codes, categories)
    with step(f"match x{len(bodies)}", timings):
        match_times, judged = time_matches(client, bodies, args.step_limit)
    with app.app_context():
        token = bench_token(app)
    Session.remove()
    app.extensions["directory.engine"].dispose()

    check_code_unchanged(args.code)  # gunicorn imports directory/ afresh: it must be the code measured so far
    server = Server(database, index_dir, args.workers, run_dir / "gunicorn.log")
    try:
        with step("start gunicorn", timings):
            server.wait_ready()
        paths = [search_path(params) for params in queries]
        with step("warm every worker", timings):
            warmed = warm_workers(server, paths)
        with step(f"load, {args.seconds:.0f} s", timings):
            load = load_test(server, paths, args.seconds, args.load_procs)
        rss = {pid: round(proc_status(pid, "VmHWM") / 1024, 1) for pid in server.worker_pids()}
        # Of a worker's resident memory now: its own (RssAnon) and the index's mapped pages (RssFile, the page
        # cache every worker shares).
        private = {pid: round(proc_status(pid, "RssAnon") / 1024, 1) for pid in server.worker_pids()}
        shared = {pid: round(proc_status(pid, "RssFile") / 1024, 1) for pid in server.worker_pids()}
        with step(f"edit to searchable x{args.edits}", timings):  # after the load: edits add index segments
            fresh = freshness(server, token, edit_targets(database, args.edits))
    finally:
        server.stop()
    # The same load with no answer remembered (neither by a worker nor by its searcher): what the machine does
    # when no search repeats one before it.
    forgetful = {"DIRECTORY_SEARCH_PAGE_MEMORY": "0", "DIRECTORY_SEARCH_RESULTS_CACHE": "0"}
    server = Server(database, index_dir, args.workers, run_dir / "gunicorn-uncached.log", forgetful)
    try:
        server.wait_ready()
        warm_workers(server, paths)
        with step(f"load, {args.seconds:.0f} s, no answer remembered", timings):
            uncached = load_test(server, paths, args.seconds, args.load_procs)
    finally:
        server.stop()
    if server.process.returncode not in (0, None):
        log(f"   gunicorn exited with {server.process.returncode}")

    result: dict[str, Any] = {
        "machine": info,
        "n_services": size,
        "search": warm,
        "search_first": first,
        "search_repeated": repeat,
        "search_fts5": baseline,
        "search_ratio_p50": round(warm["p50_ms"] / max(baseline["p50_ms"], 0.001), 1),
        "search_ratio_p95": round(warm["p95_ms"] / max(baseline["p95_ms"], 0.001), 1),
        "match": percentiles(match_times),
        "reindex_s": index["reindex_s"],
        "reindex_samples_s": index["reindex_samples_s"],
        "docs_per_s": index["docs_per_s"],
        "index_mb": index["index_mb"],
        "freshness_p95_s": fresh["p95_s"],
        "rss_mb": max(rss.values()) if rss else None,
        "throughput_rps": load["throughput_rps"],
        "throughput_uncached_rps": uncached["throughput_rps"],
        "errors": load["errors"],
        # details
        "queries": len(measured),
        "queries_first_pass": len(first_times),
        "queries_planned": len(queries),
        "match_requests": len(match_times),
        "match_requests_planned": len(bodies),
        "step_limit_s": args.step_limit,
        "match_candidates": {
            "limit": "CANDIDATES = 200 in directory/matching/operations.py (search page size)",
            "mean": round(statistics.mean(judged), 1),
            "min": min(judged),
            "max": max(judged),
            "at_200": sum(1 for j in judged if j >= 200),
        },
        "documents": index["documents"],
        "freshness": fresh,
        "rss_mb_workers": sorted(rss.values()),
        "rss_private_mb_workers": sorted(private.values()),
        "rss_shared_file_mb_workers": sorted(shared.values()),
        "throughput": {**load, "workers": args.workers, "warm_up_requests": warmed},
        "throughput_uncached": uncached,
        "bulk_load": prepared.load,
        "steps_s": timings,
    }
    return result


# -- report -------------------------------------------------------------------------------------------------------

#: (label, how to read it from a run, target at 100k or None, whether lower is better, unit)
Metric = tuple[str, Callable[[dict[str, Any]], Any], float | None, bool]
METRICS: list[Metric] = [
    ("search p50 ms (warm)", lambda r: r["search"]["p50_ms"], None, True),
    ("search p95 ms (warm)", lambda r: r["search"]["p95_ms"], 50, True),
    ("search p99 ms (warm)", lambda r: r["search"]["p99_ms"], None, True),
    ("search p95 ms (first pass)", lambda r: r["search_first"]["p95_ms"], None, True),
    ("search p95 ms (repeated, answer remembered)", lambda r: r["search_repeated"]["p95_ms"], None, True),
    ("FTS5 p50 ms", lambda r: r["search_fts5"]["p50_ms"], None, True),
    ("FTS5 p95 ms", lambda r: r["search_fts5"]["p95_ms"], None, True),
    ("ratio ours/FTS5 p50", lambda r: r["search_ratio_p50"], None, True),
    ("ratio ours/FTS5 p95", lambda r: r["search_ratio_p95"], 3, True),
    ("match p50 ms", lambda r: r["match"]["p50_ms"], None, True),
    ("match p95 ms", lambda r: r["match"]["p95_ms"], 100, True),
    ("match candidates (mean)", lambda r: r["match_candidates"]["mean"], None, False),
    ("rebuild s (median)", lambda r: r["reindex_s"], 90, True),
    ("rebuild docs/s", lambda r: r["docs_per_s"], None, False),
    ("index MB", lambda r: r["index_mb"], None, True),
    ("edit to searchable p95 s", lambda r: r["freshness_p95_s"], 2, True),
    ("worker peak RSS MB", lambda r: r["rss_mb"], 400, True),
    ("  of which private (after the load)", lambda r: max(r.get("rss_private_mb_workers") or [0]) or None, None, True),
    ("throughput rps (4 workers)", lambda r: r["throughput_rps"], 200, False),
    ("errors under load", lambda r: r["errors"], 0, True),
    ("throughput rps, no answer remembered", lambda r: r.get("throughput_uncached_rps"), None, False),
    ("  errors", lambda r: (r.get("throughput_uncached") or {}).get("errors"), None, True),
    ("bulk load services/s", lambda r: r["bulk_load"]["services_per_s"], None, False),
]


def _verdict(value: Any, target: float | None, lower: bool) -> str:
    if target is None or value is None:
        return ""
    met = value <= target if lower else value >= target
    return "met" if met else "MISSED"


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def table(runs: list[dict[str, Any]], markdown: bool) -> str:
    sizes = [f"{r['n_services']:,}" for r in runs]
    header = ["metric", *sizes, "target (100k)", "100k"]
    rows = []
    for label, read, target, lower in METRICS:
        values = [read(r) for r in runs]
        largest = runs[-1] if runs else None
        verdict = _verdict(read(largest), target, lower) if largest and largest["n_services"] >= 100_000 else ""
        if target is not None and not verdict and largest:
            verdict = f"({_verdict(read(largest), target, lower)} at {largest['n_services']:,})"
        goal = "" if target is None else ("<= " if lower else ">= ") + _fmt(target)
        rows.append([label, *map(_fmt, values), goal, verdict])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    out = []
    for row in [header, *rows]:
        cells = zip(row, widths, strict=True)
        out.append("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(cells)))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="make bench: the directory's performance figures at 10k and 100k.")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES") or DEFAULT_SIZES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--matches", type=int, default=200)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--rebuilds", type=int, default=3, help="full rebuilds timed (the median is reported)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load test")
    parser.add_argument(
        "--step-limit",
        type=float,
        default=float(os.environ.get("BENCH_STEP_LIMIT") or 240),
        help="seconds after which a search pass or the match run stops with what it has (said in the output)",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--load-procs", type=int, default=4, help="load-generating processes")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / ".work")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    sizes = sorted(int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip())
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    args.code = code_fingerprint()
    info = machine()
    zips = region_zips()
    log(f"bench: sizes {', '.join(map(str, sizes))} on {info['cpu']} ({info['cores']} cores), "
        f"load average {info['load_average_at_start']}")  # fmt: skip
    runs = [run_size(size, args, zips, info) for size in sizes]
    check_code_unchanged(args.code)
    total = time.perf_counter() - started
    report = {
        "machine": info,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": args.seed,
        "total_s": round(total, 1),
        "targets_100k": {label: target for label, _, target, _ in METRICS if target is not None},
        "runs": runs,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    markdown = table(runs, markdown=True)
    note = (
        f"\n\n{info['cpu']}, {info['cores']} cores, Python {info['python']}, SQLite {info['sqlite']}, "
        f"Whoosh {info['whoosh']}; {report['date']}; `make bench` in {total / 60:.1f} min.\n"
    )
    (args.out / "latest.md").write_text(markdown + note)
    from bench.plot import plot

    plot(report, args.out / "latest.png")
    log("\n" + table(runs, markdown=False))
    log(f"\nwrote {args.out / 'latest.json'}, latest.md and latest.png; total {total:.0f} s ({total / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
