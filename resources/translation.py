from modeltranslation.translator import TranslationOptions, register

from resources.models import Resource


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = (
        "title",
        "summary",
        "body",
        "approach",
        "aim",
        "target_group",
        "methods",
        "results",
        "lessons_learned",
        "contact_point",
        "quote",
        "quote_attribution",
        "author_organisation",
    )
