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
        _limit_image_pixels()


def _limit_image_pixels() -> None:
    """Every image Pillow opens in Guomen refuses to decode past the pixel limit (decompression bombs)."""
    from django.conf import settings
    from PIL import Image

    # Pillow raises DecompressionBombError past twice MAX_IMAGE_PIXELS (and only warns below that).
    Image.MAX_IMAGE_PIXELS = int(getattr(settings, "GUOMEN_MAX_IMAGE_PIXELS", 80_000_000)) // 2
