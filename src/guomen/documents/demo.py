"""Demo documents: laws, national and foreign standards, and one protocol per import requirement."""

import datetime as dt

from guomen.catalog.models import Country, Hazard, HsCode, ImportRequirement

from .demo_texts import CLAUSES, DOCUMENTS
from .models import Document
from .services import document_create, document_supersede


def body(rng, *, commodity: str, country: str, pest: str, paragraphs: int) -> str:
    out = []
    for n in range(1, paragraphs + 1):
        clauses = rng.sample(CLAUSES, 3)
        text = "".join(c.format(commodity=commodity, country=country, pest=pest) for c in clauses)
        out.append(f"第{n}条 {text}")
    return "\n".join(out)


def seed_demo(bureau, rng) -> dict:
    admin = bureau.admin
    hazards = Hazard.objects.in_bulk(field_name="code")
    by_number, made = {}, 0
    for kind, number, title, issuer, issued, public, hs, countries, pests, replaces in DOCUMENTS:
        data = {
            "kind": kind,
            "number": number,
            "title": title,
            "issuer": issuer,
            "issued_on": dt.date.fromisoformat(issued),
            "public": public,
            "commodities": list(HsCode.objects.filter(code__in=hs)),
            "countries": list(Country.objects.filter(code__in=countries)),
            "hazards": [hazards[c] for c in pests if c in hazards],
        }
        pest = hazards[pests[0]].name_zh if pests and pests[0] in hazards else "检疫性有害生物"
        text = f"{title}\n" + body(
            rng, commodity="水果", country="出口国", pest=pest, paragraphs=rng.randint(8, 20)
        )
        doc = document_create(data=data, actor=admin, text=text)
        by_number[number] = doc
        made += 1
        if replaces and replaces in by_number:
            document_supersede(
                document=by_number[replaces], replacement=doc, actor=admin, reason="新版标准发布实施"
            )
    protocols = 0
    for req in ImportRequirement.objects.select_related("hs", "origin").prefetch_related("pests"):
        if not req.protocol or Document.objects.filter(title=req.protocol, countries=req.origin).exists():
            continue
        pests = list(req.pests.all())
        data = {
            "kind": "protocol",
            "title": req.protocol,
            "issuer": "海关总署",
            "issued_on": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 600)),
            "public": True,
            "commodities": [req.hs],
            "countries": [req.origin],
            "hazards": pests,
        }
        text = body(
            rng,
            commodity=req.hs.name_zh or "水果",
            country=req.origin.name_zh or req.origin.name_en,
            pest="、".join(p.name_zh for p in pests) or "检疫性有害生物",
            paragraphs=rng.randint(10, 18),
        )
        document_create(data=data, actor=admin, text=f"{req.protocol}\n{text}\n{req.notes}")
        protocols += 1
    return {"documents": made + protocols}
