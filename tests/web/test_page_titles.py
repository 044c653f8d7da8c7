"""What makes a page's title its own: the page of a long list and the filters chosen."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.template import Context, Template

from opencex.staff.queues.paging import Page as QueuePage


def title(source: str, **context) -> str:
    return Template("{% load page_titles %}" + source).render(Context(context))


def test_the_second_of_five_pages_says_so():
    page = Paginator(range(100), 20).page(2)
    assert title("Emails{% page_in_title page %}", page=page) == "Emails, page 2 of 5"


def test_a_list_on_one_page_has_no_page_number():
    page = Paginator(range(3), 20).page(1)
    assert title("Emails{% page_in_title page %}", page=page) == "Emails"


def test_a_queue_page_not_counted_says_only_its_number():
    page = QueuePage(object_list=[], number=3, per_page=25, has_next=True, count=None)
    assert title("Overdue{% page_in_title page %}", page=page) == "Overdue, page 3"


class Filters(forms.Form):
    search = forms.CharField(required=False)
    status = forms.ChoiceField(
        choices=[("", "Any"), ("open", "Open"), ("closed", "Closed")], required=False
    )
    service = forms.ChoiceField(
        choices=[("", "Any"), ("Waste", [("bins", "Missed bins")])], required=False
    )


def test_the_filters_chosen_are_named_with_their_options():
    form = Filters({"search": "bins", "status": "open", "service": "bins"})
    assert title("Queue{% filters_in_title form %}", form=form) == (
        "Queue (Status: Open, Service: Missed bins)"
    )


def test_no_filters_no_brackets():
    assert title("Queue{% filters_in_title form %}", form=Filters({"search": "x"})) == "Queue"
    assert title("Queue{% filters_in_title form %}", form=Filters()) == "Queue"
