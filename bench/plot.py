"""The picture of `make bench`: search latency percentiles by directory size, ours (warm) against SQLite FTS5,
with match p95 beside them. Reads bench/results/latest.json (or the report passed in).

Usage::

    .venv/bin/python bench/plot.py [bench/results/latest.json] [bench/results/latest.png]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def plot(report: dict[str, Any], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = sorted(report["runs"], key=lambda r: r["n_services"])
    sizes = [r["n_services"] for r in runs]
    figure, axes = plt.subplots(figsize=(10.5, 5.5), dpi=120)
    styles = {"p50": ("o", "-"), "p95": ("s", "-"), "p99": ("^", "-")}
    for name, colour, key in (("ours (warm)", "tab:blue", "search"), ("SQLite FTS5 BM25", "tab:orange", "search_fts5")):
        for pct, (marker, line) in styles.items():
            values = [r[key][f"{pct}_ms"] for r in runs]
            axes.plot(sizes, values, marker=marker, linestyle=line if pct != "p99" else ":", color=colour,
                      alpha={"p50": 1.0, "p95": 0.8, "p99": 0.6}[pct], label=f"{name} {pct}")  # fmt: skip
    match = [r["match"]["p95_ms"] for r in runs]
    axes.plot(sizes, match, marker="D", linestyle="--", color="tab:green", label="match p95 (/api/match)")
    axes.axhline(50, color="tab:red", linewidth=0.8, linestyle="--")
    axes.annotate("search p95 target 50 ms", (sizes[0], 50), textcoords="offset points", xytext=(4, 4),
                  color="tab:red", fontsize=8)  # fmt: skip
    axes.axhline(100, color="tab:green", linewidth=0.8, linestyle=":")
    axes.annotate("match p95 target 100 ms", (sizes[0], 100), textcoords="offset points", xytext=(4, 4),
                  color="tab:green", fontsize=8)  # fmt: skip
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xticks(sizes, [f"{s:,}" for s in sizes])
    axes.minorticks_off()
    axes.set_xlabel("directory size (services)")
    axes.set_ylabel("latency per request (ms, log scale)")
    machine = report.get("machine", {})
    axes.set_title(
        f"/api/services search latency: ours vs SQLite FTS5 ({runs[0].get('queries', 500)} queries)\n"
        f"{machine.get('cores', '?')} cores, {machine.get('cpu', '')[:40]}, {report.get('date', '')[:10]}",
        fontsize=10,
    )
    axes.grid(True, which="major", alpha=0.3)
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    figure.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    source = Path(argv[0]) if argv else ROOT / "bench" / "results" / "latest.json"
    out = Path(argv[1]) if len(argv) > 1 else source.with_suffix(".png")
    plot(json.loads(source.read_text()), out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
