"""Sign-off of the action plan (issue 7 acceptance): a signature binds the version signed.

Changing a signed action's substance (what, target, indicator, responsible, due date), adding an action or
relinking findings asks for the signatures again; a note or the resources do not. Each side signs only for
its own group, and every signature is audited with the fingerprint it binds.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actionplans.models import SignatoryGroup, Signature
from actionplans.selectors import sign_off
from actionplans.services.actions import action_delete, action_update, plan_update
from actionplans.services.signoff import plan_sign
from actionplans.versions import plan_fingerprint
from audit.models import AuditEntry
from tests.actionplans.helpers import DUE, action_fields, add_action, released
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(world: World) -> Any:
    """A plan of two actions, signed by the business and the worker representatives."""
    finding, other = released(world, "Test finding one"), released(world, "Test finding two")
    first = add_action(world, [finding])
    add_action(world, [other], what="Test: repay the fees")
    plan = first.plan
    for persona, role in (("business", "Test Plant Director"), ("workerrep", "Test Union Secretary")):
        plan_sign(actor=world.user(persona), plan=plan, fingerprint=plan_fingerprint(plan), signer_role=role)
    return plan, first, finding, other


def _state(plan: Any) -> dict[str, str]:
    """Per group: current, again (an earlier version was signed) or none."""
    state = sign_off(plan)
    return {
        g.group.value: "current" if g.current else "again" if g.asks_to_sign_again else "none" for g in state.groups
    }


def _update(world: World, action: Any, **changes: Any) -> None:
    fields = {**action_fields(), **changes}
    action_update(actor=world.user("lead"), action=action, findings=list(action.findings.all()), **fields)


def test_both_groups_signed_the_jointly_built_plan_so_it_is_signed_off(world: World, signed: Any) -> None:
    plan, *_ = signed
    assert plan.built_jointly
    assert sign_off(plan).signed_off
    assert _state(plan) == {"business": "current", "workers": "current", "team": "none"}


@pytest.mark.parametrize(
    "change",
    [
        {"what": "Test: return passports and provide lockers"},
        {"target_outcome": "Test: a different target"},
        {"due_date": DUE + timedelta(days=30)},
        {"indicator": "Test: a different indicator"},
        {"responsible_person": "Test Plant Director"},
        {"responsible_organisation": "Test Recruiter Ltd"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_changing_a_signed_actions_substance_asks_for_every_signature_again(
    world: World, signed: Any, change: dict[str, Any]
) -> None:
    plan, action, *_ = signed
    before = plan_fingerprint(plan)
    _update(world, action, **change)
    assert plan_fingerprint(plan) != before
    assert not sign_off(plan).signed_off
    assert _state(plan) == {"business": "again", "workers": "again", "team": "none"}
    entry = AuditEntry.objects.filter(verb="actionplan.action_updated").order_by("at", "id").last()
    assert entry.detail["substance_changed"] is True
    assert entry.detail["substance_fields_changed"] == [next(iter(change))]
    # Signing the new version makes the signature current again.
    plan_sign(actor=world.user("business"), plan=plan, fingerprint=plan_fingerprint(plan), signer_role="Test Director")
    assert _state(plan)["business"] == "current" and _state(plan)["workers"] == "again"


@pytest.mark.parametrize("change", [{"note": "Test: lockers ordered"}, {"resources": "Test: a bigger budget"}])
def test_editing_a_note_or_the_resources_keeps_the_signatures(
    world: World, signed: Any, change: dict[str, Any]
) -> None:
    plan, action, *_ = signed
    before = plan_fingerprint(plan)
    _update(world, action, **change)
    assert plan_fingerprint(plan) == before
    assert sign_off(plan).signed_off
    entry = AuditEntry.objects.filter(verb="actionplan.action_updated").order_by("at", "id").last()
    assert entry.detail["substance_changed"] is False and entry.detail["changed"] == [next(iter(change))]


def test_adding_an_action_changes_the_version(world: World, signed: Any) -> None:
    plan, _action, finding, _other = signed
    add_action(world, [finding], what="Test: brief workers on safe passport handling")
    assert not sign_off(plan).signed_off and _state(plan)["business"] == "again"


def test_relinking_findings_changes_the_version(world: World, signed: Any) -> None:
    plan, action, finding, other = signed
    action_update(actor=world.user("lead"), action=action, findings=[finding, other], **action_fields())
    assert not sign_off(plan).signed_off
    entry = AuditEntry.objects.filter(verb="actionplan.action_updated").order_by("at", "id").last()
    assert entry.detail["changed"] == ["findings"] and entry.detail["substance_changed"] is True


def test_removing_an_action_changes_the_version(world: World, signed: Any) -> None:
    plan, action, *_ = signed
    action_delete(actor=world.user("lead"), action=action)
    assert not sign_off(plan).signed_off


def test_without_joint_building_the_business_alone_signs_off(world: World) -> None:
    finding = released(world)
    plan = add_action(world, [finding]).plan
    plan_update(actor=world.user("lead"), engagement=world.engagement, built_jointly=False)
    plan.refresh_from_db()
    assert not sign_off(plan).signed_off
    plan_sign(actor=world.user("business"), plan=plan, fingerprint=plan_fingerprint(plan), signer_role="Test CEO")
    assert sign_off(plan).signed_off
    # Built jointly, the worker representatives' signature is needed as well.
    plan_update(actor=world.user("lead"), engagement=world.engagement, built_jointly=True)
    plan.refresh_from_db()
    assert not sign_off(plan).signed_off


def test_each_side_signs_for_its_own_group_only(world: World, client_for: Any) -> None:
    finding = released(world)
    plan = add_action(world, [finding]).plan
    url = reverse("actionplans:signoff", args=[world.engagement.pk])
    posted = {"fingerprint": plan_fingerprint(plan), "signer_role": "Test Signer", "confirm": "on"}
    # The group is read from the signer's capabilities; a posted "group" is ignored.
    client_for("business").post(url, {**posted, "group": "workers"})
    client_for("workerrep").post(url, {**posted, "group": "business"})
    groups = dict(Signature.objects.values_list("signer__email", "group"))
    assert groups == {
        "business@test.example": SignatoryGroup.BUSINESS,
        "workerrep@test.example": SignatoryGroup.WORKERS,
    }
    # An assessor (no SIGN_ACTION_PLAN) signs for nobody.
    assert client_for("assessor").post(url, posted).status_code == 403
    with pytest.raises(ValidationError):
        plan_sign(actor=world.user("assessor"), plan=plan, fingerprint=plan_fingerprint(plan), signer_role="Test")
    assert Signature.objects.count() == 2


def test_signing_a_version_that_changed_meanwhile_is_refused(world: World) -> None:
    finding = released(world)
    action = add_action(world, [finding])
    read = plan_fingerprint(action.plan)
    _update(world, action, what="Test: changed while the signer read")
    with pytest.raises(ValidationError, match="changed while you were reading"):
        plan_sign(actor=world.user("business"), plan=action.plan, fingerprint=read, signer_role="Test Director")
    assert not Signature.objects.exists()


def test_signing_twice_and_signing_an_empty_plan_are_refused(world: World) -> None:
    finding = released(world)
    action = add_action(world, [finding])
    plan = action.plan
    plan_sign(actor=world.user("business"), plan=plan, fingerprint=plan_fingerprint(plan), signer_role="Test CEO")
    with pytest.raises(ValidationError, match="already signed"):
        plan_sign(actor=world.user("business"), plan=plan, fingerprint=plan_fingerprint(plan), signer_role="Test CEO")
    action_delete(actor=world.user("lead"), action=action)
    with pytest.raises(ValidationError, match="nothing to sign"):
        plan_sign(actor=world.user("workerrep"), plan=plan, fingerprint=plan_fingerprint(plan), signer_role="Test")


def test_signatures_are_audited_with_the_fingerprint(world: World, signed: Any) -> None:
    plan, *_ = signed
    entries = AuditEntry.objects.filter(verb="actionplan.signed", engagement=world.engagement).order_by("at", "id")
    assert [(e.actor, e.detail["group"]) for e in entries] == [
        (world.user("business"), "business"),
        (world.user("workerrep"), "workers"),
    ]
    assert {e.detail["fingerprint"] for e in entries} == {plan_fingerprint(plan)}
    assert AuditEntry.objects.filter(verb="actionplan.action_created").count() == 2


def test_the_sign_off_page_shows_current_and_sign_again(world: World, signed: Any, client_for: Any) -> None:
    plan, action, *_ = signed
    url = reverse("actionplans:signoff", args=[world.engagement.pk])
    page = client_for("workerrep").get(url).content.decode()
    assert page.count("Current</span>") == 2 and "Asks to be signed again" not in page
    _update(world, action, due_date=DUE + timedelta(days=7))
    page = client_for("workerrep").get(url).content.decode()
    assert page.count("Asks to be signed again") == 2 and "Current</span>" not in page
    assert plan_fingerprint(plan) in page


def test_the_fingerprint_costs_two_queries_whatever_the_number_of_actions(
    world: World, signed: Any, django_assert_num_queries: Any
) -> None:
    plan, _first, finding, other = signed
    with django_assert_num_queries(2):
        plan_fingerprint(plan)
    for n in range(5):
        add_action(world, [finding, other], what=f"Test action {n}")
    with django_assert_num_queries(2):
        plan_fingerprint(plan)
