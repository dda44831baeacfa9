"""Everything that reaches into whoosh-reloaded's private members, in one place, for one version of it.

Three patches (applied when this module is imported, each once):
- a segment remembers that a field has no length column, instead of asking the file system at every posting;
- a field's length column is read once, whole, instead of a value at a time;
- an index's files are read in place from the memory-mapped segment, instead of copied into each process.
And the readers the searcher's columns and scoring use: a term's postings a block at a time, and a column or a
length column read whole, as bytes.

None of this is Whoosh's public interface, so it holds for the version it was written against only: importing
this module (which building the Whoosh backend does, at start-up) refuses any other installed version.
"""

from __future__ import annotations

from array import array
from importlib import metadata
from typing import Any, cast

import numpy
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.filedb.structfile import BufferFile
from whoosh.util.numeric import byte_to_length

DISTRIBUTION = "whoosh-reloaded"
#: The version every patch and private read here was written against: pyproject.toml pins exactly this one.
SUPPORTED_VERSION = "2.7.5"


def installed_version() -> str | None:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


def require_supported_version(found: str | None) -> None:
    """Refuse to run over a Whoosh this module was not written for: its private members may have changed."""
    if found == SUPPORTED_VERSION:
        return
    seen = f"{DISTRIBUTION} {found} is installed" if found else f"{DISTRIBUTION} is not installed"
    raise RuntimeError(
        f"The Whoosh search backend supports {DISTRIBUTION} {SUPPORTED_VERSION} only, but {seen}. "
        f"directory/search/whoosh/internals.py patches and reads Whoosh's private members, which another "
        f"version may have changed. Install the pinned version (pip install '{DISTRIBUTION}=={SUPPORTED_VERSION}', "
        f"or `make install`), or set DIRECTORY_INDEX_BACKEND=memory; to move to {found or 'another version'}, "
        f"check every patch and reader in that module against it, then change SUPPORTED_VERSION there and the pin "
        f"in pyproject.toml together."
    )


require_supported_version(installed_version())


# -- patches ------------------------------------------------------------------------------------------------------


def _remember_missing_length_columns() -> None:
    """Make a segment's reader remember that a field has no length column.

    Whoosh asks the file system whether the column exists for every posting of a field without lengths
    (keywords, ids) and never keeps the answer. A segment's files never change once written, so the answer can
    be kept with the segment's reader.
    """
    original = W3PerDocReader._cached_reader
    if getattr(original, "remembers_missing", False):
        return

    def cached_reader(self: Any, fieldname: str, column: Any) -> Any:
        readers = self._readers
        if fieldname not in readers:
            readers[fieldname] = original(self, fieldname, column)
        return readers[fieldname]

    cached_reader.remembers_missing = True  # type: ignore[attr-defined]
    W3PerDocReader._cached_reader = cached_reader


_LENGTH_OF_BYTE = [byte_to_length(byte) for byte in range(256)]
_NO_LENGTHS = object()  # a field without a length column


def _read_length_columns_whole() -> None:
    """Make a segment's reader read a field's length column once, whole, instead of a value at a time.

    Writing a segment asks the length of its field in its document for every posting; searching asks it for
    every match scored.
    """
    original = W3PerDocReader.doc_field_length
    if getattr(original, "reads_whole", False):
        return

    def doc_field_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> int | None:
        tables = self.__dict__.setdefault("_whole_lengths", {})
        lengths = tables.get(fieldname)
        if lengths is None:
            column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if column is not None and not hasattr(column, "_dbfile"):  # another kind of column: as Whoosh does
                return cast(int | None, original(self, docnum, fieldname, default))
            lengths = tables[fieldname] = (
                _NO_LENGTHS if column is None else column._dbfile.get(column._basepos, column._count)
            )
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        if lengths is _NO_LENGTHS:
            return default
        byte = lengths[docnum] if docnum < len(lengths) else 0
        return _LENGTH_OF_BYTE[byte] if byte else None

    doc_field_length.reads_whole = True  # type: ignore[attr-defined]
    W3PerDocReader.doc_field_length = doc_field_length


class ViewFile:
    """A read-only file over a buffer that reads it in place.

    Whoosh reads an index's files through `BufferFile`, which wraps each one (a view into the memory-mapped
    segment file) in `BytesIO`, and `BytesIO` copies what it is given: every process serving searches would
    hold a private copy of every segment's postings and term table. Reading the mapped pages in place keeps them
    in the page cache, shared by every worker.
    """

    def __init__(self, buffer: Any) -> None:
        self._view = memoryview(buffer).cast("B")
        self._position = 0

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._position + size)
        data = self._view[self._position : end].tobytes()
        self._position = max(self._position, end)
        return data

    def readinto(self, target: Any) -> int:
        data = self._view[self._position : self._position + len(target)]
        target[: len(data)] = data
        self._position += len(data)
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        rest = self._view[self._position :].tobytes()
        end = rest.find(b"\n") + 1 or len(rest)
        if size is not None and size >= 0:
            end = min(end, size)
        self._position += end
        return rest[:end]

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._position, 2: len(self._view)}[whence]
        self._position = max(0, base + offset)
        return self._position

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self._position = 0


def _read_buffers_in_place() -> None:
    """Make `BufferFile` read its buffer in place instead of copying it (`ViewFile`)."""
    if getattr(BufferFile.__init__, "reads_in_place", False):
        return

    def init(self: Any, buf: Any, name: str | None = None, onclose: Any = None) -> None:
        self._buf = buf
        self._name = name
        self.file = ViewFile(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    init.reads_in_place = True  # type: ignore[attr-defined]
    BufferFile.__init__ = init


_remember_missing_length_columns()
_read_length_columns_whole()
_read_buffers_in_place()


# -- reading segments whole -----------------------------------------------------------------------------------------


def segment_postings(segment: Any, field: str, text: str) -> tuple[Any, Any]:
    """A term's postings in one segment, deleted documents included: (docnums, weights) as numpy arrays.

    Read a block at a time (each block decoded whole, as Whoosh decodes it) rather than posting by posting
    through a matcher; another codec's matcher is read posting by posting.
    """
    matcher = segment._terms.matcher(field, segment._text_to_bytes(field, text), segment.schema[field].format)
    ids_parts, weight_parts = [], []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids_parts.append(numpy.asarray(matcher._ids, dtype=numpy.int64))
            weight_parts.append(numpy.asarray(matcher._weights, dtype=numpy.float64))
            matcher._next_block()
    else:
        docnums: array[int] = array("q")
        weights: array[float] = array("d")
        while matcher.is_active():
            docnums.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        ids_parts.append(numpy.frombuffer(docnums, dtype=numpy.int64))
        weight_parts.append(numpy.frombuffer(weights, dtype=numpy.float64))
    if not ids_parts:
        return numpy.zeros(0, dtype=numpy.int64), numpy.zeros(0)
    return numpy.concatenate(ids_parts), numpy.concatenate(weight_parts)


def length_bytes(segment: Any, field: str) -> bytes | None:
    """A segment's length column of a field, whole: a byte per document (`byte_to_length`; empty when the field
    keeps no lengths); None when the segment is of another codec."""
    try:
        column = segment._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        return b"" if column is None else cast(bytes, column._dbfile.get(column._basepos, column._count))
    except AttributeError:
        return None


def fixed_bytes(column: Any, width: int) -> bytes:
    """A fixed-width column's values (`width` bytes each) back to back, for the documents it holds."""
    count = column._count
    return cast(bytes, column._dbfile.get(column._basepos, count * width)) if count else b""


def var_bytes(column: Any) -> tuple[bytes, Any]:
    """A variable-width column's values back to back, and each document's length in them (an int64 array)."""
    lengths = numpy.array(column._lengths, dtype=numpy.int64)
    return cast(bytes, column._dbfile.get(column._basepos, int(lengths.sum()))), lengths
