"""The region every table sits in: on a screen too narrow for it, the table scrolls sideways
inside its own region instead of the page (WCAG 2.2 1.4.10 Reflow: no page-level horizontal
scrolling at 320 CSS pixels, which is also 1280 pixels at 400% and 640 pixels at 200% zoom).

    {% load table_region %}
    {% table_region %}<table><caption>...</caption>...</table>{% endtable_region %}

The region is named by the table's caption (or by `label="..."` for a table without one), takes
the keyboard focus so that a keyboard user can scroll it, and shows the focus (`.app-table-region`
in `web/sass/_table-region.scss`). `tests/web/test_table_regions.py` finds any template table
outside one.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL | re.IGNORECASE)


class TableRegionNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: template.base.FilterExpression | None):
        self.nodelist = nodelist
        self.label = label

    def render(self, context: template.Context) -> SafeString:
        table = self.nodelist.render(context)
        if self.label is not None:
            name = str(conditional_escape(self.label.resolve(context)))
        else:
            caption = CAPTION.search(table)
            if caption is None:
                raise template.TemplateSyntaxError(
                    "A table in {% table_region %} needs a <caption> or label=... to name it."
                )
            # The caption's text as a reader hears it: tags gone, runs of spaces one space.
            name = " ".join(strip_tags(caption.group(1)).split())
        return format_html(
            '<div class="app-table-region" role="region" aria-label="{}" tabindex="0">{}</div>',
            mark_safe(name),  # noqa: S308 - escaped above or by the template that drew it
            mark_safe(table),  # noqa: S308 - rendered by the template engine, already escaped
        )


@register.tag
def table_region(parser: template.base.Parser, token: template.base.Token) -> TableRegionNode:
    bits = token.split_contents()
    label = None
    for bit in bits[1:]:
        if not bit.startswith("label="):
            raise template.TemplateSyntaxError(f"table_region takes only label=..., not {bit!r}")
        label = parser.compile_filter(bit.removeprefix("label="))
    nodelist = parser.parse(("endtable_region",))
    parser.delete_first_token()
    return TableRegionNode(nodelist, label)
