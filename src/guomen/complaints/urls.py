from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("submit/", views.complaint_submit, name="submit"),
    path("track/", views.track, name="track"),
    path("track/<str:code>/", views.track_detail, name="track_detail"),
    path("", views.complaint_list, name="list"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/triage/", views.complaint_triage, name="triage"),
    path("<int:pk>/reply/", views.complaint_reply, name="reply"),
    path("<int:pk>/close/", views.complaint_close, name="close"),
    path("<int:pk>/photos/<int:photo_id>/", views.complaint_photo, name="photo"),
]
