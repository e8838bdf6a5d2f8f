import datetime as dt

from django.utils import timezone

from guomen.risk.services import signal_record


def make_signal(rw, *, n: int = 0, days_ago: int = 0, org=None, **overrides):
    """A lab signal about the orchard's durian with the pest, `days_ago` days old."""
    data = {
        "source": "lab",
        "title": f"检出南洋臀纹粉蚧 {n}",
        "org": org or rw["WJD"],
        "actor": None,
        "occurred_on": timezone.localdate() - dt.timedelta(days=days_ago),
        "hs": rw["durian"],
        "hazard": rw["pest"],
        "origin": rw["thailand"],
        "enterprise": rw["enterprise"],
        "production_base": rw["base"],
    }
    data.update(overrides)
    return signal_record(**data)


def warning_data(rw, **overrides) -> dict:
    data = {
        "title": "泰国榴莲检出南洋臀纹粉蚧",
        "body": "近期文锦渡口岸多批次泰国榴莲检出南洋臀纹粉蚧，请各口岸加严检验。",
        "classification": "alert",
        "risk_decision": "serious",
        "addressees": [rw["WJD"], rw["HG"]],
        "hazard": rw["pest"],
        "origin": rw["thailand"],
        "commodity_group": rw["fruit"],
        "hs_prefix": "081060",
    }
    data.update(overrides)
    return data


def measure_data(rw, kind: str, **overrides) -> dict:
    data = {
        "kind": kind,
        "owner": rw["analyst"],
        "deadline": timezone.localdate() + dt.timedelta(days=14),
        "lifting_condition": "连续5批合格",
    }
    if kind == "consumer_warning":
        data |= {"public_title": "消费提示：泰国榴莲", "public_text": "请选购正规渠道进口的榴莲。"}
    data.update(overrides)
    return data
