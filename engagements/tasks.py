"""Background work for engagements. Tasks take ids, never content."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from engagements.models import Invitation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def send_invitation_email(invitation_id: str) -> None:
    from engagements.services.participants import invitation_token

    invitation = (
        Invitation.objects.select_related("organisation", "engagement", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:invitation", args=[invitation_token(invitation)])
    context = {"invitation": invitation, "link": link}
    send_mail(
        subject=render_to_string("emails/invitation_subject.txt", context).strip(),
        message=render_to_string("emails/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
