"""The fee repayment as a reader may see it: the groups that can be planned from phase 5's calculation, and
each plan's owed, paid, verified and outstanding amounts.

The amounts owed come from worker interviews: an outside reader (without SEE_SMALL_CELLS) sees a group's
amount only if the suppressed fee analysis showed it when the repayment was planned (``shown_to_outsiders``);
otherwise it reads "suppressed", and so does what is outstanding (owed minus paid would give it away).
Payments are the business's own records and are shown as they are. Never a worker's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from actionplans.models import OVERALL, RepaymentPayment, RepaymentPlan
from engagements.models import Engagement
from findings.analysis import selectors as analysis
from findings.analysis import tables
from findings.analysis.fees import FeeFigures, FeeGroup
from findings.analysis.tables import HIDDEN_AMOUNT, Figure
from tenancy.roles import Capability


@dataclass(frozen=True)
class GroupOption:
    """A group of workers whose repayment may be planned, as this reader sees its figures."""

    dimension: str
    value: str
    label: str
    dimension_label: str
    repayment: Figure
    planned: bool

    @property
    def key(self) -> str:
        return f"{self.dimension}:{self.value}"


def raw_group(figures: FeeFigures, dimension: str, value: str) -> FeeGroup | None:
    """The unsuppressed figures of one group (code only, never rendered as they are)."""
    if dimension == OVERALL:
        return figures.overall if value == "" else None
    for breakdown in figures.breakdowns:
        if breakdown.dimension == dimension:
            return next((g for g in breakdown.groups if g.value == value), None)
    return None


def shown_row(analysis_view: tables.FeeAnalysis, dimension: str, value: str) -> tables.FeeRow | None:
    if dimension == OVERALL:
        return analysis_view.overall if value == "" else None
    for table in analysis_view.tables:
        if table.key == dimension:
            return next((r for r in table.rows if r.value == value), None)
    return None


def group_options(engagement: Engagement, *, sees_small_cells: bool) -> list[GroupOption]:
    """Every group with a repayment owed that this reader may see, all workers first."""
    view = analysis.fee_analysis(engagement, sees_small_cells=sees_small_cells)
    planned = set(RepaymentPlan.objects.filter(engagement=engagement).values_list("dimension", "value"))
    rows = [(OVERALL, "", view.overall, "")] + [
        (table.key, row.value, row, table.dimension_label) for table in view.tables for row in table.rows
    ]
    options = []
    for dimension, value, row, dimension_label in rows:
        if not row.repayment.shown or not row.repayment.value:
            continue
        options.append(
            GroupOption(dimension, value, row.label, dimension_label, row.repayment, (dimension, value) in planned)
        )
    return options


@dataclass(frozen=True)
class RepaymentRow:
    plan: RepaymentPlan
    owed: Figure
    paid: Decimal
    verified: Decimal
    outstanding: Figure
    workers_reached: int
    payments: list[RepaymentPayment]


def repayment_rows(engagement: Engagement, capabilities: Any) -> list[RepaymentRow]:
    sees = Capability.SEE_SMALL_CELLS in capabilities
    plans = (
        RepaymentPlan.objects.filter(engagement=engagement)
        .select_related("action")
        .prefetch_related(
            Prefetch("payments", queryset=RepaymentPayment.objects.select_related("recorded_by", "verified_by"))
        )
    )
    rows = []
    for plan in plans:
        payments = list(plan.payments.all())
        paid = sum((p.amount for p in payments), Decimal(0))
        verified = sum((p.amount for p in payments if p.is_verified), Decimal(0))
        visible = sees or plan.shown_to_outsiders
        owed = Figure(plan.amount_owed, is_amount=True) if visible else HIDDEN_AMOUNT
        outstanding = Figure(max(plan.amount_owed - paid, Decimal(0)), is_amount=True) if visible else HIDDEN_AMOUNT
        rows.append(
            RepaymentRow(
                plan=plan,
                owed=owed,
                paid=paid,
                verified=verified,
                outstanding=outstanding,
                workers_reached=sum(p.workers_reached for p in payments),
                payments=payments,
            )
        )
    return rows
