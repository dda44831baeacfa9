"""The Whoosh index: the only package of the directory that imports whoosh."""

from directory.search.whoosh.index import WhooshIndex

__all__ = ["WhooshIndex"]
