"""SQLite (development only) keeps refusing updates but no longer deletes at the database level.

Django's test runner empties SQLite tables with DELETE (PostgreSQL uses TRUNCATE, which row
triggers do not see), so a delete trigger there made the test database impossible to reset.
The model and the admin still refuse deletes everywhere; PostgreSQL refuses them in the database.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete;")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
               BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;"""
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_append_only_trigger")]
    operations = [migrations.RunPython(forwards, backwards)]
