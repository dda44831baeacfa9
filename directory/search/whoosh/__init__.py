"""The Whoosh index: the only package of the directory that imports whoosh.

internals.py   every reach into Whoosh's private members (patches and raw readers), for one Whoosh version:
               importing this package refuses any other
schema.py      the fields and analyzers, and a service document as those fields
storage.py     generations on disk, the change-log position, rebuilding and updating
searcher.py    one searcher's documents as columns and bitsets, and what is kept for it
scoring.py     BM25F over whole posting arrays, and the phrase bonus
index.py       `WhooshIndex`, the `SearchIndex` over all of it
"""

from directory.search.whoosh import internals  # noqa: F401 - first: the version guard, then the patches
from directory.search.whoosh.index import WhooshIndex

__all__ = ["WhooshIndex"]
