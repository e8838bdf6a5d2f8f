"""Targeting's part of the demo bureau: a 2% random control group, port capacities, the statistics the
decisions read, frequency levels and (for the small bureau) a model trained on its history and promoted."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import OrgUnit, User
from guomen.declarations.models import Declaration

from .choices import ModelStatus
from .models import PortCapacity, RiskModel, TargetingSettings
from .services.daily import daily_run
from .services.models import model_promote, model_train

RANDOM_RATE = 0.02
CAPACITY = 0.10
TRAIN_LIMIT = 60_000  # results; a bigger history is trained with `guomen risk train`


def seed_demo(bureau, rng) -> dict:
    analyst = User.objects.filter(pk=bureau.user_ids.get("analyst_sz")).first() or bureau.admin
    if not TargetingSettings.objects.exists():
        TargetingSettings.objects.create(random_rate=RANDOM_RATE, default_capacity=CAPACITY)
    for port in OrgUnit.objects.filter(kind="port"):
        PortCapacity.objects.get_or_create(port=port, defaults={"physical_share": CAPACITY})
    daily = daily_run()
    counts = {"targeting.statistics": daily["statistics"], "targeting.levels": daily["levels"]}
    results = Declaration.objects.filter(outcome__in=("conforming", "non_conforming")).count()
    if results <= TRAIN_LIMIT and not RiskModel.objects.filter(status=ModelStatus.LIVE).exists():
        today = timezone.localdate()
        model = model_train(
            train_from=today - dt.timedelta(days=730),
            train_to=today - dt.timedelta(days=1),
            actor=analyst,
            notes="demo",
        )
        model_promote(model=model, actor=analyst, reason="demo")
        counts["targeting.model"] = model.name
    return counts
