from django import forms
from django.utils.translation import gettext_lazy as _

from hubs.models import Consultation, Need, PeerExchange, Stakeholder, SupportFundRequest
from members.models import City


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["kind", "name", "country", "contact_name", "email", "phone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3, "dir": "auto"})}


class SupportFundRequestForm(forms.ModelForm):
    class Meta:
        model = SupportFundRequest
        fields = ["city", "need", "priority", "support_asked", "estimated_budget"]
        widgets = {
            "need": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "support_asked": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        self.fields["estimated_budget"].min_value = 0
        self.fields["estimated_budget"].widget.attrs["min"] = 0

    def clean_estimated_budget(self):
        budget = self.cleaned_data["estimated_budget"]
        if budget is not None and budget <= 0:
            raise forms.ValidationError(_("Give an estimated budget above zero."))
        return budget


class FundDecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"))
    note = forms.CharField(
        label=_("Decision note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in SupportFundRequest.Status.choices if value in allowed
        ]


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["city", "description", "priority", "urgency", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "dir": "auto"})}

    def __init__(self, *args, hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = hub.cities.order_by("name")


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["city", "held_on", "participants", "summary", "follow_ups"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "participants": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            "summary": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "follow_ups": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        }

    def __init__(self, *args, hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = hub.cities.order_by("name")


class ExchangeRequestForm(forms.ModelForm):
    class Meta:
        model = PeerExchange
        fields = ["city", "peers", "topic", "goals", "format"]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "peers": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {"peers": _("The member cities you would like to learn from.")}

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        self.fields["peers"].queryset = City.objects.publicly_listed().order_by("name")


class ExchangeStepForm(forms.Form):
    status = forms.ChoiceField(label=_("Next step"))
    agreed_dates = forms.CharField(label=_("Agreed dates"), required=False, max_length=100)
    event = forms.ModelChoiceField(label=_("Event"), queryset=None, required=False)
    held_on = forms.DateField(
        label=_("Held on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    lessons_learned = forms.CharField(
        label=_("Lessons learned"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(self, *args, exchange, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        from events.models import Event

        self.fields["status"].choices = [
            (value, label) for value, label in PeerExchange.Status.choices if value in allowed
        ]
        self.fields["event"].queryset = Event.objects.filter(hub_id=exchange.hub_id).order_by(
            "-starts_at"
        )
