from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from strongcities.models import Invitation


class AcceptInvitationForm(forms.Form):
    display_name = forms.CharField(label=_("Your name as others will see it"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            candidate = get_user_model()(
                email=self.invitation.email, display_name=cleaned.get("display_name", "")
            )
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["display_name", "preferred_language"]
        help_texts = {
            "preferred_language": _("Emails and reminders reach you in this language."),
        }
