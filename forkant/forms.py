from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class WallScreenForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på skærmen"),
        max_length=100,
        help_text=_("Fx “Personalestuen” eller “Gangen ved kontoret”."),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Giv skærmen et navn."))
        return name
