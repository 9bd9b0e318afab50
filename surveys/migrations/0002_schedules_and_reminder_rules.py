"""Schedules are data (django-celery-beat), editable in the admin; so are the three
reminder rules the network needs, each with a schedule of its own."""

import json

from django.db import migrations

SWEEP_TASK = "surveys.tasks.send_pending_deliveries"
SURVEY_REMINDERS_TASK = "surveys.tasks.queue_survey_reminders"
RULE_TASK = "surveys.tasks.evaluate_reminder_rule"

RULES = [
    {
        "name": "Members with no network event this year",
        "trigger": "no_event_this_year",
        "repeat": "quarter",
        "tell_hub": True,
        # 1 March, 1 June, 1 September and 1 November: dates staff may change
        "crontab": {"minute": "0", "hour": "7", "day_of_month": "1", "month_of_year": "3,6,9,11"},
        "subject": {
            "en": "Your city has not taken part in a network event this year",
            "fr": "Votre ville n'a pas encore participé à un événement du réseau cette année",
            "ar": "لم تشارك مدينتكم في أي فعالية للشبكة هذا العام",
        },
        "body": {
            "en": "Hello {name},\n\nTaking part in one network event or regional workshop each "
            "year is one of the expectations of every member of the Strong Cities Network. We "
            "have not yet recorded an event for {city} this year.\n\nSee the upcoming events "
            "and workshops: {link}\n\nStrong Cities Network Management Unit",
            "fr": "Bonjour {name},\n\nParticiper chaque année à un événement du réseau ou à un "
            "atelier régional fait partie des engagements attendus de chaque membre du Strong "
            "Cities Network. Nous n'avons encore enregistré aucun événement pour {city} cette "
            "année.\n\nDécouvrez les prochains événements et ateliers : {link}\n\nL'Unité de "
            "gestion du Strong Cities Network",
            "ar": "مرحبًا {name}،\n\nتُعدّ المشاركة في فعالية واحدة للشبكة أو ورشة عمل إقليمية كل "
            "عام من التوقعات الأساسية لكل عضو في شبكة المدن القوية. لم نسجّل بعد أي مشاركة "
            "لمدينة {city} هذا العام.\n\nاطّلعوا على الفعاليات وورش العمل القادمة: {link}\n\n"
            "وحدة إدارة المدن القوية",
        },
    },
    {
        "name": "City profiles not reviewed for 12 months",
        "trigger": "profile_not_reviewed_12_months",
        "repeat": "quarter",
        "tell_hub": False,
        "crontab": {"minute": "0", "hour": "7", "day_of_week": "1"},
        "subject": {
            "en": "Please review your city's profile",
            "fr": "Merci de vérifier le profil de votre ville",
            "ar": "يرجى مراجعة ملف مدينتكم",
        },
        "body": {
            "en": "Hello {name},\n\nThe profile of {city} on the Strong Cities Network portal "
            "has not been reviewed for more than twelve months. Please check that it is still "
            "accurate and save it, even if nothing has changed: {link}\n\nStrong Cities Network "
            "Management Unit",
            "fr": "Bonjour {name},\n\nLe profil de {city} sur le portail du Strong Cities "
            "Network n'a pas été vérifié depuis plus de douze mois. Merci de vérifier qu'il est "
            "toujours exact et de l'enregistrer, même si rien n'a changé : {link}\n\nL'Unité de "
            "gestion du Strong Cities Network",
            "ar": "مرحبًا {name}،\n\nلم تتم مراجعة ملف مدينة {city} على بوابة شبكة المدن القوية "
            "منذ أكثر من اثني عشر شهرًا. يرجى التأكد من أن معلوماته لا تزال دقيقة وحفظه، حتى "
            "وإن لم يتغير شيء: {link}\n\nوحدة إدارة المدن القوية",
        },
    },
    {
        "name": "Members that have not agreed to the current Guiding Principles",
        "trigger": "principles_not_agreed",
        "repeat": "month",
        "tell_hub": False,
        "crontab": {"minute": "0", "hour": "7", "day_of_week": "1"},
        "subject": {
            "en": "Please agree to the Guiding Principles",
            "fr": "Merci d'adhérer aux Principes directeurs",
            "ar": "يرجى الموافقة على المبادئ التوجيهية",
        },
        "body": {
            "en": "Hello {name},\n\nEvery member of the Strong Cities Network agrees, in word "
            "and deed, to the network's Guiding Principles. {city} has not yet agreed to the "
            "current version. You can read them and agree on your city's behalf here: {link}"
            "\n\nStrong Cities Network Management Unit",
            "fr": "Bonjour {name},\n\nChaque membre du Strong Cities Network adhère, en paroles "
            "et en actes, aux Principes directeurs du réseau. {city} n'a pas encore adhéré à "
            "leur version actuelle. Vous pouvez les lire et y adhérer au nom de votre ville "
            "ici : {link}\n\nL'Unité de gestion du Strong Cities Network",
            "ar": "مرحبًا {name}،\n\nيوافق كل عضو في شبكة المدن القوية، قولًا وفعلًا، على "
            "المبادئ التوجيهية للشبكة. لم توافق مدينة {city} بعد على النسخة الحالية منها. "
            "يمكنكم الاطلاع عليها والموافقة عليها نيابةً عن مدينتكم هنا: {link}\n\n"
            "وحدة إدارة المدن القوية",
        },
    },
]


def forwards(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    ReminderRule = apps.get_model("surveys", "ReminderRule")

    every_ten_minutes, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Send survey and reminder emails not sent yet",
        defaults={"task": SWEEP_TASK, "interval": every_ten_minutes},
    )
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="*", month_of_year="*"
    )
    PeriodicTask.objects.get_or_create(
        name="Survey reminders and hub-lead notices",
        defaults={"task": SURVEY_REMINDERS_TASK, "crontab": daily},
    )
    for data in RULES:
        when = {"day_of_week": "*", "day_of_month": "*", "month_of_year": "*", **data["crontab"]}
        crontab, _ = CrontabSchedule.objects.get_or_create(**when)
        rule, _ = ReminderRule.objects.get_or_create(
            name=data["name"],
            defaults={
                "trigger": data["trigger"],
                "repeat": data["repeat"],
                "tell_hub": data["tell_hub"],
                **{f"subject_{code}": text for code, text in data["subject"].items()},
                **{f"body_{code}": text for code, text in data["body"].items()},
                "subject": data["subject"]["en"],
                "body": data["body"]["en"],
            },
        )
        if rule.schedule_id is None:
            task, _ = PeriodicTask.objects.get_or_create(
                name=f"Reminder rule: {data['name']}",
                defaults={"task": RULE_TASK, "crontab": crontab, "args": json.dumps([rule.pk])},
            )
            rule.schedule = task
            rule.save(update_fields=["schedule"])


def backwards(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(task__in=[SWEEP_TASK, SURVEY_REMINDERS_TASK, RULE_TASK]).delete()
    apps.get_model("surveys", "ReminderRule").objects.filter(
        name__in=[r["name"] for r in RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
