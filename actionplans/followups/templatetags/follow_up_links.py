"""The engagement page's links between a first assessment and its follow-up assessments (only those the reader
may open)."""

from __future__ import annotations

from typing import Any

from django import template

from actionplans.followups.selectors import first_assessment_visible_to, follow_ups_visible_to

register = template.Library()


@register.inclusion_tag("followups/_engagement_links.html")
def follow_up_links(engagement: Any, user: Any) -> dict[str, Any]:
    return {
        "engagement": engagement,
        "first": first_assessment_visible_to(user, engagement),
        "follow_ups": list(follow_ups_visible_to(user, engagement)),
    }
