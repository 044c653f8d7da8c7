"""A planning system in the style of Idox Uniform: planning enforcement records."""
