"""Commands start without the heavy libraries: they load where they are used (server workers warm the model)."""

import json
import os
import subprocess
import sys

HEAVY = ["lightgbm", "polars", "numpy", "openpyxl", "sklearn", "weasyprint", "pyarrow", "duckdb"]

PROBE = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted(m for m in %r if m in sys.modules)))
"""


def test_loading_the_url_configuration_imports_no_heavy_library():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "guomen.settings.test"}

    out = subprocess.run(
        [sys.executable, "-c", PROBE % HEAVY], env=env, capture_output=True, text=True, check=True
    ).stdout

    assert json.loads(out.strip().splitlines()[-1]) == []
