"""Views, one module per audience or section: reading (the article list and an article),
entities (an entity's page and panel, the indexes), dates (the timeline and a period's page),
editing (editors' corrections), uploading (admins' uploads); params reads their query
parameters."""
