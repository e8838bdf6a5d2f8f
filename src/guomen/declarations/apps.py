from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "guomen.declarations"
    label = "declarations"
    verbose_name = _("Declarations")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.timeline import register_labeler

        from .ephyto import ephyto_event_label
        from .timeline import declaration_event_label

        register_labeler("declaration", declaration_event_label)
        register_labeler("ephyto", ephyto_event_label)
        register_permissions(
            {"ephyto.import": {R.INSPECTOR, R.SUPERVISOR, R.ADMINISTRATOR, R.SYSTEM, R.ENTERPRISE}}
        )
        register_nav(NavItem("declarations:ephyto_upload", _("ePhyto certificates"), "ephyto.import", 35))
        from guomen.core.work import Queue, register_queue

        register_queue(
            Queue(
                "declarations_open",
                _("Declarations in progress"),
                frozenset({R.ENTERPRISE}),
                "guomen.declarations.selectors:declarations_in_progress",
                "declarations:list",
                order=10,
            ),
        )
