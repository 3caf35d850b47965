"""Extract stage: raw seed bytes -> text -> `Article` (title, lead, dateline, date, body)."""
