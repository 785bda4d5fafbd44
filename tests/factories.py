"""Typed factories. Names and emails are plainly fictional: no fixture looks like a real person."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.models import User

TEST_PASSWORD = "a-test-password-1234"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])
