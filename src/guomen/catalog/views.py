"""Catalogue pages: an HS code, a hazard with its limits, an import requirement, their forms; bulk import.
(The lists and their exports are in list_views.)"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from guomen.core.permissions import can, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import edit_page

from . import selectors, services
from .forms import HazardForm, ImportRequirementForm, ResidueLimitForm
from .imports import CATALOG_IMPORT_KINDS
from .models import ResidueLimit
from .ui import bulk_import, bulk_template


@login_required
def hs_detail(request, code: str):
    hs = selectors.hs_get(user=request.user, code=code)
    ancestors = []
    node = hs.parent
    while node is not None:
        ancestors.insert(0, node)
        node = node.parent
    context = {
        "hs": hs,
        "ancestors": ancestors,
        "children": selectors.hs_children(hs=hs),
        "requirements": selectors.import_requirement_list(
            user=request.user, hs=hs.code[:6] if hs.level >= 6 else hs.code
        ),
        "limits": selectors.residue_limit_list(user=request.user).filter(hs=hs),
        "declarable": hs.level in selectors.DECLARABLE_LEVELS,
    }
    return render(request, "catalog/hs_detail.html", context)


# Hazards ------------------------------------------------------------------------------------------


@login_required
def hazard_detail(request, pk: int):
    hazard = selectors.hazard_get(user=request.user, pk=pk)
    context = {
        "hazard": hazard,
        "limits": selectors.residue_limit_list(user=request.user, hazard=hazard),
        "requirements": hazard.requirements.select_related("hs", "origin"),
        "timeline": timeline_entries(audit_timeline(obj=hazard)),
        "can_edit": can(request.user, "catalog.edit"),
    }
    return render(request, "catalog/hazard_detail.html", context)


@login_required
def hazard_edit(request, pk: int | None = None):
    require(request.user, "catalog.edit")
    hazard = selectors.hazard_get(user=request.user, pk=pk) if pk is not None else None
    form = HazardForm(request.POST or None, instance=hazard)
    return edit_page(
        request,
        form,
        hazard,
        create=services.hazard_create,
        update=lambda obj, **kw: services.hazard_update(hazard=obj, **kw),
        success=_("Hazard saved."),
        redirect_to=lambda h: reverse("catalog:hazard_detail", args=[h.pk]),
        title=_("Hazard"),
    )


@login_required
def limit_edit(request, hazard_pk: int, pk: int | None = None):
    require(request.user, "catalog.edit")
    hazard = selectors.hazard_get(user=request.user, pk=hazard_pk)
    limit = ResidueLimit.objects.filter(hazard=hazard, pk=pk).first() if pk is not None else None
    if pk is not None and limit is None:
        raise Http404
    form = ResidueLimitForm(request.POST or None, instance=limit)
    return edit_page(
        request,
        form,
        limit,
        create=lambda data, actor: services.residue_limit_create(
            data={**data, "hazard": hazard}, actor=actor
        ),
        update=lambda obj, **kw: services.residue_limit_update(limit=obj, **kw),
        success=_("Limit saved."),
        redirect_to=lambda _limit: reverse("catalog:hazard_detail", args=[hazard.pk]),
        title=_("Limit for %(hazard)s") % {"hazard": hazard.display_name},
    )


# Import requirements ------------------------------------------------------------------------------


@login_required
def requirement_detail(request, pk: int):
    requirement = selectors.import_requirement_get(user=request.user, pk=pk)
    context = {
        "requirement": requirement,
        "timeline": timeline_entries(audit_timeline(obj=requirement)),
        "can_edit": can(request.user, "catalog.edit"),
    }
    return render(request, "catalog/requirement_detail.html", context)


@login_required
def requirement_edit(request, pk: int | None = None):
    require(request.user, "catalog.edit")
    requirement = selectors.import_requirement_get(user=request.user, pk=pk) if pk is not None else None
    form = ImportRequirementForm(request.POST or None, instance=requirement)
    return edit_page(
        request,
        form,
        requirement,
        create=services.import_requirement_create,
        update=lambda obj, **kw: services.import_requirement_update(requirement=obj, **kw),
        success=_("Import requirement saved."),
        redirect_to=lambda r: reverse("catalog:requirement_detail", args=[r.pk]),
        title=_("Import requirement"),
    )


# Bulk import --------------------------------------------------------------------------------------


def _kind_or_404(slug: str):
    if slug not in CATALOG_IMPORT_KINDS:
        raise Http404
    return CATALOG_IMPORT_KINDS[slug]


@login_required
def import_page(request, kind: str):
    back = reverse("catalog:hazard_list" if kind == "hazards" else "catalog:requirement_list")
    return bulk_import(request, _kind_or_404(kind), back_url=back)


@login_required
def import_template(request, kind: str, fmt: str):
    return bulk_template(request, _kind_or_404(kind), fmt)
