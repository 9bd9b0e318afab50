"""The engagement dashboard's table rows, written in Python: 50 members with their
checklists were most of the dashboard's rendering time through the template engine."""

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from strongcities.listing import fill

register = template.Library()

# One row of templates/members/engagement_dashboard.html's table, as the template wrote it.
ROW = """
    <tr>
      <td><a href="{url}?year={year}">{name}</a><br><span class="muted">{country}</span></td>
      <td>{hub}</td>
      <td><span class="status status-{status}">{status_label}</span></td>
      <td><ul class="checklist">{checklist}</ul></td>
      <td>{reasons}</td>
    </tr>
  """
ITEM = '<li class="{css}">{label}<span class="visually-hidden">: {state}</span></li>'


@register.simple_tag
def engagement_rows(rows, year):
    """The rows of members.engagement.table_rows(), each linking to the member's page."""
    met, not_met = _("met"), _("not met")
    year = localize(year)
    html = []
    for row in rows:
        checklist = "".join(
            fill(ITEM, css="met", label=item["label"], state=met)
            if item["met"]
            else fill(ITEM, css="unmet", label=item["label"], state=not_met)
            for item in row["checklist"]
        )
        reasons = (
            SafeString(
                '<ul class="reasons">'
                + "".join(fill("<li>{reason}</li>", reason=reason) for reason in row["reasons"])
                + "</ul>"
            )
            if row["reasons"]
            else SafeString("")
        )
        html.append(
            fill(
                ROW,
                url=row["url"],
                year=year,
                name=row["name"],
                country=row["country"],
                hub=row["hub"],
                status=row["status"],
                status_label=row["status_label"],
                checklist=SafeString(checklist),  # each item made by fill()
                reasons=reasons,
            )
        )
    return SafeString("".join(html))
