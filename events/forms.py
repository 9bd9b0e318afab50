import csv
import io

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from events.models import INTERPRETATION_LANGUAGES, Event
from strongcities.text import comma_join
from strongcities.uploads import UploadField


class RegistrationForm(forms.Form):
    """Who to register and their answers to the event's questions."""

    person = forms.TypedChoiceField(label=_("Who is attending"), coerce=int)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    dietary_needs = forms.CharField(label=_("Dietary needs"), required=False, max_length=250)
    interpretation_language = forms.ChoiceField(label=_("Interpretation language"), required=False)

    def __init__(self, *args, event: Event, user, colleagues, include_self=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(user.pk, _("Myself"))] * include_self + [
            (c.pk, c.display_name) for c in colleagues
        ]
        self.people = {user.pk: user, **{c.pk: c for c in colleagues}}
        labels = dict(INTERPRETATION_LANGUAGES)
        offered = [
            (code, labels[code]) for code in event.interpretation_languages if code in labels
        ]
        if offered:
            self.fields["interpretation_language"].choices = [("", _("None needed"))] + offered
        else:
            del self.fields["interpretation_language"]
        if event.format == Event.Format.ONLINE:
            del self.fields["dietary_needs"]

    def clean_person(self):
        return self.people[self.cleaned_data["person"]]


class GuestRegistrationForm(forms.Form):
    """A guest with the invitation link: who they are, and the event's questions."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language for our emails"), choices=settings.LANGUAGES)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    dietary_needs = forms.CharField(label=_("Dietary needs"), required=False, max_length=250)
    interpretation_language = forms.ChoiceField(label=_("Interpretation language"), required=False)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(INTERPRETATION_LANGUAGES)
        offered = [
            (code, labels[code]) for code in event.interpretation_languages if code in labels
        ]
        if offered:
            self.fields["interpretation_language"].choices = [("", _("None needed"))] + offered
        else:
            del self.fields["interpretation_language"]
        if event.format == Event.Format.ONLINE:
            del self.fields["dietary_needs"]


class AttendanceImportForm(forms.Form):
    """A CSV with an `email` column and an `attended` column (yes/no, 1/0, true/false)."""

    file = UploadField(label=_("CSV file"), policy="attendance_import")

    TRUE = {"yes", "y", "1", "true", "x", "oui", "نعم", "attended"}
    FALSE = {"no", "n", "0", "false", "non", "لا", "no_show", "no-show", ""}

    def clean_file(self):
        upload = self.cleaned_data["file"]  # a CSV within the size limit (UploadField)
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        reader = csv.DictReader(io.StringIO(text))
        fields = {(name or "").strip().lower() for name in reader.fieldnames or []}
        if not {"email", "attended"} <= fields:
            raise forms.ValidationError(_("The file needs an “email” and an “attended” column."))
        rows, errors = [], []
        for number, row in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            value = row.get("attended", "").lower()
            if value in self.TRUE:
                rows.append((row["email"].lower(), True))
            elif value in self.FALSE:
                rows.append((row["email"].lower(), False))
            else:
                errors.append(number)
        if errors:
            raise forms.ValidationError(
                _("Rows %(rows)s: “attended” must be yes or no.")
                % {"rows": comma_join(errors[:10])}
            )
        return rows


STATUS_ACTIONS = {
    "approve": _("Approve"),
    "decline": _("Decline"),
    "attended": _("Attended"),
    "no_show": _("Did not attend"),
    "cancel": _("Cancel"),
}


class EventAdminForm(forms.ModelForm):
    interpretation_languages = forms.MultipleChoiceField(
        label=_("interpretation offered"),
        choices=INTERPRETATION_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = ["interpretation_languages"]  # the admin adds the rest from its fieldsets
