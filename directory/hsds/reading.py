"""What every HSDS reader shares: the result of an import, and the byte meter behind its progress bar."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

#: Called with (bytes read so far, bytes in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportResult:
    counts: dict[str, int]
    warnings: list[str]
    kind: str = "HSDS"  # what the path held, in words


class Meter:
    """Counts the bytes read from the input's files, for a progress bar."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def open(self, path: Path) -> IO[str]:
        raw = path.open("rb")
        return io.TextIOWrapper(io.BufferedReader(_Counted(raw, self)), encoding="utf-8-sig", newline="")

    def open_binary(self, path: Path) -> IO[bytes]:
        return io.BufferedReader(_Counted(path.open("rb"), self))

    def read(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


class _Counted(io.RawIOBase):
    def __init__(self, raw: IO[bytes], meter: Meter) -> None:
        self.raw, self.meter = raw, meter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.meter.read(count or 0)
        return int(count or 0)

    def close(self) -> None:
        self.raw.close()
        super().close()


def size_of(path: Path) -> int:
    """Bytes a reader will read: the file, or a folder's CSV and JSON files."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".json"))
