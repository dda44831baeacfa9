"""Benchmark `flask --app app import`: wall time and peak memory on a seeded directory of N services.

Generates (or reuses) the seeded HSDS 3.1 JSON directory with `seed_data.generate` in a work folder, and for
`--format csv` also an HSDS 3.1 CSV datapackage exported from it. Then, in a fresh SQLite database and search
index, runs `migrate` and measures `import` in a subprocess, printing services, seconds, services/s and peak RSS.

The import runs under a small measuring child of its own, so the peak RSS it reports (getrusage RUSAGE_CHILDREN)
is the import's alone, not that of the generator or a migrate run earlier.

Usage::

    .venv/bin/python bench/import_memory.py --services 10000 [--format json|csv] [--workdir DIR] [--seed 2026]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DONE = ".complete"  # written into a generated folder once it is whole, so an interrupted one is not reused
MEASURE = "--measure-child"  # internal: run the command after it and report its time and peak RSS as JSON


def _flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "app", *args]


def _env(database: Path, index: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DIRECTORY_DATABASE_URL": f"sqlite:///{database}",
        "DIRECTORY_INDEX_DIR": str(index),
    }


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stdout}{result.stderr}")
    return result.stdout


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.iterdir() if path.suffix in (".json", ".csv"))


def _json_directory(workdir: Path, services: int, seed: int) -> Path:
    folder = workdir / f"json-{services}-{seed}"
    if not (folder / DONE).exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {services} services into {folder} ...", file=sys.stderr)
        command = [sys.executable, "-m", "seed_data.generate", "--services", str(services), "--seed", str(seed)]
        _run([*command, "--out", str(folder)])
        (folder / DONE).touch()
    return folder


def _csv_directory(workdir: Path, services: int, seed: int) -> Path:
    folder = workdir / f"csv-{services}-{seed}"
    if not (folder / DONE).exists():
        source = _json_directory(workdir, services, seed)
        shutil.rmtree(folder, ignore_errors=True)
        print(f"exporting {services} services as CSV into {folder} ...", file=sys.stderr)
        with tempfile.TemporaryDirectory(dir=workdir) as scratch:
            env = _env(Path(scratch) / "db.sqlite3", Path(scratch) / "index")
            _run(_flask("migrate"), env)
            _run(_flask("import", str(source), "--no-progress"), env)
            _run(_flask("export", str(folder), "--format", "csv"), env)
        (folder / DONE).touch()
    return folder


def _measure_child(command: list[str]) -> int:
    """In the measuring child: run `command`, then print its seconds, peak RSS and output as one JSON line."""
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    report = {"seconds": seconds, "peak_kib": peak_kib, "returncode": result.returncode,
              "output": result.stdout + result.stderr}  # fmt: skip
    print(json.dumps(report))
    return 0


def _measure(command: list[str], env: dict[str, str]) -> dict[str, object]:
    output = _run([sys.executable, str(Path(__file__).resolve()), MEASURE, *command], env)
    report: dict[str, object] = json.loads(output.strip().splitlines()[-1])
    if report["returncode"] != 0:
        sys.exit(f"import failed ({report['returncode']}):\n{report['output']}")
    return report


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [MEASURE]:
        return _measure_child(argv[1:])
    parser = argparse.ArgumentParser(description="Time `flask import` and measure its peak RSS.")
    parser.add_argument("--services", type=int, default=10000, help="services in the seeded directory")
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="import HSDS 3.1 JSON or CSV")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed")
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "import-memory-bench",
        help="where generated inputs are kept and reused (default: %(default)s)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    folder = (_csv_directory if args.format == "csv" else _json_directory)(workdir, args.services, args.seed)

    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        env = _env(Path(scratch) / "db.sqlite3", Path(scratch) / "index")
        _run(_flask("migrate"), env)
        report = _measure(_flask("import", str(folder), "--no-progress"), env)

    output = str(report["output"])
    found = re.search(r"(\d+) services\b", output.split("Imported", 1)[-1])
    services = int(found.group(1)) if found else args.services
    seconds = float(str(report["seconds"]))
    peak_mib = int(str(report["peak_kib"])) / 1024
    print(f"format:       {args.format}")
    print(f"input:        {folder} ({_size(folder) / 2**20:.1f} MiB)")
    print(f"services:     {services}")
    print(f"seconds:      {seconds:.1f}")
    print(f"services/s:   {services / seconds:.0f}")
    print(f"peak RSS MiB: {peak_mib:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
