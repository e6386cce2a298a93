"""Errors a document can fail with: each one names the document's problem in words a user can act on."""


class DocumentError(Exception):
    """A document could not be read or laid out; the message is stored in `documents.error`."""


class EmptyDocumentError(DocumentError):
    """The file has no content."""


class EncodingError(DocumentError):
    """The bytes decode in none of the supported encodings."""


class UnsupportedFormatError(DocumentError):
    """No reader exists for this kind of file."""


class PdfError(DocumentError):
    """A PDF that cannot be read: encrypted, truncated, image-only, ..."""


class DocumentTooLargeError(DocumentError):
    """The file or one of its lines is far beyond any report's size."""


class NeedsOcrError(PdfError):
    """The pages show text the file does not carry (scanned, or fonts without a Unicode map): only OCR could
    read it. A property of the file, not a misreading: the CI gate can let such documents pass."""
