"""Send a templated email in the recipient's language, as HTML and plain text."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def templated_message(
    *, template: str, to: str, language: str, context: dict, connection=None, headers=None
) -> EmailMultiAlternatives:
    """Render templates/<template>_subject.txt, _message.txt and _message.html."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, "LANGUAGE_CODE": language, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}_message.txt", context)
        html = render_to_string(f"{template}_message.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to], connection=connection, headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def send_templated_mail(
    *, template: str, to: str, language: str, context: dict, connection=None, headers=None
) -> None:
    """Render and send one message; pass an open `connection` to send many over one
    SMTP session, `headers` for extra ones (List-Unsubscribe, a stable Message-ID)."""
    templated_message(
        template=template,
        to=to,
        language=language,
        context=context,
        connection=connection,
        headers=headers,
    ).send()
