"""Small SVG charts drawn on the server for the PDF report (text in the bundled CJK font)."""

from html import escape

FONT = "font-family=\"'Guomen Sans', sans-serif\""
COLOURS = ("#0b3d6b", "#c0392b", "#e67e22", "#27ae60")


def _text(x, y, s, size=10, anchor="start", fill="#222") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" {FONT}>{escape(str(s))}</text>'


def hbar_chart(labels: list[str], values: list[float], *, width: int = 640, bar: int = 18) -> str:
    """Horizontal bars, one per label, with the value at the end of the bar."""
    left, right, top = 170, 60, 6
    height = top * 2 + len(labels) * (bar + 6)
    top_value = max(values, default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (bar + 6)
        w = (width - left - right) * (value / top_value)
        parts.append(_text(left - 6, y + bar * 0.72, str(label)[:14], anchor="end"))
        parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{COLOURS[0]}"/>')
        parts.append(_text(left + w + 4, y + bar * 0.72, f"{value:,.0f}"))
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(
    months: list[str],
    bars: list[float],
    rates: list[float | None],
    *,
    bar_label: str,
    rate_label: str,
    width: int = 640,
    height: int = 240,
) -> str:
    """Monthly bars (left axis) with the rate as a line (right axis)."""
    left, right, top, bottom = 50, 50, 24, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(months), 1)
    step = plot_w / n
    top_bar = max(bars, default=0) or 1
    known = [r for r in rates if r is not None]
    top_rate = max(known, default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
    ]
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#888"/>'
    )
    for frac in (0.5, 1.0):
        y = top + plot_h * (1 - frac)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(left - 4, y + 3, f"{top_bar * frac:,.0f}", 8, "end", "#555"))
        parts.append(_text(left + plot_w + 4, y + 3, f"{top_rate * frac:.2f}%", 8, "start", COLOURS[1]))
    points = []
    for i, (month, value, rate) in enumerate(zip(months, bars, rates, strict=True)):
        x = left + i * step
        h = plot_h * value / top_bar
        parts.append(
            f'<rect x="{x + step * 0.2:.1f}" y="{top + plot_h - h:.1f}" width="{step * 0.6:.1f}" height="{h:.1f}" fill="{COLOURS[0]}" opacity="0.8"/>'
        )
        parts.append(_text(x + step / 2, top + plot_h + 12, month[2:], 8, "middle", "#555"))
        if rate is not None:
            points.append(f"{x + step / 2:.1f},{top + plot_h * (1 - rate / top_rate):.1f}")
    if points:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{COLOURS[1]}" stroke-width="2"/>'
        )
    parts.append(f'<rect x="{left}" y="4" width="10" height="10" fill="{COLOURS[0]}"/>')
    parts.append(_text(left + 14, 13, bar_label, 9))
    parts.append(
        f'<line x1="{left + 130}" y1="9" x2="{left + 145}" y2="9" stroke="{COLOURS[1]}" stroke-width="2"/>'
    )
    parts.append(_text(left + 150, 13, rate_label, 9))
    parts.append("</svg>")
    return "".join(parts)
