"""Service refusals that escape a view become proper error pages (403, 404, 409...), never a 500."""

from django.shortcuts import render

from .errors import ApplicationError


class ApplicationErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ApplicationError) or request.path.startswith("/api/"):
            return None
        template = "core/partials/error_alert.html" if getattr(request, "htmx", False) else "core/error.html"
        # HTMX swaps only 2xx answers; the alert fragment carries the message instead.
        status = 200 if getattr(request, "htmx", False) else exception.status
        return render(request, template, {"error": exception}, status=status)
