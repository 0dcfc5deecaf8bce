"""Readers: turn files, folders, stdin, URLs, JSONL, WARC and feeds into RawDocuments."""

from marsad.ingest.files import iter_documents

__all__ = ["iter_documents"]
