"""Demo data of the export chain at 文锦渡: an exporter of lychees and live pigs for Hong Kong with its registered
sites (one suspended, one still applying), input records, batches (one flagged: a veterinary drug inside its
withdrawal period), export declarations naming their batches and their consignees abroad, one supervised loading
(监装), and one lychee export that went through a fumigation before release (its phytosanitary certificate and
ePhyto state the treatment)."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User
from guomen.accounts.services import user_create
from guomen.catalog.models import Country, HsCode
from guomen.clearance.services import clearance_submit
from guomen.core.testing import make_uscc
from guomen.registry.models import Enterprise
from guomen.registry.services import enterprise_create

from . import services

EXPORTER = "深圳市鲜丰农产品出口有限公司"
EXPORTER_USER = ("exporter_demo", "林晓（出口企业报检员）")
# name, kind, supplies HK/Macao, HS codes, destinations, final status (reason)
SITES = [
    ("增城仙村荔枝种植基地", "planting", True, ["081090"], ["HK", "MO", "JP"], "registered", ""),
    ("惠州供港生猪养殖场", "farm", True, ["0103"], ["HK", "MO"], "registered", ""),
    ("东莞麻涌蔬菜种植基地", "planting", True, ["0709"], ["HK"], "suspended", "抽检检出禁用农药氧乐果"),
    ("深圳南澳水产加工厂", "processing", False, ["0303"], ["JP", "KR"], "applied", ""),
]
# site, kind, product, substance, dose, unit, days ago, withdrawal (None: the list's), source
INPUTS = [
    (0, "seedling", "妃子笑荔枝嫁接苗", "", "1200", "株", 400, 0, "增城区荔枝良种场"),
    (0, "pesticide", "10%吡虫啉可湿性粉剂", "imidacloprid", "0.3", "kg/亩", 40, None, "广州农资公司"),
    (0, "pesticide", "75%百菌清可湿性粉剂", "chlorothalonil", "0.15", "kg/亩", 25, None, "广州农资公司"),
    (1, "seedling", "长白仔猪", "", "300", "头", 170, 0, "惠州市种猪场"),
    (1, "feed", "育肥猪配合饲料", "", "12", "吨", 30, 0, "惠州饲料厂"),
    (1, "vet_drug", "10%恩诺沙星注射液", "enrofloxacin", "2.5", "mg/kg", 3, None, "兽药经营部"),
    (2, "pesticide", "40%氧乐果乳油", "omethoate", "0.1", "L/亩", 60, None, "来源不明"),
]
# site, HS, quantity, unit, harvested (days ago), destination
BATCHES = [
    (0, "081090", "6000", "kg", 2, "HK"),
    (1, "010392", "120", "头", 1, "HK"),
]
TREATED_BATCH = (
    0,
    "081090",
    "4000",
    "kg",
    1,
    "HK",
)  # lychees found with scale insects: fumigated, then released
# the buyers abroad, by destination: name, address, ISO country
CONSIGNEES_ABROAD = {
    "HK": ("Wing Fat Fruit Trading Ltd.", "Stall 8, Yau Ma Tei Fruit Market\n2 Waterloo Road, Kowloon", "HK"),
    "MO": ("Macau Fresh Fruit Co., Ltd.", "Rua da Praia do Manduco 15\nMacao", "MO"),
    "JP": ("Tokyo Seika Trading K.K.", "3-2-1 Toyosu, Koto-ku\nTokyo 135-0061", "JP"),
}


def _hs(code: str) -> str:
    """The code itself, or the first national code under it that the catalogue holds."""
    if HsCode.objects.filter(code=code).exists():
        return code
    found = HsCode.objects.filter(code__startswith=code).order_by("code").first()
    return found.code if found else ""


def _exporter(bureau, supervisor) -> Enterprise:
    found = Enterprise.objects.filter(name_zh=EXPORTER).first()
    if found is not None:
        return found
    return enterprise_create(
        data={
            "uscc": make_uscc(770011, "440300"),
            "name_zh": EXPORTER,
            "name_en": "Shenzhen Xianfeng Agricultural Products Export Co., Ltd.",
            "kind": "exporter",
            "org": bureau.orgs["WJD"],
            "filed_on": timezone.localdate() - dt.timedelta(days=900),
        },
        actor=supervisor,
    )


def _user(bureau, enterprise) -> User:
    from guomen.demo.reference import DEMO_PASSWORD

    username, display = EXPORTER_USER
    found = User.objects.filter(username=username).first()
    if found is not None:
        return found
    user = user_create(
        username=username,
        password=DEMO_PASSWORD,
        role="enterprise",
        enterprise=enterprise,
        display_name=display,
        actor=bureau.admin,
    )
    bureau.users.append(
        {
            "username": username,
            "password": DEMO_PASSWORD,
            "role": "enterprise",
            "org": enterprise.uscc,
            "display_name": display,
        }
    )
    return user


def _sites(exporter, exporter_user, supervisor) -> list:
    sites = []
    for name, kind, hk, codes, destinations, status, _reason in SITES:
        hs = [c for c in (_hs(code) for code in codes) if c]
        site = services.site_apply(
            enterprise=exporter,
            name=name,
            kind=kind,
            address="广东省" + name[:4],
            hk_macao=hk,
            commodities=hs,
            destinations=destinations,
            actor=exporter_user,
        )
        if status != "applied":
            services.site_set_status(site=site, to="reviewing", actor=supervisor)
            site = services.site_set_status(site=site, to="registered", actor=supervisor)
        sites.append(site)
    return sites


def _declaration(exporter, batch) -> object:
    weight = batch.quantity if batch.unit == "kg" else batch.quantity * 110  # live pigs of about 110 kg
    name, address, country = CONSIGNEES_ABROAD.get(batch.destination_id, ("", "", ""))
    return clearance_submit(
        actor=None,
        direction="export",
        port_code="WJD",
        declarant_uscc=exporter.uscc,
        consignor_name=exporter.name_zh,
        origin_country="CN",
        destination_country=batch.destination_id,
        foreign_consignee_name=name,
        foreign_consignee_address=address,
        foreign_consignee_country=country,
        transport="truck",
        transport_id="粤Z3321港",
        arrival_date=timezone.localdate(),
        lines=[
            {
                "hs_code": batch.commodity_id,
                "description": batch.commodity.name_zh or batch.commodity.name_en[:60],
                "quantity": weight,
                "unit": "kg",
                "net_weight_kg": weight,
                "value": weight * 4,
                "currency": "HKD",
            }
        ],
        batch_numbers=[batch.number],  # named at intake: a flagged batch never leaves on the green channel
    )


def seed_demo(bureau, rng) -> dict:
    if Country.objects.filter(code__in=["HK", "CN"]).count() != 2:
        return {}
    supervisor = User.objects.get(username="supervisor_sz")
    inspector = User.objects.get(username="inspector_wjd")
    exporter = _exporter(bureau, supervisor)
    exporter_user = _user(bureau, exporter)
    sites = _sites(exporter, exporter_user, supervisor)
    today = timezone.localdate()
    for site, kind, product, substance, dose, unit, days, withdrawal, source in INPUTS:
        actor = inspector if kind == "vet_drug" else exporter_user
        services.input_record(
            site=sites[site],
            kind=kind,
            product=product,
            substance=substance,
            dose=dose,
            unit=unit,
            used_on=today - dt.timedelta(days=days),
            withdrawal_days=withdrawal,
            source=source,
            actor=actor,
        )
    batches = [
        services.batch_record(
            site=sites[site],
            commodity=_hs(hs),
            quantity=qty,
            unit=unit,
            harvested_on=today - dt.timedelta(days=days),
            destination=dest,
            actor=exporter_user,
        )
        for site, hs, qty, unit, days, dest in BATCHES
    ]
    declared = loaded = 0
    for i, batch in enumerate(batches):
        declaration = _declaration(exporter, batch)
        declared += 1
        if declaration.status in ("released", "cancelled"):
            continue  # released at intake: nothing left to load under supervision
        if i == 0:
            services.loading_record(
                declaration=declaration,
                container_number="CSQU3054383",
                seal_number="SZ2026001234",
                notes="荔枝 6 吨，冷藏车监装，封识完好",
                actor=inspector,
            )
            loaded += 1
    treated = _treated_export(exporter, exporter_user, sites[0], inspector, supervisor)
    # the suspension comes after the vegetable site's history: its earlier input stays on file
    services.site_set_status(site=sites[2], to="suspended", reason=SITES[2][6], actor=supervisor)
    return {
        "export_sites": len(sites),
        "export_batches": len(batches),
        "export_batches_flagged": sum(1 for b in batches if b.flagged),
        "export_declarations_with_batches": declared,
        "export_loadings": loaded + treated,
        "export_treated": treated,
    }


def _treated_export(exporter, exporter_user, site, inspector, supervisor) -> int:
    """Lychees for Hong Kong: scale insects found at the physical check, fumigation ordered and done, then the
    release issues the phytosanitary certificate whose treatment box and ePhyto state the fumigation."""
    from guomen.clearance.services import (
        clearance_confirm,
        clearance_record_result,
        clearance_reroute,
        clearance_treatment_done,
    )
    from guomen.inspections.models import InspectionTask

    _site, hs, qty, unit, days, dest = TREATED_BATCH
    batch = services.batch_record(
        site=site,
        commodity=_hs(hs),
        quantity=qty,
        unit=unit,
        harvested_on=timezone.localdate() - dt.timedelta(days=days),
        destination=dest,
        actor=exporter_user,
    )
    declaration = _declaration(exporter, batch)
    if declaration.status != "under_inspection":
        return 0
    if declaration.channel not in ("physical", "physical_sampling"):
        clearance_reroute(
            declaration=declaration, channel="physical", reason="供港荔枝实货查验", actor=supervisor
        )
    task = InspectionTask.objects.get(declaration=declaration, status="open")
    services.loading_record(
        declaration=declaration,
        container_number="TGHU8127339",
        seal_number="SZ2026001377",
        notes="荔枝 4 吨，熏蒸后冷藏车监装，封识完好",
        actor=inspector,
    )
    conditions = "溴甲烷熏蒸 32 g/m³，21℃，2小时，熏蒸后通风散毒"
    task = clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="果实表面发现活体介壳虫，建议除害处理后放行。",
        findings=[{"description": "活体介壳虫（蚧科）", "count": 6}],
        proposed_disposition="treatment",
        treatment_kind="fumigation",
        conditions=conditions,
        actor=inspector,
    )
    task = clearance_confirm(
        task=task,
        disposition="treatment",
        treatment_kind="fumigation",
        conditions=conditions,
        actor=supervisor,
    )
    # the note of "treatment done" carries what the fumigation company reported: the certificate reads it
    clearance_treatment_done(
        task=task, reason=f"{conditions}；复查未见活虫（深圳检疫除害处理中心）", actor=supervisor
    )
    return 1
