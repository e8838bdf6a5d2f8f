from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("", views.certificate_list, name="list"),
    path("export.xlsx", views.certificate_export, name="export"),
    path("<slug:number>/", views.certificate_detail, name="detail"),
    path("<slug:number>/certificate.pdf", views.certificate_pdf, name="pdf"),
    path("<slug:number>/ephyto.xml", views.certificate_ephyto, name="ephyto"),
    path("<slug:number>/replace/", views.certificate_replace, name="replace"),
    path("<slug:number>/withdraw/", views.certificate_withdraw, name="withdraw"),
]
