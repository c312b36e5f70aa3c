from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from districts import views as district_views

urlpatterns = [
    path("", district_views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("d/<slug:district>/", district_views.district_detail, name="district"),
    path("d/<slug:district>/plans/<int:plan_id>/", include("planning.urls")),
    path("d/<slug:district>/plans/<int:plan_id>/", include("measures.urls")),
    path("help/status/", district_views.status_help, name="status_help"),
]
