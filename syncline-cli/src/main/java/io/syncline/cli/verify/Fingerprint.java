package io.syncline.cli.verify;

/** 128 bits of a SHA-256 of a document's canonical content: equal content, equal fingerprint. */
record Fingerprint(long high, long low) {
}
