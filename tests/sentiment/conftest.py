from __future__ import annotations

import pytest

from opencex.feedback.models import CommentTheme


@pytest.fixture
def themes(db) -> dict[str, CommentTheme]:
    """Two themes of our own, the council's starting list put out of use, so that every theme a
    test counts is one it chose."""
    CommentTheme.objects.update(is_active=False)
    return {
        "bins": CommentTheme.objects.create(
            slug="test-bins", name="Bins", keywords=["bin", "recycling", "missed collection"]
        ),
        "tax": CommentTheme.objects.create(
            slug="test-tax", name="Council tax", keywords=["council tax", "bill"]
        ),
    }
