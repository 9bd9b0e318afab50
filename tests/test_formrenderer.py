"""The Python widget renderer writes exactly what Django's widget templates write."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from events.forms import AttendanceImportForm
from hubs.helpdesk_forms import QueueFilterForm, StaffReplyForm, TicketForm
from members.forms import CityProfileForm
from members.models import City
from strongcities.formrenderer import FastWidgetRenderer
from tests.factories import CityFactory, HubFactory, HubStaffFactory
from tests.hubs.factories import TicketFactory


class StoredFile:
    """What ClearableFileInput shows for a file already saved."""

    name = 'logos/a "b" <c>.png'
    url = "/media/logos/a%20b.png?x=1&y=2"

    def __str__(self):
        return self.name


class EveryWidget(forms.Form):
    text = forms.CharField(
        widget=forms.TextInput(
            attrs={
                "dir": "auto",
                "required": True,
                "disabled": False,
                "data-x": 'a "quoted" <b> & c',
                "data-safe": mark_safe("<i>"),
                "data-lazy": gettext_lazy("Open"),
                "maxlength": 20,
                "data-none": None,
                "data-tuple": (1, 2),
            }
        )
    )
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"min": 0}))
    decimal = forms.DecimalField(localize=True)
    email = forms.EmailField()
    url = forms.URLField(assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    datetime = forms.DateTimeField()
    time = forms.TimeField()
    checkbox = forms.BooleanField(required=False)
    textarea = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    empty_textarea = forms.CharField(widget=forms.Textarea, required=False)
    select = forms.ChoiceField(
        choices=[
            ("", "---"),
            ("a", "A & <b>"),
            (
                gettext_lazy("Group"),
                [("g1", gettext_lazy("Open")), ("g2", mark_safe("<em>2</em>"))],
            ),
            (3, 3),
        ]
    )
    select_multiple = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y"), ("z", "Z")])
    radio = forms.ChoiceField(
        choices=[("1", "One"), ("2", 'Two "2"'), ("Grouped", [("3", "Three")])],
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )
    checkboxes = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B <b>")], widget=forms.CheckboxSelectMultiple
    )
    no_id_checkboxes = forms.MultipleChoiceField(
        choices=[("a", "A")], widget=forms.CheckboxSelectMultiple
    )
    file = forms.FileField(widget=forms.FileInput(attrs={"accept": ".pdf,.png"}))
    clearable = forms.FileField(required=False)
    clearable_required = forms.FileField()
    split = forms.SplitDateTimeField()


VALUES = {
    "text": 'x "y" <z>',
    "number": 5,
    "decimal": "1234.5",
    "email": "a@b.example",
    "url": "https://example.org/?a=1&b=2",
    "password": "secret<>",
    "hidden": 7,
    "date": "2026-01-02",
    "datetime": "2026-01-02 03:04",
    "time": "03:04",
    "checkbox": True,
    "textarea": "line one\n<script>two</script>",
    "select": "g2",
    "select_multiple": ["x", "z"],
    "radio": "2",
    "checkboxes": ["b"],
    "no_id_checkboxes": ["a"],
}


def render_both(form):
    """Each field of `form` rendered by Django's templates and by the fast renderer."""
    pairs = []
    for renderer in (DjangoTemplates(), FastWidgetRenderer()):
        form.renderer = renderer
        pairs.append([str(form[name]) for name in form.fields])
    return list(zip(form.fields, *pairs, strict=True))


def assert_same(form):
    for name, template_html, fast_html in render_both(form):
        assert fast_html == template_html, name


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_widget_unbound_and_bound_is_rendered_as_the_templates_do(language):
    with translation.override(language):
        assert_same(EveryWidget())
        assert_same(EveryWidget(auto_id=False))
        assert_same(EveryWidget(initial={**VALUES, "clearable": StoredFile()}))
        bound = EveryWidget(VALUES, {"file": SimpleUploadedFile("a.pdf", b"%PDF")})
        bound.is_valid()  # errors do not change the widgets
        assert_same(bound)


def test_clearable_file_input_with_a_stored_file():
    form = EveryWidget(initial={"clearable": StoredFile(), "clearable_required": StoredFile()})
    fields = {name: fast for name, _template, fast in render_both(form)}
    assert 'href="/media/logos/a%20b.png?x=1&amp;y=2"' in fields["clearable"]
    assert "clearable-clear" in fields["clearable"]
    assert "clearable_required-clear" not in fields["clearable_required"]
    assert_same(form)


def test_disabled_and_checked_clear_box():
    form = EveryWidget(initial={"clearable": StoredFile()})
    form.fields["clearable"].widget.attrs.update(disabled=True, checked=True)
    assert_same(form)


@pytest.mark.django_db
def test_the_portal_forms_are_rendered_as_the_templates_do():
    hub = HubFactory()
    city = CityFactory(hub=hub)
    staff = HubStaffFactory(hub=hub).user
    ticket = TicketFactory(hub=hub, city=city)
    assert_same(CityProfileForm(instance=City.objects.get(pk=city.pk)))
    assert_same(
        QueueFilterForm(hubs=type(hub).objects.all(), show_hub=True, user=staff, data={"q": "x"})
    )
    assert_same(TicketForm(cities=City.objects.filter(pk=city.pk)))
    assert_same(StaffReplyForm(ticket=ticket))
    assert_same(AttendanceImportForm())


def test_a_widget_template_the_renderer_does_not_know_goes_to_the_engine():
    renderer = FastWidgetRenderer()
    assert "django/forms/widgets/multiwidget.html" not in renderer.fast_templates
    form = EveryWidget()
    form.renderer = renderer
    assert str(form["split"]).count("<input") == 2


def test_the_portal_uses_it(settings):
    assert settings.FORM_RENDERER == "strongcities.formrenderer.FastWidgetRenderer"
    # Django's own templates are found, so the comparisons above exercise the fast path.
    written = FastWidgetRenderer().fast_templates
    for name in ("text", "textarea", "select", "checkbox_select", "radio", "clearable_file_input"):
        assert f"django/forms/widgets/{name}.html" in written
