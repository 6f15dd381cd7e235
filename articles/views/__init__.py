"""Views, one module per audience or section: reading, entities, dates."""
