"""Admin views for hosting requests of touring exhibitions (展览联盟)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import hosting
from .forms import HostingAnswerForm, HostingRequestForm
from .models import HostingStatus


def require_hosting_access(request):
    if not hosting.can_use_hosting(request.user):
        raise PermissionDenied


def index(request):
    require_hosting_access(request)
    requests = hosting.visible_requests(request.user)
    status = request.GET.get("status", "")
    if status in HostingStatus.values:
        requests = requests.filter(status=status)
    else:
        status = ""
    keys = hosting.moderated_library_keys(request.user)
    direction = request.GET.get("direction", "")
    if direction == "made":
        requests = requests.filter(host__translation_key__in=keys)
    elif direction == "received":
        requests = requests.filter(exhibition__library__translation_key__in=keys)
    else:
        direction = ""
    rows = [
        (
            item,
            "received"
            if item.exhibition.library and item.exhibition.library.translation_key in keys
            else "made",
        )
        for item in requests[:200]
    ]
    return TemplateResponse(
        request,
        "exhibitions/hosting/index.html",
        {
            "rows": rows,
            "status": status,
            "direction": direction,
            "statuses": HostingStatus.choices,
            "can_request": hosting.host_choices(request.user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def create(request):
    require_hosting_access(request)
    form = HostingRequestForm(
        request.POST or None,
        user=request.user,
        initial={"exhibition": request.GET.get("exhibition", "")},
    )
    if request.method == "POST" and form.is_valid():
        hosting_request = hosting.request_hosting(request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Your request was sent to the moderators of %(library)s.")
            % {"library": hosting_request.exhibition.library.title},
        )
        return redirect("exhibition_hosting:detail", hosting_request.pk)
    return TemplateResponse(request, "exhibitions/hosting/form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def detail(request, pk):
    require_hosting_access(request)
    hosting_request = get_object_or_404(hosting.visible_requests(request.user), pk=pk)
    may_decide = hosting_request.is_pending and hosting.can_decide(request.user, hosting_request)
    may_withdraw = hosting_request.is_pending and hosting.can_withdraw(
        request.user, hosting_request
    )
    form = HostingAnswerForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("accept", "decline", "withdraw"):
            raise PermissionDenied
        if not hosting_request.is_pending:
            messages.error(request, _("This request has already been answered or withdrawn."))
            return redirect("exhibition_hosting:detail", hosting_request.pk)
        if not (may_decide if action in ("accept", "decline") else may_withdraw):
            raise PermissionDenied
        if form.is_valid():
            try:
                if action == "accept":
                    _accepted, published = hosting.accept(
                        request.user, hosting_request, form.cleaned_data["response"]
                    )
                    messages.success(
                        request,
                        _("Accepted: the tour stop was added and published.")
                        if published
                        else _(
                            "Accepted: the tour stop was added to the exhibition's latest "
                            "draft. Publish the exhibition to show it."
                        ),
                    )
                elif action == "decline":
                    hosting.decline(request.user, hosting_request, form.cleaned_data["response"])
                    messages.success(request, _("Declined; the requesting library was told."))
                else:
                    hosting.withdraw(request.user, hosting_request)
                    messages.success(request, _("Your request was withdrawn."))
            except hosting.HostingError as error:
                messages.error(request, str(error))
            else:
                return redirect("exhibition_hosting:detail", hosting_request.pk)
    return TemplateResponse(
        request,
        "exhibitions/hosting/detail.html",
        {
            "hosting_request": hosting_request,
            "form": form,
            "may_decide": may_decide,
            "may_withdraw": may_withdraw,
        },
    )
