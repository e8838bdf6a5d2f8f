"""Credit explained (信用解读): the page an enterprise (and the staff of its jurisdiction) reads."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from guomen.core.errors import NotFound

from .. import selectors
from ..explain import credit_explain


@login_required
@require_GET
def my_credit(request):
    if not request.user.enterprise_id:
        raise NotFound()
    return redirect("supervision:credit_explained", pk=request.user.enterprise_id)


@login_required
@require_GET
def credit_explained(request, pk):
    enterprise = selectors.enterprise_for(user=request.user, pk=pk)
    context = {"enterprise": enterprise, "x": credit_explain(enterprise=enterprise, user=request.user)}
    return render(request, "supervision/credit_explained.html", context)
