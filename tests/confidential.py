"""What the confidentiality walk needs: a targeted declaration, the marker strings, a crawler that reads
every response (HTML, JSON, CSV, XLSX, PDF) as text."""

import contextlib
import html
import io
import json
import re
from urllib.parse import urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver

from guomen.declarations.tests.factories import submission
from guomen.targeting.models import TargetingDecision, TargetingSettings
from guomen.targeting.tests.factories import ControlMeasureFactory, RuleProfileFactory

RULE_NAME = "甲类榴莲规则R7"
INSTRUCTION = "开箱检查果蒂处橘小实蝇幼虫"
PEST_HINT = "橘小实蝇"
MEASURE_REASON = "泰国通报蛀果害虫截获"
SCORE = 0.87312
# What an enterprise, its system clients and the public must never read anywhere.
MARKERS = [
    RULE_NAME,
    INSTRUCTION,
    PEST_HINT,
    MEASURE_REASON,
    "0.873",
    "87.3",
    "随机",
    "布控",
    "加严",
    "查验指令",
    "下达查验任务",
    "查验+抽样",  # the channel itself (the declaration was selected for inspection + sampling)
    "gm-channel-physical",  # …also in the badge's style class
]
# Reason codes and decision fields that must not reach an outside reader through the API.
JSON_FORBIDDEN_KEYS = {
    "channel",
    "reasons",
    "instruction",
    "score",
    "random_control",
    "explanation",
    "warnings",
}
REASON_CODES = {"rule", "measure", "targeting", "historical_ratio", "rerouted", "default_release"}
# "双随机一公开" names the public spot-check programme, not the random draw of targeting.
ALLOWED_PHRASES = ("双随机", "随机抽取检查对象", "随机选派执法检查人员")
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/i18n/", "/accounts/logout/", "/api/v1/openapi.json")
SKIP_PREFIXES += ("/api/v1/docs", "/api/docs")
MAX_REQUESTS = 1000


def targeted_declaration(world):
    """A durian declaration of the world's enterprise selected by a rule (with an instruction naming a pest),
    a control measure on the enterprise, the model's score and the random draw."""
    from guomen.clearance.services import clearance_submit

    RuleProfileFactory(
        name=RULE_NAME, hs_prefix="0810", channel="physical_sampling", instruction=INSTRUCTION, percentage=100
    )
    ControlMeasureFactory(scope="enterprise", enterprise=world["enterprise"], reason=MEASURE_REASON)
    TargetingSettings.objects.create(random_rate=1.0)
    declaration = clearance_submit(actor=world["enterprise_user"], **submission(world))
    decision = TargetingDecision.objects.get(declaration=declaration)
    decision.score = SCORE
    decision.model_selected = True
    decision.explanation = {**decision.explanation, "model": {"version": "m1", "score": SCORE}}
    decision.save()
    return declaration


def visible_text(response) -> str:
    """The response as a reader sees it: unescaped HTML, JSON with its Chinese, spreadsheet cells, PDF text."""
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "json" in kind:
        try:
            return json.dumps(json.loads(body), ensure_ascii=False)
        except ValueError:
            return body.decode("utf-8", "replace")
    if "pdf" in kind:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheet" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return html.unescape(body.decode("utf-8-sig", "replace"))


def leaks(text: str) -> list[str]:
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, "")
    return [m for m in MARKERS if m in text]


def json_leaks(data) -> list[str]:
    """Decision fields or reason codes anywhere in a JSON body."""
    found = []
    if isinstance(data, dict):
        found += sorted(JSON_FORBIDDEN_KEYS & set(data))
        if data.get("code") in REASON_CODES:
            found.append(f"reason code {data['code']}")
        for value in data.values():
            found += json_leaks(value)
    elif isinstance(data, list):
        for value in data:
            found += json_leaks(value)
    return found


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def filled_paths(values: dict[str, list[str]], ints: list[int]) -> list[str]:
    """Every route of the URL configuration with its parameters filled from the data (all combinations of
    the candidate values, at most a few per route). Regex routes (the API, admin) are left to their walks."""
    paths = []
    for pattern in _patterns():
        if pattern.startswith("^") or "(?P" in pattern or pattern.startswith("api/"):
            continue
        names = CONVERTER.findall(pattern)
        options = [[""]]
        for conv, name in names:
            candidates = values.get(name) or ([str(i) for i in ints] if conv == "int" else [])
            if not candidates:
                options = []
                break
            options = [[*o, c] for o in options for c in candidates][:24]
        for option in options:
            filled = iter(option[1:])
            paths.append("/" + CONVERTER.sub(lambda _m, it=filled: next(it), pattern))
    return sorted(set(paths))


def api_paths(values: dict[str, list[str]], ints: list[int]) -> list[str]:
    """Every GET operation of the OpenAPI with its path parameters filled."""
    from guomen.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    paths = []
    for path, ops in schema["paths"].items():
        if "get" not in ops:
            continue
        names = re.findall(r"{(\w+)}", path)
        options = [[]]
        for name in names:
            candidates = values.get(name) or [str(i) for i in ints]
            options = [[*o, c] for o in options for c in candidates][:24]
        for option in options:
            filled = path
            for name, value in zip(names, option, strict=True):
                filled = filled.replace("{" + name + "}", value, 1)
            paths.append(filled)
    return sorted(set(paths))


HREF = re.compile(r"""(?:href|hx-get|src)=["']([^"'#]+)["']""")


def walk(client, seeds, **headers) -> tuple[dict[str, str], dict[str, list[str]]]:
    """GET every seed and every same-site link the pages show (exports and PDFs too). Returns
    {url: status summary} for the answers read and {url: leaked markers}."""
    seen, queue, read, found = set(), list(seeds), {}, {}
    while queue and len(seen) < MAX_REQUESTS:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIP_PREFIXES) or not url.startswith("/"):
            continue
        seen.add(url)
        response = client.get(url, **headers)
        if response.status_code != 200:
            continue
        text = visible_text(response)
        read[url] = response.get("Content-Type", "")
        problems = leaks(text)
        if "json" in read[url]:
            with contextlib.suppress(ValueError):
                problems += json_leaks(json.loads(text))
        if problems:
            found[url] = problems
        if "html" in read[url]:
            for link in HREF.findall(text):
                target = urljoin(url, link)
                parts = urlsplit(target)
                if parts.netloc and parts.netloc != "testserver":
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return read, found
