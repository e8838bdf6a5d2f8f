from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import DocumentKind, DocumentStatus, IndexFailure, IndexState


class Document(BaseModel):
    """A regulation, standard, protocol or notice, with its extracted text and jieba tokens for search.

    A file's text is extracted and indexed by a background task (documents.indexing): `index_state`
    says where that stands, `index_error` why it failed; `index_generation` counts the requests, so
    a task working on a file that has since been replaced drops its result.

    `index_title` and `index_body` hold the space-joined jieba tokens the full-text index was built
    from (SQLite FTS5 reads them as its external content; PostgreSQL keeps a tsvector and a short
    ranking vector beside them, see documents.search).
    Only documents.search writes them.
    """

    kind = models.CharField(_("type"), max_length=30, choices=DocumentKind.choices, db_index=True)
    number = models.CharField(_("document number"), max_length=80, blank=True)
    number_norm = models.CharField(max_length=80, blank=True, db_index=True, editable=False)
    number_base = models.CharField(max_length=80, blank=True, db_index=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE
    )
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
        verbose_name=_("replaced by"),
    )
    commodities = models.ManyToManyField(
        "catalog.HsCode", blank=True, related_name="documents", verbose_name=_("commodities (HS)")
    )
    countries = models.ManyToManyField(
        "catalog.Country", blank=True, related_name="documents", verbose_name=_("countries and regions")
    )
    hazards = models.ManyToManyField(
        "catalog.Hazard", blank=True, related_name="documents", verbose_name=_("hazards")
    )
    public = models.BooleanField(_("public"), default=False)
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    text = models.TextField(_("text"), blank=True)
    index_title = models.TextField(blank=True, editable=False)
    index_body = models.TextField(blank=True, editable=False)
    indexed_at = models.DateTimeField(_("indexed at"), null=True, blank=True, editable=False)
    index_state = models.CharField(
        _("search index"),
        max_length=20,
        choices=IndexState.choices,
        default=IndexState.QUEUED,
        editable=False,
    )
    index_error = models.CharField(
        _("indexing failed because"), max_length=20, choices=IndexFailure.choices, blank=True, editable=False
    )
    index_generation = models.PositiveIntegerField(default=0, editable=False)
    index_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["kind", "status"])]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def searchable(self) -> bool:
        return self.index_state == IndexState.INDEXED

    @property
    def in_force(self) -> bool:
        return self.status == DocumentStatus.IN_FORCE
