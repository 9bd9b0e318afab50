"""The survey figure: a survey opened to every reachable focal point, delivered to a local
SMTP sink (bench/smtp_sink.py, aiosmtpd), against plain smtplib sending the same
messages to the same sink. Run by bench/run.py, each part in a process of its own:

    survey.py --deliver SIZE PORT SAMPLES   the portal: open, then the worker's work
    survey.py --smtplib PORT SAMPLES        plain smtplib, one SMTP session, no Django

--deliver runs the Celery tasks eager, with Celery's in-memory transport instead of the
broker, so this one process does what a worker does: the fan-out task, then every batch
task; REDIS_URL stays set, for the worker's sent journal (surveys/journal.py). It counts
SQL statements (Django's execute wrapper: BEGIN/COMMIT are not statements), times the
delivery and reports the process's peak RSS. It writes the recipients and one rendered
message per language to SAMPLES, for the smtplib baseline to send the same 10,000
messages.
"""

from __future__ import annotations

import json
import resource
import smtplib
import sys
import time
from email import message_from_bytes, policy


def deliver(port: int, samples_path: str) -> dict:
    from measure import setup

    setup()
    from django.db import connection
    from django.utils import timezone

    from strongcities.celery import app as celery_app
    from strongcities.mail import templated_message
    from surveys import services
    from surveys.models import Survey, SurveyDelivery
    from surveys.tasks import fan_out_survey

    survey = Survey.objects.filter(title_en__startswith="Bench survey").order_by("pk").first()
    # a fresh start each run: the same survey, back to draft, no messages, and the dead
    # rows of the last run vacuumed (back-to-back runs leave autovacuum no time: each
    # left ~23,000 in the table, and its updates slowed run after run)
    SurveyDelivery.objects.filter(survey=survey).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {SurveyDelivery._meta.db_table}")
    Survey.objects.filter(pk=survey.pk).update(
        status=Survey.Status.DRAFT, opened_at=None, opens_on=timezone.localdate()
    )
    survey.refresh_from_db()

    statements = {"open": 0, "deliver": 0}
    phase = ["open"]

    def count(execute, sql, params, many, context):
        statements[phase[0]] += 1
        return execute(sql, params, many, context)

    # The staff page's work: the rows, and one fan-out task handed to the broker
    # (here Celery's in-memory transport, which nobody reads).
    # (the configuration comes from Django's settings with the CELERY_ prefix)
    celery_app.conf.CELERY_BROKER_URL = "memory://"
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        queued = services.open_survey(survey)
    open_s = time.perf_counter() - started

    # The worker's work: the fan-out task, then each batch task, in this process.
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = True
    phase[0] = "deliver"
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        fan_out_survey.apply((survey.pk,))
    deliver_s = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    sent = SurveyDelivery.objects.filter(survey=survey, status="sent").count()
    recipients = list(
        SurveyDelivery.objects.filter(survey=survey)
        .order_by("pk")
        .values_list("recipient__email", "language")
    )
    samples = {}
    for row in SurveyDelivery.objects.filter(survey=survey).select_related(
        "recipient", "city", "survey"
    )[:200]:
        if row.language in samples:
            continue
        template, context = services.render_survey_delivery(row)
        message = templated_message(
            template=template,
            to=row.recipient.email,
            language=row.language,
            context={"recipient": row.recipient, "city": row.city, **context},
        )
        samples[row.language] = message.message().as_bytes().decode()
    with open(samples_path, "w") as out:
        json.dump({"recipients": recipients, "samples": samples}, out)
    return {
        "queued": queued,
        "sent": sent,
        "open_seconds": round(open_s, 3),
        "open_statements": statements["open"],
        "deliver_seconds": round(deliver_s, 3),
        "deliver_statements": statements["deliver"],
        "rate": sent / deliver_s if deliver_s else 0,
        "statements_per_message": statements["deliver"] / sent if sent else None,
        "peak_rss_mb": round(rss_mb, 1),
    }


def plain_smtplib(port: int, samples_path: str) -> dict:
    """The same messages (each recipient gets the rendered message of their language,
    addressed to them), sent over one SMTP session with the standard library only."""
    with open(samples_path) as source:
        data = json.load(source)
    templates = {
        lang: message_from_bytes(text.encode(), policy=policy.SMTP)
        for lang, text in data["samples"].items()
    }
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for email, language in data["recipients"]:
            message = templates.get(language) or next(iter(templates.values()))
            del message["To"]
            message["To"] = email
            smtp.sendmail("no-reply@strongcities.example", [email], message.as_bytes())
    elapsed = time.perf_counter() - started
    sent = len(data["recipients"])
    return {"sent": sent, "seconds": round(elapsed, 3), "rate": sent / elapsed if elapsed else 0}


def main() -> None:
    if sys.argv[1] == "--deliver":
        result = deliver(int(sys.argv[3]), sys.argv[4])
    else:
        result = plain_smtplib(int(sys.argv[2]), sys.argv[3])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
