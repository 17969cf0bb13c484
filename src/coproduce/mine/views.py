"""My Coproduce: a signed-in person's own page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.mine import selectors


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    return render(request, "mine/page.html", {"page": selectors.my_page(request.user)})
