from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tenancy.roles import OrgRole


class OrgInviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Organisation role"), choices=OrgRole.choices, initial=OrgRole.MEMBER)


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices)
