"""The database itself refuses to change a published questionnaire version (PostgreSQL and SQLite).

* an UPDATE of a version row that is already published;
* an INSERT or UPDATE of a question that belongs (or would move) to a published version.

Deletion is left to the services (which refuse it) and to PROTECT from the answers given in a
version, so that test flushes and whole-engagement cascades are not blocked by a row trigger.
"""

from django.db import migrations

MESSAGE = "a published questionnaire version never changes"

PG_CREATE = f"""
CREATE OR REPLACE FUNCTION questionnaires_version_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'published' THEN
        RAISE EXCEPTION '{MESSAGE}';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER questionnaires_version_frozen
    BEFORE UPDATE ON questionnaires_questionnaireversion
    FOR EACH ROW EXECUTE FUNCTION questionnaires_version_frozen();

CREATE OR REPLACE FUNCTION questionnaires_question_frozen() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM questionnaires_questionnaireversion v
               WHERE v.id = NEW.version_id AND v.status = 'published') THEN
        RAISE EXCEPTION '{MESSAGE}';
    END IF;
    IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM questionnaires_questionnaireversion v
                                    WHERE v.id = OLD.version_id AND v.status = 'published') THEN
        RAISE EXCEPTION '{MESSAGE}';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER questionnaires_question_frozen
    BEFORE INSERT OR UPDATE ON questionnaires_question
    FOR EACH ROW EXECUTE FUNCTION questionnaires_question_frozen();
"""

PG_DROP = """
DROP TRIGGER IF EXISTS questionnaires_question_frozen ON questionnaires_question;
DROP FUNCTION IF EXISTS questionnaires_question_frozen();
DROP TRIGGER IF EXISTS questionnaires_version_frozen ON questionnaires_questionnaireversion;
DROP FUNCTION IF EXISTS questionnaires_version_frozen();
"""

_PUBLISHED = "(SELECT status FROM questionnaires_questionnaireversion WHERE id = {ref}.version_id) = 'published'"
SQLITE_CREATE = [
    f"""CREATE TRIGGER questionnaires_version_frozen BEFORE UPDATE ON questionnaires_questionnaireversion
       WHEN OLD.status = 'published'
       BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER questionnaires_question_frozen_insert BEFORE INSERT ON questionnaires_question
       WHEN {_PUBLISHED.format(ref="NEW")}
       BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER questionnaires_question_frozen_update BEFORE UPDATE ON questionnaires_question
       WHEN {_PUBLISHED.format(ref="OLD")} OR {_PUBLISHED.format(ref="NEW")}
       BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS questionnaires_version_frozen;",
    "DROP TRIGGER IF EXISTS questionnaires_question_frozen_insert;",
    "DROP TRIGGER IF EXISTS questionnaires_question_frozen_update;",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
