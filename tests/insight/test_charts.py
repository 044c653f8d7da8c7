"""The SVG charts: drawn from a report table, well-formed, labelled by a title and a text summary
worked out from the figures, every value written on the chart, and no script or style."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template

from opencex.insight import charts
from opencex.insight.charts import HEAT_LEVELS, chart_spec, heat_level, render, summary
from opencex.staff.reports.cells import Column, Table

SVG = "{http://www.w3.org/2000/svg}"


def _channels() -> Table:
    table = Table(
        "volumes-by-channel",
        "Cases by channel",
        "",
        [Column("Channel"), Column("Cases", "count"), Column("Share", "percent")],
    )
    table.add("Website", 1234, 0.45)
    table.add("Phone", 1480, 0.54)
    table.add("Letter <post>", 12, 0.01)
    table.add("All channels", 2726, 1.0)
    return table


def _svg(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))  # noqa: S314 - ours


def _texts(svg: ET.Element) -> list[str]:
    return [text.text for text in svg.iter(f"{SVG}text")]


def test_a_bar_chart_summary_names_the_most_and_the_fewest_with_a_share():
    spec = chart_spec(_channels(), "bar", total_row=True)
    assert summary(spec) == ("Most cases: Phone (1,480, 54% of 2,726). Fewest: Letter <post> (12).")


def test_a_bar_chart_is_well_formed_svg_labelled_by_its_title_and_summary():
    html = render(chart_spec(_channels(), "bar", total_row=True))
    svg = _svg(html)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == (
        "volumes-by-channel-chart-title volumes-by-channel-chart-summary"
    )
    assert svg.find(f"{SVG}title").text == "Cases by channel"
    assert svg.find(f"{SVG}title").get("id") == "volumes-by-channel-chart-title"
    assert 'id="volumes-by-channel-chart-summary"' in html
    assert "Letter &lt;post&gt;" in html  # escaped, never markup
    # One bar and its value written beside it for each row but the total.
    assert len(list(svg.iter(f"{SVG}rect"))) == 3
    assert _texts(svg) == ["Website", "1,234", "Phone", "1,480", "Letter <post>", "12"]


def test_a_chart_has_no_script_and_no_style_for_the_content_security_policy_to_block():
    html = render(chart_spec(_channels(), "bar"))
    assert "<script" not in html
    assert "style=" not in html
    assert "<style" not in html


def test_a_chart_draws_the_column_asked_for_by_heading():
    spec = chart_spec(_channels(), "bar", value="Share", total_row=True)
    # A share is drawn as a percentage.
    assert [label for label, _value in spec.points] == ["Website", "Phone", "Letter <post>"]
    assert [value for _label, value in spec.points] == pytest.approx([45.0, 54.0, 1.0])
    assert spec.unit == "percent"


def test_a_chart_of_a_column_the_table_does_not_have_is_refused():
    with pytest.raises(ValueError, match="no column 'Colour'"):
        chart_spec(_channels(), "bar", value="Colour")
    with pytest.raises(ValueError, match="pie"):
        chart_spec(_channels(), "pie")


def _weeks() -> Table:
    table = Table(
        "over-time", "Cases over time", "", [Column("Week", "date"), Column("Cases", "count")]
    )
    table.add(dt.date(2026, 3, 2), 10)
    table.add(dt.date(2026, 3, 9), 25)
    table.add(dt.date(2026, 3, 16), 4)
    return table


@pytest.mark.parametrize("kind", ["column", "line"])
def test_a_chart_over_time_summary_gives_the_total_the_peak_and_the_lowest(kind):
    spec = chart_spec(_weeks(), kind)
    assert summary(spec) == (
        "39 cases from 2 Mar 2026 to 16 Mar 2026. Highest: 9 Mar 2026 (25); "
        "lowest: 16 Mar 2026 (4)."
    )
    svg = _svg(render(spec))
    assert [t for t in _texts(svg) if t.isdigit()] == ["10", "25", "4"]
    shapes = svg.iter(f"{SVG}rect") if kind == "column" else svg.iter(f"{SVG}circle")
    assert len(list(shapes)) == 3


def test_an_empty_chart_says_there_is_nothing_to_show():
    table = Table("none", "Nothing", "", [Column("Channel"), Column("Cases", "count")])
    table.add("Website", 0)
    assert summary(chart_spec(table, "bar", measure="open cases")) == "No open cases to show."


def _heat() -> Table:
    table = Table(
        "arrival-times",
        "When cases arrive",
        "",
        [Column("Day"), *(Column(f"{hour:02d}", "count") for hour in range(24)),
         Column("Total", "count")],
    )  # fmt: skip
    monday = [0] * 24
    monday[9] = 8
    monday[14] = 2
    sunday = [0] * 24
    sunday[23] = 1
    table.add("Monday", *monday, 10)
    table.add("Sunday", *sunday, 1)
    return table


def test_a_heat_map_summary_names_the_busiest_hour_and_the_busiest_and_quietest_days():
    spec = chart_spec(_heat(), "heatmap", measure="cases and contacts")
    assert spec.column_labels == [f"{hour:02d}" for hour in range(24)]  # not the total
    assert summary(spec) == (
        "11 cases and contacts. Busiest hour: Monday at 09 (8). Busiest day: Monday (10); "
        "quietest: Sunday (1)."
    )


def test_a_heat_map_writes_every_squares_value_on_it():
    texts = _texts(_svg(render(chart_spec(_heat(), "heatmap"))))
    hours, monday, sunday = texts[:24], texts[24:49], texts[49:]
    assert hours == [f"{hour:02d}" for hour in range(24)]
    assert monday == ["Monday", *["0"] * 9, "8", *["0"] * 4, "2", *["0"] * 9]
    assert sunday == ["Sunday", *["0"] * 23, "1"]


def test_heat_levels_rise_with_the_value_and_none_is_the_lightest():
    assert [heat_level(value, 8) for value in (0, 1, 2, 3, 5, 8)] == [0, 1, 1, 2, 3, 4]
    assert HEAT_LEVELS[0][0] == "#ffffff"


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        value = value / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_colours_meet_wcag_contrast():
    assert _contrast(charts.BAR, "#ffffff") >= 3  # a graphic against the page
    assert _contrast(charts.TEXT, "#ffffff") >= 4.5
    assert _contrast(charts.SECONDARY_TEXT, "#ffffff") >= 4.5
    for fill, ink in HEAT_LEVELS:
        assert _contrast(fill, ink) >= 4.5


def test_the_chart_tag_draws_a_table_on_any_template():
    html = Template('{% load charts %}{% chart table kind="bar" total_row=True %}').render(
        Context({"table": _channels()})
    )
    assert 'role="img"' in html
    assert "Most cases: Phone (1,480, 54% of 2,726)." in html


def _kept_back() -> Table:
    table = Table("reach", "Residents by channel", "", [Column("Sex"), Column("Any", "count")])
    table.add("Female", 7)
    table.add("Male", "fewer than 5")  # a count kept back, as the equality tables say it
    table.add("All residents", 9)
    return table


def test_a_count_kept_back_is_drawn_as_not_shown_never_as_zero():
    spec = chart_spec(_kept_back(), "bar", total_row=True, measure="residents")
    drawn = render(spec)

    assert spec.points == [("Female", 7.0), ("Male", None)]
    assert drawn.count("<rect") == 1  # a bar for Female only
    assert ">not shown</text>" in drawn
    # No share of a total part of which is kept back.
    assert summary(spec) == (
        "Most residents: Female (7). Not shown (too few to show, or nothing to work out): Male."
    )


def test_a_share_is_drawn_and_summarised_as_a_percentage():
    table = Table("rates", "Answer rate", "", [Column("Line"), Column("Rate", "percent")])
    table.add("General", 0.9)
    table.add("Housing", 0.456)
    spec = chart_spec(table, "bar")

    assert summary(spec) == "Highest: General (90.0%). Lowest: Housing (45.6%)."
    assert ">90.0%</text>" in render(spec)
