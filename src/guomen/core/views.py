from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render

from guomen.accounts.choices import Role


@login_required
def home(request):
    if request.user.role == Role.INSPECTOR:
        return redirect("inspections:my_tasks")
    return render(request, "core/home.html")


def healthz(request):
    return JsonResponse({"status": "ok"})
