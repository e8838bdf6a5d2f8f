from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "guomen.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from pathlib import Path

        from django.conf import settings
        from django.core import checks

        from .i18n import compile_catalogues

        compile_catalogues(Path(settings.BASE_DIR))

        from .schedule import check_schedule_settings

        checks.register(check_schedule_settings, "guomen")
