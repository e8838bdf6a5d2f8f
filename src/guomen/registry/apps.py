from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "guomen.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self):
        from guomen.core.timeline import register_labeler

        from .timeline import enterprise_event_label, production_base_event_label

        register_labeler("production_base", production_base_event_label)
        register_labeler("enterprise", enterprise_event_label)
