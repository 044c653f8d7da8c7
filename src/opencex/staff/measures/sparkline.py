"""A small line of a measure's trend, drawn on the server as SVG (no script), with the same
numbers in the table beside it and a sentence saying what it shows."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 120, 32, 3


@dataclass(frozen=True)
class Sparkline:
    points: str  # the polyline's points; "" when fewer than two periods have a value
    width: int = WIDTH
    height: int = HEIGHT


def sparkline(values: list[float | None]) -> Sparkline:
    """A line through the periods that have a value, spaced by period (a gap is skipped over)."""
    known = [(index, value) for index, value in enumerate(values) if value is not None]
    if len(known) < 2:
        return Sparkline("")
    low, high = min(v for _, v in known), max(v for _, v in known)
    spread = (high - low) or 1
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    points = " ".join(
        f"{PAD + index * step:.1f},{HEIGHT - PAD - (value - low) / spread * (HEIGHT - 2 * PAD):.1f}"
        for index, value in known
    )
    return Sparkline(points)
