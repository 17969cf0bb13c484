"""Index what is already there (the case library arrives by migration), in SQL frozen at
this schema; afterwards the services keep the index and ``search_reindex`` rebuilds it
from the code's own description of each kind (``search.sources``)."""

from django.db import migrations

COLUMNS = "INSERT INTO search_searchdocument (kind, object_id, initiative_id, listed, title, body, updated_at) "
NOW = "CURRENT_TIMESTAMP"

FORWARD = [
    COLUMNS + "SELECT CASE WHEN c.id IS NULL THEN 'initiative' ELSE 'case' END, i.id, i.id, "
    "TRUE, i.title, i.summary || ' ' || i.locality || ' ' || coalesce(o.name, '') || ' ' || "
    "coalesce(c.motivation, '') || ' ' || coalesce(c.participants, ''), " + NOW + " "
    "FROM initiatives_initiative i "
    "LEFT JOIN organisations_organisation o ON o.id = i.lead_organisation_id "
    "LEFT JOIN cases_casestudy c ON c.initiative_id = i.id",
    COLUMNS + "SELECT 'proposal', p.id, r.initiative_id, TRUE, p.title, "
    "p.description || ' ' || p.category, " + NOW + " "
    "FROM budgeting_proposal p JOIN budgeting_budget b ON b.id = p.budget_id "
    "JOIN budgeting_process r ON r.id = b.process_id",
    COLUMNS + "SELECT 'idea', d.id, d.initiative_id, d.hidden_reason = '', d.title, "
    "d.text || ' ' || d.category, " + NOW + " FROM ideas_idea d",
    COLUMNS + "SELECT 'opportunity', v.id, v.initiative_id, TRUE, v.title, "
    "v.role || ' ' || v.description || ' ' || v.skills || ' ' || v.location, " + NOW + " "
    "FROM volunteering_opportunity v",
    COLUMNS + "SELECT 'organisation', o.id, NULL, TRUE, o.name, "
    "replace(o.kind, '_', ' ') || ' ' || o.locality, " + NOW + " FROM organisations_organisation o",
]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_fulltext"),
        ("budgeting", "0010_support_withdrawal"),
        ("cases", "0003_cases_cite_their_sources"),
        ("ideas", "0002_idea_from_event"),
        ("volunteering", "0005_opportunity_organisation"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, "DELETE FROM search_searchdocument"),
    ]
