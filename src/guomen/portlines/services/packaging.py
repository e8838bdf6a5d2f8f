"""Dangerous-goods packaging makers (出口危险货物包装生产企业登记) and the performance tests of their packaging
batches (危险货物包装性能检验). A failed test suspends the batch: its valid use results are withdrawn and a new use
result naming it is refused (records.use_record)."""

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed

from .. import choices as c
from ..models import PackagingMaker, PackagingUse, PerformanceTest
from .records import _follow, _insert, _kind_check, _past, _require_here, _text

# UN packaging codes (UN Model Regulations 6.1.2, 6.5.1.4): a kind (1 drum … 6 composite; 11/13/21/31 IBC), a
# material letter (A steel, B aluminium, C natural wood, D plywood, F reconstituted wood, G fibreboard, H plastics,
# L textile, M paper, N other metal; composites two letters) and a category digit where the kind has one.
UN_PACKAGING_CODE = re.compile(
    r"^(?:[1-5][ABCDFGHLMN][1-4]?"  # single packagings: 1A1, 1H2, 3H1, 4G, 4C1, 5M2
    r"|6[HP][ABCDGH][12]"  # composite packagings: 6HA1, 6PH2
    r"|(?:11|13|21|31)(?:[ABDFGMN]|H[ABCDGHNZ]?)[1-3]?)$"  # IBCs: 11A, 13H3, 31HA1, 31HZ1
)


def packaging_codes(text, errors: dict, field: str = "products") -> list[str]:
    """The UN packaging codes in `text` (separated by spaces, commas or 、), upper-cased; each one checked."""
    codes = []
    for raw in re.split(r"[\s,，、;；]+", str(text or "").strip()):
        if not raw:
            continue
        code = raw.upper()
        if not UN_PACKAGING_CODE.match(code):
            errors[field] = [
                _("“%(code)s” is not a UN packaging code (e.g. 1A1, 4G, 31HA1).") % {"code": raw}
            ]
            return []
        if code not in codes:
            codes.append(code)
    if not codes and field not in errors:
        errors[field] = [_("Enter at least one UN packaging code (e.g. 1A1, 4G).")]
    return codes


@transaction.atomic
def maker_register(
    *, enterprise, number: str, products: str, registered_on: dt.date, valid_until: dt.date, actor
) -> PackagingMaker:
    """Register a maker of dangerous-goods packagings with the UN packaging codes it may make."""
    _require_here(actor, "portlines.edit", enterprise.org)
    errors: dict = {}
    _kind_check(PackagingMaker, enterprise, errors)
    number = _text(number, "number", errors)
    if number and PackagingMaker.objects.filter(number=number).exists():
        errors["number"] = [_("A registration with this number is already on file.")]
    codes = packaging_codes(products, errors)
    _past(registered_on, "registered_on", errors)
    if valid_until is None:
        errors["valid_until"] = [_("This field is required.")]
    elif registered_on and valid_until <= registered_on:
        errors["valid_until"] = [_("The registration expires before it is valid.")]
    live = (c.MakerStatus.REGISTERED, c.MakerStatus.SUSPENDED)
    if PackagingMaker.objects.filter(enterprise=enterprise, status__in=live).exists():
        errors["enterprise"] = [_("This maker is already registered.")]
    if errors:
        raise ValidationFailed(fields=errors)
    maker = PackagingMaker(
        enterprise=enterprise,
        org=enterprise.org,
        number=number[:40],
        products=" ".join(codes),
        registered_on=registered_on,
        valid_until=valid_until,
    )
    return _insert(maker, actor=actor, verb="packagingmaker.registered", fields=["number", "products"])


@transaction.atomic
def performance_record(
    *,
    maker: PackagingMaker,
    un_code: str,
    batch: str,
    tested_on: dt.date,
    drop: str,
    stacking: str,
    leakproof: str,
    hydraulic: str,
    valid_until: dt.date | None = None,
    actor,
) -> PerformanceTest:
    """Record the performance tests of a packaging batch of a registered maker. Passed when no test failed (and at
    least one was made), valid until a date; a failed batch's valid use results are withdrawn."""
    _require_here(actor, "portlines.check", maker.org)
    errors: dict = {}
    if maker.status != c.MakerStatus.REGISTERED:
        errors["maker"] = [_("The maker's registration is not in force.")]
    codes = packaging_codes(un_code, errors, "un_code")
    if codes and (len(codes) > 1 or codes[0] not in maker.product_codes):
        errors["un_code"] = [
            _("Not among the maker's registered packaging codes: %(codes)s.") % {"codes": maker.products}
        ]
    batch = _text(batch, "batch", errors)[:40]
    _past(tested_on, "tested_on", errors)
    outcomes = {"drop": drop, "stacking": stacking, "leakproof": leakproof, "hydraulic": hydraulic}
    for field, outcome in outcomes.items():
        if outcome not in c.TestOutcome.values:
            errors[field] = [_("Choose passed, failed or not required.")]
    made = [o for o in outcomes.values() if o != c.TestOutcome.NOT_TESTED]
    if not made and not any(f in errors for f in outcomes):
        errors["drop"] = [_("Record at least one test.")]
    passed = bool(made) and c.TestOutcome.FAILED not in made
    if passed and (valid_until is None or (tested_on and valid_until <= tested_on)):
        errors["valid_until"] = [_("A passed test is valid until a date after the test.")]
    if errors:
        raise ValidationFailed(fields=errors)
    record = PerformanceTest(
        enterprise=maker.enterprise,
        org=maker.org,
        maker=maker,
        un_code=codes[0],
        batch=batch,
        tested_on=tested_on,
        passed=passed,
        valid_until=valid_until if passed else None,
        status=c.PerformanceStatus.VALID if passed else c.PerformanceStatus.FAILED,
        **outcomes,
    )
    _insert(record, actor=actor, verb="performancetest.recorded", fields=["un_code", "batch", "passed"])
    if not passed:
        reason = _("Packaging batch %(batch)s failed its performance test.") % {"batch": batch}
        for use in PackagingUse.objects.filter(batch=batch, status=c.UseStatus.VALID).select_related("org"):
            _follow(use, c.UseStatus.WITHDRAWN, reason, actor)
    return record
