"""Retention in the background. Tasks take ids, never content."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from engagements.models import Participant
from tenancy.roles import EngagementRole
from vault.models import Retention


@shared_task(acks_late=True)
def enforce_retention() -> dict[str, int]:
    from vault.services import retention_run

    return retention_run()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_jitter=True, max_retries=5)
def send_retention_warning(retention_id: str) -> None:
    retention = (
        Retention.objects.select_related("engagement").filter(pk=retention_id, destroyed_at__isnull=True).first()
    )
    if retention is None:
        return
    leads = Participant.objects.filter(engagement=retention.engagement, role=EngagementRole.LEAD_ASSESSOR)
    recipients = list(leads.values_list("user__email", flat=True))
    if not recipients:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("vault:data_protection", args=[retention.engagement_id])
    context = {"retention": retention, "engagement": retention.engagement, "link": link}
    send_mail(
        subject=render_to_string("emails/retention_warning_subject.txt", context).strip(),
        message=render_to_string("emails/retention_warning.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
