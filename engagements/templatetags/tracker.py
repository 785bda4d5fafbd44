from django import template

register = template.Library()


@register.filter
def percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


@register.filter
def pct_class(done: int, total: int) -> str:
    """A CSS width class in 5% steps (the CSP allows no inline styles)."""
    value = round(100 * done / total / 5) * 5 if total else 0
    return f"pct-{value}"


@register.filter
def has_cap(engagement: object, capability: str) -> bool:
    return capability in getattr(engagement, "capabilities", ())


@register.filter
def role_label(value: str) -> str:
    from tenancy.roles import EngagementRole

    return EngagementRole(value).label if value in EngagementRole.values else value


@register.filter
def lookup(mapping: dict, key: str) -> object:
    return mapping.get(key) if isinstance(mapping, dict) else None
