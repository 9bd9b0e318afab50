from django import template
from django.conf import settings
from django.template.base import render_value_in_context
from django.urls import get_script_prefix, translate_url
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from strongcities import listing, text
from strongcities.permissions import can as can_do

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in every language, for the language switcher. The portal's paths
    are the same in every language but for their prefix, so the prefix is swapped: what
    translate_url() returns for them, without resolving and reversing the path three
    times (a third of the site frame's rendering time)."""
    request = context["request"]
    current = get_language()
    path = request.get_full_path()
    prefix = f"{get_script_prefix()}{current}/"
    links = []
    for code, _name in settings.LANGUAGES:
        if path.startswith(prefix):
            url = f"{get_script_prefix()}{code}/{path[len(prefix) :]}"
        else:
            url = translate_url(path, code)
        links.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": url,
                "current": code == current,
            }
        )
    return links


# Each language's name in itself, for the switcher.
LANGUAGE_NAMES = {code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES}


@register.simple_tag(takes_context=True)
def can(context, action, obj=None):
    """{% can "members.edit_city" city as may_edit %}"""
    return can_do(context["request"].user, action, obj)


@register.simple_tag(takes_context=True)
def select_options(context, choices, selected):
    """The <option>s of a filter's <select>, as
    {% for value, label in choices %}<option value="{{ value }}"{% if value == selected %}
    selected{% endif %}>{{ label }}</option>{% endfor %} writes them (without the line
    break), in one go: a list of every country was a few hundred template nodes."""
    html = []
    for value, label in choices:
        html.append(
            '<option value="'
            + render_value_in_context(value, context)
            + ('" selected>' if value == selected else '">')
            + render_value_in_context(label, context)
            + "</option>"
        )
    return mark_safe("".join(html))  # noqa: S308 - every value and label escaped above


@register.filter
def absolute(url):
    """strongcities.text.absolute_url: {{ resource.cover_image.url|absolute }}."""
    return text.absolute_url(str(url))


@register.filter(needs_autoescape=True)
def comma_join(values, autoescape=True):
    """strongcities.text.comma_join, escaping each item."""
    if not autoescape:
        return text.comma_join(values)
    return format_html_join(text.list_separator(), "{}", ((value,) for value in values))


@register.filter(needs_autoescape=True)
def colon(label, autoescape=True):
    """A label and the language's colon ({{ _("Priority")|colon }}): French sets it off
    with a no-break space ("Priorité :"), which a colon typed after the tag cannot do."""
    mark = text.colon_mark()
    if not autoescape:
        return f"{label}{mark}"
    return mark_safe(f"{conditional_escape(label)}{conditional_escape(mark)}")  # noqa: S308 - both escaped


@register.simple_tag
def lang_attrs(code: str) -> str:
    """` lang=".." dir=".."` for text in another language than the page's (a resource
    that falls back to English on an Arabic page), so it reads in its own direction;
    nothing for text in the page's language."""
    if not code or code == get_language():
        return ""
    return format_html(' lang="{}" dir="{}"', code, text.direction(code))


@register.simple_tag
def lang_of(instance, field: str) -> str:
    """lang_attrs for the language `instance.<field>` is shown in on this page."""
    return lang_attrs(listing.shown_language(instance, field))
