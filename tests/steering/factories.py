import datetime

import factory
from django.core.files.base import ContentFile

from steering.demo import demo_pdf
from steering.models import (
    ActionPlan,
    Decision,
    Meeting,
    MeetingPaper,
    PlanPriority,
    ProgressUpdate,
)


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan
        django_get_or_create = ("year", "half")

    year = 2026
    half = 1
    summary_en = "Public summary of the plan."
    status = ActionPlan.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC))


class PlanPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanPriority

    plan = factory.SubFactory(ActionPlanFactory)
    kind = PlanPriority.Kind.TRAINING
    title_en = factory.Sequence(lambda n: f"Public priority {n}")
    description_en = "Restricted details of the priority."
    status = PlanPriority.Status.IN_PROGRESS


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    priority = factory.SubFactory(PlanPriorityFactory)
    occurred_on = datetime.date(2026, 3, 1)
    note_en = "Restricted progress note."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title_en = factory.Sequence(lambda n: f"Committee meeting {n}")
    held_on = datetime.date(2026, 6, 11)
    agenda_en = "1. Secret agenda item"
    minutes_en = "Confidential minutes."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    text_en = "The plan is adopted."


class MeetingPaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingPaper

    meeting = factory.SubFactory(MeetingFactory)
    title_en = factory.Sequence(lambda n: f"Paper {n}")
    file = factory.LazyFunction(lambda: ContentFile(demo_pdf("Paper"), name="paper.pdf"))
