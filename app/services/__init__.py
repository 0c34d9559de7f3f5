"""Use cases: pure functions over (session, ...). They never commit and never touch Flask."""
