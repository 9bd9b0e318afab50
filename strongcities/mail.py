"""Send a templated email in the recipient's language, as HTML and plain text."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(*, template: str, to: str, language: str, context: dict) -> None:
    """Render templates/<template>_subject.txt, _message.txt and _message.html."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, "LANGUAGE_CODE": language, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}_message.txt", context)
        html = render_to_string(f"{template}_message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()
