import re

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hubs.helpdesk_services import STAFF_TRANSITIONS
from hubs.models import CannedReply, Hub, HubStaff, Ticket
from resources.models import Resource
from strongcities.text import comma_join
from strongcities.uploads import MultipleUploadField

MAX_ATTACHMENTS = 5


def attachments_field():
    """Up to five files; content, type and size checked by strongcities.uploads."""
    return MultipleUploadField(
        policy="ticket_attachment", max_files=MAX_ATTACHMENTS, label=_("Attachments")
    )


SLUG_IN_ADDRESS = re.compile(r"/resources/([-\w]+)/?$")


class ResourceLinksField(forms.CharField):
    """Resources named by their addresses (or slugs), one per line: a select of every
    published resource would list a whole library (90,000 options at bench size)."""

    def clean(self, value):
        text = super().clean(value)
        slugs = []
        for line in text.split():
            match = SLUG_IN_ADDRESS.search(line.split("?")[0].split("#")[0])
            slug = match.group(1) if match else line.strip("/")
            if slug and slug not in slugs:
                slugs.append(slug)
        if not slugs:
            return []
        if len(slugs) > 20:
            raise forms.ValidationError(_("Link at most 20 resources to one reply."))
        found = Resource.objects.published().in_bulk(slugs, field_name="slug")
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise forms.ValidationError(
                _("These are not published resources of the resource hub: %(names)s")
                % {"names": comma_join(unknown)}
            )
        return [found[slug] for slug in slugs]


class TicketForm(forms.ModelForm):
    city = forms.ModelChoiceField(queryset=None, label=_("City"))
    attachments = attachments_field()

    class Meta:
        model = Ticket
        fields = ["city", "category", "priority", "subject", "description", "language"]
        help_texts = {
            "language": _("The language you would like the answer in."),
        }

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        if len(cities) == 1:  # one query; the form then reuses the cached rows
            self.fields["city"].initial = cities[0].pk
            self.fields["city"].widget = forms.HiddenInput()
        self.fields["language"].initial = get_language()
        self.fields["description"].widget.attrs.update(rows=8, dir="auto")
        self.fields["subject"].widget.attrs.update(dir="auto")


class CityReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"})
    )
    attachments = attachments_field()


class StaffReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"})
    )
    visibility = forms.ChoiceField(
        label=_("Who sees it"),
        choices=[
            ("public", _("Public reply: the city sees it and is emailed")),
            ("internal", _("Internal note: hub staff and the Management Unit only")),
        ],
        widget=forms.RadioSelect,
        initial="public",
    )
    new_status = forms.ChoiceField(label=_("Then set the status to"), required=False)
    resources = ResourceLinksField(
        label=_("Link resources from the resource hub"),
        required=False,
        help_text=_("Paste the address of each resource (or the last part of it), one per line."),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
    )
    attachments = attachments_field()

    def __init__(self, *args, ticket, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = STAFF_TRANSITIONS.get(ticket.status, set())
        self.fields["new_status"].choices = [("", _("(unchanged)"))] + [
            (value, label) for value, label in Ticket.Status.choices if value in allowed
        ]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Ticket.Status.choices)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, ticket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(hub_roles__hub_id=ticket.hub_id, hub_roles__is_active=True)
            .order_by("display_name")
        )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How useful was the answer?"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open")), ("all", _("All"))] + list(Ticket.Status.choices),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All"))] + list(Ticket.Category.choices),
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=[("", _("All"))] + list(Ticket.Priority.choices),
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    hub = forms.ModelChoiceField(
        label=_("Regional hub"), required=False, queryset=Hub.objects.none(), to_field_name="slug"
    )

    def __init__(self, *args, hubs, show_hub: bool, user, **kwargs):
        super().__init__(*args, **kwargs)
        staff = (
            HubStaff.objects.filter(hub__in=hubs, is_active=True)
            .select_related("user")
            .order_by("user__display_name")
        )
        people = {s.user_id: s.user.display_name for s in staff}
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Nobody")),
        ] + [(str(pk), name) for pk, name in people.items()]
        if show_hub:
            self.fields["hub"].queryset = hubs
        else:
            del self.fields["hub"]


def canned_reply_for(ticket, canned_id) -> str:
    """The text of one of the ticket's hub's canned replies, in the ticket's language."""
    try:
        canned = CannedReply.objects.get(pk=int(canned_id), hub_id=ticket.hub_id)
    except (TypeError, ValueError, CannedReply.DoesNotExist):
        return ""
    language = ticket.language if ticket.language in dict(settings.LANGUAGES) else "en"
    return canned.body_in(language)
