"""Export production chain pages (phone-friendly): sites, input records, batches, the batches of an export
declaration and its supervised loading (监装). The site and batch lists have an Excel export with the page's
filters (SiteFilters, BatchFilters: the ones the API takes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from guomen.core.filters import label_of
from guomen.core.permissions import can, require, restrict
from guomen.core.ui import add_errors, page_of, render_list
from guomen.declarations.choices import FINAL_STATUSES
from guomen.declarations.selectors import declaration_get
from guomen.registry.models import Enterprise

from . import selectors, services
from .choices import SiteKind, SiteStatus
from .forms import AttachForm, BatchForm, InputForm, LoadingForm, ReviewForm, SiteForm, SiteStatusForm
from .models import LoadingPhoto
from .services.common import is_enterprise


def _save(request, form, call, *, success: str, back):
    """Form → service; on success a message and a redirect, else None (the page shows the errors)."""
    if not form.is_valid():
        return None
    try:
        obj = call(form)
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        add_errors(form, exc)
        return None
    messages.success(request, success)
    return redirect(back(obj))


def _act(request, back: str, call, success: str):
    try:
        call()
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, " ".join(p for ps in exc.fields.values() for p in ps) or str(exc.message))
    else:
        messages.success(request, success)
    return redirect(back)


@login_required
@require_GET
def site_list(request):
    require(request.user, "exports.view")
    filters = selectors.SiteFilters.from_query(request.GET)
    context = {
        "page": page_of(request, selectors.site_list(user=request.user, filters=filters)),
        "filters": filters,
        "export_url": url_with("exports:site_export", filters),
        "statuses": SiteStatus.choices,
        "kinds": SiteKind.choices,
        "can_apply": can(request.user, "exports.site_apply"),
    }
    return render_list(request, "exports/sites.html", "exports/partials/site_rows.html", context)


SITE_KIND, SITE_STATUS = label_of(SiteKind), label_of(SiteStatus)
SITE_COLUMNS = [
    (_l("registration number"), lambda s: s.registration_number),
    (_l("name"), lambda s: s.name),
    (_l("type"), lambda s: SITE_KIND(s.kind)),
    (_l("enterprise"), lambda s: s.enterprise.name_zh),
    (_l("unified social credit code"), lambda s: s.enterprise.uscc),
    (_l("HK/Macao supply"), lambda s: s.hk_macao),
    (_l("registered on"), lambda s: s.registered_on),
    (_l("annual review due"), lambda s: s.review_due),
    (_l("status"), lambda s: SITE_STATUS(s.status)),
    (_l("supervising unit"), lambda s: s.org.name),
]
site_export = export_view(
    "exports.view",
    selectors.site_list,
    selectors.SiteFilters,
    SITE_COLUMNS,
    filename="export-sites.xlsx",
    back="exports:sites",
)


def _enterprise_of(user, uscc: str):
    if is_enterprise(user):
        return user.enterprise
    found = restrict(Enterprise.objects.filter(uscc=(uscc or "").strip()), user, "enterprise.view").first()
    if found is None:
        raise ValidationFailed(fields={"enterprise": [_("No such enterprise that you may see.")]})
    return found


@login_required
@require_http_methods(["GET", "POST"])
def site_new(request):
    require(request.user, "exports.site_apply")
    form = SiteForm(request.POST or None, enterprise_user=is_enterprise(request.user))

    def call(f):
        data = f.service_data()
        enterprise = _enterprise_of(request.user, data.pop("enterprise", ""))
        return services.site_apply(enterprise=enterprise, actor=request.user, **data)

    if request.method == "POST":
        done = _save(request, form, call, success=_("The application was filed."), back=_site_url)
        if done:
            return done
    return render(
        request, "exports/form.html", {"form": form, "title": _("Apply to register an export site")}
    )


def _site_url(obj):
    site = getattr(obj, "site", obj)
    return reverse("exports:site", args=[site.pk])


@login_required
@require_GET
def site_detail(request, pk):
    site = selectors.site_get(user=request.user, pk=pk)
    staff_here = not is_enterprise(request.user)
    context = {
        "site": site,
        "inputs": list(selectors.input_list(user=request.user, site=site)[:100]),
        "batches": list(selectors.batch_list(user=request.user, site=site)[:100]),
        "can_review": staff_here and can(request.user, "exports.site_review"),
        "can_input": can(request.user, "exports.input_record") and site.status != SiteStatus.CANCELLED,
        "can_batch": can(request.user, "exports.batch_record") and site.status == SiteStatus.REGISTERED,
        "status_form": SiteStatusForm(),
        "review_form": ReviewForm(),
    }
    return render(request, "exports/site.html", context)


@login_required
@require_POST
def site_status(request, pk):
    site = selectors.site_get(user=request.user, pk=pk)
    form = SiteStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new status."))
        return redirect("exports:site", pk=pk)
    d = form.cleaned_data
    return _act(
        request,
        _site_url(site),
        lambda: services.site_set_status(site=site, to=d["to"], reason=d["reason"], actor=request.user),
        _("The site's status was changed."),
    )


@login_required
@require_POST
def site_review(request, pk):
    site = selectors.site_get(user=request.user, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date of the review."))
        return redirect("exports:site", pk=pk)
    d = form.cleaned_data
    return _act(
        request,
        _site_url(site),
        lambda: services.site_annual_review(
            site=site, reviewed_on=d["reviewed_on"], note=d["note"], actor=request.user
        ),
        _("The annual review was recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def input_new(request, pk):
    site = selectors.site_get(user=request.user, pk=pk)
    require(request.user, "exports.input_record")
    form = InputForm(request.POST or None)
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda f: services.input_record(site=site, actor=request.user, **f.cleaned_data),
            success=_("The input was recorded."),
            back=_site_url,
        )
        if done:
            return done
    title = _("Input record for %(site)s") % {"site": site.name}
    return render(request, "exports/form.html", {"form": form, "title": title, "site": site})


@login_required
@require_http_methods(["GET", "POST"])
def batch_new(request, pk):
    site = selectors.site_get(user=request.user, pk=pk)
    require(request.user, "exports.batch_record")
    inputs = list(selectors.input_list(user=request.user, site=site)[:50])
    form = BatchForm(request.POST or None, site=site, inputs=inputs)
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda f: services.batch_record(site=site, actor=request.user, **f.service_data()),
            success=_("The batch was recorded."),
            back=lambda b: _batch_url(b),
        )
        if done:
            return done
    title = _("Production batch of %(site)s") % {"site": site.name}
    return render(request, "exports/form.html", {"form": form, "title": title, "site": site})


def _batch_url(batch):
    return reverse("exports:batch", args=[batch.number])


@login_required
@require_GET
def batch_list(request):
    require(request.user, "exports.view")
    filters = selectors.BatchFilters.from_query(request.GET)
    context = {
        "page": page_of(request, selectors.batch_list(user=request.user, filters=filters)),
        "filters": filters,
        "export_url": url_with("exports:batch_export", filters),
    }
    return render_list(request, "exports/batches.html", "exports/partials/batch_rows.html", context)


BATCH_COLUMNS = [
    (_l("batch number"), lambda b: b.number),
    (_l("site"), lambda b: b.site.name),
    (_l("enterprise"), lambda b: b.site.enterprise.name_zh),
    (_l("commodity"), lambda b: b.commodity_id),
    (_l("quantity"), lambda b: f"{b.quantity.normalize():f} {b.unit}"),
    (_l("harvest / production date"), lambda b: b.harvested_on),
    (_l("destination"), lambda b: b.destination.display_name),
    (_l("flagged"), lambda b: _l("Flagged") if b.flagged else _l("Clean")),
]
batch_export = export_view(
    "exports.view",
    selectors.batch_list,
    selectors.BatchFilters,
    BATCH_COLUMNS,
    filename="export-batches.xlsx",
    back="exports:batches",
)


@login_required
@require_GET
def batch_detail(request, number):
    batch = selectors.batch_get(user=request.user, number=number)
    context = {
        "batch": batch,
        "flags": [selectors.flag_text(r) for r in batch.flag_reasons or []],
        "inputs": list(batch.inputs.all()),
        "declarations": [link.declaration for link in batch.declaration_links.select_related("declaration")],
    }
    return render(request, "exports/batch.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def declaration_detail(request, number):
    """The batches an export declaration names (and the form to name more), and its supervised loadings."""
    require(request.user, "exports.view")
    declaration = declaration_get(user=request.user, number=number)
    named = selectors.declaration_batches(user=request.user, declaration=declaration)
    for batch in named:
        batch.flag_texts = [selectors.flag_text(r) for r in batch.flag_reasons or []]
    open_declaration = declaration.direction == "export" and declaration.status not in FINAL_STATUSES
    can_attach = open_declaration and can(request.user, "exports.batch_attach")
    candidates = []
    if can_attach:
        candidates = [
            b
            for b in selectors.batch_list(user=request.user).filter(
                site__enterprise=declaration.declarant_id
            )[:100]
            if b not in named
        ]
    form = AttachForm(request.POST or None, batches=candidates)
    if request.method == "POST":
        require(request.user, "exports.batch_attach")
        chosen = [b for b in candidates if b.number in request.POST.getlist("batches")]
        done = _save(
            request,
            form,
            lambda f: services.declaration_batches_attach(
                declaration=declaration, batches=chosen, actor=request.user
            ),
            success=_("The batches were named on the declaration."),
            back=lambda _links: request.path,
        )
        if done:
            return done
    context = {
        "declaration": declaration,
        "batches": named,
        "form": form if can_attach and candidates else None,
        "loadings": list(selectors.loading_list(user=request.user, declaration=declaration)),
        "loading_required": any(
            selectors.needs_supervised_loading(hk_macao=b.site.hk_macao, destination=b.destination_id)
            for b in named
        ),
        "can_load": open_declaration and can(request.user, "exports.loading_record"),
    }
    return render(request, "exports/declaration.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def loading_new(request, number):
    """监装 on the phone: container, seal, time and photos."""
    require(request.user, "exports.loading_record")
    declaration = declaration_get(user=request.user, number=number)
    form = LoadingForm(request.POST or None)
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda f: services.loading_record(
                declaration=declaration,
                photos=[u.read() for u in request.FILES.getlist("photos")],
                actor=request.user,
                **f.cleaned_data,
            ),
            success=_("The supervised loading was recorded."),
            back=lambda _obj: _declaration_url(declaration),
        )
        if done:
            return done
    context = {"form": form, "declaration": declaration}
    return render(request, "exports/loading.html", context)


def _declaration_url(declaration):
    return reverse("exports:declaration", args=[declaration.number])


@login_required
@require_GET
def loading_photo(request, pk):
    """A photo of a supervised loading, for whoever may see the loading."""
    photo = LoadingPhoto.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if photo is None:
        raise NotFound()
    selectors.loading_get(user=request.user, pk=photo.loading_id)  # NotFound outside the user's reach
    return FileResponse(photo.image.open("rb"), content_type="image/jpeg")
