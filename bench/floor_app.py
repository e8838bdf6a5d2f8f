"""The stack's floor: an empty django-ninja endpoint, served by granian exactly as `guomen serve` serves Guomen.

`POST /api/v1/declarations` parses the JSON body and answers 201 `{}`; no database, no middleware beyond
Django's common one. bench/api_intake.py serves it with the same granian options (2 WSGI workers) and drives it
with the same client, so intake throughput can be printed as a share of what the stack itself can do.

    PYTHONPATH=bench python -m granian --interface wsgi --workers 2 floor_app:application
"""

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_TZ=True,
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.urls import path  # noqa: E402
from ninja import Body, NinjaAPI  # noqa: E402

api = NinjaAPI(urls_namespace="floor")


@api.post("/declarations", response={201: dict})
def declarations(request, payload: dict = Body(...)):  # noqa: B008 (ninja's way to read a JSON body)
    return 201, {}


@api.get("/ping")
def ping(request):
    return {}


urlpatterns = [path("api/v1/", api.urls)]
application = get_wsgi_application()
