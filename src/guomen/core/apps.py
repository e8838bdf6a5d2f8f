from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "guomen.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.core import checks

        from .schedule import check_schedule_settings

        checks.register(check_schedule_settings, "guomen")
