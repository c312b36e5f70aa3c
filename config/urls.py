from django.contrib import admin
from django.urls import include, path

from districts import views as district_views
from making.views import overview as making
from measures import views as measure_views
from planning.views import exchange, home, progress, public

urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/login/", district_views.LimitedLoginView.as_view(), name="login"),
    path(
        "accounts/password_reset/",
        district_views.LimitedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("health/", district_views.health, name="health"),
    path("public/", public.public_plans, name="public_plans"),
    path("public/<slug:district>/<int:plan_id>/", public.public_plan, name="public_plan"),
    path(
        "public/<slug:district>/<int:plan_id>/plan.pdf",
        public.public_plan_pdf,
        name="public_plan_pdf",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("my-work/", progress.my_work, name="my_work"),
    path("d/<slug:district>/", home.district_detail, name="district"),
    path("d/<slug:district>/plans/upload/", exchange.plan_import, name="plan_import"),
    path("d/<slug:district>/plans/new/", exchange.plan_new, name="plan_new"),
    path(
        "d/<slug:district>/plans/make/",
        making.making_new,
        name="making_new",
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
    path(
        "d/<slug:district>/people/invitations/<int:invitation_id>/again/",
        district_views.invitation_again,
        name="invitation_again",
    ),
    path("invitations/<str:token>/", district_views.invitation, name="invitation"),
    path("d/<slug:district>/plans/<int:plan_id>/", include("planning.urls")),
    path("d/<slug:district>/plans/<int:plan_id>/", include("making.urls")),
    path("help/status/", measure_views.status_help, name="status_help"),
]
