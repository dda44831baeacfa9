"""The public lookup pages: no login, nothing about the visitor stored."""
