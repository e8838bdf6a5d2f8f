from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "guomen.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from guomen.core.context_processors import NavItem, register_nav

        register_nav(
            NavItem(
                "accounts:enterprise_users",
                _("Our users and systems"),
                "enterprise.users.view",
                90,
                "reference",
            )
        )
