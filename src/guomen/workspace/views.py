"""The enterprise workspace (/enterprise/): one place for an importer or exporter to follow its business
with the bureau. Enterprise users only: staff get 403, anonymous visitors the sign-in page."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from guomen.clearance.documents import disposition_pdf, document_title
from guomen.core.permissions import require
from guomen.core.ui import page_of
from guomen.declarations.choices import DeclarationStatus

from . import selectors
from .status import PLAIN, TONE, plain_status


def enterprise_only(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require(request.user, "workspace.view")
        return view(request, *args, **kwargs)

    return wrapper


@enterprise_only
@require_GET
def home(request):
    context = selectors.home(request.user)
    for task in context["documents"]:
        task.title = document_title(task)
    return render(request, "workspace/home.html", context)


@enterprise_only
@require_GET
def declaration_list(request):
    status = request.GET.get("status", "")
    if status not in DeclarationStatus.values:
        status = ""
    page = page_of(request, selectors.declarations(request.user, status=status), 30)
    for d in page.object_list:
        d.plain_status = plain_status(d.status)
        d.tone = TONE.get(d.status, "secondary")
    statuses = [(s, str(label)) for s, label in PLAIN.items()]
    return render(
        request, "workspace/declarations.html", {"page_obj": page, "status": status, "statuses": statuses}
    )


@enterprise_only
@require_GET
def document(request, task_pk):
    """The certificate or notice of one of the enterprise's closed inspections."""
    task = selectors.document_task(request.user, task_pk)
    if task is None:
        raise Http404
    filename, pdf = disposition_pdf(task, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
