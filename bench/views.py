from django.http import HttpResponse


def ok(request):
    """The least a Django view can do, behind the same middleware as every page: the ceiling."""
    return HttpResponse("ok", content_type="text/plain")
