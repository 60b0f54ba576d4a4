"""The network's own work: founding, membership, survey, call rounds, activities, action plan."""
