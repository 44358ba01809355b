"""Language processing: one spaCy pass per document, then the extraction stages."""
