"""The production settings, unchanged but for the URL map (which adds the bare baseline views)."""

from opencex.settings import *  # noqa: F403 - the same settings a deployment runs

ROOT_URLCONF = "loadsite.urls"
