"""Document structure: metadata, tables and Phụ lục records."""
