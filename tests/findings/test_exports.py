"""Exports of aggregates (issue 6 item 9): CSV and XLSX, escaped against formula injection.

Site and recruiter names are typed by people; a name such as ``=HYPERLINK(...)`` must reach the
spreadsheet as text, never as a formula.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from findings.analysis.exports import safe_text
from tests.conftest import World

pytestmark = pytest.mark.django_db

HOSTILE = ('=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(1,2)", "\tTab", "\rReturn")


def test_safe_text_escapes_every_formula_start_and_nothing_else() -> None:
    for text in HOSTILE:
        assert safe_text(text) == "'" + text
    assert [safe_text(v) for v in ("Site North", "suppressed", "", None, "2024", "a=b")] == [
        "Site North", "suppressed", "", "", "2024", "a=b"
    ]  # fmt: skip


def _hostile_world(world: World) -> None:
    """A worker at each hostile site name, with a hostile recruiter name: names label columns and rows
    whatever their counts, so they reach outsiders' exports too."""
    from interviews.questionnaires.models import QuestionnaireVersion
    from tests.findings.test_aggregation import _respondent, _store, answers, build_fixture

    build_fixture(world)
    version = QuestionnaireVersion.objects.get(engagement=world.engagement)
    for n, text in enumerate(HOSTILE):
        respondent = _respondent(world, site=text, recruiter=HOSTILE[-1 - n], nationality="MM", gender="woman")
        _store(world, respondent, version, answers("self", "no", "no", "no"))


@pytest.mark.parametrize("persona", ["lead", "business"])
def test_csv_cells_that_could_run_as_formulas_are_text(world: World, client_for: Any, persona: str) -> None:
    _hostile_world(world)
    response = client_for(persona).get(reverse("analysis:export_indicators_csv", args=[world.engagement.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    groups = {row[1] for row in rows[1:]}
    for text in HOSTILE:
        assert "'" + text in groups
    # No cell of the file starts with a formula character.
    assert not [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_workbook_cells_are_never_formulas(world: World, client_for: Any) -> None:
    _hostile_world(world)
    response = client_for("lead").get(reverse("analysis:export_xlsx", args=[world.engagement.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))  # formulas, if any, would be read as formulas
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    for text in HOSTILE:
        assert "'" + text.replace("\r", "\n") in texts  # XML stores a carriage return as a line feed
    # Numbers stay numbers, to be summed and charted.
    indicators = book["Indicators and risks"]
    assert any(isinstance(c.value, int) for row in indicators.iter_rows(min_row=2) for c in row)


def test_the_team_file_says_it_is_not_for_sharing_and_is_named_so(world: World, client_for: Any) -> None:
    from tests.findings.test_aggregation import build_fixture

    build_fixture(world)
    lead = client_for("lead").get(reverse("analysis:export_xlsx", args=[world.engagement.pk]))
    assert 'filename="aggregates-team-unsuppressed.xlsx"' in lead["Content-Disposition"]
    about = [c for row in load_workbook(io.BytesIO(lead.content))["About"].iter_rows(values_only=True) for c in row]
    assert "Team view: no figure is suppressed. Do not share this file." in about
    business = client_for("business").get(reverse("analysis:export_fees_csv", args=[world.engagement.pk]))
    assert 'filename="fees-suppressed.csv"' in business["Content-Disposition"]


def test_exports_answer_404_outside_the_tenant_and_403_to_interviewers(world: World, client_for: Any) -> None:
    url = reverse("analysis:export_xlsx", args=[world.engagement.pk])
    assert client_for("other_org").get(url).status_code == 404
    assert client_for("interviewer").get(url).status_code == 403
