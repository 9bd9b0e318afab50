"""get_FOO_display() at the cost of one dictionary lookup, for models listed in long tables."""

from django.utils.choices import BaseChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


class ChoiceLabels:
    """Model mixin: get_FOO_display() looks the value up in a mapping built once per field.

    Django's version rebuilds a dictionary of every choice on each call, and hashing
    each (lazily translated) label translates it: a queue of 50 helpdesk requests with
    three labels a row made about a thousand gettext calls. The labels stay lazy here,
    so the answer is still in the language active at the call. Choices given as a
    callable can change, so those fields keep Django's way.
    """

    def _get_FIELD_display(self, field):
        if isinstance(field.choices, BaseChoiceIterator):  # a callable: evaluated per call
            return super()._get_FIELD_display(field)
        labels = field.__dict__.get("_choice_labels")
        if labels is None:
            # As Django's dict(make_hashable(flatchoices)), without hashing the labels.
            labels = {make_hashable(value): label for value, label in field.flatchoices}
            field._choice_labels = labels
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
