"""The answer form, built from a survey's questions (labels in the reader's language)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import Question

LONG_TEXT_MAX = 10_000
SHORT_TEXT_MAX = 500


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def _field_for(question: Question) -> forms.Field:
    common = {
        "label": question.text,
        "help_text": question.help_text,
        # drafts may be incomplete; the service checks required answers on submit
        "required": False,
    }
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        return forms.TypedChoiceField(
            choices=[(str(i), c) for i, c in enumerate(question.choice_list)],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if kind == Question.Kind.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            choices=[(str(i), c) for i, c in enumerate(question.choice_list)],
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == Question.Kind.NUMBER:
        return forms.DecimalField(max_digits=15, decimal_places=4, **common)
    if kind == Question.Kind.SCALE:
        return forms.TypedChoiceField(
            choices=[(str(n), str(n)) for n in range(question.scale_min, question.scale_max + 1)],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    if kind == Question.Kind.LONG:
        return forms.CharField(
            max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}), **common
        )
    return forms.CharField(max_length=SHORT_TEXT_MAX, **common)


class AnswerForm(forms.Form):
    def __init__(self, *args, questions, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        initial_values = initial_values or {}
        for question in self.questions:
            field = _field_for(question)
            field.question = question
            field.marked_required = question.required
            value = initial_values.get(question.pk)
            if value is not None:
                field.initial = [str(v) for v in value] if isinstance(value, list) else str(value)
            self.fields[field_name(question)] = field

    def values(self) -> dict[int, object]:
        """Question id → a JSON-storable value ("" and [] for unanswered)."""
        out = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if value is None:
                value = ""
            elif not isinstance(value, (str, int, list)):
                value = float(value) if value % 1 else int(value)  # Decimal
            if isinstance(value, str):
                value = value.strip()
            out[question.pk] = value
        return out

    def mark_missing(self, questions) -> None:
        for question in questions:
            self.add_error(field_name(question), _("This question needs an answer."))
