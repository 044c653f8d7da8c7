"""A bench-only site for `bench/load.py`: the production settings and URLs plus two bare views.

It lives under bench/, which is never installed, so the bare views cannot be routed in production.
"""
