"""Reading an engagement's interviews for the debrief: the same few queries whatever their number, cached.

The answers come only from the vault (``iter_engagement_answers``: one query, one key unwrap); what they
report, from ``interviews.questionnaires.evidence``. The tally is cached under a fingerprint of the
engagement's responses (how many, when last changed, when their respondents last changed), read in one
aggregate query, so that the page polling every 20 seconds decrypts nothing until a record arrives.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import Count, Max, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from engagements.demographics import UNDISCLOSED, AgeBand, gender_choices
from engagements.models import Engagement
from interviews.debrief.tallies import Debrief, Profile, Reading, count, read
from interviews.questionnaires.catalogue import Section, fee_category_names, indicator_names, risk_names
from interviews.questionnaires.evidence import evidence_by_version
from interviews.questionnaires.models import Question
from mapping_platform.caching import cache_get, cache_set
from vault.models import Respondent, RespondentKind, Response
from vault.records import iter_engagement_answers

CACHE_PREFIX = "debrief:v1"
CACHE_SECONDS = 60 * 60  # a fingerprint that no longer matches is never read again; this only frees memory


def fingerprint(engagement: Engagement) -> str:
    """Changes whenever a response is added, changed or removed, or a respondent's record changes.

    Two reads of (engagement, updated_at) indexes, no join: an index-only count of the responses and one
    index probe for the respondents' latest change (read on every poll of the debrief, so kept cheap).
    """
    row = Response.objects.filter(engagement=engagement).aggregate(n=Count("*"), changed=Max("updated_at"))
    if not row["n"]:
        return "0"
    respondents = Respondent.objects.filter(engagement=engagement).aggregate(changed=Max("updated_at"))["changed"]
    return f"{row['n']}-{row['changed'].timestamp():.6f}-{respondents.timestamp():.6f}"


def cache_key(engagement: Engagement) -> str:
    return f"{CACHE_PREFIX}:{engagement.pk}:{fingerprint(engagement)}"


def debrief_for(engagement: Engagement) -> Debrief:
    """The engagement's debrief, from the cache while its fingerprint holds; as of now either way."""
    return debrief_under(cache_key(engagement), engagement)


def debrief_under(key: str, engagement: Engagement) -> Debrief:
    """``debrief_for`` with the cache key (and so the fingerprint) already read."""
    debrief = cache_get(key)
    if debrief is None:
        debrief = compute_debrief(engagement.pk)
        cache_set(key, debrief, CACHE_SECONDS)
    # The fingerprint was read just now: the figures are current as of now, not as of the computation.
    return dataclasses.replace(debrief, as_of=timezone.now())


def _choice_order() -> dict[str, list[str]]:
    return {
        "gender": [value for value, _label in gender_choices()],
        "age_band": [*AgeBand.values, UNDISCLOSED[0]],
        "kind": list(RespondentKind.values),
    }


def _interviews(engagement_id: Any) -> tuple[dict[str, str | None], dict[str, Profile]]:
    """Response id -> questionnaire version id, and respondent id -> Profile: two queries."""
    # On PostgreSQL the ids come as text, as the vault's stream gives them: no UUID objects to make and format.
    as_text = connection.vendor == "postgresql"
    ids = [Cast(name, TextField()) if as_text else name for name in ("id", "questionnaire_version_id", "respondent_id")]
    rows = Response.objects.filter(engagement_id=engagement_id).values_list(
        *ids,
        "respondent__kind",
        "respondent__site",
        "respondent__gender",
        "respondent__nationality",
        "respondent__age_band",
        "respondent__recruiter",
        "respondent__group_size",
        "respondent__contract_type",
        "respondent__recruitment_year",
    )
    versions: dict[str, str | None] = {}
    profiles: dict[str, Profile] = {}
    shared: dict[tuple[Any, ...], Profile] = {}  # respondents with the same facts share one Profile
    for response_id, version_id, respondent_id, *facts in rows:
        if not as_text:
            response_id, version_id = str(response_id), str(version_id) if version_id else None
            respondent_id = str(respondent_id)
        versions[response_id] = version_id
        if respondent_id not in profiles:
            key = tuple(facts)
            profile = shared.get(key)
            if profile is None:
                kind, site, gender, nationality, age_band, recruiter, group_size, contract_type, year = facts
                profile = shared[key] = Profile(
                    kind,
                    site,
                    gender,
                    str(nationality or ""),
                    age_band,
                    recruiter,
                    group_size,
                    contract_type=contract_type,
                    recruitment_year=str(year or ""),
                )
            profiles[respondent_id] = profile
    groups = Respondent.objects.filter(engagement_id=engagement_id, kind=RespondentKind.GROUP)
    for respondent_id, composition in groups.values_list("id", "group_composition"):
        if str(respondent_id) in profiles:
            profile = profiles[str(respondent_id)]
            profiles[str(respondent_id)] = dataclasses.replace(profile, group_composition=composition)
    return versions, profiles


def _fee_questions(version_ids: set[str]) -> dict[str, frozenset[str]]:
    """Version id -> keys of its questions on recruitment fees and related costs: one query."""
    keys: dict[str, set[str]] = defaultdict(set)
    rows = Question.objects.filter(version_id__in=version_ids, section=Section.FEES).values_list("version_id", "key")
    for version_id, key in rows:
        keys[str(version_id)].add(key)
    return {version_id: frozenset(k) for version_id, k in keys.items()}


def read_engagement(
    engagement_id: Any, *, profiles_hook: Callable[[dict[str, Profile]], dict[str, Profile]] | None = None
) -> Reading:
    """Every response of the engagement, decrypted now in one pass, read by the rule (no cache).

    ``profiles_hook`` may add facts to the respondents' profiles first (phase 5 adds the corridor).
    """
    versions, profiles = _interviews(engagement_id)
    if profiles_hook is not None:
        profiles = profiles_hook(profiles)
    version_ids = {v for v in versions.values() if v}
    return read(
        iter_engagement_answers(engagement_id),
        versions,
        profiles,
        evidence_by_version(version_ids),
        _fee_questions(version_ids) if version_ids else {},
    )


def orders() -> dict[str, Any]:
    """The orders a tally's rows and groups follow (``tallies.count``'s keyword arguments)."""
    return {
        "indicator_order": list(indicator_names()),
        "risk_order": list(risk_names()),
        "fee_category_order": list(fee_category_names()),
        "choice_order": _choice_order(),
    }


def compute_debrief(engagement_id: Any) -> Debrief:
    """The tally of every response of the engagement, decrypted now (no cache)."""
    return count(read_engagement(engagement_id), as_of=timezone.now(), **orders())
