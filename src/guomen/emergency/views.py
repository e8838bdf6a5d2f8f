"""Emergency plans page: the unit's plans with their drills and activations."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from guomen.core.permissions import require

from . import selectors


@login_required
@require_GET
def plan_list(request):
    require(request.user, "emergency.view")
    plans = selectors.plan_list(user=request.user).prefetch_related("drills")
    activations = selectors.activation_list(user=request.user)[:50]
    return render(request, "emergency/list.html", {"plans": plans, "activations": activations})
