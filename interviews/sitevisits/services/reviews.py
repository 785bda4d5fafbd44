"""The document review (phase 4 step 3, "Carry out document review").

A flag (suspected withheld or falsified) needs its explanation: the guide asks to "record suspected
withholding or falsification as both a finding and a limitation", and the report lists it
(``selectors.limitations``). The audit entry records the facts of the review, never the notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from audit.log import record
from interviews.preparation.models import DocumentRequest
from interviews.sitevisits.models import DocumentIssue, DocumentReview


def _ordered(issues: Iterable[str]) -> list[str]:
    """The list's own order; anything unknown is kept so that validation refuses it."""
    chosen = set(issues)
    return [code for code in DocumentIssue.values if code in chosen] + sorted(chosen - set(DocumentIssue.values))


@transaction.atomic
def document_review_save(
    *,
    actor: Any,
    request: DocumentRequest,
    received: str,
    notes: str = "",
    issues: Iterable[str] = (),
    other_issue: str = "",
    flag: str = "",
    flag_explanation: str = "",
) -> DocumentReview:
    """Create or update the review of one requested document; refused whole if anything is invalid."""
    review = DocumentReview.objects.select_for_update().filter(request=request).first()
    created = review is None
    if review is None:
        review = DocumentReview(engagement_id=request.engagement_id, request=request)
    review.received = received
    review.notes = notes.strip()
    review.issues = _ordered(issues)
    review.other_issue = other_issue.strip() if DocumentIssue.OTHER in review.issues else ""
    review.flag = flag
    review.flag_explanation = flag_explanation.strip() if flag else ""
    review.reviewed_by = actor
    review.full_clean()
    review.save()
    record(
        actor=actor,
        verb="document.reviewed",
        target=review,
        engagement=request.engagement,
        detail={
            "request": str(request.pk),
            "received": review.received,
            "issues": len(review.issues),
            "flag": review.flag or None,
            "created": created,
        },
    )
    return review
