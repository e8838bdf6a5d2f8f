"""PDF rendering with WeasyPrint and the bundled Noto Sans SC subset, so Chinese renders on any machine."""

import threading
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def font_css() -> str:
    faces = []
    for weight, name in ((400, "Regular"), (700, "Bold")):
        path = (FONT_DIR / f"NotoSansSC-{name}.otf").as_uri()
        faces.append(
            f"@font-face {{ font-family: 'Guomen Sans'; src: url('{path}'); font-weight: {weight}; }}"
        )
    return "\n".join(faces) + "\nbody { font-family: 'Guomen Sans', sans-serif; }"


_local = threading.local()


def _font_config():
    """This thread's WeasyPrint font configuration, kept between documents: the CJK fonts (2 × 3.5 MB) are read,
    copied and scanned by Fontconfig once per thread instead of once per PDF."""
    config = getattr(_local, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _local.font_config = FontConfiguration()
    return config


def render_pdf(template: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes. Templates extend "core/pdf/base.html"."""
    from weasyprint import HTML

    html = render_to_string(template, {**context, "font_css": font_css()})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=_font_config())
