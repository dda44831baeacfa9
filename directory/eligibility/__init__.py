"""Structured eligibility: pure Python (standard library only), no Flask, no SQLAlchemy."""
