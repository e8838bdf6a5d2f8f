import datetime as dt
import io

from django.utils import timezone

from guomen.complaints.models import Complaint
from guomen.complaints.services import complaint_submit


def complaint_data(**overrides) -> dict:
    data = {
        "kind": "complaint",
        "product": "进口榴莲",
        "place": "深圳市罗湖区某超市",
        "enterprise_name": "深圳市万家果业进出口有限公司",
        "description": "买回的榴莲果肉发霉，家人食用后腹泻。",
        "contact_name": "王小明",
        "contact_phone": "13800138000",
        "contact_email": "wang@example.com",
    }
    data.update(overrides)
    return data


def submit(org=None, **overrides) -> Complaint:
    return complaint_submit(data=complaint_data(**overrides), org=org)


def make_overdue(complaint: Complaint, days: int = 3) -> Complaint:
    Complaint.objects.filter(pk=complaint.pk).update(due_on=timezone.localdate() - dt.timedelta(days=days))
    complaint.refresh_from_db()
    return complaint


def image_bytes(fmt: str = "PNG", size=(8, 8)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()
