from django.urls import path

from engagements.supplychain.views import actors, plan, risks, workforce
from engagements.supplychain.views import chain as chain_map

app_name = "supplychain"

E = "<uuid:engagement_id>/supply-chain"
SITE = f"{E}/workforce/sites/<uuid:site_id>"
RISK = f"{E}/risks/<uuid:risk_id>"

urlpatterns = [
    path(f"{E}/", chain_map.chain_map, name="map"),
    path(f"{E}/map.svg", chain_map.map_svg, name="map_svg"),
    path(f"{E}/actors/new/", actors.actor_new, name="actor_new"),
    path(f"{E}/actors/<uuid:actor_id>/", actors.actor_detail, name="actor"),
    path(f"{E}/actors/<uuid:actor_id>/delete/", actors.actor_delete, name="actor_delete"),
    path(f"{E}/links/new/", actors.link_new, name="link_new"),
    path(f"{E}/links/<uuid:link_id>/delete/", actors.link_delete, name="link_delete"),
    path(f"{E}/workforce/", workforce.workforce, name="workforce"),
    path(f"{E}/workforce/template.csv", workforce.workforce_template, name="workforce_template"),
    path(f"{E}/workforce/sites/new/", workforce.site_new, name="site_new"),
    path(f"{SITE}/", workforce.site_detail, name="site"),
    path(f"{SITE}/delete/", workforce.site_delete, name="site_delete"),
    path(f"{SITE}/rows/", workforce.workforce_row_add, name="workforce_row_add"),
    path(f"{SITE}/rows/<uuid:row_id>/delete/", workforce.workforce_row_delete, name="workforce_row_delete"),
    path(f"{SITE}/import/", workforce.workforce_import, name="workforce_import"),
    path(f"{E}/risks/", risks.risks, name="risks"),
    path(f"{E}/risks/new/", risks.risk_new, name="risk_new"),
    path(f"{RISK}/", risks.risk_detail, name="risk"),
    path(f"{RISK}/delete/", risks.risk_delete, name="risk_delete"),
    path(f"{RISK}/sources/", risks.risk_source_add, name="risk_source_add"),
    path(f"{RISK}/sources/<uuid:source_id>/delete/", risks.risk_source_delete, name="risk_source_delete"),
    path(f"{E}/objectives/", plan.plan, name="plan"),
    path(f"{E}/objectives/selected/", plan.selection_add, name="selection_add"),
    path(
        f"{E}/objectives/selected/<uuid:selection_id>/participation/",
        plan.selection_participation,
        name="selection_participation",
    ),
    path(f"{E}/objectives/selected/<uuid:selection_id>/remove/", plan.selection_remove, name="selection_remove"),
]
