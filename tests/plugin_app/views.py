from django.http import HttpRequest, HttpResponse

from tests.plugin_app.models import FieldNote


def notes(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{FieldNote.objects.count()} field notes", content_type="text/plain")
