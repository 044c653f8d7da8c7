"""The tables of the "What residents say" page, built as the reports page builds its own
(staff.reports.cells.Table), with links to the cases and pages the examples come from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opencex.insight.periods import Period
from opencex.sentiment import selectors
from opencex.sentiment.analysis import Label
from opencex.sentiment.models import Source
from opencex.staff.reports.cells import Cell, ChartChoice, Column, Table


@dataclass(frozen=True)
class LinkCell(Cell):
    """A cell that links to the case or page it names."""

    url: str = ""


def _source_name(value: str) -> str:
    return str(Source(value).label)


def sentiment_by_source(period: Period, source: str) -> Table:
    table = Table(
        "sentiment-by-source",
        _("Sentiment by source"),
        _(
            "How many texts residents wrote in the period read negative, neutral or positive. "
            "Texts in Polish or Arabic are not scored: the word list is English."
        ),
        [
            Column(_("Source")),
            Column(_("Negative"), "count"),
            Column(_("Neutral"), "count"),
            Column(_("Positive"), "count"),
            Column(_("Not scored (language)"), "count"),
            Column(_("Share negative"), "percent"),
        ],
        empty=_("No texts were written in this period."),
        chart=ChartChoice("bar", _("Share negative")),
    )
    tallies = selectors.tally_by_source(period, source)
    for value, tally in tallies.items():
        table.add(
            _source_name(value),
            tally.negative,
            tally.neutral,
            tally.positive,
            tally.not_scored,
            tally.share_negative,
        )
    if len(tallies) > 1:
        total = selectors.Tally(
            *(
                sum(getattr(t, field) for t in tallies.values())
                for field in ("negative", "neutral", "positive", "not_scored")
            )
        )
        table.add(
            _("All sources"),
            total.negative,
            total.neutral,
            total.positive,
            total.not_scored,
            total.share_negative,
        )
    return table


def share_negative_by_month(period: Period, source: str) -> Table:
    table = Table(
        "share-negative-by-month",
        _("Share negative by month"),
        _(
            "Of the texts scored each month, the share that read negative: the 12 months up to "
            "the end of the period."
        ),
        [
            Column(_("Month")),
            Column(_("Texts scored"), "count"),
            Column(_("Negative"), "count"),
            Column(_("Share negative"), "percent"),
        ],
        chart=ChartChoice("line", _("Share negative")),
    )
    for month, tally in selectors.monthly_trend(period, source):
        table.add(date_format(month, "F Y"), tally.scored, tally.negative, tally.share_negative)
    return table


def themes(period: Period, source: str) -> Table:
    table = Table(
        "themes",
        _("Themes"),
        _(
            "The council's comment themes found in the texts (a text can touch more than one), "
            "with the share negative against the same number of days just before."
        ),
        [
            Column(_("Theme")),
            Column(_("Texts"), "count"),
            Column(_("Negative"), "count"),
            Column(_("Neutral"), "count"),
            Column(_("Positive"), "count"),
            Column(_("Share negative"), "percent"),
            Column(_("Share negative before"), "percent"),
            Column(_("Change"), "points"),
        ],
        empty=_("No texts in this period used a theme's words."),
        chart=ChartChoice("bar", _("Texts"), measure=_("texts")),
    )
    for found in selectors.top_themes(period, source):
        tally = found.tally
        table.add(
            found.theme.name,
            tally.scored + tally.not_scored,
            tally.negative,
            tally.neutral,
            tally.positive,
            tally.share_negative,
            found.before.share_negative,
            found.change_in_share_negative,
        )
    return table


def _where(example: selectors.Example) -> LinkCell:
    if example.case_reference:
        url = reverse("staff:case", args=[example.case_reference])
        return LinkCell(example.case_reference, url=url)
    if example.page_path:
        return LinkCell(example.page_path, url=example.page_path)
    return LinkCell(None)


def examples(period: Period, source: str, label: str, actor) -> Table:
    negative = label == Label.NEGATIVE
    table = Table(
        f"{label}-examples",
        _("Most negative texts") if negative else _("Most positive texts"),
        _(
            "A short part of each text, without names, email addresses or phone numbers; the "
            "case or page has the rest for those who may read it."
        ),
        [
            Column(_("Written"), "date"),
            Column(_("Source")),
            Column(_("Case or page")),
            Column(_("Themes")),
            Column(_("What they said")),
            Column(_("Score"), "average"),
        ],
        empty=_("No texts in this period read this way."),
    )
    for example in selectors.examples(period, source, label, actor=actor):
        reading = example.reading
        table.rows.append(
            [
                Cell(reading.written_at.date(), "date"),
                Cell(_source_name(reading.source)),
                _where(example),
                Cell(", ".join(example.themes) or None),
                Cell(example.snippet),
                Cell(reading.score, "average"),
            ]
        )
    return table


def table_builders(period: Period, source: str, actor) -> dict[str, Callable[[], Table]]:
    """How to build each of the page's tables, by slug, in the page's order; the examples only
    from the cases `actor` may see."""
    return {
        "sentiment-by-source": lambda: sentiment_by_source(period, source),
        "share-negative-by-month": lambda: share_negative_by_month(period, source),
        "themes": lambda: themes(period, source),
        f"{Label.NEGATIVE}-examples": lambda: examples(period, source, Label.NEGATIVE, actor),
        f"{Label.POSITIVE}-examples": lambda: examples(period, source, Label.POSITIVE, actor),
    }


def all_tables(period: Period, source: str, actor) -> list[Table]:
    """The page's tables; the examples only from the cases `actor` may see."""
    return [build() for build in table_builders(period, source, actor).values()]
