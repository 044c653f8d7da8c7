"""The static files storage for production: compressed, with content-hashed names, served by
WhiteNoise straight from the web workers after `opencex collectstatic`."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class CompressedHashedStaticFiles(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage, except that a stylesheet's reference to a file nobody ships is left
    as it is instead of failing the deploy.

    GOV.UK Frontend and MOJ Frontend style the GOV.UK crown's crest (`govuk-crest.svg`), which a
    council's header never shows and neither package ships; the rule is dead, so the reference
    may stay unresolved. A template naming a missing file still fails (`manifest_strict`)."""

    def url_converter(
        self, name: str, hashed_files: dict[str, str], template: str | None = None
    ) -> Callable[[re.Match[str]], str]:
        convert = super().url_converter(name, hashed_files, template)
        told: set[tuple[str, str]] = getattr(self, "_unshipped_told", set())
        self._unshipped_told = told

        def convert_or_leave(match: re.Match[str]) -> str:
            try:
                return convert(match)
            except ValueError:
                if (name, match["url"]) not in told:  # once, not once per pass
                    told.add((name, match["url"]))
                    logger.warning("%s refers to %s, which is not shipped", name, match["url"])
                return match["matched"]

        return convert_or_leave
