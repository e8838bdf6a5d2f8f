from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "guomen.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.db.models.signals import post_save

        from guomen.accounts.choices import Role as R
        from guomen.clearance.announce import register_listener
        from guomen.core.permissions import register_permissions
        from guomen.core.schedule import register_periodic
        from guomen.inspections.models import RectificationRequest

        from .flow import on_clearance_event, on_rectification_saved

        # every signed-in person has an inbox of their own (system clients read theirs through the API)
        register_permissions({"notification.view": {r for r in R.values}})
        register_listener(on_clearance_event)
        post_save.connect(
            on_rectification_saved, sender=RectificationRequest, dispatch_uid="notify_rectification"
        )
        register_periodic("notifications.digest", "guomen.notifications.tasks.send_digests_task", at="07:30")
