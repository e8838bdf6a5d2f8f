from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render

from guomen.accounts.choices import Role

from .work import approvals_for


@login_required
def home(request):
    if request.user.role == Role.INSPECTOR:
        return redirect("inspections:my_tasks")
    return render(request, "core/home.html")


@login_required
def approvals(request):
    """Four-eyes decisions a colleague proposed that wait for this user (the 待审批 queue)."""
    return render(request, "core/approvals.html", {"approvals": approvals_for(request.user)})


def healthz(request):
    return JsonResponse({"status": "ok"})
