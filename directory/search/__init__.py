"""Search: the small interface the rest of the directory sees.

`SearchIndex` is the protocol (directory/search/interface.py, with the values it takes and gives);
`WhooshIndex` (directory/search/whoosh/, the only package that imports whoosh) is the real one and
`InMemoryIndex` (directory/search/memory.py) its twin for tests. The index stores ids only: the database
hydrates results. Every index records the position in the listing change log up to which it is current.
"""

from directory.search.interface import (
    FACET_FIELDS,
    SearchFilters,
    SearchHit,
    SearchIndex,
    SearchRequest,
    SearchResults,
    ServiceDocument,
    accepting_label,
    epoch_microseconds,
)
from directory.search.memory import InMemoryIndex

__all__ = [
    "FACET_FIELDS",
    "InMemoryIndex",
    "SearchFilters",
    "SearchHit",
    "SearchIndex",
    "SearchRequest",
    "SearchResults",
    "ServiceDocument",
    "accepting_label",
    "epoch_microseconds",
]
