"""Master data of the demo bureau: units, users, hazards and requirements, enterprises, production bases."""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.accounts.models import OrgUnit, User
from guomen.accounts.services import api_key_create, orgunit_create, user_create
from guomen.catalog.models import Country, Hazard, HsCode, ImportRequirement, ResidueLimit
from guomen.catalog.services import hazard_create, import_requirement_create, residue_limit_create
from guomen.core.errors import ValidationFailed
from guomen.core.testing import make_uscc
from guomen.registry.models import Enterprise
from guomen.registry.services import enterprise_create, production_base_create, production_base_set_status
from guomen.targeting.models import SimpleRule
from guomen.targeting.services import rule_create, rules_load_defaults

from . import names, reference
from .trade import COMMODITIES, FLOWS

GRADES = (("AA", 0.10), ("A", 0.55), ("B", 0.25), ("C", 0.08), ("D", 0.02))
CLASS_FOR_GRADE = {"AA": "I", "A": "II", "B": "III", "C": "IV", "D": "IV"}
ORIGINS_NEEDED = {"HK"} | {f.origin for f in FLOWS}


@dataclass
class EnterpriseInfo:
    id: int
    uscc: str
    name: str
    kind: str
    grade: str
    city: str


@dataclass
class BaseInfo:
    id: int
    code: str
    country: str
    kind: str
    commodities: tuple[str, ...]
    name: str = ""
    bad: bool = False
    status: str = "active"
    closed_on: dt.date | None = None  # no consignments from this day on (suspended / revoked)


@dataclass
class Bureau:
    orgs: dict[str, OrgUnit] = field(default_factory=dict)
    users: list[dict] = field(default_factory=list)
    user_ids: dict[str, int] = field(default_factory=dict)
    api_key: str = ""
    enterprises: list[EnterpriseInfo] = field(default_factory=list)
    bases: list[BaseInfo] = field(default_factory=list)
    hazard_ids: dict[str, int] = field(default_factory=dict)
    admin: User | None = None  # enters the master data (its audit events name them)


def check_catalogue() -> None:
    """The demo needs the HS codes and countries it trades in; load-catalog provides them."""
    hs_needed = {c.hs for c in COMMODITIES.values()} | {c.national for c in COMMODITIES.values()}
    hs_needed |= {hs for _h, hs, _v, _u in reference.LIMITS}
    missing = sorted(
        hs_needed - set(HsCode.objects.filter(code__in=hs_needed).values_list("code", flat=True))
    )
    missing += sorted(
        ORIGINS_NEEDED - set(Country.objects.filter(code__in=ORIGINS_NEEDED).values_list("code", flat=True))
    )
    if missing:
        raise ValidationFailed(
            _("The catalogue lacks %(codes)s; run “guomen load-catalog” first.")
            % {"codes": ", ".join(missing)},
            fields={"catalog": [", ".join(missing)]},
        )


def build_org_tree(bureau: Bureau) -> None:
    for code, name, name_en, kind, parent in reference.ORG_UNITS:
        bureau.orgs[code] = orgunit_create(
            code=code,
            name=name,
            name_en=name_en,
            kind=kind,
            parent=bureau.orgs.get(parent) if parent else None,
        )


def build_users(bureau: Bureau, *, enterprise: Enterprise | None = None) -> None:
    """Staff users first (the administrator enters the master data); the enterprise user once its firm exists."""
    admin_first = sorted(reference.USERS, key=lambda row: row[1] != Role.ADMINISTRATOR)
    for username, role, org_code, display_name in admin_first:
        if (role == Role.ENTERPRISE) != (enterprise is not None) or username in bureau.user_ids:
            continue
        org = bureau.orgs[org_code] if org_code else None
        user = user_create(
            username=username,
            password=reference.DEMO_PASSWORD,
            role=role,
            org=org,
            enterprise=enterprise,
            display_name=display_name,
            actor=bureau.admin,
        )
        bureau.user_ids[username] = user.pk
        bureau.admin = bureau.admin or (user if role == Role.ADMINISTRATOR else None)
        bureau.users.append(
            {
                "username": username,
                "password": reference.DEMO_PASSWORD,
                "role": str(role),
                "org": org_code or enterprise.uscc,
                "display_name": display_name,
            }
        )
    if enterprise is not None:
        _key, bureau.api_key = api_key_create(
            name=reference.API_KEY_NAME, org_code=reference.API_KEY_ORG, actor=bureau.admin
        )


def build_hazards(bureau: Bureau) -> None:
    """Hazards, limits and import requirements, entered by the administrator (each audited)."""
    admin = bureau.admin
    existing = set(Hazard.objects.values_list("code", flat=True))
    for code, kind, zh, en, sci in reference.HAZARDS:
        if code not in existing:
            data = {"code": code, "kind": kind, "name_zh": zh, "name_en": en, "scientific_name": sci}
            hazard_create(data=data, actor=admin)
    hazards = Hazard.objects.in_bulk(field_name="code")
    bureau.hazard_ids = {code: h.pk for code, h in hazards.items()}
    hs = HsCode.objects.in_bulk(
        {c for _h, c, _v, _u in reference.LIMITS} | {r[0] for r in reference.REQUIREMENTS}
    )
    have = set(ResidueLimit.objects.values_list("hazard_id", "hs_id"))
    for code, hs_code, value, unit in reference.LIMITS:
        if (hazards[code].pk, hs_code) not in have:
            standard = "GB 2763-2021" if unit == "mg/kg" else "GB 29921-2021"
            residue_limit_create(
                data={
                    "hazard": hazards[code],
                    "hs": hs[hs_code],
                    "value": Decimal(value),
                    "unit": unit,
                    "standard": standard,
                },
                actor=admin,
            )
    countries = Country.objects.in_bulk({r[1] for r in reference.REQUIREMENTS})
    for hs_code, origin, pests, treatment, base_required, protocol, notes in reference.REQUIREMENTS:
        if ImportRequirement.objects.filter(hs_id=hs_code, origin_id=origin).exists():
            continue
        data = {
            "hs": hs[hs_code],
            "origin": countries[origin],
            "marking": reference.CHINA_MARK,
            "required_treatment": treatment,
            "registered_base_required": base_required,
            "required_documents": ["phytosanitary_certificate"],
            "protocol": protocol,
            "notes": notes,
            "pests": [hazards[p] for p in pests],
        }
        import_requirement_create(data=data, actor=admin)


def build_rules(bureau: Bureau) -> None:
    """Targeting's default rule table plus the demo bureau's own rules, written by its administrator."""
    rules_load_defaults(actor=bureau.admin)
    for name, hs, origin, direction, channel, instruction in reference.RULES:
        if not SimpleRule.objects.filter(name=name).exists():
            rule_create(
                name=name,
                hs_prefix=hs,
                origin=Country.objects.get(pk=origin) if origin else None,
                direction=direction,
                channel=channel,
                instruction=instruction,
                actor=bureau.admin,
            )


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def build_enterprises(bureau: Bureau, rng: random.Random) -> None:
    today = timezone.localdate()
    seq = 0
    trade_names = list(names.TRADE_NAMES)
    rng.shuffle(trade_names)
    for count, kind in names.ENTERPRISE_MIX:
        for i in range(count):
            seq += 1
            city = "SZ" if kind == "exporter" or seq == 1 else _weighted(rng, names.CITY_SHARE)
            city_zh, city_en, districts, ports, streets, area = names.CITIES[city]
            region, district = rng.choice(districts)
            zh_word, en_word = trade_names[(seq - 1) % len(trade_names)]
            biz_zh, biz_en = names.BUSINESS[kind][i % len(names.BUSINESS[kind])]
            grade = "A" if seq == 1 else _weighted(rng, GRADES)
            contact = rng.choice(names.SURNAMES) + rng.choice(names.GIVEN)
            data = {
                "uscc": make_uscc(700000 + seq * 37, region),
                "name_zh": f"{city_zh}{zh_word}{biz_zh}",
                "name_en": f"{city_en} {en_word} {biz_en}",
                "kind": kind,
                "filing_status": "pending" if seq % 41 == 0 else "filed",
                "org": bureau.orgs[rng.choice(ports)],
                "address": f"{city_zh}{district}{rng.choice(streets)}{rng.randint(1, 999)}号",
                "contact_name": contact,
                "contact_phone": f"{area}-{rng.randint(2000_0000, 8999_9999)}",
                "contact_email": f"trade@{en_word.lower()}{seq}.com.cn",
                "credit_grade": grade,
                "classification": CLASS_FOR_GRADE[grade],
                "qms_certified": grade in ("AA", "A") and rng.random() < 0.6,
                "filed_on": today - dt.timedelta(days=rng.randint(800, 4000)),
            }
            e = enterprise_create(data=data, actor=bureau.admin)
            bureau.enterprises.append(
                EnterpriseInfo(e.pk, e.uscc, e.name_zh, e.kind, e.credit_grade, e.org.code)
            )


def build_production_bases(bureau: Bureau, rng: random.Random) -> None:
    """Orchards, packhouses, farms and plants, registered (and a few suspended) by the administrator."""
    today = timezone.localdate()
    exporters = [e for e in bureau.enterprises if e.kind == "exporter"]
    bad = {f"{prefix}{index}" for prefix, index in names.BAD_BASES}
    closed = {f"{p}{i}": (status, days, reason) for p, i, status, days, reason in names.SUSPENDED_BASES}
    countries = Country.objects.in_bulk({row[0] for row in names.BASES})
    hs = HsCode.objects.in_bulk({c.national for c in COMMODITIES.values()})
    numbered: dict[str, int] = {}
    for country, commodities, kind, pattern, count, regions, name_pattern in names.BASES:
        words = names.WORDS[country]
        prefix = pattern.split("{")[0]
        for i in range(1, count + 1):
            n = numbered[prefix] = numbered.get(prefix, 0) + 1
            word = words[(i * 7 + n) % len(words)] + ("" if i <= len(words) else f" {i}")
            region = regions[(i - 1) % len(regions)]
            domestic = country == "CN"
            owner = exporters[(i - 1) % len(exporters)] if domestic and exporters else None
            name = name_pattern.format(w=word, region=region)
            data = {
                "code": pattern.format(n=n),
                "kind": kind,
                "name": name,
                "name_en": f"{word} Vegetable Farm" if domestic else name,
                "country": countries[country],
                "region": region,
                "operator_name": owner.name if owner else f"{word} Group",
                "enterprise": Enterprise.objects.get(pk=owner.id) if owner else None,
                "org": bureau.orgs["SZ" if domestic else "GACC"],
                "registered_on": today - dt.timedelta(days=rng.randint(900, 3000)),
                "commodities": sorted(
                    {hs[COMMODITIES[c].national] for c in commodities}, key=lambda h: h.code
                ),
            }
            base = production_base_create(data=data, actor=bureau.admin)
            status, days, reason = closed.get(f"{prefix}{n}", ("active", 0, ""))
            if status != "active":
                production_base_set_status(base=base, to=status, reason=reason, actor=bureau.admin)
            bureau.bases.append(
                BaseInfo(
                    base.pk,
                    base.code,
                    country,
                    kind,
                    commodities,
                    name=name,
                    bad=f"{prefix}{n}" in bad,
                    status=status,
                    closed_on=today - dt.timedelta(days=days) if days else None,
                )
            )


def build_master_data(rng: random.Random) -> Bureau:
    bureau = Bureau()
    build_org_tree(bureau)
    build_users(bureau)
    build_hazards(bureau)
    build_rules(bureau)
    build_enterprises(bureau, rng)
    build_production_bases(bureau, rng)
    build_users(bureau, enterprise=Enterprise.objects.get(pk=bureau.enterprises[0].id))
    return bureau
