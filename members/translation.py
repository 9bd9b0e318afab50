from modeltranslation.translator import TranslationOptions, register

from members.models import City, GuidingPrinciples, Leader, StrategicPriority, ThematicArea


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
    fields = ("name", "summary", "approach", "local_priorities", "contact_page")


@register(Leader)
class LeaderTranslation(TranslationOptions):
    fields = ("title",)
