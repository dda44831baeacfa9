"""Matching a client against the directory: candidates from search, verdicts from the eligibility engine,
ranking, and the next questions worth asking. Nothing of the client's profile is stored or logged."""
