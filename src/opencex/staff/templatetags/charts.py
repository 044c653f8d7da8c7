"""`{% chart table kind="bar" %}`: a report table drawn as an accessible SVG chart with its text
summary, on any staff page (opencex.insight.charts; docs/dashboards.md). Put the table itself
next to it: the chart is drawn from it and does not replace it."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from opencex.insight.charts import TableLike
from opencex.insight.charts import chart as draw_chart

register = template.Library()


@register.simple_tag
def chart(
    table: TableLike,
    kind: str = "bar",
    value: str | int | None = None,
    total_row: bool = False,
    measure: str = "",
) -> SafeString:
    """kind: bar, column, line or heatmap; value: the column to draw (heading or position, by
    default the first numeric one); total_row: leave out the table's last row; measure: what is
    counted, in the plural, for the summary ("cases")."""
    return draw_chart(table, kind, value=value, total_row=total_row, measure=measure)
