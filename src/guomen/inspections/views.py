from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def my_tasks(request):
    return render(request, "core/home.html")


@login_required
def confirmations(request):
    return render(request, "core/home.html")
