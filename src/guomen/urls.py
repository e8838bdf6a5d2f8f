from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("guomen.core.urls")),
    path("accounts/", include("guomen.accounts.urls")),
    path("catalog/", include("guomen.catalog.urls")),
    path("registry/", include("guomen.registry.urls")),
    path("declarations/", include("guomen.declarations.urls")),
    path("targeting/", include("guomen.targeting.urls")),
    path("inspections/", include("guomen.inspections.urls")),
    path("clearance/", include("guomen.clearance.urls")),
    path("certificates/", include("guomen.certificates.urls")),
    path("labs/", include("guomen.labs.urls")),
    path("risk/", include("guomen.risk.urls")),
    path("supervision/", include("guomen.supervision.urls")),
    path("campaigns/", include("guomen.campaigns.urls")),
    path("certification/", include("guomen.certification.urls")),
    path("exports/", include("guomen.exports.urls")),
    path("recalls/", include("guomen.recalls.urls")),
    path("enforcement/", include("guomen.enforcement.urls")),
    path("emergency/", include("guomen.emergency.urls")),
    path("portlines/", include("guomen.portlines.urls")),
    path("complaints/", include("guomen.complaints.urls")),
    path("documents/", include("guomen.documents.urls")),
    path("reports/", include("guomen.reports.urls")),
    path("tracebacks/", include("guomen.tracebacks.urls")),
    path("public/", include("guomen.portal.urls")),
    path("notifications/", include("guomen.notifications.urls")),
    path("enterprise/", include("guomen.workspace.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
# Nothing under MEDIA_URL is served directly: stored files go through views that check the owning record.
handler400 = "guomen.core.error_views.bad_request"
handler403 = "guomen.core.error_views.permission_denied"
handler404 = "guomen.core.error_views.page_not_found"
handler500 = "guomen.core.error_views.server_error"
