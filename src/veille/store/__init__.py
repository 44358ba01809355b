"""The embedded store (SQLite): schema and migrations, writing, reading, export."""
