"""axe-core run by Playwright (issue 8.5): the helpers of the accessibility tests (test_accessibility*.py).

axe-core (tests/e2e/vendor/axe/, from the npm registry) is injected by the test only; the app never links it.
Its script tag is inline, which the app's Content Security Policy forbids, so the browser context bypasses
CSP (the pages themselves are unchanged). Each page is checked at desktop (1280x900) and tablet (768x1024)
width; every violation found is collected so one run lists them all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
WIDTHS = (("desktop", DESKTOP), ("tablet", TABLET))
BLOCKING = ("serious", "critical")
PHASES = range(1, 9)

# All of axe's default rules (WCAG 2.x A/AA and best practices); only violations are reported back.
AXE_OPTIONS = {"resultTypes": ["violations"]}


def axe(page: Any, where: str) -> list[str]:
    """Run axe on the page as it is now; the serious and critical violations, one line per rule and node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    found = []
    for violation in result["violations"]:
        if violation["impact"] in BLOCKING:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            found.append(f"{where}: {violation['impact']} {violation['id']} ({violation['help']}) at {targets}")
    return found


def check(page: Any, url: str, label: str, widths=WIDTHS) -> list[str]:
    """Open the page and run axe at each width; fails at once if the page itself does not load."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{label}: {url} answered {response and response.status}"
    found = []
    for name, size in widths:
        page.set_viewport_size(size)
        found += axe(page, f"{label} [{name}] {url}")
    return found


def context_for(browser: Any, viewport: dict) -> Any:
    return browser.new_context(viewport=viewport, bypass_csp=True)


def engagement_pages(demo: Any, email: str, phases: range = PHASES) -> list[tuple[str, str]]:
    """(path, label) of the engagement list, detail, the phase trackers and every registered phase page
    the person may open."""
    from django.urls import reverse

    from accounts.models import User
    from engagements import phase_pages
    from tenancy.access import capabilities_for
    from tenancy.roles import Capability

    engagement = demo.engagement
    capabilities = capabilities_for(User.objects.get(email=email), engagement)
    pages = []
    if phases.start == PHASES.start:
        pages += [
            (reverse("engagements:dashboard"), "engagement list"),
            (reverse("engagements:detail", kwargs={"engagement_id": engagement.id}), "engagement detail"),
        ]
    for number in phases:
        if Capability.VIEW_TRACKER in capabilities:  # the outside parties have no phase tracker
            pages.append(
                (
                    reverse("engagements:phase", kwargs={"engagement_id": engagement.id, "number": number}),
                    f"phase {number}",
                )
            )
        pages += [
            (p.url(engagement.id), f"phase {number}: {p.label}") for p in phase_pages.pages_for(number, capabilities)
        ]
    return pages


def report(found: list[str], visited: int) -> None:
    assert visited > 0
    assert not found, f"{len(found)} serious/critical axe violations on {visited} page views:\n" + "\n".join(found)
