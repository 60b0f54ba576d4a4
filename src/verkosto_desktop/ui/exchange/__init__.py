"""Sharing between laptops in the window: send, receive, conflicts."""
