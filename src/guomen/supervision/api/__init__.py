"""Supervision API, three routers: the standing routes and the spot-check routes (both at /api/v1/supervision)
and credit explained (at /api/v1/enterprise/credit); guomen/api.py mounts them."""

from .credit import router as credit_router
from .spotchecks import router as spotcheck_router
from .standing import router as standing_router

__all__ = ["credit_router", "spotcheck_router", "standing_router"]
