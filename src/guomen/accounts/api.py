from ninja import Query, Router, Schema

from guomen.core.pagination import paginated

from .selectors import OrgUnitFilters, orgunit_list

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    display_name: str
    role: str
    org: str | None
    enterprise_uscc: str | None


class OrgUnitOut(Schema):
    code: str
    name: str
    name_en: str
    kind: str
    parent: str | None


@router.get("/me", response=MeOut)
def me(request):
    user = request.auth
    return MeOut(
        username=user.username,
        display_name=str(user),
        role=user.role,
        org=user.org.code if user.org_id else None,
        enterprise_uscc=user.enterprise.uscc if user.enterprise_id else None,
    )


@router.get("/org-units", response=list[OrgUnitOut])
@paginated
def org_units(request, filters: Query[OrgUnitFilters]):
    return [
        OrgUnitOut(
            code=u.code,
            name=u.name,
            name_en=u.name_en,
            kind=u.kind,
            parent=u.parent.code if u.parent else None,
        )
        for u in orgunit_list(user=request.auth, filters=filters)
    ]
