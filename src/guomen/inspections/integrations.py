"""Calls into apps that may not be installed yet (labs, ePhyto on declarations, control measures).

Each function returns an empty answer when the other app does not provide the call, so the dossier,
checklist and follow-up board work with whatever is present.
"""

from importlib import import_module

from django.urls import NoReverseMatch, reverse


def _function(module: str, name: str):
    try:
        return getattr(import_module(module), name, None)
    except ImportError:
        return None


def samples_for_task(task) -> list:
    func = _function("guomen.labs.selectors", "samples_for_task")
    return list(func(task)) if func else []


def overdue_samples(user) -> list:
    func = _function("guomen.labs.selectors", "overdue_samples")
    return list(func(user)) if func else []


def ephyto_mismatches(declaration) -> list[str]:
    func = _function("guomen.declarations.selectors", "ephyto_mismatches")
    return [str(m) for m in func(declaration)] if func else []


def control_measures(declaration) -> list:
    func = _function("guomen.targeting.selectors", "measures_for_declaration")
    return list(func(declaration)) if func else []


def sample_new_url(task) -> str:
    """The labs app's sampling page for this task, or "" while it does not exist."""
    try:
        return reverse("labs:sample_new", args=[task.pk])
    except NoReverseMatch:
        return ""


def task_for_sample_number(number: str):
    """The task id a sample was drawn in, when the labs app stores samples."""
    from django.apps import apps

    try:
        sample_model = apps.get_model("labs", "Sample")
    except LookupError:
        return None
    if not any(f.name == "number" for f in sample_model._meta.get_fields()):
        return None
    return sample_model.objects.filter(number__iexact=number).values_list("task_id", flat=True).first()
