"""A disruption: incidents, the log, tasks, who can help, coordination meetings, recovery."""
