"""Getting pieces into the archive: reading files, linking entities, storing, uploads and tasks."""
