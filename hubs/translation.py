from modeltranslation.translator import TranslationOptions, register

from hubs.models import CannedReply, Hub


@register(Hub)
class HubTranslation(TranslationOptions):
    fields = ("name", "description")


@register(CannedReply)
class CannedReplyTranslation(TranslationOptions):
    fields = ("title", "body")
