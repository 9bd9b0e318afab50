"""The participants list's table rows, written in Python: a page of 100 participants with
their needs and action buttons was most of the page's time through the template engine."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from strongcities.listing import fill

register = template.Library()

# One row of templates/events/participants.html's table, as the template wrote it.
ROW = """
    <tr>
      <td>{person_name}{guest}<br><span class="muted"><bdi>{email}</bdi></span>{organisation}</td>
      <td>{city}</td>
      <td>{status_label}</td>
      <td>{needs}</td>
      <td class="no-print">
        <form method="post" action="{action_url}" class="inline-form">{csrf}
          {actions}
        </form>
        {certificate}
      </td>
    </tr>
  """
BUTTON = '<button name="action" value="{value}" class="{css}">{label}</button>'
INDENT = "\n            "


@register.simple_tag(takes_context=True)
def participant_rows(context, rows, has_started):
    """The rows of events.selectors.participant_rows(), with the actions open to the
    organisers for each status."""
    none = SafeString("")
    token = context.get("csrf_token")
    csrf = (
        fill('<input type="hidden" name="csrfmiddlewaretoken" value="{token}">', token=token)
        if token and token != "NOTPROVIDED"
        else none
    )
    guest = fill(' <span class="badge">{label}</span>', label=_("Guest"))
    accessibility, diet, interpretation = _("Accessibility"), _("Diet"), _("Interpretation")
    approve = fill(BUTTON, value="approve", css="button", label=_("Approve"))
    decline = fill(BUTTON, value="decline", css="link-button", label=_("Decline"))
    attended = fill(BUTTON, value="attended", css="button", label=_("Attended"))
    no_show = fill(BUTTON, value="no_show", css="link-button", label=_("Did not attend"))
    cancel = fill(BUTTON, value="cancel", css="link-button", label=_("Cancel"))
    certificate = _("Certificate (PDF)")
    html = []
    for row in rows:
        status = row["status"]
        if status == "pending":
            actions = INDENT + approve + INDENT + decline + "\n          "
        elif has_started and status in "confirmed attended no_show":
            actions = (
                INDENT
                + (attended if status != "attended" else "")
                + INDENT
                + (no_show if status != "no_show" else "")
                + "\n          "
            )
        elif status in ("confirmed", "waiting"):
            actions = INDENT + cancel + "\n          "
        else:
            actions = ""
        needs = []
        if row["accessibility_needs"]:
            needs.append(
                fill("{label}: {text}<br>", label=accessibility, text=row["accessibility_needs"])
            )
        if row["dietary_needs"]:
            needs.append(fill("{label}: {text}<br>", label=diet, text=row["dietary_needs"]))
        if row["interpretation_language"]:
            needs.append(
                fill("{label}: {text}", label=interpretation, text=row["interpretation_label"])
            )
        html.append(
            fill(
                ROW,
                person_name=row["person_name"],
                guest=guest if row["is_guest"] else none,
                email=row["email"],
                organisation=(
                    fill("<br>{text}", text=row["guest_organisation"])
                    if row["guest_organisation"]
                    else none
                ),
                city=row["city"] or "—",
                status_label=row["status_label"],
                needs=SafeString("".join(needs)),  # each part made by fill()
                action_url=row["action_url"],
                csrf=csrf,
                actions=SafeString(actions),  # made of fill() parts and whitespace
                certificate=(
                    fill(
                        '<a href="{url}">{label}</a>', url=row["certificate_url"], label=certificate
                    )
                    if status == "attended"
                    else none
                ),
            )
        )
    return SafeString("".join(html))
