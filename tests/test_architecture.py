"""The house rules that import-linter cannot state: no import circle anywhere, and modules a person can read."""

from __future__ import annotations

import graphlib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
LONGEST_MODULE = 600  # lines; data belongs in data files, a longer module is split by concern


def _imports() -> dict[str, set[str]]:
    """Each module of the package and the project modules it imports, function-level imports included
    (`TYPE_CHECKING` imports aside), without a package's imports of its own submodules."""
    graph = grimp.build_graph("directory", exclude_type_checking_imports=True)
    modules = {name for name in graph.modules if not name.startswith("directory.migrations")}
    return {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported in modules and not imported.startswith(f"{module}.")
        }
        for module in modules
    }


def _a_circle(imports: dict[str, set[str]]) -> list[str]:
    """One circle of imports (its modules in order, the first repeated at the end), or [] when there is none."""
    try:
        graphlib.TopologicalSorter(imports).prepare()
    except graphlib.CycleError as error:
        return list(error.args[1])
    return []


def test_no_module_imports_itself_round_a_circle() -> None:
    assert _a_circle(_imports()) == []


def test_the_circle_finder_sees_a_circle() -> None:
    circle = _a_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert set(circle) == {"a", "b", "c"}
    assert circle[0] == circle[-1]


def test_no_module_is_longer_than_a_person_reads_at_a_sitting() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "directory").rglob("*.py")
        if "migrations" not in path.parts and (lines := len(path.read_text().splitlines())) > LONGEST_MODULE
    }
    assert long == {}
