"""Organisation pages: the list, and registering a new one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core import gate
from coproduce.core.forms import add_service_errors
from coproduce.organisations import selectors, services
from coproduce.organisations.forms import OrganisationForm


def organisation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.organisations(), 25).get_page(request.GET.get("page"))
    return render(request, "organisations/list.html", {"page": page})


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    gate.require(request.user, "organisations.add_organisation")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is registered.") % {"name": form.cleaned_data["name"]}
            )
            return redirect("organisations:list")
    return render(
        request, "organisations/form.html", {"form": form}, status=400 if form.errors else 200
    )
