"""Demo export certificates: the most recent released exports of the demo bureau get theirs (the vegetables for
Hong Kong a phytosanitary certificate with its ePhyto), one of them replaced with a reason by a second
supervisor, so the list, the certificate page, the downloads and the public check all have something to show."""

from django.db.models import Exists, OuterRef

from guomen.accounts.models import User
from guomen.declarations.models import Declaration

from . import services
from .models import ExportCertificate

COUNT = 12


def seed_demo(bureau, rng) -> dict:
    issuer = User.objects.filter(username="supervisor_sz").first()
    second = User.objects.filter(username="supervisor2_sz").first()
    if issuer is None:
        return {}
    without = ~Exists(ExportCertificate.objects.filter(declaration=OuterRef("pk")))
    released = list(
        Declaration.objects.filter(direction="export", status="released", port__path__startswith="/GACC/SZ/")
        .filter(without)
        .order_by("-updated_at", "-id")[:COUNT]
    )
    issued = []
    for declaration in released:
        issued += services.certificates_issue_for_declaration(
            declaration=declaration, actor=issuer, issued_at=declaration.updated_at
        )
    phyto = [c for c in issued if c.kind == "phytosanitary" and c.has_ephyto]
    replaced = 0
    if phyto and second is not None:
        services.certificate_replace(
            certificate=phyto[-1],
            actor=second,
            reason="更正运输工具号码",
            additional_declarations=["本批货物来自供港澳蔬菜种植基地，经检疫未发现检疫性有害生物。"],
        )
        replaced = 1
    return {"export_certificates": len(issued) + replaced, "ephyto": len(phyto) + replaced}
