"""SQLite rebuilds a table to add or alter a column, and the rebuild drops the table's triggers: put back the
ones that keep a published version from changing (0002). PostgreSQL alters in place and keeps them."""

from importlib import import_module

from django.db import migrations

_triggers = import_module("interviews.questionnaires.migrations.0002_published_versions_never_change")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in _triggers.SQLITE_DROP + _triggers.SQLITE_CREATE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0004_kind_choices_include_group")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
