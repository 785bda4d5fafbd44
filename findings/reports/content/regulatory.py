"""The regulatory analysis (guide, phase 5 step 1, key action 4: "an analysis of the regulatory frameworks
in all relevant jurisdictions"), from the desk research of phase 3, and the support services workers can
be referred to (key action 6: "referrals to CSOs and State mechanisms")."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.utils.translation import gettext as _
from django_countries import countries

from engagements.models import Engagement
from interviews.preparation.models import DueDiligence, GapPolicy, LegalSource, ReferralService


@dataclass
class Jurisdiction:
    name: str
    sources: list[LegalSource]

    @property
    def gaps(self) -> list[LegalSource]:
        return [s for s in self.sources if s.is_gap]


@dataclass
class Regulatory:
    jurisdictions: list[Jurisdiction]
    open_gaps: list[LegalSource]  # legal gaps no business policy fully closes
    referrals: list[ReferralService]


def regulatory(engagement: Engagement) -> Regulatory:
    """Laws, regulations and standards by jurisdiction (international last), and the checked referral list."""
    sources = sorted(
        LegalSource.objects.filter(engagement=engagement),
        key=lambda s: (not s.country, str(countries.name(s.country.code)) if s.country else "", s.topic, s.title),
    )
    jurisdictions = [
        Jurisdiction(
            name=str(countries.name(code)) if code else _("International standards and guidance"),
            sources=list(group),
        )
        for code, group in groupby(sources, key=lambda s: s.country.code or "")
    ]
    open_gaps = [s for s in sources if s.is_gap and s.policy_status != GapPolicy.CLOSED]
    # Only services whose due diligence was done are ever shown (preparation.models.ReferralService).
    referrals = list(
        ReferralService.objects.filter(engagement=engagement).exclude(due_diligence=DueDiligence.NOT_CHECKED)
    )
    return Regulatory(jurisdictions=jurisdictions, open_gaps=open_gaps, referrals=referrals)
