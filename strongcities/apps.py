from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrongCitiesConfig(AppConfig):
    name = "strongcities"
    verbose_name = _("Accounts and access")

    def ready(self):
        from strongcities.observability import (
            connect_celery_signals,
            install_log_record_factory,
        )
        from strongcities.pagecache import connect_invalidation
        from strongcities.release import release

        connect_invalidation()
        # Taken now, from the code this process loaded (strongcities/release.py).
        release()
        install_log_record_factory()
        connect_celery_signals()
