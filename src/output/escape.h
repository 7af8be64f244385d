/*
 * Escapers for the output formats, one per target syntax. Each appends s[0..n)
 * to b in a form the target reads back as exactly the same text; bytes that
 * are not UTF-8 (ids from file names) become U+FFFD in literals and
 * percent-encoded bytes in IRIs, so no input can break the syntax around it.
 */
#ifndef RAWI_OUTPUT_ESCAPE_H
#define RAWI_OUTPUT_ESCAPE_H

#include <stddef.h>

#include "util/strbuf.h"

/* Part of an IRI path (RFC 3987 ipath, RFC 3986 percent-encoding): ASCII
 * unreserved characters, '/', ':' and '@' are kept, and so are the
 * non-ASCII letters RFC 3987 allows (Arabic stays Arabic); every other
 * byte is %XX, including bidi formatting characters (RFC 3987 section 4.1
 * forbids them) and private-use and non-characters. A segment that is "."
 * or ".." is written %2E or %2E%2E: resolution would remove it and the
 * segment before it, and so move the IRI out of its namespace. s must
 * start a segment (follow a '/'). */
void output_iri_part(rawi_strbuf *b, const char *s, size_t n);

/* 1 when s can stand as the start of an absolute IRI in N-Triples and
 * Turtle: a scheme, ':', and none of the characters IRIREF excludes
 * (controls, space, <>"{}|^`\). */
int output_iri_usable(const char *s);

/* An RDF literal's lexical form in double quotes, as N-Triples and Turtle
 * both read it: \" \\ \n \r \t, other controls and bidi controls as \uXXXX. */
void output_rdf_string(rawi_strbuf *b, const char *s, size_t n);

/* An RFC 4180 field: always in double quotes, quotes doubled. NUL, which
 * no CSV reader keeps, becomes U+FFFD. */
void output_csv_field(rawi_strbuf *b, const char *s, size_t n);

/* The same, but a cell a spreadsheet would run as a formula (one that
 * starts with = + - @, a tab or a carriage return: OWASP's list) gets a '
 * first, so that it is shown as text. The ' is then part of the value. */
void output_csv_field_safe(rawi_strbuf *b, const char *s, size_t n);

/* A Cypher string literal in single quotes. Neo4j (kuzu == 0): \\ \' \n
 * \r \t, other controls and bidi controls as \uXXXX, so a statement stays
 * on one line and reads in logical order. Kùzu reads only \\ \' \" (it
 * drops the backslash of every other escape), so there (kuzu != 0) the
 * rest is written as is: still quoted safely, but not one line. */
void output_cypher_string(rawi_strbuf *b, const char *s, size_t n, int kuzu);

/* HTML text or attribute value (either quote): & < > " ' as references;
 * NUL and other C0 controls but tab and line breaks, and the bidi controls
 * that open an embedding, override or isolate, become U+FFFD, so a name
 * can neither close an element nor reorder the page around it. */
void output_html_text(rawi_strbuf *b, const char *s, size_t n);

#endif
