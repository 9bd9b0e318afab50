from django import forms
from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.models import (
    ADDITIONAL_EXPECTATIONS,
    City,
    StrategicPriority,
    ThematicArea,
)
from members.services import PROFILE_FIELDS
from strongcities.uploads import UploadField

LANGUAGE_NAMES = dict(global_settings.LANGUAGES)
TRANSLATED = ("name", "summary", "approach", "local_priorities", "contact_page")


_sorted_language_names: dict[str, list[tuple[str, str]]] = {}


def languages_of_work_choices():
    """Every language, by its name in the active language (sorted once per language: the
    hundred names were translated and sorted again for each form)."""
    language = get_language()
    if language not in _sorted_language_names:
        _sorted_language_names[language] = sorted(
            ((code, str(_(name))) for code, name in LANGUAGE_NAMES.items()), key=lambda c: c[1]
        )
    return list(_sorted_language_names[language])


class ShortChoiceList(forms.models.ModelChoiceIterator):
    """Choices from a short reference table read with one plain query: Django reads them
    through a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE), three round trips
    for a dozen rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ShortModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ShortChoiceList


class CityProfileForm(forms.ModelForm):
    """My city: the public profile in three languages, priorities, interests and logo.

    `version` carries the profile version the editor started from, so a save over
    someone else's newer save is refused instead of silently overwriting it.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    languages_of_work = forms.MultipleChoiceField(
        label=_("Languages of work"), required=False, choices=languages_of_work_choices
    )
    priorities = ShortModelMultipleChoiceField(
        label=_("Strategic priorities"),
        queryset=StrategicPriority.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = ShortModelMultipleChoiceField(
        label=_("Thematic interests"),
        queryset=ThematicArea.objects.order_by("sort_order"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    logo = UploadField(label=_("Logo"), required=False, policy="city_logo")

    class Meta:
        model = City
        fields = [*PROFILE_FIELDS, "priorities", "themes"]
        widgets = {
            **{
                f"{name}_{lang}": forms.Textarea(attrs={"rows": 4})
                for name in ("summary", "approach", "local_priorities")
                for lang in ("ar", "en", "fr")
            },
            "engagement_level": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        for lang in ("ar", "en", "fr"):
            for name in TRANSLATED:
                field = self.fields[f"{name}_{lang}"]
                # The tab already says the language; the label names the field only.
                field.label = capfirst(City._meta.get_field(name).verbose_name)
                field.widget.attrs["lang"] = lang
                field.widget.attrs["dir"] = "rtl" if lang == "ar" else "ltr"
        english_name = self.fields["name_en"]
        english_name.required = True
        self.fields["population"].widget.attrs["min"] = 0

    def language_groups(self):
        """The translated fields grouped per language, for the tabs."""
        names = dict(settings.LANGUAGES)
        return [
            {"code": lang, "name": names[lang], "fields": [self[f"{n}_{lang}"] for n in TRANSLATED]}
            for lang in ("ar", "en", "fr")
        ]

    def common_fields(self):
        return [
            self[n]
            for n in (
                "population",
                "latitude",
                "longitude",
                "website",
                "languages_of_work",
                "engagement_level",
            )
        ]

    def clean(self):
        cleaned = super().clean()
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (
            (lat is None) != (lon is None)
            and "latitude" not in self.errors
            and "longitude" not in self.errors
        ):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        return cleaned


class ColleagueForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of their emails"), choices=settings.LANGUAGES)


class AgreedExpectationsForm(forms.Form):
    additional = forms.MultipleChoiceField(
        label=_("Additional expectations agreed"),
        choices=[(e.value, e.label) for e in ADDITIONAL_EXPECTATIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ImportForm(forms.Form):
    file = UploadField(
        label=_("CSV or XLSX file"),
        policy="member_import",
        help_text=_("At most 5 MB. The first row names the columns."),
    )


class HandoverForm(forms.Form):
    """A focal point leaving hands the city to a colleague who is already a focal point."""

    leaving = forms.ModelChoiceField(label=_("Focal point who is leaving"), queryset=None)
    successor = forms.ModelChoiceField(label=_("Successor"), queryset=None)
    note = forms.CharField(
        label=_("Handover note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the successor should know: open files, contacts, commitments."),
    )

    def __init__(self, *args, city, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        active = (
            get_user_model()
            .objects.filter(focal_points__city=city, focal_points__is_active=True)
            .order_by("display_name")
        )
        self.fields["leaving"].queryset = active
        self.fields["successor"].queryset = active
        self.fields["leaving"].label_from_instance = self.fields[
            "successor"
        ].label_from_instance = lambda u: u.display_name
        if active.filter(pk=user.pk).exists():
            # A focal point hands over their own role only.
            self.fields["leaving"].queryset = active.filter(pk=user.pk)
            self.fields["leaving"].initial = user.pk
            self.fields["leaving"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("leaving") and cleaned.get("leaving") == cleaned.get("successor"):
            raise ValidationError(_("Choose a successor other than the person leaving."))
        return cleaned
