"""Form widgets rendered in Python, byte for byte as Django's own widget templates.

Django renders every widget through its template engine: an input is a template that
includes "attrs.html", a select one more template per option, a group of checkboxes
three nested includes per choice. On a page with a large form (My city: about thirty
fields, two lists of checkboxes) that was most of the page's time. This renderer
writes the same HTML directly for Django's built-in widget templates and hands
anything else (another template, one overridden by an app, a form or field layout)
to the template engine as before. tests/test_formrenderer.py compares both for every
widget the portal uses.
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"

# Django's templates that only include input.html (text.html, number.html, ...).
INPUT_TEMPLATES = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "file",
        "checkbox",
    )
}
OPTION_TEMPLATES = {f"{WIDGETS}checkbox_option.html", f"{WIDGETS}radio_option.html"}
MULTIPLE_INPUT_TEMPLATES = {f"{WIDGETS}checkbox_select.html", f"{WIDGETS}radio.html"}
SELECT_TEMPLATE = f"{WIDGETS}select.html"
SELECT_OPTION_TEMPLATE = f"{WIDGETS}select_option.html"
TEXTAREA_TEMPLATE = f"{WIDGETS}textarea.html"
CLEARABLE_FILE_TEMPLATE = f"{WIDGETS}clearable_file_input.html"
# The templates the ones above include: if an app overrides any of them, its own
# template is rendered instead (see `fast_templates`).
INCLUDED = {
    f"{WIDGETS}attrs.html",
    f"{WIDGETS}input_option.html",
    f"{WIDGETS}multiple_input.html",
}

# What the engine gives {{ }} here: autoescape on, no localisation or time zone override.
_CONTEXT = Context(autoescape=True)


def _out(value) -> str:
    """{{ value }}"""
    return render_value_in_context(value, _CONTEXT)


def _string(value) -> str:
    """{{ value|stringformat:'s' }}"""
    if isinstance(value, tuple):
        value = str(value)
    try:
        formatted = "%s" % value  # noqa: UP031 - what the stringformat filter does
    except (ValueError, TypeError):
        formatted = ""
    if isinstance(value, SafeData):
        return formatted
    return conditional_escape(formatted)


def _attrs(attrs: dict) -> str:
    """attrs.html"""
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(" " + _out(name))
            if value is not True:
                out.append('="' + _string(value) + '"')
    return "".join(out)


def _input(widget: dict) -> str:
    """input.html"""
    value = widget["value"]
    shown = ' value="' + _string(value) + '"' if value != None else ""  # noqa: E711 - as the template
    return (
        '<input type="'
        + _out(widget["type"])
        + '" name="'
        + _out(widget["name"])
        + '"'
        + shown
        + _attrs(widget["attrs"])
        + ">\n"
    )


def _input_option(option: dict) -> str:
    """input_option.html (a checkbox or a radio button, maybe in its label)"""
    html = _input(option)
    if option["wrap_label"]:
        option_id = option["attrs"].get("id")
        label_for = ' for="' + _out(option_id) + '"' if option_id else ""
        html = "<label" + label_for + ">" + html + " " + _out(option["label"]) + "</label>"
    return html + "\n"


class FastWidgetRenderer(DjangoTemplates):
    """settings.FORM_RENDERER"""

    def render(self, template_name, context, request=None):
        render = self.fast_templates.get(template_name)
        if render is not None:
            html = render(self, context["widget"])
            if html is not None:
                return html.strip()
        return super().render(template_name, context, request=request)

    @cached_property
    def fast_templates(self) -> dict:
        """Our renderers for Django's templates, dropping any that an app overrides."""
        table = dict.fromkeys(INPUT_TEMPLATES, FastWidgetRenderer._input_template)
        table.update(dict.fromkeys(MULTIPLE_INPUT_TEMPLATES, FastWidgetRenderer._multiple_input))
        table[SELECT_TEMPLATE] = FastWidgetRenderer._select
        table[TEXTAREA_TEMPLATE] = FastWidgetRenderer._textarea
        table[CLEARABLE_FILE_TEMPLATE] = FastWidgetRenderer._clearable_file
        own = Path(forms.__file__).parent / "templates"
        for name in [*table, *OPTION_TEMPLATES, SELECT_OPTION_TEMPLATE, *INCLUDED]:
            origin = Path(self.get_template(name).origin.name)
            if not origin.is_relative_to(own):
                return {}  # an app overrides a widget template: render them all as it says
        return table

    # Each returns the template's output before strip(), or None to use the template.

    def _input_template(self, widget: dict) -> str:
        # text.html and the others: {% include input.html %} plus the file's newline
        return _input(widget) + "\n"

    def _textarea(self, widget: dict) -> str:
        value = widget["value"]
        return (
            '<textarea name="'
            + _out(widget["name"])
            + '"'
            + _attrs(widget["attrs"])
            + ">\n"
            + (_out(value) if value else "")
            + "</textarea>\n"
        )

    def _select(self, widget: dict) -> str | None:
        out = ['<select name="', _out(widget["name"]), '"', _attrs(widget["attrs"]), ">"]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                out.append('\n  <optgroup label="' + _out(group_name) + '">')
            for option in group_choices:
                if option["template_name"] != SELECT_OPTION_TEMPLATE:
                    return None
                out.append(
                    '\n  <option value="'
                    + _string(option["value"])
                    + '"'
                    + _attrs(option["attrs"])
                    + ">"
                    + _out(option["label"])
                    + "</option>\n"
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>\n")
        return "".join(out)

    def _multiple_input(self, widget: dict) -> str | None:
        # radio.html / checkbox_select.html: {% include multiple_input.html %} + newline
        widget_id = widget["attrs"].get("id", "")
        css_class = widget["attrs"].get("class")
        out = ["<div"]
        if widget_id:
            out.append(' id="' + _out(widget_id) + '"')
        if css_class:
            out.append(' class="' + _out(css_class) + '"')
        out.append(">")
        for group, options, _index in widget["optgroups"]:
            if group:
                out.append("\n  <div><label>" + _out(group) + "</label>")
            for option in options:
                if option["template_name"] not in OPTION_TEMPLATES:
                    return None
                # checkbox_option.html: {% include input_option.html %} + newline
                out.append("<div>\n    " + _input_option(option) + "\n</div>")
            if group:
                out.append("\n  </div>")
        out.append("\n</div>\n\n")
        return "".join(out)

    def _clearable_file(self, widget: dict) -> str:
        out = []
        if widget["is_initial"]:
            out.append(
                _out(widget["initial_text"])
                + ': <a href="'
                + _out(widget["value"].url)
                + '">'
                + _out(widget["value"])
                + "</a>"
            )
            if not widget["required"]:
                attrs = widget["attrs"]
                out.append(
                    '\n<input type="checkbox" name="'
                    + _out(widget["checkbox_name"])
                    + '" id="'
                    + _out(widget["checkbox_id"])
                    + '"'
                    + (" disabled" if attrs.get("disabled") else "")
                    + (" checked" if attrs.get("checked") else "")
                    + '>\n<label for="'
                    + _out(widget["checkbox_id"])
                    + '">'
                    + _out(widget["clear_checkbox_label"])
                    + "</label>"
                )
            out.append("<br>\n" + _out(widget["input_text"]) + ":")
        out.append(
            '\n<input type="'
            + _out(widget["type"])
            + '" name="'
            + _out(widget["name"])
            + '"'
            + _attrs(widget["attrs"])
            + ">\n"
        )
        return "".join(out)
