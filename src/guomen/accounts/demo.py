"""Demo of an enterprise managing its own people and systems: the demo enterprise's administrator
(`enterprise_demo`) has invited a declarant and a viewer (both may sign in with the demo password) and
issued a key for its ERP system."""

from guomen.accounts.choices import Role

from .enterprise import enterprise_api_key_create, enterprise_user_invite
from .models import User

# (username, role, unit, display name, role in the enterprise), listed by `guomen demo-logins`
DEMO_LOGINS = [
    ("enterprise_declarant", Role.ENTERPRISE, None, "赵磊（报检员）", "declarant"),
    ("enterprise_viewer", Role.ENTERPRISE, None, "钱琳（财务，只读）", "viewer"),
]


def seed_demo(bureau, rng) -> dict:
    from guomen.demo import reference

    admin = User.objects.filter(pk=bureau.user_ids.get("enterprise_demo")).first()
    if admin is None or not admin.enterprise_id:
        return {}
    for username, _role, _unit, name, sub_role in DEMO_LOGINS:
        user, _link, _sent = enterprise_user_invite(
            actor=admin,
            username=username,
            email=f"{username}@wanjia.example.cn",
            enterprise_role=sub_role,
            display_name=name,
        )
        user.set_password(reference.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    enterprise_api_key_create(actor=admin, name="企业ERP系统")
    return {"enterprise_users_invited": len(DEMO_LOGINS), "enterprise_keys": 1}
