from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def enterprise_list(request):
    return render(request, "core/home.html")


@login_required
def base_list(request):
    return render(request, "core/home.html")
