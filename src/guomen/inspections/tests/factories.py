import factory
from django.utils import timezone

from guomen.catalog.tests.factories import HazardFactory, ImportRequirementFactory
from guomen.declarations.tests.factories import DeclarationFactory, DeclarationLineFactory
from guomen.inspections.models import InspectionTask
from guomen.registry.tests.factories import ProductionBaseFactory

# A physical check answered on the checklist: what the release rules ask of a physical inspection.
PHYSICAL_CHECKED = [{"code": "phys.decay", "result": "conform", "note": ""}]


class InspectionTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionTask

    declaration = factory.SubFactory(DeclarationFactory, status="under_inspection")
    port = factory.LazyAttribute(lambda o: o.declaration.port)
    channel = "physical"
    priority = 50
    due_date = factory.LazyFunction(timezone.localdate)


def declaration_under_inspection(port, *, base_status="active", **kwargs):
    """A durian declaration from Thailand at `port`, routed to inspection, with one line and its orchard."""
    declaration = DeclarationFactory(port=port, status="under_inspection", channel="physical", **kwargs)
    line = DeclarationLineFactory(declaration=declaration, line_no=1)
    line.production_bases.add(ProductionBaseFactory(status=base_status, status_reason="检出检疫性有害生物"))
    return declaration


def open_task(port, *, channel="physical", base_status="active", **kwargs):
    """The task the intake opens for a declaration routed to an inspection channel."""
    from guomen.inspections.services import inspection_task_open

    declaration = declaration_under_inspection(port, base_status=base_status, **kwargs)
    return inspection_task_open(
        declaration=declaration, channel=channel, instruction="开箱查验，重点检查介壳虫"
    )


def durian_requirement():
    """Thai durian: two mealybugs of concern, the Chinese marking, registered orchards only."""
    requirement = ImportRequirementFactory(required_treatment="")
    requirement.pests.add(
        HazardFactory(code="PLANLI", name_zh="南洋臀纹粉蚧", scientific_name="Planococcus lilacinus"),
        HazardFactory(code="PLANMI", name_zh="大洋臀纹粉蚧", scientific_name="Planococcus minor"),
    )
    return requirement


def jpeg_with_exif(size=(3000, 2000), color=(200, 30, 30)) -> bytes:
    """A camera-like JPEG: large, with EXIF (camera make, GPS) that must not survive the upload."""
    import io

    from PIL import Image

    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (22.0, 32.0, 10.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def closed_by_colleague(task, colleague, supervisor):
    """Someone else recorded a result and the supervisor confirmed it: the task is closed."""
    from guomen.clearance.services import clearance_confirm, clearance_record_result

    recorded = clearance_record_result(
        task=task,
        outcome="conforming",
        proposed_disposition="release",
        actor=colleague,
        checklist=PHYSICAL_CHECKED,
    )
    return clearance_confirm(task=recorded, disposition="release", actor=supervisor)
