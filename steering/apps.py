from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "steering"
    verbose_name = _("Steering Committee")

    def ready(self):
        from django.db.models.signals import post_delete

        from steering.models import MeetingPaper
        from steering.papers import delete_paper_file

        # Housekeeping, not a business flow: a deleted paper (alone, or with its
        # meeting, or in a bulk admin action) must not leave its file behind.
        post_delete.connect(delete_paper_file, sender=MeetingPaper, dispatch_uid="steering-paper")
