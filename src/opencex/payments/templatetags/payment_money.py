"""`{{ pence|pounds }}`: an amount kept in pence, shown as £1,234.56."""

from django import template

from opencex.payments.money import pounds as _pounds

register = template.Library()


@register.filter
def pounds(pence) -> str:
    return f"£{_pounds(int(pence or 0))}"
