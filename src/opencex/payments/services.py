"""The one door for every payment act: start a payment, settle it by asking its provider, refund
(at a finance officer's discretion, `refund_payment`, or as the purpose's rules give,
`refund_for_purpose` / `reserve_refund_for_purpose`: two entry points to one implementation,
differing only in who may ask; each reserves the refund, then `send_refund` asks the provider).

Money rules held here:
- the same idempotency key returns the same payment, so a double click never starts two;
- one payment at a time per purpose (a bill, a booking): while one is in progress another is
  refused (`PaymentInProgress`), decided by a database constraint, so two starts at the same
  moment cannot both pass a check;
- a final state is recorded once, under the payment's row lock, from what the provider says (a
  return URL or a webhook only prompts us to ask), and the purpose is told once, in that same
  transaction;
- refunds never add up to more than the payment (a locked check and a database constraint)."""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opencex.contacts.models import Outcome
from opencex.contacts.services import ContactError, log_contact
from opencex.payments import policies, purposes
from opencex.payments.audit import record_event
from opencex.payments.models import (
    FailureCode,
    Payment,
    PaymentChannel,
    PaymentEventKind,
    PaymentStatus,
    Refund,
    RefundStatus,
)
from opencex.payments.money import pounds
from opencex.payments.providers import current_provider, provider_named
from opencex.payments.providers.base import NewPayment, PaymentState, ProviderError
from opencex.payments.references import new_payment_reference

logger = logging.getLogger(__name__)

# GOV.UK Pay's limit for one card payment: £100,000.00.
MAXIMUM_PENCE = 10_000_000
# A payment whose provider was never told about it (we crashed, or the provider failed) is given
# up after this long, so that its purpose is told and a held slot released.
UNSTARTED_GRACE = timedelta(minutes=5)


class PaymentInProgress(ValidationError):
    """Another payment for the same purpose (the same bill, the same booking) has no final state
    yet. The purpose's own service says it in its words (see `bills.services`)."""

    def __init__(self) -> None:
        super().__init__(
            {"reference": _("A payment for this is already in progress. Try again later")}
        )


def start_payment(
    *,
    actor,
    purpose: str,
    purpose_id: str,
    amount_pence: int,
    description: str,
    reference: str,
    email: str,
    return_url: str,
    idempotency_key: str,
    channel: str = PaymentChannel.WEB,
    resident=None,
    card_holder_present: bool = True,
    place: str = "",
) -> Payment:
    """Create the payment at the provider; send the resident to `payment.next_url`.

    `reference` is what the resident paid for (a council tax account, a booking reference): it
    goes to the provider and onto their statement. Our own payment reference is made here.
    `return_url` is where the provider sends the resident back; that page calls `settle_payment`.
    An officer taking a payment by phone or at the desk uses the same door, for a named resident,
    with `card_holder_present=False` on the phone (GOV.UK Pay's `moto`), and is logged as an
    assisted-digital contact (`place`: the profile's place, for a payment at the desk).

    The same `idempotency_key` returns the same payment (never a second one); the same key with a
    different amount or purpose is refused. If the provider cannot be reached the payment is
    recorded as an error (its purpose told) and `ProviderError` is raised. While another payment
    for the same purpose and `purpose_id` is in progress, `PaymentInProgress` is raised."""
    _check_start(actor, purpose, amount_pence, channel, resident, card_holder_present)
    existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_payment(existing, purpose, purpose_id, amount_pence)
    provider = current_provider()
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                reference=new_payment_reference(),
                idempotency_key=idempotency_key,
                provider=provider.name,
                return_url=_absolute(return_url),
                amount_pence=amount_pence,
                description=description[:255],
                purpose=purpose,
                purpose_id=str(purpose_id),
                resident=resident,
                email=email,
                channel=channel,
                card_holder_present=card_holder_present,
                taken_by=actor if channel != PaymentChannel.WEB else None,
            )
            record_event(
                payment=payment,
                kind=PaymentEventKind.STARTED,
                actor=actor,
                to_status=PaymentStatus.CREATED,
                detail=f"{purpose} {purpose_id}: {amount_pence}p by {channel} via {provider.name}",
            )
            if channel != PaymentChannel.WEB:
                _log_assisted_contact(actor, payment, place)
    except ContactError as error:
        # Nothing is kept: the payment and its contact are one act (say, a desk without a place).
        raise ValidationError(error.errors) from None
    except IntegrityError:
        # Another request won the race: with the same key, that one is the payment; with another
        # key, it is a second payment for the same purpose, which the database refused.
        existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise PaymentInProgress from None
        return _same_payment(existing, purpose, purpose_id, amount_pence)

    # The provider is called outside our transaction: the row above already holds the key, so a
    # retry finds it, and nothing is charged at creation (the resident has not typed a card yet).
    try:
        created = provider.create_payment(
            NewPayment(
                amount_pence=amount_pence,
                reference=reference,
                description=description[:255],
                return_url=payment.return_url,
                email=email,
                moto=not card_holder_present,
                language=_language(),
                metadata={"opencex_reference": payment.reference, "purpose": purpose},
            ),
            idempotency_key=idempotency_key,
        )
    except ProviderError as error:
        logger.warning("Payment %s could not be created at %s: %s", payment, provider.name, error)
        with transaction.atomic():
            locked = Payment.objects.select_for_update().get(pk=payment.pk)
            _record_state(
                locked,
                PaymentState(PaymentStatus.ERROR, FailureCode.ERROR, str(error)[:255]),
                because="the provider could not create it",
            )
        raise
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        locked.provider_payment_id = created.provider_payment_id
        locked.next_url = created.next_url
        locked.save(update_fields=["provider_payment_id", "next_url", "updated_at"])
    return locked


def settle_payment(*, payment: Payment) -> Payment:
    """Ask the payment's provider for its state and record it; on a final state, tell the purpose
    (`on_paid` or `on_not_paid`) once. Safe to call any number of times, from the return page, the
    webhook, reconciliation or several of them at once: the row lock lets one record the final
    state and the others find it recorded."""
    payment.refresh_from_db()
    if payment.is_final:
        return payment
    if not payment.provider_payment_id:
        return _give_up_if_never_created(payment)
    state = provider_named(payment.provider).get_state(payment.provider_payment_id)
    if state.amount_pence is not None and state.amount_pence != payment.amount_pence:
        # Never record as paid (or not) a payment for another amount than ours: it stays
        # unsettled, and reconciliation reports it on every run until someone looks.
        raise ProviderError(
            f"{payment.provider} says {payment.reference} is for {state.amount_pence}p, "
            f"not {payment.amount_pence}p"
        )
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if not locked.is_final:
            _record_state(locked, state, because="the provider said so")
    return locked


def refund_payment(
    *, actor, payment: Payment, amount_pence: int, reason: str, idempotency_key: str = ""
) -> Refund:
    """A finance officer gives back some or all of a successful payment, at their discretion
    (an overpayment, a complaint's remedy). The refund is recorded against their account.

    The refund form's `idempotency_key` makes a double submit refund once: the same key returns
    the refund already made (the same key for another amount or payment is refused). A payment
    whose purpose owns its refunds (a booking) is refused, pointing to the purpose's page: there
    the refund goes with the act that gives it (a cancellation), so the booking accounts for it."""
    if not policies.can_refund(actor):
        raise PermissionDenied(_("You cannot refund payments."))
    if idempotency_key:
        existing = Refund.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _same_refund(existing, payment, amount_pence)
    purpose_page = _purpose_refund_page(payment)
    if purpose_page is not None:
        raise ValidationError(
            {
                "amount": _(
                    "This payment is for %(what)s: refund it from its own page, %(page)s, so "
                    "that it is cancelled or changed with the refund"
                )
                % {"what": payment.purpose, "page": purpose_page}
            }
        )
    try:
        with transaction.atomic():
            refund = _reserve(
                payment,
                amount_pence,
                reason,
                requested_by=actor,
                because="",
                idempotency_key=idempotency_key or None,
            )
    except IntegrityError:
        # The same form submitted twice at once: the other request holds the key.
        return _same_refund(
            Refund.objects.get(idempotency_key=idempotency_key), payment, amount_pence
        )
    return send_refund(refund=refund)


def refund_for_purpose(*, payment: Payment, amount_pence: int, reason: str, because: str) -> Refund:
    """Give back what the payment's purpose's own rules give (a booking cancelled before its
    cut-off, a payment that came after its slot filled): no officer decides it, so no officer is
    asked, and `because` (up to 64 characters, e.g. "booking BK-123 cancelled") says which rule
    did. Only the purpose's own code calls this, from its job, never from a page.

    Reserve and send in one call; a purpose that takes the amount from its own record should
    instead call `reserve_refund_for_purpose` inside that transaction, then `send_refund`."""
    with transaction.atomic():
        refund = reserve_refund_for_purpose(
            payment=payment, amount_pence=amount_pence, reason=reason, because=because
        )
    return send_refund(refund=refund)


def reserve_refund_for_purpose(
    *, payment: Payment, amount_pence: int, reason: str, because: str
) -> Refund:
    """The first half of `refund_for_purpose`, inside the caller's transaction: the refund is
    recorded SUBMITTED and its amount reserved on the payment, so that it commits (or not)
    together with the purpose taking the amount due. Once committed, call `send_refund`; a refund
    never sent (the worker died in between) is reported by reconciliation."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Reserve a refund inside the transaction that takes what is due.")
    because = because.strip()
    if not because:
        raise ValueError("A refund the rules give says which rule gave it (`because`).")
    return _reserve(
        payment, amount_pence, reason, requested_by=None, because=because[:64], idempotency_key=None
    )


def _reserve(
    payment: Payment,
    amount_pence: int,
    reason: str,
    *,
    requested_by,
    because: str,
    idempotency_key: str | None,
) -> Refund:
    """The one reservation behind both doors, in the caller's transaction: the amount is
    reserved on the payment under its row lock before the provider is asked, so two refunds at
    once can never give back more than was paid."""
    reason = reason.strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Enter why you are refunding this payment")
    if not isinstance(amount_pence, int) or amount_pence <= 0:
        errors["amount"] = _("Enter an amount to refund, like 12.50")
    if errors:
        raise ValidationError(errors)
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if not locked.is_paid:
        raise ValidationError({"amount": _("Only a successful payment can be refunded")})
    available = locked.refundable_pence
    if amount_pence > available:
        raise ValidationError(
            {
                "amount": _("The refund must be £%(available)s or less")
                % {"available": pounds(available)}
            }
        )
    locked.refunded_pence += amount_pence
    locked.save(update_fields=["refunded_pence", "updated_at"])
    refund = Refund.objects.create(
        payment=locked,
        amount_pence=amount_pence,
        reason=reason,
        requested_by=requested_by,
        because=because,
        idempotency_key=idempotency_key,
    )
    record_event(
        payment=locked,
        refund=refund,
        kind=PaymentEventKind.REFUND_REQUESTED,
        actor=requested_by,
        because=because,
        to_status=RefundStatus.SUBMITTED,
        detail=f"{amount_pence}p: {reason}",
    )
    return refund


def send_refund(*, refund: Refund) -> Refund:
    """Ask the provider for a reserved refund, outside any transaction of ours (the caller must
    not hold one open). A refusal (`ProviderError`) gives the reservation back. Any other failure
    leaves the refund SUBMITTED with no provider id: we cannot prove it was not sent, so it is
    never sent again by itself; reconciliation reports it for finance to check."""
    refund.refresh_from_db()
    if refund.status != RefundStatus.SUBMITTED or refund.provider_refund_id:
        return refund
    payment = Payment.objects.get(pk=refund.payment_id)
    # What the provider should think is left: the payment less every other refund not refused.
    available = payment.refundable_pence + refund.amount_pence
    try:
        answer = provider_named(payment.provider).refund(
            payment.provider_payment_id,
            amount_pence=refund.amount_pence,
            refund_amount_available=available,
        )
    except ProviderError as error:
        logger.warning("Refund %s refused by %s: %s", refund.pk, payment.provider, error)
        return _record_refund_state(refund, RefundStatus.ERROR, because=str(error), at_once=True)
    with transaction.atomic():
        Refund.objects.select_for_update().filter(pk=refund.pk).update(
            provider_refund_id=answer.provider_refund_id
        )
    refund.provider_refund_id = answer.provider_refund_id
    return _record_refund_state(refund, answer.status, because="the provider said so", at_once=True)


def unsent_refunds(*, older_than: timedelta) -> QuerySet[Refund]:
    """Refunds reserved but with no answer from the provider (the worker died between reserving
    and asking, or the provider's answer could not be read): finance must check each with the
    provider, since resending one that was in fact made would refund twice (GOV.UK Pay's refunds
    take no idempotency key)."""
    return Refund.objects.filter(
        status=RefundStatus.SUBMITTED,
        provider_refund_id="",
        created_at__lt=timezone.now() - older_than,
    ).select_related("payment")


def record_unanswered_refund(
    *, actor, refund: Refund, made: bool, provider_refund_id: str = ""
) -> Refund:
    """Finance has looked in the provider's own admin for a refund we have no answer for (see
    `unsent_refunds`) and says how it ended: made (with the provider's refund id), or never made
    (its reservation is given back, and a purpose's refund is due again). Recorded once, as any
    refund's final state, against the officer."""
    if not policies.can_refund(actor):
        raise PermissionDenied(_("You cannot refund payments."))
    refund.refresh_from_db()
    if refund.status != RefundStatus.SUBMITTED or refund.provider_refund_id:
        raise ValidationError(
            {"outcome": _("This refund already has an answer from the payment provider")}
        )
    provider_refund_id = provider_refund_id.strip()
    if made and not provider_refund_id:
        raise ValidationError(
            {"provider_refund_id": _("Enter the refund's ID from the payment provider")}
        )
    if made:
        with transaction.atomic():
            updated = Refund.objects.filter(
                pk=refund.pk, status=RefundStatus.SUBMITTED, provider_refund_id=""
            ).update(provider_refund_id=provider_refund_id[:100])
        if not updated:
            raise ValidationError(
                {"outcome": _("This refund already has an answer from the payment provider")}
            )
    return _record_refund_state(
        refund,
        RefundStatus.SUCCESS if made else RefundStatus.ERROR,
        because="checked at the provider by finance",
        at_once=False,
        actor=actor,
    )


def _same_refund(existing: Refund, payment: Payment, amount_pence: int) -> Refund:
    if (existing.payment_id, existing.amount_pence) != (payment.pk, amount_pence):
        raise ValidationError(
            {
                "amount": _(
                    "This refund form was already used for a refund of £%(amount)s. Open the "
                    "payment again to make another refund"
                )
                % {"amount": pounds(existing.amount_pence)}
            }
        )
    return existing


def _purpose_refund_page(payment: Payment) -> str | None:
    if not purposes.is_registered(payment.purpose):
        return None
    purpose = purposes.purpose_for(payment.purpose)
    return purpose.refund_page(payment) if purpose.refund_page is not None else None


def refund_page_of(payment: Payment) -> str | None:
    """Where a payment's purpose has staff refund it (a booking's page), or None: then finance
    refunds it here, with `refund_payment`."""
    return _purpose_refund_page(payment)


def settle_refund(*, refund: Refund) -> Refund:
    """Ask the provider how a submitted refund ended, and record it (reconciliation calls this)."""
    refund.refresh_from_db()
    if refund.status != RefundStatus.SUBMITTED or not refund.provider_refund_id:
        return refund
    answer = provider_named(refund.payment.provider).get_refund(
        refund.payment.provider_payment_id, refund.provider_refund_id
    )
    return _record_refund_state(
        refund, answer.status, because="the provider said so", at_once=False
    )


def _record_refund_state(
    refund: Refund, status: str, *, because: str, at_once: bool, actor=None
) -> Refund:
    """Record a refund's final state once, under the payment's lock; an error gives the
    reservation back; the purpose, if it asked, is told in this same transaction."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=refund.payment_id)
        locked = Refund.objects.select_for_update().get(pk=refund.pk)
        if locked.status != RefundStatus.SUBMITTED or status == RefundStatus.SUBMITTED:
            return locked
        locked.status = status
        locked.settled_at = timezone.now()
        locked.save(update_fields=["status", "settled_at", "updated_at"])
        if status == RefundStatus.ERROR:
            payment.refunded_pence -= locked.amount_pence
            payment.save(update_fields=["refunded_pence", "updated_at"])
        record_event(
            payment=payment,
            refund=locked,
            kind=PaymentEventKind.REFUND_STATUS_CHANGED,
            actor=actor,
            because=because[:64],
            from_status=RefundStatus.SUBMITTED,
            to_status=status,
        )
        if purposes.is_registered(payment.purpose):
            hook = purposes.purpose_for(payment.purpose).on_refund_settled
            if hook is not None:
                hook(locked, at_once)
    return locked


def _record_state(payment: Payment, state: PaymentState, *, because: str) -> None:
    """Write what the provider said to a locked, unfinished payment; tell the purpose if final."""
    if state.status not in PaymentStatus.values:
        raise ProviderError(f"Unknown payment status {state.status!r} from {payment.provider}")
    previous = payment.status
    if state.status == previous:
        return
    payment.status = state.status
    payment.failure_code = state.code if state.status != PaymentStatus.SUCCESS else ""
    payment.failure_message = state.message[:255]
    payment.card_last_digits = state.card_last_digits or payment.card_last_digits
    if payment.is_final:
        payment.settled_at = timezone.now()
    payment.save()
    record_event(
        payment=payment,
        kind=PaymentEventKind.STATUS_CHANGED,
        because=because,
        from_status=previous,
        to_status=state.status,
        detail=" ".join(filter(None, [state.code, state.message])),
    )
    if payment.is_final:
        purpose = purposes.purpose_for(payment.purpose)
        (purpose.on_paid if payment.is_paid else purpose.on_not_paid)(payment)


def _give_up_if_never_created(payment: Payment) -> Payment:
    if timezone.now() - payment.created_at < UNSTARTED_GRACE:
        return payment
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if not locked.is_final and not locked.provider_payment_id:
            _record_state(
                locked,
                PaymentState(
                    PaymentStatus.ERROR, FailureCode.ERROR, "Never created at the provider"
                ),
                because="never reached the provider",
            )
    return locked


def _check_start(actor, purpose, amount_pence, channel, resident, card_holder_present) -> None:
    if channel not in PaymentChannel.values:
        raise ValueError(f"Unknown payment channel {channel!r}")
    if channel != PaymentChannel.WEB:
        if not policies.can_take_payment_for_resident(actor):
            raise PermissionDenied(_("Only council officers can take a payment for a resident."))
        if resident is None:
            raise ValueError("An officer takes a payment for a named resident.")
    else:
        if not card_holder_present:
            raise ValueError("A payment made online has its card holder present.")
        # Online, a payment is linked only to the signed-in resident making it.
        if resident is not None and getattr(actor, "pk", None) != resident.user_id:
            raise PermissionDenied(_("You can only pay as yourself."))
    if not purposes.is_registered(purpose):
        raise LookupError(f"No payment purpose {purpose!r} is registered.")
    if not isinstance(amount_pence, int) or not 0 < amount_pence <= MAXIMUM_PENCE:
        raise ValidationError({"amount": _("Enter an amount between £0.01 and £100,000")})


def _same_payment(existing: Payment, purpose: str, purpose_id: str, amount_pence: int) -> Payment:
    if (existing.purpose, existing.purpose_id, existing.amount_pence) != (
        purpose,
        str(purpose_id),
        amount_pence,
    ):
        raise ValueError("This idempotency key was used for a different payment.")
    return existing


def _absolute(url: str) -> str:
    return urljoin(str(settings.OPENCEX_SITE_URL).rstrip("/") + "/", url)


def _language() -> str:
    # GOV.UK Pay's card pages come in English and Welsh only.
    return "cy" if (get_language() or "en").startswith("cy") else "en"


def _log_assisted_contact(actor, payment: Payment, place: str) -> None:
    """An officer took this payment for a resident: it is an assisted-digital contact."""
    log_contact(
        actor=actor,
        channel=payment.channel,
        outcome=Outcome.RESOLVED,
        resident=payment.resident,
        place=place,
        note=f"Payment {payment.reference} started for {payment.description}",
    )
