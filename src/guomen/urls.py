from django.conf import settings
from django.conf.urls.static import static
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
    path("labs/", include("guomen.labs.urls")),
    path("risk/", include("guomen.risk.urls")),
    path("supervision/", include("guomen.supervision.urls")),
    path("campaigns/", include("guomen.campaigns.urls")),
    path("certification/", include("guomen.certification.urls")),
    path("recalls/", include("guomen.recalls.urls")),
    path("enforcement/", include("guomen.enforcement.urls")),
    path("emergency/", include("guomen.emergency.urls")),
    path("complaints/", include("guomen.complaints.urls")),
    path("documents/", include("guomen.documents.urls")),
    path("reports/", include("guomen.reports.urls")),
    path("public/", include("guomen.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
