"""Demo notifications: each demo enterprise user has a few about its own consignments (a hold first, so the
inbox → consignment path can be tried), the newest unread, and an e-mail address for the digest demo."""

from django.urls import reverse
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.declarations.choices import DeclarationStatus as S
from guomen.declarations.models import Declaration
from guomen.inspections.choices import Disposition
from guomen.inspections.models import RectificationRequest

from .choices import Kind
from .models import Notification
from .services import notify

KEEP_UNREAD = 5
HELD_AS = {
    S.RETURNED: Disposition.RETURN,
    S.DESTROYED: Disposition.DESTROY,
    S.TREATMENT: Disposition.TREATMENT,
}
PICKS = [
    (Kind.DECLARATION_HELD, [S.RETURNED, S.DESTROYED, S.TREATMENT], {}),
    (Kind.DECLARATION_SELECTED, [S.UNDER_INSPECTION, S.PENDING_DISPOSITION], {}),
    (Kind.DECLARATION_RELEASED, [S.RELEASED], {}),
]


def seed_demo(bureau, rng) -> dict:
    users = User.objects.filter(role=Role.ENTERPRISE, is_active=True, enterprise__isnull=False)
    made = 0
    for user in users:
        if not user.email:
            user.email = f"{user.username}@example.com"
            user.save(update_fields=["email"])
        for kind, statuses, extra in PICKS:
            declaration = (
                Declaration.objects.filter(declarant_id=user.enterprise_id, status__in=statuses)
                .order_by("-submitted_at")
                .first()
            )
            if declaration is None:
                continue
            if kind == Kind.DECLARATION_HELD:
                extra = {"decision": str(Disposition(HELD_AS[declaration.status]).label)}
            made += notify(
                recipients=[user],
                kind=kind,
                params={"number": declaration.number, **extra},
                url=reverse("declarations:detail", args=[declaration.number]),
                ref=f"declarations.declaration:{declaration.pk}",
            )
        rectification = RectificationRequest.objects.filter(enterprise_id=user.enterprise_id).first()
        if rectification is not None:
            made += notify(
                recipients=[user],
                kind=Kind.RECTIFICATION_REQUESTED,
                params={"subject": rectification.subject, "due": rectification.due_date.isoformat()},
                url=reverse("inspections:rectification_detail", args=[rectification.pk]),
                ref=f"inspections.rectificationrequest:{rectification.pk}",
            )
        # older ones read and out of the digest, so the demo inbox shows a few new ones, not a backlog
        keep = list(
            Notification.objects.filter(recipient=user)
            .order_by("-created_at", "-id")
            .values_list("id", flat=True)[:KEEP_UNREAD]
        )
        now = timezone.now()
        Notification.objects.filter(recipient=user).exclude(pk__in=keep).update(read_at=now, emailed_at=now)
    return {"notifications": Notification.objects.count(), "demo_notifications_added": made}
