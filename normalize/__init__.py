"""Text normalisation: Unicode, OCR-confusion clean-up and diacritic restoration."""
