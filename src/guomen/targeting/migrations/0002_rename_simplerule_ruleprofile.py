from django.db import migrations


class Migration(migrations.Migration):
    """The simple rule table becomes the rule-profile table: same rows, more conditions (next migration)."""

    dependencies = [
        ("catalog", "0001_initial"),
        ("targeting", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="SimpleRule", new_name="RuleProfile"),
    ]
