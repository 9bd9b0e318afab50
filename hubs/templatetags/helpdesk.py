"""The helpdesk queue's table rows, written in Python: 50 rows of a dozen cells each were
most of the queue's rendering time through the template engine."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from strongcities.listing import fill

register = template.Library()

# One row of templates/helpdesk/ticket_list.html's table, as the template wrote it.
ROW = """
    <tr>
      <td><a href="{url}"><bdi>{reference}</bdi></a></td>
      <td class="subject" dir="auto">{subject}</td>
      <td>{city}</td>
      {hub_cell}
      <td>{category}</td>
      <td><span class="priority priority-{priority}">{priority_label}</span></td>
      <td><span class="ticket-status status-{status}">{status_label}</span>{overdue}</td>
      {assignee_cell}
      <td><time datetime="{opened}">{age}</time></td>
    </tr>
  """


@register.simple_tag
def queue_rows(rows, is_staff_view):
    """The rows of hubs.helpdesk_selectors.queue_rows(); hub, overdue mark and assignee
    for hub staff and the Management Unit only."""
    overdue = fill(' <strong class="overdue">{label}</strong>', label=_("Overdue"))
    nobody = fill('<td><span class="muted">{label}</span></td>', label=_("Nobody"))
    none = SafeString("")
    html = []
    for row in rows:
        if is_staff_view:
            hub_cell = fill("<td>{hub}</td>", hub=row["hub"])
            if row["assignee"]:
                assignee_cell = fill("<td><bdi>{name}</bdi></td>", name=row["assignee"])
            else:
                assignee_cell = nobody
        else:
            hub_cell = assignee_cell = none
        html.append(
            fill(
                ROW,
                url=row["url"],
                reference=row["reference"],
                subject=row["subject"],
                city=row["city"],
                hub_cell=hub_cell,
                category=row["category"],
                priority=row["priority"],
                priority_label=row["priority_label"],
                status=row["status"],
                status_label=row["status_label"],
                overdue=overdue if is_staff_view and row["is_overdue"] else none,
                assignee_cell=assignee_cell,
                opened=row["opened"],
                age=row["age"],
            )
        )
    return SafeString("".join(html))
