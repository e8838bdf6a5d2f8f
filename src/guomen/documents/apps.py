from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentsConfig(AppConfig):
    name = "guomen.documents"
    label = "documents"
    verbose_name = pgettext_lazy("library", "Documents")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import ALL_STAFF, register_permissions

        register_permissions(
            {
                "document.view": set(ALL_STAFF),
                "document.edit": {R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
            }
        )
        register_nav(
            NavItem("documents:list", pgettext_lazy("library", "Documents"), "document.view", 85, "reference")
        )

        from guomen.core.timeline import register_labeler

        register_labeler("document", label_index_event)


def label_index_event(event):
    """How the indexing events read in a document's history; other document verbs read the generic way."""
    from .choices import IndexFailure

    after = event.after or {}
    if event.verb == "document.indexed":
        return _("Text indexed"), _("%(pages)s pages, %(chars)s characters") % {
            "pages": after.get("pages", 0),
            "chars": after.get("characters", 0),
        }
    if event.verb == "document.index_failed":
        reason = after.get("index_error", "")
        return _("Indexing failed"), str(dict(IndexFailure.choices).get(reason, reason))
    if event.verb == "document.index_retry":
        return _("Indexing queued again"), ""
    return None
