"""Helpers shared by every app's views: paging, HTMX partials, service errors on forms."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from .errors import ApplicationError

PER_PAGE = 25


def page_of(request, qs, per_page: int = PER_PAGE):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def render_list(request, template: str, partial: str, context: dict):
    """The whole page, or only the results when HTMX asks (search-as-you-type, filters, paging)."""
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        return render(request, partial, context)
    return render(request, template, context)


def add_errors(form, exc: ApplicationError) -> None:
    """Show a service error on the fields it names (or at the top of the form)."""
    if not exc.fields:
        form.add_error(None, str(exc.message))
        return
    for name, problems in exc.fields.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


def save_form(request, form, save, *, success: str, redirect_to):
    """Validate the form, call the service; on success redirect, else return None (re-render)."""
    if not form.is_valid():
        return None
    try:
        obj = save(form)
    except ApplicationError as exc:
        add_errors(form, exc)
        return None
    messages.success(request, success)
    return redirect(redirect_to(obj))


def edit_page(
    request, form, obj, *, create, update, success: str, redirect_to, title, template="catalog/form.html"
):
    """The create-or-edit page of a record: `create(data=, actor=)` when `obj` is None, else
    `update(obj, data=, actor=, expected_version=)` (a stale version comes back as a form error)."""
    if request.method == "POST":

        def save(f):
            if obj is None:
                return create(data=f.service_data(), actor=request.user)
            return update(obj, data=f.service_data(), actor=request.user, expected_version=f.expected_version)

        done = save_form(request, form, save, success=success, redirect_to=redirect_to)
        if done:
            return done
    return render(request, template, {"form": form, "title": title, "obj": obj})
