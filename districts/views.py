from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts import logins
from districts.access import membership_for
from districts.models import District, Membership, Role
from measures.status import Status, status_rule_as_html
from planning.models import Plan


@require_GET
def home(request):
    if request.user.is_superuser:
        memberships = [
            Membership(user=request.user, district=district, role=Role.ADMIN)
            for district in District.objects.all()
        ]
    else:
        memberships = Membership.objects.for_user(request.user)
    return render(request, "districts/home.html", {"memberships": memberships})


@require_GET
def district_detail(request, district: str):
    membership = membership_for(request.user, district)
    plans = Plan.objects.in_district(membership.district)
    return render(
        request,
        "districts/district_detail.html",
        {"membership": membership, "district": membership.district, "plans": plans},
    )


@require_GET
def status_help(request):
    return render(
        request, "districts/status_help.html", {"rule": status_rule_as_html(), "labels": Status}
    )


class LimitedLoginView(LoginView):
    """Django's log-in, refusing an account or address after too many failures."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if logins.blocked(username, logins.client_address(request)):
            form = self.get_form()
            form.is_valid()  # keeps what was typed, checks nothing against the password
            form.errors.clear()
            form.add_error(
                None,
                "Too many failed log-ins for this account or from this address. "
                f"Try again in {logins.WINDOW.seconds // 60} minutes, or reset your password.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        logins.failed(form.data.get("username", ""), logins.client_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        logins.succeeded(form.get_user().get_username())
        return super().form_valid(form)


@login_not_required
@require_GET
def health(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"database": "unreachable"}, status=503)
    return JsonResponse({"database": "ok"})
