"""Keep the search entries' facet tags current when the many-to-many links change
(saving a resource refreshes its whole entry itself: Resource.save)."""

from django.db.models.signals import m2m_changed, post_save

from resources.models import Resource
from resources.search import refresh_search_tags

RELATIONS = ("themes", "priorities", "hubs", "cities")


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        # which resources lose the link is only known before the clear
        instance._search_clear_ids = list(
            sender.objects.filter(**{sender_target(sender): instance.pk}).values_list(
                "resource_id", flat=True
            )
        )
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh_search_tags([instance.pk])
    elif action == "post_clear":
        refresh_search_tags(getattr(instance, "_search_clear_ids", []))
    else:
        refresh_search_tags(list(pk_set or []))


def sender_target(through) -> str:
    """The through model's column naming the other side (thematicarea_id, ...)."""
    return next(
        f.attname for f in through._meta.concrete_fields if f.is_relation and f.name != "resource"
    )


def _label_changed(sender, instance, created, **kwargs):
    """A theme's slug, a priority's number or a hub's slug is part of the tags."""
    if not created:
        refresh_search_tags(list(instance.resources.values_list("pk", flat=True)))


def connect() -> None:
    for name in RELATIONS:
        field = Resource._meta.get_field(name)
        m2m_changed.connect(
            _links_changed, sender=field.remote_field.through, dispatch_uid=f"search:{name}"
        )
        if name != "cities":
            post_save.connect(
                _label_changed, sender=field.related_model, dispatch_uid=f"search-label:{name}"
            )
