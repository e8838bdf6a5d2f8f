from django.urls import reverse

from guomen.labs.models import Sample


def test_inspector_registers_a_sample_on_the_phone_page(client, task, inspector, lab):
    client.force_login(inspector)
    url = reverse("labs:sample_new", args=[task.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "sample_type": "fruit_vegetable",
            "quantity": "2",
            "unit": "kg",
            "tests": ["pesticide_residues"],
            "laboratory": lab.code,
        },
    )
    sample = Sample.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("labs:sample_detail", args=[sample.pk])


def test_label_is_a_pdf(client, task, inspector, lab):
    from guomen.labs.tests.factories import register

    sample = register(task, inspector, lab)
    client.force_login(inspector)
    response = client.get(reverse("labs:sample_label", args=[sample.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    page = client.get(reverse("labs:sample_detail", args=[sample.pk]))
    assert page.status_code == 200
