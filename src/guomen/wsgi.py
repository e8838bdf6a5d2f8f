import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
application = get_wsgi_application()

from guomen.core.warmup import warm_up  # noqa: E402  (needs the application's settings loaded)

warm_up()
