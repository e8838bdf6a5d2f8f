"""Building the demo bureau: master data, two years of history, today's consignments."""

import io
import random
import time
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.models import OrgUnit, User
from guomen.core.errors import ValidationFailed
from guomen.core.services import audit_record
from guomen.declarations.models import Declaration

from . import reference
from .history import HistoryGenerator
from .masterdata import Bureau, build_master_data, check_catalogue
from .national import build_national_tree
from .plan import build_plan
from .today import submit_today, work_some_tasks

SIZES = {"small": 4_000, "large": 1_000_000, "national": 1_000_000}  # national: large + the national tree


@dataclass
class SeedResult:
    bureau: Bureau
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)

    def summary(self) -> dict:
        """What scripts and tests need to drive the demo (documented in `seed-demo --help`)."""
        b = self.bureau
        return {
            "api_key": b.api_key,
            "ports": list(reference.PORTS),
            "enterprises": [{"uscc": e.uscc, "name": e.name} for e in b.enterprises],
            "production_bases": [base.code for base in b.bases],
            "users": [{k: u[k] for k in ("username", "password", "role", "org")} for u in b.users],
        }

    @property
    def bad_bases(self) -> list[str]:
        return [base.code for base in self.bureau.bases if base.bad]


def bureau_exists() -> bool:
    return OrgUnit.objects.exists()


def seed_demo(
    *,
    size: str = "small",
    seed: int = 2025,
    declarations: int | None = None,
    load_catalog: bool = True,
    progress=None,
) -> SeedResult:
    """Build the whole demo bureau into an empty database. Same seed and day → same data."""
    if size not in SIZES:
        raise ValidationFailed(fields={"size": [_("Choose small, large or national.")]})
    if bureau_exists():
        raise ValidationFailed(
            _("The database already has a bureau; seed an empty database."),
            fields={"database": [_("Not empty.")]},
        )
    rng = random.Random(seed)
    total = declarations if declarations is not None else SIZES[size]
    seconds = {}
    started = time.perf_counter()
    if load_catalog:
        call_command("load-catalog", verbosity=0, stdout=io.StringIO())
    check_catalogue()
    seconds["catalogue"] = time.perf_counter() - started
    with transaction.atomic():
        bureau = build_master_data(rng)
        if size == "national":
            build_national_tree(bureau)
    plans = build_plan(bureau, rng)
    seconds["master_data"] = time.perf_counter() - started - seconds["catalogue"]
    mark = time.perf_counter()
    counts = dict(
        HistoryGenerator(bureau, plans, rng, total, timezone.localdate() - timezone.timedelta(days=1)).run(
            progress=progress
        )
    )
    counts = {k: v for k, v in counts.items() if isinstance(k, str)}
    seconds["history"] = time.perf_counter() - mark
    mark = time.perf_counter()
    with transaction.atomic():
        today = submit_today(bureau, plans, rng)
        work_some_tasks(bureau)
        counts["today"] = len(today)
        counts.update(seed_app_extensions(bureau, rng))
        audit_record(
            actor=None,
            verb="demo.seed",
            object_type="demo.bureau",
            object_id=str(seed),
            object_repr=_("Demo bureau"),
            org_path="/GACC/",
            after={"size": size, "seed": seed, **counts},
        )
    seconds["today"] = time.perf_counter() - mark
    seconds["total"] = time.perf_counter() - started
    return SeedResult(bureau=bureau, counts=counts, seconds=seconds)


def seed_app_extensions(bureau: Bureau, rng: random.Random) -> dict:
    """Let every installed app that has a `demo.py` with `seed_demo(bureau, rng)` add its own demo data."""
    counts = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("guomen.") or config.name == "guomen.demo":
            continue
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        counts.update(module.seed_demo(bureau, rng) or {})
    return counts


def demo_logins() -> list[dict]:
    """The demo users present in the database, with their demo password, role and unit."""
    from guomen.accounts.choices import Role
    from guomen.accounts.demo import DEMO_LOGINS
    from guomen.exports.demo import EXPORTER_USER
    from guomen.labs.demo import SECOND_ANALYST
    from guomen.tracebacks.demo import EXPORTER_USER as TRACED_EXPORTER

    every = [*reference.USERS, (SECOND_ANALYST[0], Role.LAB_ANALYST, "WJD", SECOND_ANALYST[1])]
    every += [row[:4] for row in DEMO_LOGINS]
    every += [(EXPORTER_USER[0], Role.ENTERPRISE, None, EXPORTER_USER[1])]
    every += [(TRACED_EXPORTER, Role.ENTERPRISE, None, "孙丽（出口企业质量负责人）")]
    users = {
        u.username: u
        for u in User.objects.select_related("org", "enterprise").filter(
            username__in=[row[0] for row in every]
        )
    }
    rows = []
    for username, role, _org, display_name in every:
        user = users.get(username)
        if user is None:
            continue
        unit = user.org.name if user.org_id else (user.enterprise.name_zh if user.enterprise_id else "")
        rows.append(
            {
                "username": username,
                "password": reference.DEMO_PASSWORD,
                "role": str(role.label),
                "unit": unit,
                "name": display_name,
            }
        )
    return rows


def declaration_count() -> int:
    return Declaration.objects.count()
