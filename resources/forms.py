from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from members.models import ThematicArea
from resources.models import (
    ATTACHMENT_EXTENSIONS,
    LANGUAGE_CHOICES,
    Resource,
    validate_attachment,
    validate_rich_text,
)

SUBMITTABLE_KINDS = [
    Resource.Kind.GOOD_PRACTICE,
    Resource.Kind.POLICY,
    Resource.Kind.STRATEGY,
    Resource.Kind.TOOLKIT,
    Resource.Kind.TRAINING,
    Resource.Kind.RESEARCH,
]
MAX_FILES = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            files = [single(item, initial) for item in data if item]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("Attach at most %(count)s files.") % {"count": MAX_FILES}, code="too_many"
            )
        return files


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
    attachments = MultipleFileField(
        label=_("Files"),
        required=False,
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS), validate_attachment],
        help_text=_(
            "PDF, Word, OpenDocument, PowerPoint, Excel, EPUB or text; at most 20 MB each."
        ),
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
