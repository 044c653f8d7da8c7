"""AI governance (issue 16): what every model that makes suggestions shares.

A model only suggests; an officer decides. Every suggestion is recorded with the model's key and
version (`Suggestion`, an audit record), and every officer's decision on it (`Decision`), so that
what a model said and what was done can be audited later. `switches.is_on(key)` reads the
council profile's `[ai]` table: a model turned off makes no suggestions.
"""
