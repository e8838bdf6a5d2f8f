"""Document retrieval (文件检索) for staff: search, details, upload, edit, supersede, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from guomen.core.errors import ApplicationError
from guomen.core.permissions import can, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors, render_list

from . import indexing, selectors, services
from .choices import DocumentKind, DocumentStatus, IndexState
from .forms import DocumentForm, SupersedeForm


def search_params(request) -> dict:
    get = request.GET
    try:
        page = max(1, int(get.get("page") or 1))
    except ValueError:
        page = 1
    return {
        "q": get.get("q", "").strip()[:200],
        "kind": get.get("kind", "") if get.get("kind", "") in DocumentKind.values else "",
        "hs": get.get("hs", "").strip()[:10],
        "country": get.get("country", "").strip()[:2],
        "in_force": get.get("in_force") == "1",
        "page": page,
    }


@login_required
def document_list(request):
    params = search_params(request)
    context = {
        "params": params,
        "kinds": DocumentKind.choices,
        "can_edit": can(request.user, "document.edit"),
        "detail_url": "documents:detail",
    }
    if params["q"]:
        context["result"] = selectors.document_search_for(user=request.user, **params)
    else:
        docs = selectors.document_list(user=request.user, kind=params["kind"])
        if params["in_force"]:
            docs = docs.filter(status=DocumentStatus.IN_FORCE)
        context["recent"] = docs[:30]
    return render_list(request, "documents/list.html", "documents/partials/results.html", context)


PENDING = (IndexState.QUEUED, IndexState.INDEXING)


@login_required
def document_detail(request, pk: int):
    """The document; while its text waits to be indexed the state box polls, and the page reloads once done."""
    doc = selectors.document_get(user=request.user, pk=pk)
    can_edit = can(request.user, "document.edit")
    can_retry = can_edit and indexing.index_retry_allowed(doc)
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        if doc.index_state in PENDING:
            context = {"doc": doc, "can_retry_index": can_retry}
            return render(request, "documents/partials/index_state.html", context)
        return HttpResponseClientRefresh()
    context = {
        "doc": doc,
        "can_edit": can_edit,
        "can_retry_index": can_retry,
        "supersede_form": SupersedeForm() if can_edit and doc.in_force else None,
        "timeline": timeline_entries(audit_timeline(obj=doc)),
    }
    return render(request, "documents/detail.html", context)


@login_required
def document_file(request, pk: int):
    doc = selectors.document_get(user=request.user, pk=pk)
    if not doc.file:
        raise Http404
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.file_name or None)


@login_required
def document_edit(request, pk: int | None = None):
    require(request.user, "document.edit")
    doc = selectors.document_get(user=request.user, pk=pk) if pk else None
    form = DocumentForm(request.POST or None, request.FILES or None, instance=doc)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        file_kwargs = {"file_name": upload.name, "file_bytes": upload.read()} if upload else {}
        try:
            if doc is None:
                doc = services.document_create(
                    data=form.service_data(),
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    **file_kwargs,
                )
            else:
                services.document_update(
                    document=doc,
                    data=form.service_data(),
                    actor=request.user,
                    expected_version=form.cleaned_data.get("version"),
                    **file_kwargs,
                )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            if doc.index_state == IndexState.INDEXED:
                messages.success(request, _("Document saved and indexed."))
            elif doc.index_state in PENDING:
                messages.success(
                    request,
                    _("Document saved. Its text is being indexed; search finds it once that is done."),
                )
            else:
                messages.success(request, _("Document saved."))
            return redirect(reverse("documents:detail", args=[doc.pk]))
    return render(request, "documents/form.html", {"form": form, "doc": doc})


@login_required
@require_POST
def document_supersede(request, pk: int):
    require(request.user, "document.edit")
    doc = selectors.document_get(user=request.user, pk=pk)
    form = SupersedeForm(request.POST)
    if form.is_valid():
        try:
            services.document_supersede(
                document=doc,
                replacement=form.cleaned_data["replacement"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The document is marked superseded."))
    else:
        messages.error(request, _("Choose the document that replaces it."))
    return redirect(reverse("documents:detail", args=[doc.pk]))


@login_required
@require_POST
def document_reindex(request, pk: int):
    """Staff queue the indexing of a document again (after a failure or a lost task)."""
    require(request.user, "document.edit")
    doc = selectors.document_get(user=request.user, pk=pk)
    try:
        indexing.document_index_retry(document=doc, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The document is queued for indexing again."))
    return redirect(reverse("documents:detail", args=[doc.pk]))
