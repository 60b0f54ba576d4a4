"""The network section: founding steps, mapping survey, membership, call rounds, activities and
the action plan."""

from verkosto_desktop.ui.network.section import NetworkSection

__all__ = ["NetworkSection"]
