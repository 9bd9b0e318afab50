from modeltranslation.translator import TranslationOptions, register

from surveys.models import Question, ReminderRule, Survey


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "intro")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text", "choices")


@register(ReminderRule)
class ReminderRuleTranslation(TranslationOptions):
    fields = ("subject", "body")
