"""The incident section: run a disruption from situation assessment to recovery.

Nothing is imported here: the status-bar banner (``banner``) is built with every window, the
section (``section.IncidentSection``) only when first opened."""
