"""Payment template filters: `{{ pence|pounds }}` shows £1,234.56; `may_take_payments`."""

from django import template

from opencex.payments.money import pounds as _pounds

register = template.Library()


@register.filter
def pounds(pence) -> str:
    return f"£{_pounds(int(pence or 0))}"


@register.filter
def may_take_payments(user) -> bool:
    """`{% if request.user|may_take_payments %}`: show "Take a payment" only to those who may."""
    from opencex.payments.policies import can_take_payment_for_resident

    return can_take_payment_for_resident(user)
