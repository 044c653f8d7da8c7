"""Every table on a page sits in its own scrollable, focusable, named region (WCAG 2.2 1.4.10
Reflow): the `table_region` tag, and a scan of every template for a table outside one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

import opencex

SOURCE = Path(opencex.__file__).parent
# The subject access export is a file the resident downloads and opens, not a page of the site.
NOT_PAGES = {"inforights/templates/inforights/export_index.html"}
REGION = re.compile(r"\{% table_region[^%]*%\}.*?\{% endtable_region %\}", re.DOTALL)


def render(source: str, **context) -> str:
    return Template("{% load table_region %}" + source).render(Context(context))


def test_a_table_sits_in_a_focusable_region_named_by_its_caption():
    html = render(
        "{% table_region %}<table><caption>{{ n }} cases <span>Showing 1 to 20</span></caption>"
        "</table>{% endtable_region %}",
        n=42,
    )
    assert html.startswith(
        '<div class="app-table-region" role="region" aria-label="42 cases Showing 1 to 20" '
        'tabindex="0"><table>'
    )
    assert html.endswith("</table></div>")


def test_a_table_without_a_caption_is_named_by_its_label_escaped():
    html = render(
        '{% table_region label=name %}<table aria-labelledby="h"></table>{% endtable_region %}',
        name='Members of "Bins" & <Recycling>',
    )
    assert 'aria-label="Members of &quot;Bins&quot; &amp; &lt;Recycling&gt;"' in html


def test_a_caption_written_by_a_resident_stays_escaped_in_the_name():
    html = render(
        "{% table_region %}<table><caption>{{ subject }}</caption></table>{% endtable_region %}",
        subject='"><script>alert(1)</script>',
    )
    assert "<script>" not in html
    assert 'aria-label="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_a_table_with_no_name_is_refused():
    with pytest.raises(TemplateSyntaxError, match="needs a <caption>"):
        render("{% table_region %}<table></table>{% endtable_region %}")


def templates() -> list[Path]:
    return sorted(SOURCE.rglob("templates/**/*.html"))


def test_every_table_in_a_template_is_inside_a_table_region():
    loose = []
    for template in templates():
        name = str(template.relative_to(SOURCE))
        if name in NOT_PAGES:
            continue
        outside = REGION.sub("", template.read_text())
        if "<table" in outside:
            loose.append(name)
    assert not loose, f"Tables outside {{% table_region %}}: {loose}"


def test_the_scan_finds_the_tables_it_looks_for():
    with_tables = [t for t in templates() if "<table" in t.read_text()]
    assert len(with_tables) > 30
