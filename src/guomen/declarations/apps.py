from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "guomen.declarations"
    label = "declarations"
    verbose_name = _("Declarations")

    def ready(self):
        from guomen.core.timeline import register_labeler

        from .timeline import declaration_event_label

        register_labeler("declaration", declaration_event_label)
