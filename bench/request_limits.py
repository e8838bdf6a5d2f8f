"""What the request limits and security headers add to a normal request (target: ≤ 2 ms p95).

uv run python bench/request_limits.py [--rounds 3000]

Times Guomen's two request middlewares (core.limits.RequestLimitsMiddleware: body size, multipart parsing with
counted uploads, control characters in every parameter and JSON string; core.security: the CSP and other headers)
around a view that does nothing, against the same view without them, for four normal requests: a list with a query
string, a 60-line JSON declaration, a signed-in form post, and a complaint form with one 200 KB photo. In-process,
no network and no database. Prints figures; asserts nothing.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def requests():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import RequestFactory

    factory = RequestFactory()
    line = {
        "hs_code": "0810909090",
        "description": "鲜榴莲 Fresh durian",
        "quantity": "1200",
        "unit": "kg",
        "value": "35000.00",
        "currency": "USD",
        "origin_country": "TH",
    }
    declaration = {
        "direction": "import",
        "port": "WJD",
        "declarant_uscc": "91440300MA5XXXXXX1",
        "origin_country": "TH",
        "transport": "truck",
        "arrival_date": "2026-12-01",
        "lines": [line] * 60,
    }
    photo = os.urandom(200_000)
    return {
        "GET list with a query": lambda: factory.get(
            "/api/v1/declarations", {"status": "submitted", "limit": 50}
        ),
        "POST 60-line JSON declaration": lambda: factory.post(
            "/api/v1/declarations", json.dumps(declaration), content_type="application/json"
        ),
        "POST form (8 fields)": lambda: factory.post(
            "/inspections/tasks/1/result/", {f"field{i}": "合格 conforming" for i in range(8)}
        ),
        "POST form with a 200 KB photo": lambda: factory.post(
            "/public/complaints/",
            {
                "description": "商品有异味",
                "photos": [SimpleUploadedFile("p.jpg", photo, content_type="image/jpeg")],
            },
        ),
    }


def time_chain(make_request, chain, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        request = make_request()
        start = time.perf_counter_ns()
        response = chain(request)
        samples.append((time.perf_counter_ns() - start) / 1e6)
        assert response.status_code == 200, response.status_code
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[94]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3000)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from django.http import HttpResponse

    from guomen.core.limits import RequestLimitsMiddleware
    from guomen.core.security import SecurityHeadersMiddleware

    def view(request):
        request.POST  # noqa: B018  (a view reads its form, as Django's CSRF check would anyway)
        return HttpResponse("ok")

    bare = view
    guarded = RequestLimitsMiddleware(SecurityHeadersMiddleware(view))
    print(f"{'request':34} {'without p50/p95 ms':>20} {'with p50/p95 ms':>17} {'added p95 ms':>13}")
    for name, make in requests().items():
        time_chain(make, guarded, 200)  # warm up
        without = time_chain(make, bare, options.rounds)
        with_limits = time_chain(make, guarded, options.rounds)
        print(
            f"{name:34} {statistics.median(without):9.3f}/{p95(without):7.3f} "
            f"{statistics.median(with_limits):8.3f}/{p95(with_limits):7.3f} {p95(with_limits) - p95(without):12.3f}"
        )


if __name__ == "__main__":
    main()
