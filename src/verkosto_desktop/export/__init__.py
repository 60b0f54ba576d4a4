"""Printed documents with ReportLab (no Qt): one module per document, a shared page template."""
