"""The marking plan (« plan de balisage »): content, PDF document, export."""
