"""Ingest: any input file -> Document with pages, words, lines and blocks."""
