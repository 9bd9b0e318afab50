from django import forms
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry
from audit.selectors import ACTION_LABELS, TrailFilters, audited_model_choices


class TrailFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    model = forms.ChoiceField(label=_("Records"), required=False)
    q = forms.CharField(label=_("Object or email contains"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(AuditEntry.Kind.choices)
        self.fields["action"].choices = everything + [(str(k), v) for k, v in ACTION_LABELS.items()]
        self.fields["model"].choices = everything + audited_model_choices()

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> TrailFilters:
        """The valid filters; an invalid form filters nothing (its errors are shown)."""
        if not self.is_valid():
            return TrailFilters()
        data = self.cleaned_data
        return TrailFilters(
            date_from=data["date_from"],
            date_to=data["date_to"],
            kind=data["kind"],
            action=int(data["action"]) if data["action"] else None,
            model=data["model"],
            search=data["q"].strip(),
        )
