"""Pure domain rules: enums, catalogues, validation, phone numbers, Finnish order. No Qt, no SQL."""
