from actionplans.models.plan import SUBSTANCE_FIELDS, Action, ActionKind, ActionPlan, ActionStatus
from actionplans.models.repayment import OVERALL, RepaymentPayment, RepaymentPlan, VerifiedBy
from actionplans.models.review import ActionFeedback
from actionplans.models.signoff import SignatoryGroup, Signature

__all__ = [
    "OVERALL",
    "SUBSTANCE_FIELDS",
    "Action",
    "ActionFeedback",
    "ActionKind",
    "ActionPlan",
    "ActionStatus",
    "RepaymentPayment",
    "RepaymentPlan",
    "SignatoryGroup",
    "Signature",
    "VerifiedBy",
]
