"""Reports rendered in the background (issue 6 item 7): by a real Celery worker through Redis, never in a request.

The demo engagement's report is rendered by a worker started here; its text (pdftotext) holds every
section the guide asks of a report (phase 5 step 1, key action 4), and its pages are turned into PNGs
under test-results/reports/ to be looked at. A worker killed half-way through a rendering is replaced,
and the same version is finished: one version, one file. A rendering that fails says why, in words
safe to show anyone, and can be tried again. The business and the worker representatives reach only
the stakeholders' versions shared with them; anything else is a 404 to them.

The worker tests need REDIS_URL (as tests/test_celery_worker.py) and are marked ``celery_worker``.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from engagements.demo import DEMO_ORG, DEMO_TITLE, seed_demo
from engagements.models import Engagement
from findings.reports import services, worker
from findings.reports.models import Audience, RenderingStatus, ReportKind, ReportRendering
from mapping_platform.celery import app as celery_app
from tests.conftest import World
from tests.workers import Worker, not_eager, wait_for

BASE_DIR = Path(__file__).resolve().parents[2]
OUTPUT = BASE_DIR / "test-results" / "reports"

# The sections of phase 5 step 1, key action 4, as the full report heads them (in the order it gives them).
FULL_REPORT_SECTIONS = [
    "Summary",
    "About this assessment",
    "Workers' experiences through the labour migration process",
    "Gender-specific vulnerabilities",
    "Actors and their profiles",
    "Supply-chain map",
    "Regulatory analysis",
    "Non-compliances, unethical practices and forced-labour indicators",
    "Workers reporting each issue: isolated or systemic",
    "Recruitment fees and related costs, and remediation",
    "How the repayment was calculated",
    "Recommendations",
    "Limitations",
    "Findings not triangulated",
    "Interviews against the plan",
    "Disaggregated tables",
]
PRELIMINARY_SECTIONS = [
    "Critical findings requiring immediate action",
    "Preliminary findings and recommendations",
    "Good practices",
    "Workers reporting each issue: isolated or systemic",
    "Recruitment fees and related costs reported",
    "Limitations",
]
CONFIDENTIAL_MARK = "CONFIDENTIAL · assessment team only"
PDF = b"%PDF-1.7\n% test file, not a real report\n%%EOF\n"


# --- helpers ------------------------------------------------------------------------------------------


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages_text(pdf: Path) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def unwrap(text: str) -> str:
    """One space between words: headings may wrap across lines in the PDF."""
    return re.sub(r"\s+", " ", text)


def save_pngs(pdf: Path, prefix: str) -> list[Path]:
    """The pages as PNGs under test-results/reports/, to be looked at (issue 6 acceptance)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUTPUT / prefix)], check=True)
    return sorted(OUTPUT.glob(f"{prefix}-*.png"))


def stored_pdf(rendering: ReportRendering, name: str) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    target = OUTPUT / f"{name}.pdf"
    with default_storage.open(rendering.file.name, "rb") as handle:
        target.write_bytes(handle.read())
    return target


def files_of(rendering: ReportRendering) -> list[str]:
    folder = f"reports/{rendering.engagement_id}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [name for name in files if name.startswith(str(rendering.pk))]


def demo() -> tuple[Engagement, dict[str, Any]]:
    seed_demo()
    engagement = Engagement.objects.get(organisation__name=DEMO_ORG, title=DEMO_TITLE)
    people = {p.user.email.split("@")[0]: p.user for p in engagement.participants.select_related("user")}
    return engagement, people


# --- a real worker ------------------------------------------------------------------------------------


@pytest.fixture
def celery_worker(transactional_db: None) -> Iterator[Worker]:
    worker = Worker()
    with not_eager():
        try:
            yield worker
        finally:
            worker.stop()


def ask(
    engagement: Engagement, lead: Any, kind: str, audience: str, languages: list[str] | None = None
) -> ReportRendering:
    """Ask as the lead does; the task is handed to the broker when the request's transaction commits."""
    return services.rendering_request(
        actor=lead, engagement=engagement, kind=kind, audience=audience, languages=languages or ["en"]
    )


def finished(rendering: ReportRendering, timeout: float = 180) -> ReportRendering:
    def done() -> ReportRendering | None:
        rendering.refresh_from_db()
        if rendering.status == RenderingStatus.FAILED:
            pytest.fail(f"the rendering failed: {rendering.error_code} {rendering.error}")
        return rendering if rendering.status == RenderingStatus.DONE else None

    return wait_for(done, timeout, f"rendering {rendering} to finish")


# --- the demo report, rendered by a real worker ------------------------------------------------------


@pytest.mark.celery_worker
def test_demo_report_is_rendered_by_a_worker_with_every_section(celery_worker: Worker) -> None:
    engagement, people = demo()
    celery_worker.start()
    shared_copy = ask(engagement, people["lead"], ReportKind.FULL, Audience.STAKEHOLDERS)
    team_copy = ask(engagement, people["assessor"], ReportKind.FULL, Audience.TEAM)

    first = finished(shared_copy)
    assert (first.number, first.progress, first.attempts) == (1, 100, 1)
    assert first.pages and first.pages >= 10 and first.sha256 and first.worker.startswith("celery@")
    pdf = stored_pdf(first, "demo-full-stakeholders")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = unwrap(pdf_text(pdf))
    missing = [heading for heading in FULL_REPORT_SECTIONS if heading not in text]
    assert not missing, f"sections missing from the report: {missing}"
    # Content, not only headings: the demo's actors, a law, a released finding, the fee figures, the suppression note.
    for expected in (
        "Recruiter A (Yangon)",
        "Overseas Employment",
        "F1 · Passports kept by the employer",
        "Repayment owed",
        "suppressed",
        "ILO forced-labour indicators",
    ):
        assert expected in text, expected
    assert CONFIDENTIAL_MARK not in text
    assert "Draft: not released" not in text  # the stakeholders' copy holds released findings only
    pngs = save_pngs(pdf, "demo-full-stakeholders")
    assert len(pngs) == first.pages

    second = finished(team_copy)
    assert second.number == 2  # numbered per report, whatever the audience
    team_pdf = stored_pdf(second, "demo-full-team")
    pages = pdf_pages_text(team_pdf)
    assert len(pages) == second.pages
    unmarked = [n for n, page in enumerate(pages, 1) if CONFIDENTIAL_MARK not in unwrap(page)]
    assert not unmarked, f"team-only pages without the confidential mark: {unmarked}"
    assert "Draft: not released" in unwrap(pdf_text(team_pdf))  # the demo's draft findings are the team's
    save_pngs(team_pdf, "demo-full-team")

    verbs = list(
        AuditEntry.objects.filter(engagement=engagement, verb__startswith="report.").values_list("verb", flat=True)
    )
    assert verbs.count("report.requested") == 2 and verbs.count("report.rendered") == 2


@pytest.mark.celery_worker
def test_a_worker_killed_mid_rendering_is_replaced_and_exactly_one_version_is_stored(celery_worker: Worker) -> None:
    engagement, people = demo()
    celery_worker.start()
    rendering = ask(engagement, people["lead"], ReportKind.FULL, Audience.STAKEHOLDERS, ["en", "my"])

    def rendering_under_way() -> bool:
        rendering.refresh_from_db()
        return rendering.status == RenderingStatus.RENDERING and rendering.progress >= 5

    wait_for(rendering_under_way, 120, "the worker to start rendering")
    celery_worker.kill()
    rendering.refresh_from_db()
    assert rendering.status == RenderingStatus.RENDERING, "the rendering ended before the worker was killed"

    celery_worker.start()  # a restart: the worker takes back what it was rendering
    done = finished(rendering)
    assert done.attempts == 2
    assert ReportRendering.objects.filter(engagement=engagement).count() == 1
    assert done.number == 1
    assert files_of(done) == [Path(done.file.name).name], "a second file, or a leftover of the killed attempt"
    assert AuditEntry.objects.filter(engagement=engagement, verb="report.rendered").count() == 1
    text = unwrap(pdf_text(stored_pdf(done, "demo-full-after-kill")))
    assert "Burmese" in text  # the second language's part is there too


# --- failure and retry (the task runs in-process here) ----------------------------------------------


BROKEN = "{% load i18n %}{% if %}{% endif %}"


def test_a_failed_rendering_says_why_safely_and_can_be_tried_again(
    world: World,
    client_for: Any,
    settings: Any,
    tmp_path: Path,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from findings.reports import build

    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "broken.html").write_text(BROKEN)
    templates = [dict(settings.TEMPLATES[0])]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    monkeypatch.setitem(build.TEMPLATES, ReportKind.PRELIMINARY, "reports/broken.html")

    lead = client_for("lead")
    with django_capture_on_commit_callbacks(execute=True):
        response = lead.post(
            reverse("reports:request", args=[world.engagement.pk]),
            {"kind": "preliminary", "audience": "stakeholders", "languages": ["en"]},
        )
    assert response.status_code == 302
    rendering = ReportRendering.objects.get(engagement=world.engagement)
    assert rendering.status == RenderingStatus.FAILED
    assert rendering.error_code == "template" and not rendering.file
    for leak in ("Traceback", 'File "', "TemplateSyntaxError", "broken.html", str(tmp_path)):
        assert leak not in rendering.error
    page = lead.get(reverse("reports:renderings", args=[world.engagement.pk])).content.decode()
    assert "template could not be filled in" in page and "Try again" in page
    assert "Traceback" not in page
    failed = AuditEntry.objects.get(verb="report.failed", target_id=str(rendering.pk))
    assert failed.detail == {"number": 1, "error": "template", "attempts": 1}

    monkeypatch.setitem(build.TEMPLATES, ReportKind.PRELIMINARY, "reports/pdf/preliminary.html")
    with django_capture_on_commit_callbacks(execute=True):
        response = lead.post(reverse("reports:retry", args=[world.engagement.pk, rendering.pk]))
    assert response.status_code == 302
    rendering.refresh_from_db()
    assert (rendering.status, rendering.number, rendering.attempts, rendering.error) == (RenderingStatus.DONE, 1, 2, "")
    assert ReportRendering.objects.filter(engagement=world.engagement).count() == 1
    assert AuditEntry.objects.filter(verb="report.retried", target_id=str(rendering.pk)).exists()
    download = lead.get(reverse("reports:download", args=[world.engagement.pk, rendering.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_only_a_failed_or_stalled_rendering_can_be_tried_again(world: World, client_for: Any) -> None:
    lead = client_for("lead")
    for status in (RenderingStatus.DONE, RenderingStatus.RENDERING):
        rendering = make(world, status=status)
        ReportRendering.objects.filter(pk=rendering.pk).update(heartbeat_at=timezone.now())
        response = lead.post(reverse("reports:retry", args=[world.engagement.pk, rendering.pk]), follow=True)
        assert "Only a failed rendering can be tried again." in response.content.decode()
        rendering.refresh_from_db()
        assert rendering.status == status
    # A rendering no worker has moved for longer than any worker may take (killed by the hard time limit).
    stalled = make(world, status=RenderingStatus.RENDERING)
    ReportRendering.objects.filter(pk=stalled.pk).update(heartbeat_at=timezone.now() - worker.STALE_AFTER * 2)
    page = lead.get(reverse("reports:renderings", args=[world.engagement.pk])).content.decode()
    assert "No worker has moved it for a long time." in page
    lead.post(reverse("reports:retry", args=[world.engagement.pk, stalled.pk]))
    stalled.refresh_from_db()
    assert stalled.status == RenderingStatus.QUEUED and not stalled.is_stalled
    assert AuditEntry.objects.filter(verb="report.retried", target_id=str(stalled.pk)).exists()


# --- who reaches which rendering ----------------------------------------------------------------------


def make(
    world: World,
    *,
    audience: str = Audience.STAKEHOLDERS,
    status: str = RenderingStatus.DONE,
    shared: bool = False,
    kind: str = ReportKind.FULL,
) -> ReportRendering:
    number = ReportRendering.objects.filter(engagement=world.engagement, kind=kind).count() + 1
    rendering = ReportRendering.objects.create(
        engagement=world.engagement,
        kind=kind,
        audience=audience,
        languages=["en"],
        number=number,
        requested_by=world.user("lead"),
        status=status,
        shared_at=timezone.now() if shared else None,
    )
    if status == RenderingStatus.DONE:
        rendering.file.name = default_storage.save(
            f"reports/{world.engagement.pk}/{rendering.pk}-t.pdf", ContentFile(PDF)
        )
        rendering.pages, rendering.size = 1, len(PDF)
        rendering.save()
    return rendering


def test_outsiders_reach_only_the_stakeholders_versions_shared_with_them(world: World, client_for: Any) -> None:
    shared = make(world, shared=True)
    unshared = make(world)
    team = make(world, audience=Audience.TEAM)
    queued = make(world, status=RenderingStatus.QUEUED)
    page_url = reverse("reports:renderings", args=[world.engagement.pk])

    for persona in ("business", "workerrep"):
        client = client_for(persona)
        page = client.get(page_url).content.decode()
        assert f"rendering-{shared.pk}" in page
        for hidden in (unshared, team, queued):
            assert str(hidden.pk) not in page
            url = reverse("reports:download", args=[world.engagement.pk, hidden.pk])
            assert client.get(url).status_code == 404, f"{persona} reached {hidden}"
        download = client.get(reverse("reports:download", args=[world.engagement.pk, shared.pk]))
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment;")
        # Neither may share, retry or ask for a rendering.
        assert client.post(reverse("reports:share", args=[world.engagement.pk, unshared.pk])).status_code == 403
        assert client.post(reverse("reports:request", args=[world.engagement.pk]), {"kind": "full"}).status_code == 403

    lead_page = client_for("lead").get(page_url).content.decode()
    for rendering in (shared, unshared, team, queued):
        assert f"rendering-{rendering.pk}" in lead_page
    assert client_for("interviewer").get(page_url).status_code == 403
    assert client_for("org_admin").get(page_url).status_code == 403
    other = client_for("other_org")
    assert other.get(reverse("reports:download", args=[world.engagement.pk, shared.pk])).status_code == 404
    downloads = AuditEntry.objects.filter(verb="report.downloaded", target_id=str(shared.pk))
    assert {e.actor_label for e in downloads} == {"business@test.example", "workerrep@test.example"}


def test_sharing_opens_a_stakeholders_version_to_the_business_but_never_the_teams_copy(
    world: World, client_for: Any
) -> None:
    stakeholders = make(world)
    team = make(world, audience=Audience.TEAM)
    lead = client_for("lead")
    response = lead.post(reverse("reports:share", args=[world.engagement.pk, team.pk]), follow=True)
    assert "confidential copy cannot be shared" in response.content.decode()
    team.refresh_from_db()
    assert team.shared_at is None
    lead.post(reverse("reports:share", args=[world.engagement.pk, stakeholders.pk]))
    stakeholders.refresh_from_db()
    assert stakeholders.shared_at and stakeholders.shared_by == world.user("lead")
    assert AuditEntry.objects.filter(verb="report.shared", target_id=str(stakeholders.pk)).count() == 1
    business = client_for("business")
    assert business.get(reverse("reports:download", args=[world.engagement.pk, stakeholders.pk])).status_code == 200
    assert business.get(reverse("reports:download", args=[world.engagement.pk, team.pk])).status_code == 404


# --- asking for a rendering --------------------------------------------------------------------------


def test_each_request_is_a_new_numbered_version_with_who_asked_and_when(world: World, client_for: Any) -> None:
    lead = client_for("lead")
    url = reverse("reports:request", args=[world.engagement.pk])
    for audience in ("stakeholders", "team", "stakeholders"):
        assert lead.post(url, {"kind": "full", "audience": audience, "languages": ["en"]}).status_code == 302
    lead.post(url, {"kind": "preliminary", "audience": "stakeholders", "languages": ["en"]})
    renderings = ReportRendering.objects.filter(engagement=world.engagement)
    assert sorted(renderings.filter(kind="full").values_list("number", flat=True)) == [1, 2, 3]
    assert list(renderings.filter(kind="preliminary").values_list("number", flat=True)) == [1]
    assert {r.requested_by for r in renderings} == {world.user("lead")}
    assert all(r.status == RenderingStatus.QUEUED and r.requested_at for r in renderings)  # not rendered in the request
    assert AuditEntry.objects.filter(verb="report.requested", engagement=world.engagement).count() == 4


def test_a_bad_request_changes_nothing(world: World, client_for: Any) -> None:
    lead = client_for("lead")
    url = reverse("reports:request", args=[world.engagement.pk])
    for data in (
        {"kind": "full", "audience": "stakeholders", "languages": []},
        {"kind": "full", "audience": "stakeholders", "languages": ["xx"]},
        {"kind": "annual", "audience": "stakeholders", "languages": ["en"]},
        {"kind": "full", "audience": "everyone", "languages": ["en"]},
        {"kind": "full", "audience": "stakeholders", "languages": ["en", "my", "km", "th", "ar"]},
    ):
        response = lead.post(url, data)
        assert response.status_code == 400, data
        assert "is-invalid" in response.content.decode() or "invalid-feedback" in response.content.decode()
    assert not ReportRendering.objects.exists()
    assert not AuditEntry.objects.filter(verb="report.requested").exists()


def test_the_teams_unsuppressed_copy_is_only_for_those_who_may_see_small_figures(world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.rendering_request(
            actor=world.user("business"), engagement=world.engagement, kind="full", audience="team", languages=["en"]
        )
    assert not ReportRendering.objects.exists()


# --- the worker's claim ------------------------------------------------------------------------------


def test_a_claim_taken_over_keeps_the_first_attempt_from_storing_anything(world: World) -> None:
    rendering = make(world, status=RenderingStatus.QUEUED)
    first = worker.rendering_claim(rendering.pk, node="celery@a")
    assert first is not None
    assert worker.rendering_claim(rendering.pk, node="celery@b") is None  # held by a live worker
    ReportRendering.objects.filter(pk=rendering.pk).update(heartbeat_at=timezone.now() - worker.STALE_AFTER * 2)
    second = worker.rendering_claim(rendering.pk, node="celery@b")
    assert second is not None

    _row, old_token = first
    with pytest.raises(worker.ClaimLost):
        worker.rendering_progress(rendering, old_token, 50, "layout")
    with pytest.raises(worker.ClaimLost):
        worker.rendering_complete(rendering, old_token, PDF, pages=1)
    rendering.refresh_from_db()
    assert rendering.status == RenderingStatus.RENDERING and not rendering.file
    assert worker.rendering_complete(rendering, second[1], PDF, pages=1) is True
    rendering.refresh_from_db()
    assert rendering.status == RenderingStatus.DONE and rendering.attempts == 2
    assert files_of(rendering) == [Path(rendering.file.name).name]


def test_a_restarted_worker_takes_back_only_its_own_interrupted_renderings(world: World) -> None:
    mine = make(world, status=RenderingStatus.QUEUED)
    theirs = make(world, status=RenderingStatus.QUEUED)
    worker.rendering_claim(mine.pk, node="celery@here")
    worker.rendering_claim(theirs.pk, node="celery@elsewhere")
    assert worker.requeue_interrupted(node="celery@here") == [str(mine.pk)]
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == RenderingStatus.QUEUED and mine.claim is None
    assert theirs.status == RenderingStatus.RENDERING


def test_a_passing_database_fault_is_retried_then_reported_in_safe_words(world: World, monkeypatch: Any) -> None:
    from django.db import OperationalError

    from findings.reports import build

    calls: list[str] = []

    def flaky(rendering: ReportRendering, *, progress: Any) -> tuple[bytes, int]:
        calls.append(str(rendering.pk))
        raise OperationalError("server closed the connection unexpectedly")

    from findings.reports.tasks import render_report

    monkeypatch.setattr(build, "render_pdf", flaky)
    rendering = services.rendering_request(
        actor=world.user("lead"), engagement=world.engagement, kind="full", audience="stakeholders", languages=["en"]
    )
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)  # retries run in turn, as a worker's
    render_report.apply(args=[str(rendering.pk)])
    rendering.refresh_from_db()
    assert len(calls) == 4  # the first attempt and three retries
    assert (rendering.status, rendering.error_code, rendering.attempts) == (RenderingStatus.FAILED, "unavailable", 4)
    assert "server closed" not in rendering.error


def test_the_reports_page_reads_its_renderings_in_a_fixed_number_of_queries(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("lead")
    url = reverse("reports:renderings", args=[world.engagement.pk])
    make(world, shared=True)
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for _ in range(12):
        make(world, status=RenderingStatus.FAILED)
        make(world, shared=True, kind=ReportKind.PRELIMINARY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="rendering-row') == 25
