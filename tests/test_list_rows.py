"""The long tables (helpdesk queue, participants list, engagement dashboard) are written
by Python row tags: each writes what the page's template loop wrote cell by cell before,
for every branch of it (kept below as the specification)."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from events import selectors as event_selectors
from events.models import Registration
from hubs import helpdesk_selectors
from hubs.models import Ticket
from members import engagement, services
from members.models import City, GuidingPrinciples
from strongcities.listing import url_filler
from tests.events.conftest import make_event
from tests.factories import CityFactory, FocalPointFactory, UserFactory
from tests.hubs.factories import TicketFactory

QUEUE_LOOP = """{% load i18n %}{% for ticket in page %}
    <tr>
      <td><a href="{{ ticket.get_absolute_url }}"><bdi>{{ ticket.reference }}</bdi></a></td>
      <td class="subject" dir="auto">{{ ticket.subject }}</td>
      <td>{{ ticket.city.name }}</td>
      {% if is_staff_view %}<td>{{ ticket.hub.name }}</td>{% endif %}
      <td>{{ ticket.get_category_display }}</td>
      <td><span class="priority priority-{{ ticket.priority }}">{{ ticket.get_priority_display }}</span></td>
      <td><span class="ticket-status status-{{ ticket.status }}">{{ ticket.get_status_display }}</span>{% if is_staff_view and ticket.is_overdue %} <strong class="overdue">{% translate "Overdue" %}</strong>{% endif %}</td>
      {% if is_staff_view %}<td>{% if ticket.assignee %}<bdi>{{ ticket.assignee.display_name }}</bdi>{% else %}<span class="muted">{% translate "Nobody" %}</span>{% endif %}</td>{% endif %}
      <td><time datetime="{{ ticket.created_at|date:'c' }}">{{ ticket.created_at|timesince }}</time></td>
    </tr>
  {% endfor %}"""  # noqa: E501

PARTICIPANTS_LOOP = """{% load i18n %}{% for row in page %}
    <tr>
      <td>{{ row.person_name }}{% if row.is_guest %} <span class="badge">{% translate "Guest" %}</span>{% endif %}<br><span class="muted"><bdi>{{ row.email }}</bdi></span>{% if row.guest_organisation %}<br>{{ row.guest_organisation }}{% endif %}</td>
      <td>{{ row.city.name|default:"—" }}</td>
      <td>{{ row.get_status_display }}</td>
      <td>{% if row.accessibility_needs %}{% translate "Accessibility" %}: {{ row.accessibility_needs }}<br>{% endif %}{% if row.dietary_needs %}{% translate "Diet" %}: {{ row.dietary_needs }}<br>{% endif %}{% if row.interpretation_language %}{% translate "Interpretation" %}: {{ row.get_interpretation_language_display }}{% endif %}</td>
      <td class="no-print">
        <form method="post" action="{% url 'events:registration-action' slug=event.slug pk=row.pk %}" class="inline-form">{% csrf_token %}
          {% if row.status == "pending" %}
            <button name="action" value="approve" class="button">{% translate "Approve" %}</button>
            <button name="action" value="decline" class="link-button">{% translate "Decline" %}</button>
          {% elif has_started and row.status in "confirmed attended no_show" %}
            {% if row.status != "attended" %}<button name="action" value="attended" class="button">{% translate "Attended" %}</button>{% endif %}
            {% if row.status != "no_show" %}<button name="action" value="no_show" class="link-button">{% translate "Did not attend" %}</button>{% endif %}
          {% elif row.status == "confirmed" or row.status == "waiting" %}
            <button name="action" value="cancel" class="link-button">{% translate "Cancel" %}</button>
          {% endif %}
        </form>
        {% if row.status == "attended" %}<a href="{% url 'events:registration-certificate' slug=event.slug pk=row.pk %}">{% translate "Certificate (PDF)" %}</a>{% endif %}
      </td>
    </tr>
  {% endfor %}"""  # noqa: E501

ENGAGEMENT_LOOP = """{% load i18n %}{% for row in page %}
    <tr>
      <td><a href="{% url 'engagement:city' row.city.country.code|lower row.city.slug %}?year={{ year }}">{{ row.city.name }}</a><br><span class="muted">{{ row.city.country.name }}</span></td>
      <td>{% if row.city.hub %}{{ row.city.hub.name }}{% else %}{% translate "No regional hub (Management Unit)" %}{% endif %}</td>
      <td><span class="status status-{{ row.status }}">{{ row.status_label }}</span></td>
      <td><ul class="checklist">{% for item in row.checklist %}<li class="{% if item.met %}met{% else %}unmet{% endif %}">{{ item.label }}<span class="visually-hidden">: {% if item.met %}{% translate "met" %}{% else %}{% translate "not met" %}{% endif %}</span></li>{% endfor %}</ul></td>
      <td>{% if row.reasons %}<ul class="reasons">{% for reason in row.reasons %}<li>{{ reason }}</li>{% endfor %}</ul>{% endif %}</td>
    </tr>
  {% endfor %}"""  # noqa: E501


def render(source, **context):
    return engines["django"].from_string(source).render(context)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize("is_staff_view", [True, False])
def test_queue_rows_are_what_the_queue_template_wrote(network, language, is_staff_view):
    now = timezone.now()
    city = network.city_a
    TicketFactory(city=city, subject='Plan <b>"youth"</b> & co', priority="urgent")
    TicketFactory(
        city=city,
        status=Ticket.Status.IN_PROGRESS,
        category=Ticket.Category.INCIDENT,
        assignee=network.users["hub_a"],
        created_at=now - datetime.timedelta(days=3, hours=2),
        first_response_due=now - datetime.timedelta(days=1),
    )
    TicketFactory(city=city, status=Ticket.Status.RESOLVED, resolution_due=now)
    # a city named in English only: its name falls back as modeltranslation's would
    english_only = CityFactory(hub=city.hub, name_ar="", name_fr="")
    TicketFactory(city=english_only, created_at=now - datetime.timedelta(minutes=5))
    tickets = Ticket.objects.select_related("city", "hub", "assignee").order_by("-created_at")
    with translation.override(language):
        page = Paginator(tickets, 50).get_page(1)
        expected = render(QUEUE_LOOP, page=page, is_staff_view=is_staff_view)
        rows = helpdesk_selectors.queue_rows(helpdesk_selectors.queue_row_values(tickets))
        written = render(
            "{% load helpdesk %}{% queue_rows rows is_staff_view %}",
            rows=rows,
            is_staff_view=is_staff_view,
        )
    assert written == expected
    assert ("overdue" in written) is is_staff_view
    assert english_only.name_en in written


@pytest.mark.django_db
@pytest.mark.parametrize("has_started", [True, False])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_participant_rows_are_what_the_participants_template_wrote(network, has_started, language):
    now = timezone.now()
    starts_at = now - datetime.timedelta(hours=1) if has_started else now + datetime.timedelta(1)
    event = make_event(
        hub=network.hub_a, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=3)
    )
    for n, status in enumerate(Registration.Status.values):
        user = UserFactory(display_name=f"Person <{n}>")
        Registration.objects.create(
            event=event,
            user=user,
            city=network.city_a if n % 2 else None,
            status=status,
            accessibility_needs="Step-free <access>" if n % 2 else "",
            dietary_needs="Vegetarian" if n % 3 else "",
            interpretation_language="fr" if n % 2 else "",
        )
        Registration.objects.create(
            event=event,
            guest_name=f"Guest & {n}",
            guest_email=f"guest{n}@example.org",
            guest_organisation="Partner (fictional)" if n % 2 else "",
            guest_language="ar",
            status=status,
            interpretation_language="sw",
        )
    with translation.override(language):
        page = Paginator(event_selectors.participants(event), 100).get_page(1)
        expected = render(
            PARTICIPANTS_LOOP,
            page=page,
            event=event,
            has_started=has_started,
            csrf_token="a-token",
        )
        rows_page = Paginator(event_selectors.participants_page(event), 100).get_page(1)
        written = render(
            "{% load participants %}{% participant_rows rows has_started %}",
            rows=event_selectors.participant_rows(rows_page, event),
            has_started=has_started,
            csrf_token="a-token",
        )
    assert written == expected
    assert 'value="approve"' in written and ('value="no_show"' in written) is has_started


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_engagement_rows_are_what_the_dashboard_template_wrote(network, language):
    GuidingPrinciples.objects.create(
        version=1, text_en="v1", published_on=datetime.date(2023, 9, 20)
    )
    year = timezone.localdate().year
    services.agree_to_principles(city=network.city_a, user=network.users["focal_a"])
    services.record_engagement(
        city=network.city_a, kind="event_attended", occurred_on=datetime.date(year, 1, 2)
    )
    services.set_agreed_expectations(city=network.city_a, year=year, additional=["answer_surveys"])
    lone = CityFactory(hub=None, name_en="Lone <city>", country="FR")
    FocalPointFactory(city=CityFactory(hub=network.hub_b, country="JO"))
    cities = City.objects.filter(pk__in=[network.city_a.pk, network.city_b.pk, lone.pk])
    with translation.override(language):
        rows = engagement.engagement_rows(cities.order_by("pk"), year)
        expected = render(ENGAGEMENT_LOOP, page=rows, year=year)
        written = render(
            "{% load engagement %}{% engagement_rows rows year %}",
            rows=engagement.table_rows(rows),
            year=year,
        )
    assert written == expected
    assert 'class="unmet"' in written and 'class="met"' in written


@pytest.mark.django_db
def test_url_filler_gives_what_reverse_gives(network):
    ticket_url = url_filler("helpdesk:ticket-detail", "reference")
    for reference in ("HD-AB23-CD45-EF67", "with space", "é", "x{y}"):
        assert ticket_url(reference) == reverse(
            "helpdesk:ticket-detail", kwargs={"reference": reference}
        )
    city_url = url_filler("engagement:city", "country", "slug")
    assert city_url("ke", "city-a") == reverse(
        "engagement:city", kwargs={"country": "ke", "slug": "city-a"}
    )
    action_url = url_filler("events:registration-action", "pk", slug="an-event")
    assert action_url(42) == reverse(
        "events:registration-action", kwargs={"slug": "an-event", "pk": 42}
    )
    with translation.override("fr"):
        assert url_filler("engagement:city", "country", "slug")("ke", "x").startswith("/fr/")


def test_fill_escapes_as_format_html_does():
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from strongcities.listing import fill

    values = {
        "text": "a \"b\" <c> & 'd'",
        "safe": mark_safe("<em>kept</em>"),
        "lazy": gettext_lazy("Overdue"),
        "number": 12,
        "nothing": None,
        "inner": fill("<i>{x}</i>", x="<x>"),
    }
    template = "<p>{text}|{safe}|{lazy}|{number}|{nothing}|{inner}</p>"
    assert fill(template, **values) == format_html(template, **values)
