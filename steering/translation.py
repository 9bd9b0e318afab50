from modeltranslation.translator import TranslationOptions, register

from steering.models import (
    ActionPlan,
    Committee,
    CommitteeMember,
    Decision,
    Indicator,
    Meeting,
    MeetingPaper,
    PlanPriority,
    ProgressUpdate,
)


@register(Committee)
class CommitteeTranslation(TranslationOptions):
    fields = ("mandate",)


@register(CommitteeMember)
class CommitteeMemberTranslation(TranslationOptions):
    fields = ("position",)


@register(ActionPlan)
class ActionPlanTranslation(TranslationOptions):
    fields = ("summary",)


@register(PlanPriority)
class PlanPriorityTranslation(TranslationOptions):
    fields = ("title", "description")


@register(ProgressUpdate)
class ProgressUpdateTranslation(TranslationOptions):
    fields = ("note",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "location", "agenda", "minutes")


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("text",)


@register(MeetingPaper)
class MeetingPaperTranslation(TranslationOptions):
    fields = ("title",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description")
