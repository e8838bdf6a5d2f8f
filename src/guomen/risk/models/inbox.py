from django.db import models
from django.utils.translation import gettext_lazy as _


class InboxMessage(models.Model):
    """A message in a person's in-app inbox. Notices of one kind arriving close together share one digest."""

    recipient = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="risk_inbox", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=255)
    items = models.JSONField(_("items"), default=list)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    url = models.CharField(_("link"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), db_index=True)
    updated_at = models.DateTimeField(_("updated at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["recipient", "kind", "read_at", "created_at"])]
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")

    def __str__(self) -> str:
        return self.title
