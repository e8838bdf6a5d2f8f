
from guomen.labs.services import sample_register
from guomen.labs.tests.factories import register, to_received


def test_registration_numbers_samples_by_port_and_day(task, inspector, lab):
    first = register(task, inspector, lab)
    second = register(task, inspector, lab)
    assert first.number.startswith("YPWJD")
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1


def test_custody_to_received(task, inspector, lab, lab_analyst):
    sample = register(task, inspector, lab)
    sample = to_received(sample, inspector, lab_analyst)
    assert sample.status == "received"
    assert sample_register
