import factory
from django.utils import timezone

from guomen.declarations.tests.factories import DeclarationFactory
from guomen.inspections.models import InspectionTask


class InspectionTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionTask

    declaration = factory.SubFactory(DeclarationFactory, status="under_inspection")
    port = factory.LazyAttribute(lambda o: o.declaration.port)
    channel = "physical"
    priority = 50
    due_date = factory.LazyFunction(timezone.localdate)
