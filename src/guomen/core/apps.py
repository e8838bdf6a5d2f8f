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

        from .schedule import check_schedule_settings, register_periodic

        checks.register(check_schedule_settings, "guomen")
        register_periodic(
            "core.audit-seal",
            "guomen.core.tasks.audit_seal_task",
            every_minutes=settings.GUOMEN_AUDIT_SEAL_EVERY_MINUTES,
        )
        self._register_queues()
        _limit_image_pixels()

    @staticmethod
    def _register_queues() -> None:
        from guomen.accounts.choices import Role

        from .work import Queue, register_queue

        register_queue(
            Queue(
                "approvals",
                _("Waiting for my approval"),
                frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR}),
                "guomen.core.work:approval_count",
                "core:approvals",
                order=30,
            ),
        )


def _limit_image_pixels() -> None:
    """Every image Pillow opens in Guomen refuses to decode past the pixel limit (decompression bombs)."""
    from django.conf import settings
    from PIL import Image

    # Pillow raises DecompressionBombError past twice MAX_IMAGE_PIXELS (and only warns below that).
    Image.MAX_IMAGE_PIXELS = int(getattr(settings, "GUOMEN_MAX_IMAGE_PIXELS", 80_000_000)) // 2
