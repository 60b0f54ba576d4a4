"""The readiness picture: coverage, register health and the network at a glance."""
