from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every domain table: timestamps and a version number for optimistic locking."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """Append-only record of every master-data edit and state change.

    Writers only insert (no lock on anything shared); the sealer (`core.audit.audit_seal`) later gives each new
    event its place in the log (`seq`), chains it to the previous event (`prev_hash`, `hash`) and signs a
    checkpoint. An event with no `seq` is recorded but not sealed yet."""

    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    verb = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    org_path = models.CharField(_("jurisdiction"), max_length=255, blank=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    seq = models.BigIntegerField(_("position in the log"), null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "id"]),
            models.Index(fields=["id"], condition=models.Q(seq__isnull=True), name="core_audit_unsealed"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.pk} {self.verb} {self.object_type}:{self.object_id}"


class AuditChainHead(models.Model):
    """The sealed log's newest hash and length. Only the sealer writes (and locks) it; writers never touch it."""

    last_hash = models.CharField(max_length=64)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.count} events, head {self.last_hash[:12]}"


class AuditCheckpoint(models.Model):
    """A signed statement of the sealed log's length and newest hash; the same line is in the checkpoint file."""

    count = models.BigIntegerField(_("events"), unique=True)
    head_hash = models.CharField(max_length=64)
    signed_at = models.CharField(_("signed at"), max_length=40)
    key_id = models.CharField(max_length=32)
    signature = models.CharField(max_length=128)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        ordering = ["count"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")

    def __str__(self) -> str:
        return f"{self.count} @ {self.signed_at}"


class IdempotencyRecord(models.Model):
    """The first response to a request carrying an Idempotency-Key, replayed on retries."""

    key = models.CharField(max_length=200)
    principal = models.CharField(max_length=150)
    endpoint = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["principal", "endpoint", "key"], name="uniq_idempotency_key")
        ]

    def __str__(self) -> str:
        return f"{self.principal} {self.endpoint} {self.key}"


class JobRun(models.Model):
    """Progress and log of a long-running job that the UI polls."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=60)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    log = models.TextField(_("log"), blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"


class ScheduledRun(models.Model):
    """One slot of a periodic job that the scheduler claimed: unique per (job, due time), so two workers or a
    restart never enqueue the same slot twice. `enqueued_at` is empty for the slot recorded when the scheduler
    first saw a job (it starts at the job's next time rather than running at once)."""

    name = models.CharField(_("job"), max_length=100)
    due_at = models.DateTimeField(_("due at"))
    enqueued_at = models.DateTimeField(_("enqueued at"), null=True, blank=True)
    result_id = models.CharField(_("task result"), max_length=64, blank=True)
    manual = models.BooleanField(_("run by hand"), default=False)

    class Meta:
        ordering = ["-due_at"]
        constraints = [models.UniqueConstraint(fields=["name", "due_at"], name="uniq_scheduled_slot")]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self) -> str:
        return f"{self.name} @ {timezone.localtime(self.due_at):%Y-%m-%d %H:%M}"


class NumberSequence(models.Model):
    """The last number handed out under a key (e.g. a port and a day). Advanced by core.numbering in one statement,
    on PostgreSQL outside the caller's transaction, so numbering never holds a lock while the caller works."""

    key = models.CharField(max_length=80, primary_key=True)
    last = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key} {self.last}"


class WorkerLease(models.Model):
    """A running `guomen worker`'s lease, renewed by its heartbeat. The tasks a worker was running when its lease
    ran out (the process was killed, the machine lost power) are taken over by another worker: run once more, or
    failed with the reason (see core.leases)."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
