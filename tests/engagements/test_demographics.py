from __future__ import annotations

from engagements.demographics import Gender, gender_choices
from engagements.reference import reference_data


def test_gender_options_are_the_guides_inclusive_options() -> None:
    reference = [o["value"] for o in reference_data()["demographic_options"]["gender"]["options"]]
    assert [value for value, _label in gender_choices()] == reference
    assert list(Gender.values) == reference
