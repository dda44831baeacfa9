"""Listings: the HSDS tables and their extensions, the use-cases that read and write them, the read API."""
