"""Read-side helpers of the preparation registers: derived warnings, grouped lists, the letter's content."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_countries import countries

from engagements.demographics import Gender
from engagements.models import Engagement
from interviews.preparation.languages import language_name, languages_of_country
from interviews.preparation.models import (
    ConflictStatus,
    DueDiligence,
    ReferralService,
    TeamMember,
    TrainingTopic,
)

DISCLOSED_GENDERS = {Gender.WOMAN, Gender.MAN, Gender.ANOTHER}


@dataclass(frozen=True)
class TeamWarning:
    kind: str  # "language", "gender", "conflict", "training", "empty"
    message: str


def team_members(engagement: Engagement) -> QuerySet[TeamMember]:
    return (
        TeamMember.objects.filter(engagement=engagement)
        .select_related("participant__user")
        .prefetch_related("trainings")
    )


def nationalities(engagement: Engagement) -> list[str]:
    """Origin countries of the engagement's corridors: the nationalities the team must be able to speak with."""
    return sorted({str(code) for code in engagement.corridors.values_list("origin", flat=True)})


def _sites(members: list[TeamMember]) -> list[str | None]:
    named = sorted({site for m in members for site in m.sites}, key=str.casefold)
    return list(named) if named else [None]


def _at_site(members: list[TeamMember], site: str | None) -> list[TeamMember]:
    return [m for m in members if site is None or not m.sites or site in m.sites]


def _where(site: str | None) -> str:
    return _("At %(site)s") % {"site": site} if site else _("In the team")


def _language_warnings(members: list[TeamMember], site: str | None, origins: Iterable[str]) -> list[TeamWarning]:
    warnings = []
    spoken = {code for m in members if m.interviews_workers for code in m.languages}
    for origin in origins:
        wanted = languages_of_country(origin)
        country = countries.name(origin) or origin
        if not wanted:
            warnings.append(
                TeamWarning(
                    "language",
                    _("No language is known for workers from %(country)s: check the team's languages by hand.")
                    % {"country": country},
                )
            )
        elif not spoken & set(wanted):
            warnings.append(
                TeamWarning(
                    "language",
                    _("%(where)s, no interviewer speaks %(languages)s, the language of workers from %(country)s.")
                    % {
                        "where": _where(site),
                        "languages": _(" or ").join(language_name(c) for c in wanted),
                        "country": country,
                    },
                )
            )
    return warnings


def _gender_warning(members: list[TeamMember], site: str | None) -> TeamWarning | None:
    genders = {m.gender for m in members if m.gender in DISCLOSED_GENDERS}
    if len(genders) <= 1:
        return TeamWarning(
            "gender",
            _("%(where)s, the team is not gender-balanced: every member is of the same gender.")
            % {"where": _where(site)},
        )
    return None


def team_warnings(engagement: Engagement, members: list[TeamMember]) -> list[TeamWarning]:
    """What the guide asks of the team and is missing (phase 3, steps 2 and 6); computed, never stored."""
    if not members:
        return [TeamWarning("empty", _("No one is on the assessment team yet."))]
    origins = nationalities(engagement)
    warnings: list[TeamWarning] = []
    for site in _sites(members):
        here = _at_site(members, site)
        warnings += _language_warnings(here, site, origins)
        gender = _gender_warning(here, site)
        if gender:
            warnings.append(gender)
    undeclared = [m.display_name for m in members if m.conflict_status == ConflictStatus.NOT_YET]
    if undeclared:
        warnings.append(
            TeamWarning(
                "conflict",
                _("Conflict-of-interest declaration missing: %(names)s.") % {"names": ", ".join(undeclared)},
            )
        )
    topics = len(TrainingTopic.values)
    untrained = [m.display_name for m in members if len(m.trainings.all()) < topics]
    if untrained:
        warnings.append(
            TeamWarning(
                "training",
                _("Training not complete on every topic of the guide's list: %(names)s.")
                % {"names": ", ".join(untrained)},
            )
        )
    return warnings


def services_by_country(services: Iterable[ReferralService]) -> list[tuple[str, str, list[ReferralService]]]:
    """(country code, country name, services) in country order."""
    rows = sorted(services, key=lambda s: (s.country.name, s.kind, s.name))
    return [(code, countries.name(code), list(group)) for code, group in groupby(rows, key=lambda s: str(s.country))]


def shown_to_workers(engagement: Engagement) -> QuerySet[ReferralService]:
    """Only services whose due diligence is done are shown to a worker (guide, phase 3, step 1 tip)."""
    return ReferralService.objects.filter(engagement=engagement).exclude(due_diligence=DueDiligence.NOT_CHECKED)


def corridor_countries(engagement: Engagement) -> dict[str, Any]:
    corridors = list(engagement.corridors.all())
    return {
        "origins": sorted({str(c.origin) for c in corridors}),
        "destinations": sorted({str(c.destination) for c in corridors}),
    }
