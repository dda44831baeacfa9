"""The seed's data files (seed_data/catalogue/*.toml), each read once."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

JSON = dict[str, Any]  # an HSDS record as written to the output files
FOLDER = Path(__file__).with_name("catalogue")


@cache
def read(name: str) -> dict[str, Any]:
    """The contents of seed_data/catalogue/<name>.toml."""
    with (FOLDER / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)
