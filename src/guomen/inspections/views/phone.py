"""The inspector's phone app: scan, photos, the disposition document, and the PWA files."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from guomen.clearance.documents import disposition_pdf
from guomen.core.errors import ApplicationError, NotFound
from guomen.core.pdf import render_pdf
from guomen.core.permissions import require
from guomen.core.qr import qr_png_data_uri

from .. import selectors, services
from ..models import InspectionPhoto

SW_VERSION = "gm-v4"
PRECACHE = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "vendor/htmx/htmx.min.js",
    "guomen/guomen.css",
    "guomen/icon.svg",
    "inspections/inspections.css",
    "inspections/result-form.js",
    "inspections/photo-queue.js",
    "inspections/phone.js",
    "inspections/scan.js",
)


@login_required
@require_GET
def scan(request):
    """Scan page: camera where the phone has one, typed entry always. ?code= opens what it names."""
    require(request.user, "inspection.record")
    code = request.GET.get("code", "").strip()
    found = []
    if code:
        kind, found = selectors.scan_resolve(request.user, code)
        if kind in ("task", "base"):
            return redirect(found[0])
        if kind == "none":
            messages.error(
                request, _("Nothing in your jurisdiction matches “%(code)s”.") % {"code": code[:80]}
            )
    return render(request, "inspections/scan.html", {"code": code, "choices": found})


@login_required
@require_POST
def photo_upload(request, pk):
    """Upload one photo (multipart "photo", optional latitude/longitude/taken_at); JSON answer.

    An Idempotency-Key header makes a retry answer with the photo the first upload stored."""
    try:
        task = selectors.task_detail(request.user, pk)
        upload = request.FILES.get("photo")
        photo = services.photo_upload(
            task=task,
            data=upload.read() if upload else b"",
            actor=request.user,
            taken_at=request.POST.get("taken_at"),
            latitude=request.POST.get("latitude"),
            longitude=request.POST.get("longitude"),
            key=request.headers.get("Idempotency-Key", ""),
        )
    except ApplicationError as exc:
        return JsonResponse(exc.as_dict(), status=exc.status)
    return JsonResponse(
        {
            "id": photo.pk,
            "url": reverse("inspections:photo", args=[photo.pk]),
            "width": photo.width,
            "height": photo.height,
            "bytes": photo.size_bytes,
            "replayed": photo.replayed,
        },
        status=201,
    )


@login_required
@require_GET
def photo(request, pk):
    """A stored photo, for whoever may see its task."""
    try:
        item = InspectionPhoto.objects.get(pk=pk)
    except InspectionPhoto.DoesNotExist:
        raise NotFound() from None
    selectors.task_detail(request.user, item.task_id)  # NotFound outside the jurisdiction
    return FileResponse(item.image.open("rb"), content_type="image/jpeg")


@login_required
@require_GET
def disposition_document(request, pk):
    task = selectors.task_detail(request.user, pk)
    filename, pdf = disposition_pdf(task, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_GET
def consignment_label(request, pk):
    """The consignment's hold label: declaration number as a regular QR (the scan page opens the task from it)."""
    task = selectors.task_detail(request.user, pk)
    d = task.declaration
    pdf = render_pdf(
        "inspections/pdf/consignment_label.html",
        {
            "task": task,
            "d": d,
            "lines": list(d.lines.select_related("hs").order_by("line_no")),
            "qr_data_uri": qr_png_data_uri(d.number),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{d.number}-label.pdf"'
    return response


@require_GET
@cache_control(max_age=3600)
def manifest(request):
    scope = reverse("inspections:my_tasks").rsplit("my_tasks/", 1)[0]
    data = {
        "name": _("Guomen inspection"),
        "short_name": _("Guomen"),
        "lang": "zh-CN",
        "start_url": reverse("inspections:my_tasks"),
        "scope": scope,
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f4f6f9",
        "theme_color": "#0b3d6b",
        "icons": [
            {"src": static("guomen/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("inspections/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("inspections/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("inspections/icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [{"name": _("Scan"), "url": reverse("inspections:scan")}],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json; charset=utf-8"
    )


@require_GET
def service_worker(request):
    """The service worker script, served from /inspections/ so its scope covers the phone app."""
    body = render(
        request,
        "inspections/sw.js",
        {
            "version": SW_VERSION,
            "precache": json.dumps([static(p) for p in PRECACHE] + [reverse("inspections:offline")]),
            "offline_url": reverse("inspections:offline"),
        },
        content_type="text/javascript; charset=utf-8",
    )
    body["Cache-Control"] = "no-cache"
    body["Service-Worker-Allowed"] = reverse("inspections:offline").rsplit("offline/", 1)[0]
    return body


@require_GET
def offline(request):
    """Shown for a page that was not saved on the phone while there is no signal."""
    return render(request, "inspections/offline.html")
