from __future__ import annotations

from django.db import transaction

from accounts.models import User
from audit.log import record


@transaction.atomic
def user_register_invited(*, email: str, full_name: str, password: str) -> User:
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    record(actor=user, verb="account.created", target=user, detail={"via": "invitation"})
    return user
