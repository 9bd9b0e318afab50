from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrongCitiesConfig(AppConfig):
    name = "strongcities"
    verbose_name = _("Accounts and access")

    def ready(self):
        from strongcities.pagecache import connect_invalidation

        connect_invalidation()
