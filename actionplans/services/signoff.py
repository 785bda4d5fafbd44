"""Signing the action plan: a signature binds the fingerprint of the version signed (guide, phase 6 step 3)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, Signature
from actionplans.selectors import signatory_group_of
from actionplans.versions import plan_fingerprint
from audit.log import record
from tenancy.access import capabilities_for


@transaction.atomic
def plan_sign(*, actor: Any, plan: ActionPlan, fingerprint: str, signer_role: str) -> Signature:
    """Sign the version the signer read. ``fingerprint`` is the one shown to them: if the plan changed since,
    the signature is refused rather than binding a version they did not read."""
    plan = ActionPlan.objects.select_for_update().select_related("engagement__organisation").get(pk=plan.pk)
    group = signatory_group_of(capabilities_for(actor, plan.engagement))
    if group is None:
        raise ValidationError(_("You cannot sign this action plan."))
    if not plan.actions.exists():
        raise ValidationError(_("The plan has no action yet: there is nothing to sign."))
    current = plan_fingerprint(plan)
    if fingerprint != current:
        raise ValidationError(_("The plan changed while you were reading it: read it again before signing."))
    role = (signer_role or "").strip()
    if not role:
        raise ValidationError({"signer_role": _("Say in what position you sign.")})
    if Signature.objects.filter(plan=plan, signer=actor, fingerprint=current).exists():
        raise ValidationError(_("You already signed this version of the plan."))
    signature = Signature(
        plan=plan, signer=actor, group=group, signer_role=role, signed_at=timezone.now(), fingerprint=current
    )
    signature.full_clean()
    signature.save()
    record(
        actor=actor,
        verb="actionplan.signed",
        target=signature,
        engagement=plan.engagement,
        detail={"group": group.value, "fingerprint": current, "signer_role": role},
    )
    return signature
