"""Deterministic fake data: subscriber profiles and Messaging Interactions conversation records."""
