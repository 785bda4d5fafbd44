"""Which page fulfils which step of the method: the phase tracker links its checklist to them.

Each app registers its pages in its AppConfig.ready(), naming the phase, the steps of the
reference (``reference/domain-reference.yaml``, phases -> steps -> title) the page fulfils,
the URL name (taking ``engagement_id``) and the capability needed to open it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from tenancy.roles import Capability


@dataclass(frozen=True)
class PhasePage:
    phase: int
    url_name: str
    label: str
    capability: Capability
    steps: tuple[str, ...] = ()

    def url(self, engagement_id: object) -> str:
        return reverse(self.url_name, kwargs={"engagement_id": engagement_id})


_PAGES: list[PhasePage] = []


def register(*, phase: int, url_name: str, label: str, capability: Capability, steps: tuple[str, ...] = ()) -> None:
    page = PhasePage(phase=phase, url_name=url_name, label=label, capability=capability, steps=steps)
    if page not in _PAGES:
        _PAGES.append(page)


def pages_for(phase: int, capabilities: frozenset) -> list[PhasePage]:
    """The phase's pages that a holder of these capabilities may open, in registration order."""
    return [p for p in _PAGES if p.phase == phase and p.capability in capabilities]


def pages_by_step(phase: int, capabilities: frozenset) -> dict[str, list[PhasePage]]:
    by_step: dict[str, list[PhasePage]] = {}
    for page in pages_for(phase, capabilities):
        for step in page.steps:
            by_step.setdefault(step, []).append(page)
    return by_step


def all_pages() -> list[PhasePage]:
    return list(_PAGES)
