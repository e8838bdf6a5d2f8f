"""Run a service from a POSTed form and go back to the page, with a message either way."""

from django.contrib import messages
from django.shortcuts import redirect

from guomen.core.errors import ApplicationError, NotFound, PermissionDenied
from guomen.core.four_eyes import FourEyesViolation


def act(request, form, call, *, success: str, back: str):
    """`call(cleaned_data)` runs the service. Bad input and refusals come back as messages on the page."""
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(back)
    try:
        call(form.cleaned_data)
    except FourEyesViolation as exc:  # the rule is named on the page the person came from
        messages.error(request, str(exc.message))
        return redirect(back)
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        problems = [p for items in exc.fields.values() for p in items]
        messages.error(request, " ".join(problems) if problems else str(exc.message))
        return redirect(back)
    messages.success(request, success)
    return redirect(back)
