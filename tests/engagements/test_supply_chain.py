"""Phase 2, the supply-chain map: tiers, corridor paths and visibility gaps derived from links; the drawing."""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from engagements.supplychain import drawing, graph, selectors, services
from engagements.supplychain.graph import Edge, GapKind, Graph, Node
from engagements.supplychain.models import (
    Actor,
    ActorType,
    Criterion,
    LicenceStatus,
    Link,
    LinkKind,
    LocationRole,
    MappingPlan,
    Risk,
    RiskStage,
    SelectedEnterprise,
)
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _actor(world: World, name: str, kind: str, country: str, **extra: Any) -> Actor:
    return services.actor_create(
        actor=world.user("lead"), engagement=world.engagement, name=name, actor_type=kind, country=country, **extra
    )


def _link(world: World, source: Actor, kind: str, target: Actor) -> Link:
    return services.link_create(
        actor=world.user("lead"), engagement=world.engagement, source=source, target=target, kind=kind
    )


@pytest.fixture
def chain(world: World) -> dict[str, Actor]:
    """buyer <- supplier <- two recruiters <- three subagents; workers from Myanmar and Cambodia at the supplier."""
    a = {
        "buyer": _actor(
            world, "Buyer Example plc", ActorType.BUSINESS, "GB", licence_status=LicenceStatus.NOT_APPLICABLE
        ),
        "supplier": _actor(
            world,
            "Seafood Supplier Example",
            ActorType.SUPPLIER,
            "TH",
            location_role=LocationRole.DESTINATION,
            licence_status=LicenceStatus.NOT_APPLICABLE,
        ),
        "rec_a": _actor(
            world,
            "Recruiter A (Yangon)",
            ActorType.RECRUITER,
            "MM",
            location_role=LocationRole.ORIGIN,
            licence_status=LicenceStatus.LICENSED,
        ),
        "rec_b": _actor(
            world,
            "Recruiter B (Phnom Penh)",
            ActorType.RECRUITER,
            "KH",
            location_role=LocationRole.ORIGIN,
            licence_status=LicenceStatus.UNKNOWN,
        ),
        "sub_a1": _actor(
            world, "Subagent A1 (Magway)", ActorType.SUBAGENT, "MM", licence_status=LicenceStatus.UNLICENSED
        ),
        "sub_a2": _actor(world, "Subagent A2 (Bago)", ActorType.SUBAGENT, "MM", licence_status=LicenceStatus.LICENSED),
        "sub_b1": _actor(
            world, "Subagent B1 (Prey Veng)", ActorType.SUBAGENT, "KH", licence_status=LicenceStatus.UNKNOWN
        ),
    }
    _link(world, a["supplier"], LinkKind.SUPPLIES, a["buyer"])
    _link(world, a["rec_a"], LinkKind.RECRUITS_FOR, a["supplier"])
    _link(world, a["rec_b"], LinkKind.RECRUITS_FOR, a["supplier"])
    _link(world, a["sub_a1"], LinkKind.SUBCONTRACTS, a["rec_a"])
    _link(world, a["sub_a2"], LinkKind.SUBCONTRACTS, a["rec_a"])
    _link(world, a["sub_b1"], LinkKind.SUBCONTRACTS, a["rec_b"])
    site = services.site_create(
        actor=world.user("lead"), engagement=world.engagement, employer=a["supplier"], name="Plant 1"
    )
    services.workforce_row_add(
        actor=world.user("lead"), site=site, nationality="MM", gender="woman", recruiter=a["rec_a"], count=120
    )
    services.workforce_row_add(
        actor=world.user("lead"), site=site, nationality="KH", gender="man", recruiter=a["rec_b"], count=80
    )
    return a


def _gaps(world: World) -> set[tuple[str, Any]]:
    return {(g.kind, g.actor) for g in graph.visibility_gaps(selectors.graph_for(world.engagement))}


def test_tiers_count_links_to_the_business(world: World, chain: dict[str, Actor]) -> None:
    tiers = graph.tiers(selectors.graph_for(world.engagement))
    assert tiers == {
        chain["buyer"].pk: 0,
        chain["supplier"].pk: 1,
        chain["rec_a"].pk: 2,
        chain["rec_b"].pk: 2,
        chain["sub_a1"].pk: 3,
        chain["sub_a2"].pk: 3,
        chain["sub_b1"].pk: 3,
    }


def test_corridor_paths_run_from_each_subagent_to_the_workplace(world: World, chain: dict[str, Actor]) -> None:
    paths = graph.corridor_paths(selectors.graph_for(world.engagement))
    c = {key: actor.pk for key, actor in chain.items()}
    assert [p.nodes for p in paths] == [
        (c["sub_a1"], c["rec_a"], c["supplier"]),
        (c["sub_a2"], c["rec_a"], c["supplier"]),
        (c["sub_b1"], c["rec_b"], c["supplier"]),
    ]
    assert [p.countries for p in paths] == [("MM", "TH"), ("MM", "TH"), ("KH", "TH")]
    assert [p.nationalities for p in paths] == [("MM",), ("MM",), ("KH",)]


def test_visibility_gaps_of_the_chain_are_the_two_unknown_licences(world: World, chain: dict[str, Actor]) -> None:
    gaps = graph.visibility_gaps(selectors.graph_for(world.engagement))
    assert {(g.kind, g.actor) for g in gaps} == {
        (GapKind.LICENCE_UNKNOWN, chain["rec_b"].pk),
        (GapKind.LICENCE_UNKNOWN, chain["sub_b1"].pk),
    }
    assert all(g.reason for g in gaps)


def test_a_recruiter_without_subagent_and_a_stray_subagent_are_gaps(world: World, chain: dict[str, Actor]) -> None:
    Link.objects.filter(source=chain["sub_b1"]).delete()
    gaps = _gaps(world)
    assert (GapKind.RECRUITER_WITHOUT_SUBAGENT, chain["rec_b"].pk) in gaps
    assert (GapKind.NOT_CONNECTED, chain["sub_b1"].pk) in gaps
    # Recruiter B's path now starts at the recruiter itself.
    paths = graph.corridor_paths(selectors.graph_for(world.engagement))
    assert (chain["rec_b"].pk, chain["supplier"].pk) in [p.nodes for p in paths]


def test_an_employer_with_migrant_workers_and_no_recruiter_is_a_gap(world: World, chain: dict[str, Actor]) -> None:
    other = _actor(world, "Peeling Contractor Example", ActorType.SUPPLIER, "TH", migrant_workers=40)
    _link(world, other, LinkKind.SUPPLIES, chain["supplier"])
    gaps = _gaps(world)
    assert (GapKind.EMPLOYER_WITHOUT_RECRUITER, other.pk) in gaps
    assert (GapKind.SUPPLIER_WITHOUT_UPSTREAM, other.pk) in gaps
    assert (GapKind.EMPLOYER_WITHOUT_RECRUITER, chain["supplier"].pk) not in gaps


def test_workers_named_against_a_recruiter_with_no_chain_to_their_employer_are_a_gap(
    world: World, chain: dict[str, Actor]
) -> None:
    Link.objects.filter(source=chain["rec_b"]).delete()
    gaps = _gaps(world)
    assert (GapKind.RECRUITER_NOT_LINKED, chain["rec_b"].pk) in gaps
    assert (GapKind.NOT_CONNECTED, chain["rec_b"].pk) in gaps


def test_a_map_without_the_business_has_one_gap_for_the_map_and_no_tiers() -> None:
    g = Graph.build([Node(1, "Recruiter", ActorType.RECRUITER, licence_status=LicenceStatus.LICENSED)], [])
    assert graph.tiers(g) == {1: None}
    kinds = [(gap.kind, gap.actor) for gap in graph.visibility_gaps(g)]
    assert (GapKind.NO_BUSINESS, None) in kinds
    assert (GapKind.NOT_CONNECTED, 1) not in kinds


def test_the_tier_is_the_shortest_chain_whatever_the_link_kind() -> None:
    nodes = [
        Node("b", "Business", ActorType.BUSINESS),
        Node("s", "Supplier", ActorType.SUPPLIER),
        Node("r", "Recruiter", ActorType.RECRUITER),
        Node("x", "Off to the side", ActorType.SERVICE_PROVIDER),
    ]
    edges = [
        Edge("s", "b", LinkKind.SUPPLIES),
        Edge("r", "s", LinkKind.RECRUITS_FOR),
        Edge("r", "b", LinkKind.RECRUITS_FOR),  # also recruits for the business directly
        Edge("b", "x", LinkKind.SERVES),  # a link away from the business gives no tier
    ]
    assert graph.tiers(Graph.build(nodes, edges)) == {"b": 0, "s": 1, "r": 1, "x": None}


def test_corridor_paths_survive_a_cycle_and_stop_at_the_first_workplace() -> None:
    nodes = [
        Node("b", "Business", ActorType.BUSINESS, country="GB"),
        Node("s", "Supplier", ActorType.SUPPLIER, country="TH"),
        Node("r1", "Recruiter 1", ActorType.RECRUITER, country="TH"),
        Node("r2", "Recruiter 2", ActorType.RECRUITER, country="MM"),
        Node("a", "Subagent", ActorType.SUBAGENT, country="MM"),
    ]
    edges = [
        Edge("s", "b", LinkKind.SUBCONTRACTS),
        Edge("a", "r2", LinkKind.SUBCONTRACTS),
        Edge("r2", "r1", LinkKind.RECRUITS_FOR),
        Edge("r1", "r2", LinkKind.RECRUITS_FOR),  # a cycle between two recruiters
        Edge("r1", "s", LinkKind.RECRUITS_FOR),
    ]
    paths = graph.corridor_paths(Graph.build(nodes, edges))
    assert [p.nodes for p in paths] == [("a", "r2", "r1", "s")]
    assert paths[0].countries == ("MM", "TH")


def test_a_self_link_is_refused_with_a_clear_error(world: World, chain: dict[str, Actor]) -> None:
    with pytest.raises(ValidationError) as error:
        _link(world, chain["rec_a"], LinkKind.RECRUITS_FOR, chain["rec_a"])
    assert "cannot be linked to itself" in str(error.value)


def test_a_duplicate_link_is_refused_with_a_clear_error(world: World, chain: dict[str, Actor]) -> None:
    with pytest.raises(ValidationError) as error:
        _link(world, chain["rec_a"], LinkKind.RECRUITS_FOR, chain["supplier"])
    assert "already exists" in str(error.value)
    # The same pair with another kind of link is a different link.
    _link(world, chain["rec_a"], LinkKind.SERVES, chain["supplier"])


def test_a_link_to_another_engagements_actor_is_refused(world: World, chain: dict[str, Actor]) -> None:
    stranger = services.actor_create(
        actor=world.user("other_org"),
        engagement=world.other_engagement,
        name="Elsewhere",
        actor_type=ActorType.RECRUITER,
        country="NP",
    )
    with pytest.raises(ValidationError):
        _link(world, stranger, LinkKind.RECRUITS_FOR, chain["supplier"])


def test_the_link_page_shows_the_self_link_error(world: World, chain: dict[str, Actor], client_for: Any) -> None:
    response = client_for("lead").post(
        reverse("supplychain:link_new", args=[world.engagement.pk]),
        {"source": chain["rec_a"].pk, "kind": LinkKind.RECRUITS_FOR, "target": chain["rec_a"].pk},
    )
    assert response.status_code == 200
    assert "An actor cannot be linked to itself." in response.content.decode()
    assert Link.objects.filter(source=chain["rec_a"], target=chain["rec_a"]).count() == 0


def test_an_actor_name_is_unique_in_the_engagement(world: World, chain: dict[str, Actor]) -> None:
    with pytest.raises(ValidationError):
        _actor(world, "recruiter a (yangon)", ActorType.RECRUITER, "MM")


def test_only_a_service_provider_has_a_kind_of_service(world: World) -> None:
    with pytest.raises(ValidationError):
        _actor(world, "Clinic", ActorType.RECRUITER, "MM", service_kind="medical")


# --- The drawn map -------------------------------------------------------------------------------------------


def sixty_actor_map(engagement: Any, lead: Any) -> None:
    """A realistic large map: 1 business, 4 suppliers, 5 destination agencies, 5 origin recruiters,
    30 subagents, 10 service providers and 5 government agencies = 60 actors (also used by tests/e2e)."""
    make = lambda name, kind, country, **kw: services.actor_create(  # noqa: E731
        actor=lead, engagement=engagement, name=name, actor_type=kind, country=country, **kw
    )
    link = lambda s, k, t: services.link_create(actor=lead, engagement=engagement, source=s, target=t, kind=k)  # noqa: E731
    business = make("Example Foods Group (business)", ActorType.BUSINESS, "GB")
    suppliers = [make(f"Supplier {i} Processing Co.", ActorType.SUPPLIER, "TH") for i in range(1, 5)]
    agencies = [make(f"Destination Agency {i} (Bangkok)", ActorType.RECRUITER, "TH") for i in range(1, 6)]
    recruiters = [
        make(f"Origin Recruiter {i} ({city})", ActorType.RECRUITER, country)
        for i, (city, country) in enumerate(
            [("Yangon", "MM"), ("Mandalay", "MM"), ("Phnom Penh", "KH"), ("Vientiane", "LA"), ("Kathmandu", "NP")],
            start=1,
        )
    ]
    subagents = [
        make(f"Subagent {i:02d} with a rather long village name", ActorType.SUBAGENT, recruiters[i % 5].country)
        for i in range(30)
    ]
    services_ = [
        make(f"Service Provider {i}", ActorType.SERVICE_PROVIDER, "MM", service_kind="medical") for i in range(10)
    ]
    governments = [make(f"Government Office {i}", ActorType.GOVERNMENT, "TH") for i in range(5)]
    for supplier in suppliers:
        link(supplier, LinkKind.SUPPLIES, business)
    for i, agency in enumerate(agencies):
        link(agency, LinkKind.RECRUITS_FOR, suppliers[i % 4])
    for i, recruiter in enumerate(recruiters):
        link(recruiter, LinkKind.RECRUITS_FOR, agencies[i])
    for i, subagent in enumerate(subagents):
        link(subagent, LinkKind.SUBCONTRACTS, recruiters[i % 5])
    for i, provider in enumerate(services_):
        link(provider, LinkKind.SERVES, recruiters[i % 5] if i < 5 else agencies[i % 5])
    for government in governments[:3]:
        link(government, LinkKind.SERVES, business)


def test_the_map_renders_sixty_actors_without_overlapping_boxes(world: World) -> None:
    sixty_actor_map(world.engagement, world.user("lead"))
    view = selectors.map_view(world.engagement)
    assert len(view.graph.nodes) == 60
    for mode in ("tier", "stage"):
        the_layout = drawing.layout(view.graph, view.tiers, mode)
        boxes = list(the_layout.boxes.values())
        assert len(boxes) == 60
        overlapping = [(a.id, b.id) for a, b in combinations(boxes, 2) if a.overlaps(b)]
        assert not overlapping
        assert all(b.x >= 0 and b.x + b.w <= the_layout.width for b in boxes)
        assert all(b.y >= 0 and b.y + b.h <= the_layout.map_height for b in boxes)
    svg = view.svg()
    assert len(re.findall(r'<g class="actor"', svg)) == 60
    assert svg.count('class="actor-box"') == 60
    # Long names are cut in the drawing, and whole in the tooltip.
    cut = drawing.truncate("Subagent 00 with a rather long village name", drawing.NAME_CHARS)
    assert cut.endswith("…") and f">{cut}</text>" in svg
    assert "<title>Subagent 00 with a rather long village name" in svg
    assert 'viewBox="0 0 ' in svg and "<script" not in svg and "style=" not in svg


def test_the_map_page_draws_the_map_and_its_text_alternative(
    world: World, chain: dict[str, Actor], client_for: Any
) -> None:
    response = client_for("interviewer").get(reverse("supplychain:map", args=[world.engagement.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<g class="actor"') == 7
    assert "<table" in html and "Recruiter A (Yangon)" in html
    assert "Tier 0: the business" in html
    assert "Add an actor" not in html  # the interviewer sees, but does not change


def test_choosing_a_corridor_path_highlights_it(world: World, chain: dict[str, Actor], client_for: Any) -> None:
    url = reverse("supplychain:map", args=[world.engagement.pk])
    html = client_for("lead").get(url, {"path": 3}).content.decode()
    assert "Corridor path 3, from origin to workplace" in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    lit = re.findall(r'data-actor="([^"]+)"><title>[^<]*</title><rect class="actor-box"[^>]*stroke="#d63384"', svg)
    assert set(lit) == {str(chain["sub_b1"].pk), str(chain["rec_b"].pk), str(chain["supplier"].pk)}
    # A path number that does not exist shows the whole map.
    assert "from origin to workplace" not in client_for("lead").get(url, {"path": 99}).content.decode()


def test_the_drawing_is_served_alone_as_svg(world: World, chain: dict[str, Actor], client_for: Any) -> None:
    response = client_for("assessor").get(
        reverse("supplychain:map_svg", args=[world.engagement.pk]), {"layout": "stage"}
    )
    assert response["Content-Type"] == "image/svg+xml"
    body = response.content.decode()
    assert body.startswith("<?xml") and body.count('<g class="actor"') == 7
    assert "Origin · " in body and "Destination · " in body


def test_the_map_page_queries_do_not_grow_with_actors(world: World, client_for: Any) -> None:
    client = client_for("lead")
    url = reverse("supplychain:map", args=[world.engagement.pk])
    client.get(url)
    _actor(world, "Lonely Business", ActorType.BUSINESS, "TH")
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    sixty_actor_map(world.engagement, world.user("lead"))
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


# --- Pages that change the map ----------------------------------------------------------------------------------


def test_the_lead_adds_an_actor_through_the_page(world: World, client_for: Any) -> None:
    response = client_for("lead").post(
        reverse("supplychain:actor_new", args=[world.engagement.pk]),
        {
            "name": "Clinic Example (Yangon)",
            "actor_type": ActorType.SERVICE_PROVIDER,
            "service_kind": "medical",
            "country": "MM",
            "location_role": LocationRole.ORIGIN,
            "licence_status": LicenceStatus.LICENSED,
        },
    )
    assert response.status_code == 302
    clinic = Actor.objects.get(engagement=world.engagement, name="Clinic Example (Yangon)")
    assert clinic.type_label == "Medical centre"


def test_an_actor_named_as_recruiter_in_the_workforce_cannot_be_removed(
    world: World, chain: dict[str, Actor], client_for: Any
) -> None:
    response = client_for("lead").post(
        reverse("supplychain:actor_delete", args=[world.engagement.pk, chain["rec_a"].pk]), follow=True
    )
    assert "names Recruiter A (Yangon) as recruiter" in response.content.decode()
    assert Actor.objects.filter(pk=chain["rec_a"].pk).exists()


def test_an_employer_with_sites_cannot_be_removed(world: World, chain: dict[str, Actor]) -> None:
    with pytest.raises(ValidationError, match="remove the sites first"):
        services.actor_delete(actor=world.user("lead"), chain_actor=chain["supplier"])


def test_removing_an_actor_removes_its_links(world: World, chain: dict[str, Actor]) -> None:
    services.actor_delete(actor=world.user("lead"), chain_actor=chain["sub_a1"])
    assert not Link.objects.filter(source_id=chain["sub_a1"].pk).exists()


# --- Risks, objectives and selection ------------------------------------------------------------------------------


def test_a_catalogue_risk_takes_its_text_and_stage_from_annex_b(world: World) -> None:
    risk = services.risk_create(
        actor=world.user("lead"),
        engagement=world.engagement,
        catalogue_id="b_rd_worker_paid_fees",
        corridor=world.engagement.corridors.first(),
        gender="woman",
        age_band="18_24",
    )
    assert risk.stage == RiskStage.RECRUITMENT
    assert risk.title.startswith("Worker-paid recruitment fees")
    services.risk_source_add(actor=world.user("lead"), risk=risk, text="A report", url="https://example.org/r")
    assert risk.sources.count() == 1


def test_an_own_risk_needs_a_description_and_a_catalogue_id_must_exist(world: World) -> None:
    with pytest.raises(ValidationError):
        services.risk_create(actor=world.user("lead"), engagement=world.engagement, stage=RiskStage.EMPLOYMENT)
    with pytest.raises(ValidationError):
        services.risk_create(actor=world.user("lead"), engagement=world.engagement, catalogue_id="b_made_up")
    own = services.risk_create(
        actor=world.user("lead"), engagement=world.engagement, title="Night-shift transport", stage=RiskStage.EMPLOYMENT
    )
    assert own.is_own


def test_a_risk_cannot_point_at_another_engagements_corridor(world: World) -> None:
    from engagements.services.engagements import corridor_add

    foreign = corridor_add(
        actor=world.user("other_org"), engagement=world.other_engagement, origin="NP", destination="MY"
    )
    with pytest.raises(ValidationError):
        services.risk_create(
            actor=world.user("lead"), engagement=world.engagement, catalogue_id="b_em_bad_housing", corridor=foreign
        )


def test_the_risk_page_adds_a_catalogue_risk(world: World, client_for: Any) -> None:
    response = client_for("assessor").post(
        reverse("supplychain:risk_new", args=[world.engagement.pk]),
        {"catalogue_id": "b_em_bad_housing", "priority": "high"},
    )
    assert response.status_code == 302
    assert Risk.objects.get(engagement=world.engagement).stage == RiskStage.EMPLOYMENT


def test_the_plan_keeps_objectives_criteria_and_resources(
    world: World, chain: dict[str, Actor], client_for: Any
) -> None:
    response = client_for("lead").post(
        reverse("supplychain:plan", args=[world.engagement.pk]),
        {
            "short_term_objectives": "Know every recruiter",
            "long_term_objectives": "Map the whole chain",
            "criteria": [Criterion.MANY_MIGRANTS, Criterion.NO_VISIBILITY],
            "custom_criteria": "Housing by third parties",
            "assessment_mode": "on_site",
            "delivery": "partners",
            "team_size": "4",
            "budget_amount": "12000",
            "budget_currency": "usd",
            "interviewer_languages": "Burmese, Khmer",
        },
    )
    assert response.status_code == 302
    plan = MappingPlan.objects.get(engagement=world.engagement)
    assert plan.criteria == [Criterion.MANY_MIGRANTS, Criterion.NO_VISIBILITY]
    assert plan.custom_criteria == ["Housing by third parties"]
    assert plan.budget_currency == "USD" and plan.team_size == 4

    response = client_for("lead").post(
        reverse("supplychain:selection_add", args=[world.engagement.pk]),
        {
            "actor": chain["supplier"].pk,
            "criteria": [Criterion.MANY_MIGRANTS, "Housing by third parties"],
            "participation": "invited",
        },
    )
    assert response.status_code == 302
    selection = SelectedEnterprise.objects.get(actor=chain["supplier"])
    assert selection.criteria == [Criterion.MANY_MIGRANTS, "Housing by third parties"]
    page = client_for("interviewer").get(reverse("supplychain:plan", args=[world.engagement.pk])).content.decode()
    assert "Seafood Supplier Example" in page and "Housing by third parties" in page and "Know every recruiter" in page


def test_an_enterprise_is_selected_once(world: World, chain: dict[str, Actor]) -> None:
    services.enterprise_select(
        actor=world.user("lead"), engagement=world.engagement, chain_actor=chain["rec_a"], criteria=[]
    )
    with pytest.raises(ValidationError):
        services.enterprise_select(
            actor=world.user("lead"), engagement=world.engagement, chain_actor=chain["rec_a"], criteria=[]
        )


def test_phase_two_pages_are_linked_from_both_steps_of_the_tracker(world: World, client_for: Any) -> None:
    html = client_for("lead").get(reverse("engagements:phase", args=[world.engagement.pk, 2])).content.decode()
    for name in ("map", "workforce", "risks", "plan"):
        assert reverse(f"supplychain:{name}", args=[world.engagement.pk]) in html


def test_the_demo_seed_fills_the_map_once(world: World) -> None:
    from engagements.supplychain.demo import seed_demo_supplychain

    users = {"lead@demo.example": world.user("lead")}
    seed_demo_supplychain(world.engagement, users)
    seed_demo_supplychain(world.engagement, users)
    view = selectors.map_view(world.engagement)
    assert len(view.actors) == 15
    assert len(view.paths) == 3
    assert {g.kind for g in view.gaps} >= {GapKind.NOT_CONNECTED, GapKind.EMPLOYER_WITHOUT_RECRUITER}
    assert Risk.objects.filter(engagement=world.engagement).count() == 5


@st.composite
def random_maps(draw: Any) -> Graph:
    count = draw(st.integers(min_value=1, max_value=60))
    kinds = st.sampled_from(list(ActorType.values))
    nodes = [
        Node(i, f"Actor {i}", draw(kinds), location_role=draw(st.sampled_from(["", *LocationRole.values])))
        for i in range(count)
    ]
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1), st.sampled_from(list(LinkKind.values)))
    edges = [Edge(s, t, k) for s, t, k in draw(st.lists(pairs, max_size=90)) if s != t]
    return Graph.build(nodes, edges)


@given(g=random_maps(), mode=st.sampled_from(["tier", "stage"]))
@settings(max_examples=60, deadline=None)
def test_no_two_boxes_ever_overlap_whatever_the_map(g: Graph, mode: str) -> None:
    tiers = graph.tiers(g)
    the_layout = drawing.layout(g, tiers, mode)
    boxes = list(the_layout.boxes.values())
    assert len(boxes) == len(g.nodes)
    assert not [(a.id, b.id) for a, b in combinations(boxes, 2) if a.overlaps(b)]
    assert all(b.y + b.h <= the_layout.map_height for b in boxes)
    svg = drawing.render_svg(g, the_layout, tier_of=tiers, gaps=graph.visibility_gaps(g, tiers))
    assert svg.count('<g class="actor"') == len(g.nodes)
    graph.corridor_paths(g)  # terminates on any map, cycles included


def test_the_participation_of_a_selected_enterprise_can_change(
    world: World, chain: dict[str, Actor], client_for: Any
) -> None:
    selection = services.enterprise_select(
        actor=world.user("lead"), engagement=world.engagement, chain_actor=chain["rec_b"], criteria=[]
    )
    url = reverse("supplychain:selection_participation", args=[world.engagement.pk, selection.pk])
    assert client_for("assessor").post(url, {"participation": "agreed"}).status_code == 302
    selection.refresh_from_db()
    assert selection.participation == "agreed"


def test_the_site_page_queries_do_not_grow_with_rows(world: World, chain: dict[str, Actor], client_for: Any) -> None:
    site = services.site_create(
        actor=world.user("lead"), engagement=world.engagement, employer=chain["buyer"], name="Head office"
    )
    client = client_for("lead")
    url = reverse("supplychain:site", args=[world.engagement.pk, site.pk])
    client.get(url)
    services.workforce_row_add(actor=world.user("lead"), site=site, nationality="MM", recruiter=chain["rec_a"], count=1)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for year in range(1990, 2020):
        services.workforce_row_add(
            actor=world.user("lead"),
            site=site,
            nationality="KH",
            recruiter=chain["rec_b"],
            recruitment_year=year,
            count=2,
        )
    with CaptureQueriesContext(connection) as many:
        assert "61 workers" in client.get(url).content.decode()
    assert len(many.captured_queries) == len(one.captured_queries)


def test_risks_are_listed_in_the_order_of_annex_b(world: World, client_for: Any) -> None:
    lead = world.user("lead")
    for catalogue_id in ("b_all_food_water", "b_em_bad_housing", "b_rt_remaining_debt", "b_rd_bribes"):
        services.risk_create(actor=lead, engagement=world.engagement, catalogue_id=catalogue_id)
    html = client_for("interviewer").get(reverse("supplychain:risks", args=[world.engagement.pk])).content.decode()
    headings = re.findall(r'<h2 class="h5" id="stage-\d+">([^<]+)</h2>', html)
    assert headings == ["Recruitment and deployment", "Employment", "Return or onward migration", "All stages"]
