from django import forms
from django.utils.translation import gettext_lazy as _


class ErasePersonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit trail, for example: left the city's administration."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class FindPersonForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
