import sqlite3
from contextlib import closing
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from districts import logins, people
from districts.access import member
from districts.models import District, Invitation, Membership, Role


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


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, sending a few mails an hour at most to one email and from
    one address. Whether the email has an account changes nothing the person sees."""

    def form_valid(self, form):
        email, address = form.cleaned_data["email"], logins.client_address(self.request)
        if logins.resets_blocked(email, address):
            form.add_error(
                None,
                "Too many password reset requests for this email address or from your "
                f"network. Try again in {logins.RESET_WINDOW.seconds // 60} minutes; if a "
                "mail came, its link still works.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        logins.reset_asked(email, address)
        return super().form_valid(form)


HEALTH_TIMEOUT_SECONDS = 2


def read_a_table(seconds: float) -> None:
    """Reads a real table as a page would, giving up after the given seconds. SELECT 1 would
    not do: SQLite answers it without opening the file, and so says "ok" while every page
    waits for a lock."""
    query = f"SELECT 1 FROM {connection.ops.quote_name(District._meta.db_table)} LIMIT 1"
    if connection.vendor == "sqlite":
        # A connection of its own: Django's would wait out the app's 20-second busy timeout.
        path = Path(connection.settings_dict["NAME"]).resolve()
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=seconds)) as db:
            db.execute(query).fetchall()
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, true)", [f"{round(seconds * 1000)}ms"]
        )
        cursor.execute(query)
        cursor.fetchall()


@login_not_required
@require_GET
def health(request):
    """For load balancers: 200 when a table of the database can be read at once, 503 when it
    cannot (down, locked or hung) within two seconds."""
    try:
        read_a_table(HEALTH_TIMEOUT_SECONDS)
    except (DatabaseError, sqlite3.Error):
        return JsonResponse({"database": "unreachable"}, status=503)
    return JsonResponse({"database": "ok"})


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(choices=Role.choices, initial=Role.VIEWER)


def administered(request, district: str) -> Membership:
    return member(request.user, district, "administer")


def _invitation_link(request):
    return lambda invitation: request.build_absolute_uri(
        reverse("invitation", args=[invitation.token])
    )


@require_http_methods(["GET", "POST"])
def people_page(request, district: str):
    membership = administered(request, district)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            people.invite(
                membership.district,
                email=email,
                role=form.cleaned_data["role"],
                by=request.user,
                link_for=_invitation_link(request),
            )
        except people.NotSent:
            messages.error(request, _not_sent(email, "Nothing was saved: invite them again"))
        else:
            messages.success(request, f"Invited {email}; the link is in their email.")
        return redirect("people", district)
    members = Membership.objects.filter(district=membership.district).select_related("user")
    invitations = people.not_accepted(membership.district)
    return render(
        request,
        "districts/people.html",
        {
            "membership": membership,
            "district": membership.district,
            "members": members,
            "invitations": invitations,
            "form": form,
            "roles": Role.choices,
        },
        status=422 if form.is_bound else 200,
    )


@require_POST
def invitation_again(request, district: str, invitation_id: int):
    membership = administered(request, district)
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, district=membership.district, accepted_at=None
    )
    try:
        people.invite_again(invitation, by=request.user, link_for=_invitation_link(request))
    except people.NotSent:
        messages.error(request, _not_sent(invitation.email, "It is as it was: send it again"))
    else:
        messages.success(request, f"Sent the invitation to {invitation.email} again.")
    return redirect("people", district)


def _not_sent(email: str, then: str) -> str:
    return (
        f"Not sent: the mail server could not send the invitation to {email}. "
        f"{then} in a few minutes."
    )


@require_POST
def member_role(request, district: str, member_id: int):
    membership = administered(request, district)
    member = get_object_or_404(Membership, pk=member_id, district=membership.district)
    role = request.POST.get("role")
    if role not in Role.values:
        messages.error(request, "Choose one of the roles.")
    else:
        try:
            people.change_role(member, role)
            messages.success(request, f"{member.user} is now {Role(role).label}.")
        except people.LastAdministrator as problem:
            messages.error(request, str(problem))
    return redirect("people", district)


@require_POST
def member_remove(request, district: str, member_id: int):
    membership = administered(request, district)
    member = get_object_or_404(Membership, pk=member_id, district=membership.district)
    try:
        people.remove(member)
        messages.success(request, f"Removed {member.user} from {membership.district}.")
    except people.LastAdministrator as problem:
        messages.error(request, str(problem))
    return redirect("people", district)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """Joining a district by the link an administrator sent: only the account with the
    invited email may use it, and it joins only on a POST, after the person confirms."""
    invited = people.open_invitation(token)
    if invited is None:
        return render(request, "districts/invitation.html", {"gone": True}, status=410)
    page = {"invitation": invited}
    if request.user.is_authenticated:
        if not invited.is_for(request.user):
            return render(
                request, "districts/invitation.html", {**page, "wrong_person": True}, status=403
            )
        if request.method == "POST":
            people.accept(invited, request.user)
            return redirect("district", invited.district.slug)
        page["membership"] = Membership.objects.filter(
            user=request.user, district=invited.district
        ).first()
        return render(request, "districts/invitation.html", page)
    page["account"] = people.account_for(invited.email)
    if page["account"] is not None:
        return render(request, "districts/invitation.html", page)
    signup = UserCreationForm(request.POST or None)
    if request.method == "POST" and signup.is_valid():
        user = signup.save(commit=False)
        user.email = invited.email
        user.save()
        people.accept(invited, user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("district", invited.district.slug)
    return render(
        request,
        "districts/invitation.html",
        {**page, "signup": signup},
        status=422 if signup.is_bound else 200,
    )
