"""What makes a page's <title> its own (WCAG 2.2 2.4.2): the page number of a long list and the
filters chosen, beside the search terms and references the templates already name.

    {% load page_titles %}
    {% block title %}Emails{% page_in_title page %}{% filters_in_title filter_form %}{% endblock %}
"""

from __future__ import annotations

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()

# A list's own controls, not a choice of what it shows.
NOT_FILTERS = frozenset({"search", "q", "sort", "queue", "page", "show"})


@register.simple_tag
def page_in_title(page) -> str:
    """ ", page 2 of 5" (or ", page 2" where the list is not counted), nothing on a single page."""
    if page is None:
        return ""
    other_pages = page.has_other_pages  # a method on Django's Page, a property on the queues'
    if not (other_pages() if callable(other_pages) else other_pages):
        return ""
    paginator = getattr(page, "paginator", None)
    count = paginator.num_pages if paginator is not None else getattr(page, "num_pages", None)
    if count:
        return _(", page %(number)s of %(count)s") % {"number": page.number, "count": count}
    return _(", page %(number)s") % {"number": page.number}


def _flat_choices(choices) -> dict[str, str]:
    flat = {}
    for value, label in choices:
        if isinstance(label, list | tuple):  # a group of options
            flat.update(_flat_choices(label))
        else:
            flat[str(value)] = str(label)
    return flat


@register.simple_tag
def filters_in_title(form: forms.Form | None) -> str:
    """ " (Status: Open, Kind: Complaint)": each filter chosen, as its label and its option."""
    if form is None or not form.is_bound:
        return ""
    chosen = []
    for field in form:
        if field.name in NOT_FILTERS or not field.value():
            continue
        value = field.value()
        options = _flat_choices(getattr(field.field, "choices", ()))
        shown = options.get(str(value), str(value)) if options else str(value)
        chosen.append(f"{field.label}: {shown}")
    return f" ({', '.join(chosen)})" if chosen else ""
