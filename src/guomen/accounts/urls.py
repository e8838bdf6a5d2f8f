from django.urls import path

from . import views, views_enterprise

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("enterprise-users/", views_enterprise.users_page, name="enterprise_users"),
    path("enterprise-users/invite/", views_enterprise.user_invite, name="enterprise_user_invite"),
    path("enterprise-users/<int:pk>/role/", views_enterprise.user_role, name="enterprise_user_role"),
    path(
        "enterprise-users/<int:pk>/deactivate/",
        views_enterprise.user_deactivate,
        name="enterprise_user_deactivate",
    ),
    path("enterprise-users/keys/", views_enterprise.key_create, name="enterprise_key_create"),
    path("enterprise-users/keys/<int:pk>/revoke/", views_enterprise.key_revoke, name="enterprise_key_revoke"),
    path("invite/<uidb64>/<token>/", views_enterprise.InviteAcceptView.as_view(), name="invite_accept"),
]
