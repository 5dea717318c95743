"""Write: one module per output format, every file written atomically (``files``).

Start at ``writers`` (the format -> writer table); then ``markdown``, ``table_csv``,
``docx_writer`` with ``docx_style``, ``docx_tables``, ``official_layout``
(``official_header``, ``official_closing``, ``official_parts``) and ``layout``,
``pdf_writer`` and ``html_report`` with ``report_tables`` (they show the scan:
``page_images``, pixels from ``sohoa.render``), ``schema`` (the JSON Schema of
``<stem>.json``), ``catalog`` with ``catalog_html`` (the collection).

Imports nothing from ``ocr/``.
"""
