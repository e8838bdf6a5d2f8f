from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "guomen.inspections"
    label = "inspections"
    verbose_name = _("Inspections")

    def ready(self):
        from guomen.core.timeline import register_labeler

        from .timeline import inspection_event_label

        register_labeler("inspection", inspection_event_label)
