"""QR codes for labels and documents: always a regular QR symbol (never Micro QR), error correction M or better.

segno picks a Micro QR for short data when left to itself, and phone scanners (the browser's BarcodeDetector,
html5-qrcode) read only regular QR; every QR the platform prints goes through here.
"""

import segno


def qr_code(text: str) -> segno.QRCode:
    return segno.make_qr(str(text), error="m", boost_error=True)


def qr_png_data_uri(text: str, *, scale: int = 8) -> str:
    """For WeasyPrint PDFs (labels, certificates): a PNG with a quiet zone of four modules."""
    return qr_code(text).png_data_uri(scale=scale, border=4)


def qr_svg_inline(text: str, *, scale: int = 4) -> str:
    """For pages: inline SVG."""
    return qr_code(text).svg_inline(scale=scale, border=4)
