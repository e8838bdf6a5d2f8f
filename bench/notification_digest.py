"""The daily notification digest over 100,000 pending notifications: one e-mail per user.

uv run python bench/notification_digest.py [--notifications 100000] [--users 2000] [--postgres URL]

Builds a fresh database (var/bench/digest.sqlite3, or the PostgreSQL database named) with the given number
of users (enterprise users with an e-mail address, one in fifty deactivated) and pending digest
notifications spread over them (one user holds a tenth of them, as after a bulk import), then times
`send_digests()` writing the mails with the file e-mail backend (var/bench/digest-mail/), and a second run
(idempotent: nothing left to send). Prints figures; asserts nothing.
"""

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from _common import BENCH_DIR, fresh_postgres, fresh_sqlite, guomen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def build(notifications: int, users: int) -> None:
    from django.contrib.auth.hashers import make_password

    from guomen.accounts.choices import OrgKind, Role
    from guomen.accounts.models import OrgUnit, User
    from guomen.notifications.choices import Delivery, Kind
    from guomen.notifications.models import Notification
    from guomen.registry.models import Enterprise

    org = OrgUnit.objects.create(code="SZ", name="深圳局", kind=OrgKind.BRANCH_BUREAU, path="/SZ/")
    firm = Enterprise.objects.create(
        uscc="91440300MA5F000001", name_zh="深圳鲜果进口有限公司", kind="importer", org=org
    )
    password = make_password("pass12345")
    User.objects.bulk_create(
        [
            User(username=f"u{i}", password=password, role=Role.ENTERPRISE, enterprise=firm,
                 email=f"u{i}@example.com", is_active=i % 50 != 49)
            for i in range(users)
        ],
        batch_size=2000,
    )  # fmt: skip
    ids = list(User.objects.order_by("id").values_list("id", flat=True))
    heavy = notifications // 10
    kinds = [Kind.DECLARATION_RELEASED, Kind.DECLARATION_SELECTED, Kind.RECTIFICATION_REQUESTED]
    batch = []
    for i in range(notifications):
        recipient = ids[0] if i < heavy else ids[i % len(ids)]
        batch.append(
            Notification(
                recipient_id=recipient, kind=kinds[i % 3], params={"number": f"WJD{i:012d}", "subject": "温度记录",
                "due": "2026-12-31"}, url=f"/declarations/WJD{i:012d}/", ref=f"d:{i}", dedup_key=f"{kinds[i % 3]}:d:{i}",
                delivery=Delivery.DIGEST,
            )
        )  # fmt: skip
        if len(batch) == 5000:
            Notification.objects.bulk_create(batch)
            batch = []
    Notification.objects.bulk_create(batch)


def run(notifications: int, users: int, postgres: str | None) -> dict:
    url = fresh_postgres(postgres) if postgres else fresh_sqlite("digest")
    guomen(url, "migrate", "-v0")
    mail_dir = BENCH_DIR / "digest-mail"
    shutil.rmtree(mail_dir, ignore_errors=True)
    os.environ.update(
        GUOMEN_DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="guomen.settings.base",
        GUOMEN_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        GUOMEN_EMAIL_FILE_PATH=str(mail_dir),
    )
    import django

    django.setup()
    from django.db import connection

    from guomen.notifications.mail import send_digests

    started = time.perf_counter()
    build(notifications, users)
    print(f"built {notifications:,} pending notifications for {users:,} users in "
          f"{time.perf_counter() - started:.0f} s on {connection.vendor}")  # fmt: skip
    started = time.perf_counter()
    result = send_digests()
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = send_digests()
    second = time.perf_counter() - started
    files = sum(1 for _ in mail_dir.iterdir()) if mail_dir.exists() else 0
    print(f"digest run: {result['mails']:,} mails for {result['notifications']:,} notifications "
          f"({result['skipped']:,} of deactivated users dropped) in {first:.1f} s (target ≤ 30 s); "
          f"mail files written: {files:,}")  # fmt: skip
    print(f"second run: {again['mails']} mails in {second:.2f} s; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")  # fmt: skip
    return {"seconds": first, **result}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notifications", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--postgres", help="postgres://… database to (re)create and use instead of SQLite")
    options = parser.parse_args()
    run(options.notifications, options.users, options.postgres)


if __name__ == "__main__":
    main()
