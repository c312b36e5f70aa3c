from django.contrib import admin
from django.urls import include, path

from districts import views as district_views
from planning import development_views, exchange_views, public_views

urlpatterns = [
    path("", district_views.home, name="home"),
    path("accounts/login/", district_views.LimitedLoginView.as_view(), name="login"),
    path(
        "accounts/password_reset/",
        district_views.LimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("health/", district_views.health, name="health"),
    path("public/", public_views.public_plans, name="public_plans"),
    path("public/<slug:district>/<int:plan_id>/", public_views.public_plan, name="public_plan"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("d/<slug:district>/", district_views.district_detail, name="district"),
    path("d/<slug:district>/plans/upload/", exchange_views.plan_import, name="plan_import"),
    path("d/<slug:district>/plans/new/", exchange_views.plan_new, name="plan_new"),
    path(
        "d/<slug:district>/plans/develop/",
        development_views.development_new,
        name="development_new",
    ),
    path("d/<slug:district>/people/", district_views.people_page, name="people"),
    path(
        "d/<slug:district>/people/<int:member_id>/role/",
        district_views.member_role,
        name="member_role",
    ),
    path(
        "d/<slug:district>/people/<int:member_id>/remove/",
        district_views.member_remove,
        name="member_remove",
    ),
    path("invitations/<str:token>/", district_views.invitation, name="invitation"),
    path("d/<slug:district>/plans/<int:plan_id>/", include("planning.urls")),
    path("d/<slug:district>/plans/<int:plan_id>/", include("measures.urls")),
    path("help/status/", district_views.status_help, name="status_help"),
]
