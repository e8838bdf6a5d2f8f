"""What the pages of a record share: a small form posted to a service (a transition, a recording), the outcome
flashed and the user sent back; a create form whose service errors land on its fields; a list and its export,
both filtered by the list's FilterSet (the one the API takes)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from .errors import ApplicationError, NotFound, PermissionDenied
from .filters import FilterSet, xlsx_export
from .permissions import require
from .replica import reads_from_replica
from .ui import add_errors, page_of, render_list


def list_view(action: str, selector, filters: type[FilterSet], app: str, extra=None, export: str = ""):
    """The list page of an app's records the user may see: `selector(user=, filters=)` with the list's FilterSet
    read from the query string (the API takes the same class), paged, HTMX-aware (`<app>/list.html`, its rows
    `<app>/partials/rows.html`); `extra(user)` adds to the context (choices, what the user may do). `export`
    names the URL of the list's `export_view`; the rows partial links to it with the filters shown
    (`export_url` in the context)."""

    @login_required
    @require_GET
    def view(request):
        require(request.user, action)
        given = filters.from_query(request.GET)
        context = {"page": page_of(request, selector(user=request.user, filters=given)), "filters": given}
        if export:
            context["export_url"] = url_with(export, given)
        context |= extra(request.user) if extra else {}
        return render_list(request, f"{app}/list.html", f"{app}/partials/rows.html", context)

    return view


def export_view(action: str, selector, filters: type[FilterSet], columns, *, filename: str, back: str):
    """The XLSX export of a list: the page's FilterSet and scope (`selector(user=, filters=)`), `columns`
    [(label, row -> value)], read from the replica when there is one; `back` names the list's URL, where a user
    asking for more than the export holds is sent with the filters kept."""

    @login_required
    @require_GET
    @reads_from_replica
    def view(request):
        require(request.user, action)
        given = filters.from_query(request.GET)
        rows = selector(user=request.user, filters=given)
        return xlsx_export(request, rows, columns, filename=filename, back=url_with(back, given))

    return view


def url_with(name: str, filters: FilterSet) -> str:
    """The URL named `name` with the filters given in its query string (a list's export link, an export's way
    back to its list)."""
    query = urlencode(filters.as_query())
    return reverse(name) + (f"?{query}" if query else "")


def form_problems(form) -> str:
    """A form's errors in one line, each after the label of its field."""
    return " ".join(
        f"{form.fields[k].label if k in form.fields else ''}: {e}"
        for k, errs in form.errors.items()
        for e in errs
    )


def service_problems(exc: ApplicationError) -> str:
    return " ".join(p for ps in exc.fields.values() for p in ps) or str(exc.message)


def run_flashed(request, call, success: str) -> bool:
    """Call the service; its refusal is flashed (permission and not-found errors go up to their pages)."""
    try:
        call()
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, service_problems(exc))
        return False
    messages.success(request, success)
    return True


def post_action(request, form_class, call, *, success: str, back: str):
    """A button's form posted to a service: `call(cleaned_data)` when the form is valid, then back to `back`."""
    form = form_class(request.POST)
    if form.is_valid():
        run_flashed(request, lambda: call(form.cleaned_data), success)
    else:
        messages.error(request, form_problems(form))
    return redirect(back)


def action_view(load, form_class, service, record: str, success, back, prepare=None):
    """The view of one button on a record's page: `load(user, **url kwargs)` finds the record the user may see,
    then `service(<record>=it, actor=, **data)` runs with the form's data (`prepare`d when it needs shaping), the
    outcome is flashed and the user goes back to `back(record)`."""

    @login_required
    @require_POST
    def view(request, **kwargs):
        obj = load(request.user, **kwargs)

        def call(data):
            return service(**{record: obj}, actor=request.user, **(prepare(data) if prepare else data))

        return post_action(request, form_class, call, success=str(success), back=back(obj))

    return view


def create_from(form, create):
    """`create(cleaned_data)` for a valid form; a service refusal lands on the form's fields and gives None."""
    if not form.is_valid():
        return None
    try:
        return create(dict(form.cleaned_data))
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        add_errors(form, exc)
        return None


def new_page(request, action: str, form_class, create, template: str, done):
    """A record's creation page: `create(cleaned_data, user)` on a valid POST, then `done(record)` (a redirect);
    otherwise the form, with the service's refusals on its fields."""
    require(request.user, action)
    form = form_class(request.POST or None)
    if request.method == "POST" and (record := create_from(form, lambda data: create(data, request.user))):
        return done(record)
    return render(request, template, {"form": form})


def apply(service, payload, **objects):
    """An API action: the service called with the payload's fields, its `version` as expected_version."""
    data = payload.model_dump()
    return service(**objects, expected_version=data.pop("version", None), **data)
