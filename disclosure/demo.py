"""The demo's phase 8: a public version chosen by the lead, approved by both sides and published, and one
entry of the external engagement log. Fictional. Idempotent: made once, when the engagement has none."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from actionplans.models import Action
from disclosure.content import current
from disclosure.models import Disclosure, EngagementKind, ExternalEngagement, Section
from disclosure.services import disclosure_approve, disclosure_choose, external_engagement_add, version_publish
from engagements.models import Engagement
from findings.models import Finding, FindingStatus


@transaction.atomic
def seed_demo_disclosure(engagement: Engagement, users: dict[str, Any]) -> None:
    lead = users["lead@demo.example"]
    if not Disclosure.objects.filter(engagement=engagement).exists():
        findings = Finding.objects.filter(engagement=engagement, status=FindingStatus.RELEASED)
        if findings.exists():
            disclosure = disclosure_choose(
                actor=lead,
                engagement=engagement,
                sections=Section.values,
                findings=findings,
                actions=Action.objects.filter(plan__engagement=engagement),
            )
            _content, fingerprint = current(disclosure)
            for email in ("business@demo.example", "workerrep@demo.example"):
                disclosure_approve(actor=users[email], disclosure=disclosure, fingerprint=fingerprint)
            version_publish(actor=lead, disclosure=disclosure)
    if not ExternalEngagement.objects.filter(engagement=engagement).exists():
        external_engagement_add(
            actor=lead,
            engagement=engagement,
            held_on=timezone.localdate() - timedelta(days=3),
            kind=EngagementKind.COLLECTIVE_ACTION,
            parties="Demo Seafood Buyers Roundtable; Demo Migrant Workers' Network; two demo processors",
            summary="Shared the lessons on recruitment fees in the Myanmar and Cambodia corridors with other "
            "buyers sourcing from the same processors.",
            outcome="The roundtable agreed to a common employer-pays clause for recruiter contracts.",
            follow_up="Draft clause to be circulated to members within a month.",
        )
