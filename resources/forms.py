from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import ThematicArea
from resources.models import LANGUAGE_CHOICES, Resource, validate_rich_text
from strongcities.uploads import MultipleUploadField

SUBMITTABLE_KINDS = [
    Resource.Kind.GOOD_PRACTICE,
    Resource.Kind.POLICY,
    Resource.Kind.STRATEGY,
    Resource.Kind.TOOLKIT,
    Resource.Kind.TRAINING,
    Resource.Kind.RESEARCH,
]
MAX_FILES = 5


class SubmissionForm(forms.Form):
    """A focal point shares a policy or practice, in one of the three languages."""

    city = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    language = forms.ChoiceField(label=_("Language of your text"), choices=LANGUAGE_CHOICES)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[(k.value, k.label) for k in SUBMITTABLE_KINDS]
    )
    title = forms.CharField(label=_("Title"), max_length=250)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Two or three sentences: what the city did and why."),
    )
    body = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 10}),
        validators=[validate_rich_text],
        help_text=_("The approach, its aim, the people it serves, results and lessons learned."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = MultipleUploadField(
        label=_("Files"), policy="resource_attachment", max_files=MAX_FILES
    )

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        if cities.count() == 1:
            self.fields["city"].widget = forms.HiddenInput()
            self.fields["city"].initial = cities.first()

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give your contribution a title."), code="required")
        return title
