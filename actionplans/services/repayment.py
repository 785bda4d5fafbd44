"""Fee repayment: planned per group from phase 5's calculation, payments recorded, verified by the team.

The amount owed is never typed in: it is the calculation's figure for the group when the repayment is
planned (later changes to the interviews or rates do not move an agreed plan). A reader who sees suppressed
figures can plan only a group whose repayment the suppressed analysis shows them. Whoever recorded a payment
does not verify it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import OVERALL, Action, RepaymentPayment, RepaymentPlan, VerifiedBy
from actionplans.repayment import raw_group, shown_row
from audit.log import record
from engagements.models import Engagement
from findings.analysis import selectors as analysis
from findings.analysis import tables
from findings.analysis.labels import group_label
from tenancy.access import capabilities_for
from tenancy.roles import Capability


def _require(actor: Any, engagement: Engagement, capability: Capability) -> frozenset:
    capabilities = capabilities_for(actor, engagement)
    if capability not in capabilities:
        raise ValidationError(_("You cannot do this for this engagement's repayments."))
    return capabilities


@transaction.atomic
def repayment_plan_create(
    *, actor: Any, engagement: Engagement, dimension: str, value: str, due_date: date, action: Action | None = None
) -> RepaymentPlan:
    capabilities = _require(actor, engagement, Capability.MANAGE_REPAYMENT)
    settings = analysis.analysis_settings(engagement)
    found = analysis.aggregates(engagement, settings)
    group = raw_group(found.fees, dimension, value)
    if group is None or group.paid == 0 or group.repayment <= 0:
        raise ValidationError({"group": _("No repayment is owed to this group in the fee analysis.")})
    outsiders = tables.fee_analysis(found.fees, rule=settings.rule, presence={}, k=settings.k, sees_small_cells=False)
    row = shown_row(outsiders, dimension, value)
    shown = bool(row and row.repayment.shown)
    if not shown and Capability.SEE_SMALL_CELLS not in capabilities:
        raise ValidationError({"group": _("No repayment is owed to this group in the fee analysis.")})
    if action is not None and action.plan.engagement_id != engagement.pk:
        raise ValidationError({"action": _("Choose an action of this engagement's plan.")})
    plan = RepaymentPlan(
        engagement=engagement,
        dimension=dimension,
        value=value,
        label=str(_("All workers")) if dimension == OVERALL else group_label(dimension, value),
        payers=group.paid,
        amount_owed=group.repayment,
        currency=found.fees.reporting_currency,
        shown_to_outsiders=shown,
        due_date=due_date,
        action=action,
        created_by=actor,
    )
    plan.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as error:
        raise ValidationError({"group": _("A repayment is already planned for this group.")}) from error
    record(
        actor=actor,
        verb="actionplan.repayment_planned",
        target=plan,
        engagement=engagement,
        detail={
            "dimension": dimension,
            "owed": str(plan.amount_owed),
            "currency": plan.currency,
            "due": due_date.isoformat(),
            "shown_to_outsiders": shown,
        },
    )
    return plan


@transaction.atomic
def payment_record(
    *,
    actor: Any,
    repayment: RepaymentPlan,
    paid_on: date,
    amount: Decimal,
    workers_reached: int,
    reference: str,
    today: date | None = None,
) -> RepaymentPayment:
    """A payment made to workers of the group: how much, how many workers it reached, and its reference."""
    _require(actor, repayment.engagement, Capability.MANAGE_REPAYMENT)
    today = today or timezone.localdate()
    if paid_on > today:
        raise ValidationError({"paid_on": _("Record a payment once it is made.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Give the amount paid.")})
    if workers_reached is None or workers_reached < 1:
        raise ValidationError({"workers_reached": _("Say how many workers the payment reached.")})
    payment = RepaymentPayment(
        repayment=repayment,
        paid_on=paid_on,
        amount=amount,
        workers_reached=workers_reached,
        reference=(reference or "").strip(),
        recorded_by=actor,
    )
    payment.full_clean()
    payment.save()
    record(
        actor=actor,
        verb="actionplan.repayment_paid",
        target=payment,
        engagement=repayment.engagement,
        detail={
            "repayment": str(repayment.pk),
            "amount": str(amount),
            "currency": repayment.currency,
            "workers_reached": workers_reached,
        },
    )
    return payment


@transaction.atomic
def payment_verify(*, actor: Any, payment: RepaymentPayment, how: str, verifier_name: str = "") -> RepaymentPayment:
    """The assessment team confirms a payment, itself or through a named external verifier."""
    engagement = payment.repayment.engagement
    _require(actor, engagement, Capability.VERIFY_ACTIONS)
    payment = RepaymentPayment.objects.select_for_update().get(pk=payment.pk)
    if payment.is_verified:
        raise ValidationError(_("This payment is already verified."))
    if payment.recorded_by_id == actor.pk:
        raise ValidationError(_("Someone other than the person who recorded a payment verifies it."))
    if how not in VerifiedBy.values:
        raise ValidationError({"how": _("Say who verified the payment.")})
    name = (verifier_name or "").strip()
    if how == VerifiedBy.EXTERNAL and not name:
        raise ValidationError({"verifier_name": _("Name the external verifier.")})
    payment.verified_at, payment.verified_by = timezone.now(), actor
    payment.verified_how, payment.verifier_name = how, name if how == VerifiedBy.EXTERNAL else ""
    payment.full_clean()
    payment.save()
    record(
        actor=actor,
        verb="actionplan.repayment_verified",
        target=payment,
        engagement=engagement,
        detail={"how": how, "verifier": payment.verifier_name, "amount": str(payment.amount)},
    )
    return payment
