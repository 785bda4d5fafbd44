from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagements.models import Engagement
from findings.reports import languages
from findings.reports.models import Audience, ReportKind
from findings.reports.services import MAX_LANGUAGES
from tenancy.roles import Capability


class RenderingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices, widget=forms.RadioSelect)
    audience = forms.ChoiceField(label=_("For"), choices=Audience.choices, widget=forms.RadioSelect)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each language is a part of the PDF, at most %(n)s.") % {"n": MAX_LANGUAGES},
    )

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"kind": ReportKind.FULL, "audience": Audience.STAKEHOLDERS, "languages": languages.default_codes()},
        )
        super().__init__(*args, **kwargs)
        offered = languages.offered(engagement)
        self.fields["languages"].choices = [
            (lang.code, lang.label if lang.translated else _("%(label)s (headings in English)") % {"label": lang.label})
            for lang in offered
        ]
        # Only those who may see small figures are offered the copy that shows them.
        if Capability.SEE_SMALL_CELLS not in getattr(engagement, "capabilities", ()):
            self.fields["audience"].choices = [(Audience.STAKEHOLDERS.value, Audience.STAKEHOLDERS.label)]
