from modeltranslation.translator import TranslationOptions, register

from members.models import City, GuidingPrinciples, StrategicPriority, ThematicArea


@register(StrategicPriority)
class StrategicPriorityTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ThematicArea)
class ThematicAreaTranslation(TranslationOptions):
    fields = ("name", "description")


@register(GuidingPrinciples)
class GuidingPrinciplesTranslation(TranslationOptions):
    fields = ("text",)


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "summary")
