/*
 * rawi: named-entity and relation extraction for Arabic and English news.
 *
 * This is the one public header. The API follows a strict split between
 * read-only shared state and per-thread scratch:
 *
 *   rawi_config   options collected before a model is built (owned by caller)
 *   rawi_model    compiled, immutable; share it between any number of threads
 *   rawi_session  per-thread scratch (buffers, ICU iterators); never share one
 *   rawi_doc      the analysis of one document; owns everything it returns,
 *                 freed by one rawi_doc_free() call
 *
 * Lifetimes (what must outlive what)
 *   - The model must outlive every session and every document made with
 *     it: rawi_doc_free() returns a document's memory through the model's
 *     allocator, and a document's relations point into the model's rules
 *     (rule names, files). Free documents and sessions first, then the
 *     model.
 *   - A document may outlive the session that made it (it holds nothing of
 *     the session), and a config may be freed once rawi_model_new() returns
 *     (the model keeps a copy of what it needs).
 *   - The allocator's hooks and ctx must stay valid until the model and
 *     everything made from it are freed. They are called from every thread
 *     that uses the model, at once: they must be thread-safe.
 *
 * Ownership (who frees what)
 *   - Handles returned by *_new(), rawi_analyze() and rawi_extract() belong
 *     to the caller, who frees each with its *_free() function, once.
 *   - Strings and arrays passed in (text, paths, options) are copied or
 *     only read during the call; the caller keeps them.
 *   - Structs filled by accessors (rawi_doc_token(), rawi_doc_entity(),
 *     rawi_doc_mention(), rawi_doc_relation(), ...) are the caller's; the
 *     strings they point to belong to the document and stay valid until
 *     rawi_doc_free(). The same holds for rawi_doc_text() and
 *     rawi_doc_sentence_view().
 *   - Strings returned by rawi_strerror(), rawi_version() and
 *     rawi_lang_name() are static; rawi_default_pack_dir()'s is the
 *     library's (see there); rawi_normalize()'s is the session's, until its
 *     next call.
 *   - Bytes handed to a rawi_write_fn, a rawi_warning_fn or a
 *     rawi_example_fn are valid during that call only.
 *   - A rawi_compiler belongs to the caller (rawi_compiler_free()); the
 *     image file it writes is the caller's, and a model maps it read-only.
 *
 * Conventions
 *   - Functions returning int return RAWI_OK (0) or a negative rawi_status.
 *     Functions returning a pointer return NULL on failure. Either way an
 *     optional rawi_error (may be NULL) receives code, message and location.
 *   - Every *_free(NULL) is a no-op.
 *   - Text is passed as (const char *text, size_t len) and must be UTF-8;
 *     it need not be NUL-terminated and may contain NUL bytes.
 *   - Offsets are always against the original input: code points (start/end)
 *     and bytes (byte_start/byte_end), end exclusive.
 *   - The library never writes to stdout or stderr and keeps no global
 *     mutable state.
 *
 * Structs that grow (sizes and versions)
 *   - Structs the library fills for the caller (rawi_token, rawi_reading,
 *     rawi_sentence, rawi_entity, rawi_mention, rawi_candidate,
 *     rawi_relation, rawi_example_counts, rawi_image_stats) may gain
 *     fields at their end in a later version, never lose or move one.
 *     Every function filling one takes the size of the caller's struct:
 *     the documented name (rawi_doc_entity(), ...) is a macro passing
 *     sizeof *(out) to the function of the same name ending in _sized,
 *     and the library fills that many bytes at most. A program compiled
 *     against an older, smaller struct keeps working with a newer
 *     library; call the _sized functions directly only from a binding
 *     that cannot use the macros, with the size of the struct it
 *     allocated. A size of 0 is RAWI_ERR_INVALID.
 *   - Structs the library hands to a callback (rawi_error, rawi_example)
 *     grow only at their end too: read the fields you know.
 *   - Structs the caller fills for the library carry a version
 *     (rawi_write_options.version).
 */
#ifndef RAWI_RAWI_H
#define RAWI_RAWI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(RAWI_STATIC_DEFINE)
#define RAWI_API
#elif defined(RAWI_BUILDING)
#define RAWI_API __attribute__((visibility("default")))
#else
#define RAWI_API
#endif

#define RAWI_VERSION_MAJOR 0
#define RAWI_VERSION_MINOR 1
#define RAWI_VERSION_PATCH 0
#define RAWI_VERSION_STRING "0.1.0"

/** Status codes. RAWI_OK is zero; every error is negative. */
typedef enum rawi_status {
  RAWI_OK = 0,
  RAWI_ERR_NOMEM = -1,   /**< an allocation failed */
  RAWI_ERR_INVALID = -2, /**< invalid argument (NULL handle, bad index) */
  RAWI_ERR_UTF8 = -3,    /**< input is not valid UTF-8 (byte_offset set) */
  RAWI_ERR_TOO_BIG = -4, /**< document larger than 1 GiB */
  RAWI_ERR_IO = -5,      /**< a file could not be read or written */
  RAWI_ERR_FORMAT = -6,  /**< malformed data file (file/line/column set) */
  RAWI_ERR_UNICODE = -7, /**< an ICU service failed */
  RAWI_ERR_LIMIT = -8    /**< a resource limit was hit */
} rawi_status;

/** Value of rawi_error.byte_offset when no offset applies. */
#define RAWI_NO_OFFSET ((size_t)-1)

/**
 * Where and what went wrong. Filled by any function that takes a
 * rawi_error *. Strings are copied into the struct, so it owns nothing.
 * line and column are 1-based; 0 means unknown. Messages are lowercase,
 * one line, with no final period.
 */
typedef struct rawi_error {
  int code; /**< a rawi_status */
  char message[256];
  char file[256]; /**< empty when not about a file */
  unsigned long line;
  unsigned long column;
  size_t byte_offset; /**< RAWI_NO_OFFSET when unknown */
} rawi_error;

/** Static English name of a status code ("out of memory", ...). */
RAWI_API const char *rawi_strerror(int code);

/** Library version as "MAJOR.MINOR.PATCH"; static storage. */
RAWI_API const char *rawi_version(void);

/** Document languages of the shipped packs. */
typedef enum rawi_lang {
  RAWI_LANG_AUTO = 0, /**< decide per document by its script */
  RAWI_LANG_AR = 1,
  RAWI_LANG_EN = 2
} rawi_lang;

/* ------------------------------------------------------------------ */
/* Configuration                                                       */
/* ------------------------------------------------------------------ */

typedef struct rawi_config rawi_config;

/**
 * Allocator hooks. All memory the library owns goes through these (ICU's
 * own internal allocations excepted). realloc_fn(ctx, NULL, n) must behave
 * as malloc; free_fn(ctx, NULL) must be a no-op. Returning NULL is reported
 * as RAWI_ERR_NOMEM, never a crash.
 */
typedef struct rawi_allocator {
  void *(*realloc_fn)(void *ctx, void *ptr, size_t size);
  void (*free_fn)(void *ctx, void *ptr);
  void *ctx;
} rawi_allocator;

/** Word segmentation engine. Both produce the same tokens on Arabic and
 *  Latin text; FAST is a dedicated scanner, ICU the ICU word break
 *  iterator (kept for comparison and for scripts the scanner does not
 *  segment, such as Thai or CJK). */
typedef enum rawi_tokenizer {
  RAWI_TOKENIZER_FAST = 0,
  RAWI_TOKENIZER_ICU = 1
} rawi_tokenizer;

/** New configuration with defaults, or NULL when out of memory.
 *  Owned by the caller; free with rawi_config_free(). The config itself
 *  is allocated with the C library's allocator (it exists before an
 *  allocator can be set); everything built from it uses its allocator. */
RAWI_API rawi_config *rawi_config_new(void);
RAWI_API void rawi_config_free(rawi_config *cfg);

/** Use custom allocator hooks for everything built from this config.
 *  NULL restores the C library allocator. */
RAWI_API int rawi_config_set_allocator(rawi_config *cfg,
                                       const rawi_allocator *alloc);

RAWI_API int rawi_config_set_tokenizer(rawi_config *cfg, rawi_tokenizer t);

/**
 * Directory of the language packs: gazetteers/<lang>/ holds TSV lists and
 * rules/<lang>/ rule files. A new config has none (NULL): it loads only
 * the lists and rules added to it. For the shipped packs pass
 * rawi_default_pack_dir(); rawi_model_new(NULL) does. The string is copied.
 */
RAWI_API int rawi_config_set_pack_dir(rawi_config *cfg, const char *dir);

/**
 * The shipped packs, found the way the rawi command finds them:
 *   1. $RAWI_PACK, when set and not empty;
 *   2. share/rawi in the nearest of the four directories above the file
 *      that holds this library (librawi.so, or the program or Python
 *      module it is linked into), so an installation moved to another
 *      prefix still finds its own packs;
 *   3. the source tree, when the library is in the build tree it was
 *      built in;
 *   4. the data directory of the configured install prefix (returned even
 *      when it does not exist, so that loading names it in its error).
 * The string is owned by the library and stays valid until the next call
 * from the same thread.
 */
RAWI_API const char *rawi_default_pack_dir(void);

/**
 * Add a user gazetteer: a TSV file (docs/gazetteers.md) or an image written
 * by `rawi compile`. Applies to documents of every language; on equal
 * matches it wins over the shipped lists. The path is copied; the file is
 * read by rawi_model_new().
 */
RAWI_API int rawi_config_add_gazetteer(rawi_config *cfg, const char *path);

/**
 * Add a user rule file (docs/rules.md). Its rules apply to documents of
 * every language; a rule named like a shipped rule replaces it. The path
 * is copied; the file is read by rawi_model_new().
 */
RAWI_API int rawi_config_add_rules(rawi_config *cfg, const char *path);

/**
 * As rawi_config_add_gazetteer() and rawi_config_add_rules(), for the
 * documents of one language only (RAWI_LANG_AR or RAWI_LANG_EN, whether
 * given or detected); RAWI_LANG_AUTO means every language. An unknown
 * language is RAWI_ERR_INVALID.
 */
RAWI_API int rawi_config_add_gazetteer_lang(rawi_config *cfg, const char *path,
                                            rawi_lang lang);
RAWI_API int rawi_config_add_rules_lang(rawi_config *cfg, const char *path,
                                        rawi_lang lang);

/**
 * jit != 0 (the default): compile rule patterns with PCRE2's JIT. 0 uses
 * PCRE2's interpreter: slower, but traceable by valgrind.
 */
RAWI_API int rawi_config_set_jit(rawi_config *cfg, int jit);

/**
 * explain != 0: documents keep every sentence's relation view (the
 * sentence with its entities as @TYPE placeholders, as relation rules see
 * it), for rawi_doc_sentence_view(). Off by default: it costs memory about
 * the size of the text.
 */
RAWI_API int rawi_config_set_explain(rawi_config *cfg, int explain);

/** Callback receiving each problem found in lists and rule files. It is
 *  called only inside rawi_model_new(), on the calling thread; the
 *  warning is valid during the call only. */
typedef void (*rawi_warning_fn)(void *ctx, const rawi_error *warning);

/**
 * fn (may be NULL) receives every problem found while loading lists and
 * rules, with file, line and column. Strict (lenient == 0, the default):
 * rawi_model_new() then fails with the first one. Lenient: a malformed
 * gazetteer line or rule is skipped and the rest loads.
 */
RAWI_API int rawi_config_set_lenient(rawi_config *cfg, int lenient,
                                     rawi_warning_fn fn, void *ctx);

/* ------------------------------------------------------------------ */
/* Model and session                                                   */
/* ------------------------------------------------------------------ */

typedef struct rawi_model rawi_model;
typedef struct rawi_session rawi_session;
typedef struct rawi_doc rawi_doc;

/**
 * Build an immutable model from cfg. NULL means the defaults: the shipped
 * packs of rawi_default_pack_dir() (an error naming the directory when
 * they are not there), the fast tokenizer, JIT. The config is
 * copied; it may be freed afterwards. The model is read-only after this
 * call and may be shared by any number of threads, each with its own
 * session. Returns NULL on failure with err filled.
 */
RAWI_API rawi_model *rawi_model_new(const rawi_config *cfg, rawi_error *err);
RAWI_API void rawi_model_free(rawi_model *model);

/**
 * A checksum of every list and rule file the model was built from (names
 * and contents, in the order read; a compiled image by its own checksum).
 * Two models built from the same files have the same checksum, so output
 * can record it and a later run check that it would extract alike
 * (`rawi extract --resume` does). 0 for NULL.
 */
RAWI_API uint64_t rawi_model_checksum(const rawi_model *model);

/**
 * Per-thread scratch for one model. A session must not be used by two
 * threads at once; the model must outlive it. Owned by the caller (free
 * with rawi_session_free()); the documents it makes do not depend on it.
 * Returns NULL on failure.
 */
RAWI_API rawi_session *rawi_session_new(const rawi_model *model,
                                        rawi_error *err);
RAWI_API void rawi_session_free(rawi_session *session);

/* ------------------------------------------------------------------ */
/* Text analysis                                                       */
/* ------------------------------------------------------------------ */

/** Offsets of a span in the original text, end exclusive. */
typedef struct rawi_span {
  size_t start, end;           /**< Unicode code points */
  size_t byte_start, byte_end; /**< bytes */
} rawi_span;

typedef enum rawi_token_kind {
  RAWI_TOKEN_WORD = 0,   /**< contains at least one letter */
  RAWI_TOKEN_NUMBER = 1, /**< digits, possibly with separators (1,250.5) */
  RAWI_TOKEN_PUNCT = 2   /**< one punctuation mark or symbol */
} rawi_token_kind;

/** A view of one token. Pointers stay valid until the doc is freed. */
typedef struct rawi_token {
  rawi_span span;
  size_t sentence; /**< index of the sentence holding the token */
  rawi_token_kind kind;
  const char *text; /**< the original text (not NUL-terminated) */
  size_t text_len;
  const char *norm; /**< normalised form, NUL-terminated */
  size_t norm_len;
  size_t reading_count; /**< proclitic readings; >= 1, the first is the
                           whole token */
} rawi_token;

/**
 * One proclitic reading of an Arabic token. prefix lists the proclitics
 * in normalised form joined by '+' ("" for the unsplit reading, "و+ب",
 * "ل+ال"); stem is the rest of the token as written in the original;
 * stem_norm its normalised form, with the article restored when the
 * contraction لل was split (للمالكي: prefix "ل", stem "لمالكي",
 * stem_norm "المالكي").
 */
typedef struct rawi_reading {
  const char *prefix;
  rawi_span stem;
  const char *stem_norm; /**< NUL-terminated */
  size_t stem_norm_len;
  int article; /**< 1 when the stem begins with the article */
} rawi_reading;

/** A sentence: a run of tokens, with its span in the original text. */
typedef struct rawi_sentence {
  rawi_span span;
  size_t first_token;
  size_t token_count;
} rawi_sentence;

/**
 * Validate, split into sentences and tokens, normalise each token and list
 * its proclitic readings. The text is copied; *out owns everything and is
 * freed with rawi_doc_free(), before the model. *out is NULL on failure. On
 * invalid UTF-8 returns RAWI_ERR_UTF8 with err->byte_offset at the first bad
 * byte. A leading byte order mark is skipped (offsets still count it); NUL
 * bytes and other control characters separate tokens.
 */
RAWI_API int rawi_analyze(rawi_session *session, const char *text, size_t len,
                          rawi_doc **out, rawi_error *err);

RAWI_API void rawi_doc_free(rawi_doc *doc);

/** The document's text as given to rawi_analyze (owned by the doc). */
RAWI_API const char *rawi_doc_text(const rawi_doc *doc, size_t *len);

RAWI_API size_t rawi_doc_token_count(const rawi_doc *doc);
RAWI_API size_t rawi_doc_sentence_count(const rawi_doc *doc);

/** Proclitic readings of all tokens, the unsplit ones not counted. */
RAWI_API size_t rawi_doc_reading_count(const rawi_doc *doc);

/** Fill *out with token i; RAWI_ERR_INVALID when i is out of range.
 *  (A macro passing sizeof *(out): see "Structs that grow" above.) */
#define rawi_doc_token(doc, i, out)                                            \
  rawi_doc_token_sized((doc), (i), (out), sizeof *(out))
RAWI_API int rawi_doc_token_sized(const rawi_doc *doc, size_t i,
                                  rawi_token *out, size_t size);

/** Fill *out with proclitic reading k (0 = unsplit) of token i. */
#define rawi_doc_reading(doc, i, k, out)                                       \
  rawi_doc_reading_sized((doc), (i), (k), (out), sizeof *(out))
RAWI_API int rawi_doc_reading_sized(const rawi_doc *doc, size_t i, size_t k,
                                    rawi_reading *out, size_t size);

/** Fill *out with sentence i. */
#define rawi_doc_sentence(doc, i, out)                                         \
  rawi_doc_sentence_sized((doc), (i), (out), sizeof *(out))
RAWI_API int rawi_doc_sentence_sized(const rawi_doc *doc, size_t i,
                                     rawi_sentence *out, size_t size);

/* ------------------------------------------------------------------ */
/* Extraction                                                          */
/* ------------------------------------------------------------------ */

/** "ar", "en" or "auto" (static storage). */
RAWI_API const char *rawi_lang_name(rawi_lang lang);

/** The language named name ("ar", "en" or "auto", as rawi_lang_name()
 *  writes them) into *out; RAWI_ERR_INVALID for any other name. */
RAWI_API int rawi_lang_from_name(const char *name, rawi_lang *out);

/**
 * Run the whole pipeline on one document: the text stage as
 * rawi_analyze(), then the language pack's gazetteers and the user's.
 * lang RAWI_LANG_AUTO picks Arabic when Arabic letters outnumber Latin
 * ones, else English. The text is copied; *out owns everything; free it
 * with rawi_doc_free(), before the model. *out is NULL on failure.
 */
RAWI_API int rawi_extract(rawi_session *session, const char *text, size_t len,
                          rawi_lang lang, rawi_doc **out, rawi_error *err);

/**
 * How many times a rule was skipped on a sentence because it hit a PCRE2
 * limit (match, depth or heap); *rule (may be NULL) gets the last such
 * rule's name, owned by the doc. The rest of the document was processed.
 */
RAWI_API size_t rawi_doc_limit_hits(const rawi_doc *doc, const char **rule);

/** The language the document was processed as. */
RAWI_API rawi_lang rawi_doc_lang(const rawi_doc *doc);

/** An entity: one per distinct id in the document. */
typedef struct rawi_entity {
  const char *id;   /**< deterministic: the gazetteer's id */
  const char *type; /**< "PERSON", "ORGANIZATION", "COUNTRY", "LOCATION" */
  const char *name; /**< canonical name */
  size_t mention_count;
} rawi_entity;

typedef enum rawi_mention_kind {
  RAWI_MENTION_NAME = 0,
  RAWI_MENTION_DEMONYM = 1 /**< an adjective pointing to a country */
} rawi_mention_kind;

/** One mention of an entity. Strings are NUL-terminated except text. */
typedef struct rawi_mention {
  rawi_span span;   /**< proclitics excluded */
  const char *text; /**< original text of the span (not terminated) */
  size_t text_len;
  const char *norm; /**< normalised, article restored (البنتاغون) */
  rawi_mention_kind kind;
  const char *source;        /**< "gazetteer", "rule" or "alias" */
  const char *source_file;   /**< "ar/persons.tsv", "ar/entities.rules", ... */
  unsigned long source_line; /**< list line, or the rule's first line */
  const char *rule;          /**< the rule's name, or NULL (for an alias: the
                                  rule that found the full name, if any) */
  size_t first_token, token_count;
} rawi_mention;

/**
 * Every candidate mention lists and rules proposed, winners and losers, in
 * the order they were proposed (for --explain). A loser names the
 * candidate that beat it.
 */
typedef struct rawi_candidate {
  rawi_mention mention;
  const char *id, *type;
  int priority;
  int lost;       /**< 1 when resolution discarded it */
  size_t lost_to; /**< when lost: index of the winning candidate */
} rawi_candidate;

RAWI_API size_t rawi_doc_candidate_count(const rawi_doc *doc);
/** Fill *out with candidate i (a macro passing sizeof *(out)). */
#define rawi_doc_candidate(doc, i, out)                                        \
  rawi_doc_candidate_sized((doc), (i), (out), sizeof *(out))
RAWI_API int rawi_doc_candidate_sized(const rawi_doc *doc, size_t i,
                                      rawi_candidate *out, size_t size);

RAWI_API size_t rawi_doc_entity_count(const rawi_doc *doc);
/** Fill *out with entity i (a macro passing sizeof *(out)). */
#define rawi_doc_entity(doc, i, out)                                           \
  rawi_doc_entity_sized((doc), (i), (out), sizeof *(out))
RAWI_API int rawi_doc_entity_sized(const rawi_doc *doc, size_t i,
                                   rawi_entity *out, size_t size);
/** Mention k (in text order) of entity i (a macro passing sizeof *(out)). */
#define rawi_doc_mention(doc, i, k, out)                                       \
  rawi_doc_mention_sized((doc), (i), (k), (out), sizeof *(out))
RAWI_API int rawi_doc_mention_sized(const rawi_doc *doc, size_t i, size_t k,
                                    rawi_mention *out, size_t size);

/** A typed edge between two entities of the document. */
typedef struct rawi_relation {
  size_t subject, object; /**< entity indices (rawi_doc_entity) */
  const char *predicate;  /**< "met_with", "visited", ... */
  double confidence;
  const char *rule_file; /**< "ar/relations.rules" */
  const char *rule;      /**< the rule's name */
  rawi_span evidence;    /**< the sentence that asserts it */
  int implicit;          /**< 1 when the subject is the topic person */
  const char *view;      /**< the sentence as the rule saw it, entities
                              as @TYPE placeholders */
  const char *modality;  /**< "asserted" (it happened or holds) or
                              "planned" (scheduled, intended) */
} rawi_relation;

RAWI_API size_t rawi_doc_relation_count(const rawi_doc *doc);

/**
 * The relation view of sentence i (owned by the doc), when the model was
 * built with rawi_config_set_explain() and relation rules ran on that
 * sentence (it has an entity, or a topic person to refer to); else NULL.
 */
RAWI_API const char *rawi_doc_sentence_view(const rawi_doc *doc, size_t i);
/** Fill *out with relation i (a macro passing sizeof *(out)). */
#define rawi_doc_relation(doc, i, out)                                         \
  rawi_doc_relation_sized((doc), (i), (out), sizeof *(out))
RAWI_API int rawi_doc_relation_sized(const rawi_doc *doc, size_t i,
                                     rawi_relation *out, size_t size);

/* ------------------------------------------------------------------ */
/* Writing results                                                     */
/* ------------------------------------------------------------------ */

/**
 * Receives the bytes rawi_write() and its siblings produce: called once
 * with the whole output (which is NUL-terminated, the NUL not counted).
 * The bytes belong to the library and are valid during the call only;
 * copy what you keep. A non-zero return is passed back to the caller.
 */
typedef int (*rawi_write_fn)(void *ctx, const char *data, size_t len);

#define RAWI_WRITE_OPTIONS_VERSION 1

/**
 * Options of the writers. Set version to RAWI_WRITE_OPTIONS_VERSION and
 * zero what you do not use (fields may be added at the end, with a new
 * version; older callers keep working). A NULL options pointer means all
 * defaults.
 */
typedef struct rawi_write_options {
  unsigned version;
  const char *id;       /**< the document's id in its record (NULL: "") */
  size_t id_len;        /**< bytes of id; 0 with id set: strlen(id) */
  const char *base_iri; /**< RDF formats' namespace (NULL: rawi's default) */
  int explain;          /**< jsonl: the candidates that lost, and why, and
                             the relation views (model built with explain) */
  const char *meta;     /**< jsonl: a JSON object's text written as the
                             record's "meta", or NULL */
} rawi_write_options;

/**
 * Write doc's record in format, as `rawi extract --format FORMAT` writes
 * it for one document: "jsonl" (one line, docs/output.md), "conll" (the
 * document's tokens, one a line), "ntriples", "turtle", "cypher", "kuzu"
 * or "html" (a page's document section). Formats with a header or footer
 * (turtle, cypher, kuzu, html) need rawi_write_header() before the first
 * record and rawi_write_footer() after the last for a complete file.
 * "neo4j" writes a directory of files and is not available here
 * (RAWI_ERR_INVALID, as is an unknown format). The output is built with
 * the model's allocator and handed to fn; returns RAWI_OK, RAWI_ERR_NOMEM,
 * or what fn returned when that was not zero. Safe to call from any thread; doc
 * is only read.
 */
RAWI_API int rawi_write(const rawi_doc *doc, const char *format,
                        const rawi_write_options *opts, rawi_write_fn fn,
                        void *ctx, rawi_error *err);

/**
 * Write the record of a document that failed (what rawi extract writes in
 * place of its result: for jsonl {"id":..., "error":{"code", "message",
 * "byte_offset"}}), for the error doc_err that rawi_extract() returned.
 * model gives the allocator.
 */
RAWI_API int rawi_write_error(const rawi_model *model, const char *format,
                              const rawi_error *doc_err,
                              const rawi_write_options *opts, rawi_write_fn fn,
                              void *ctx, rawi_error *err);

/** The bytes a format writes before its first record and after its last
 *  (fn is not called when there are none). */
RAWI_API int rawi_write_header(const rawi_model *model, const char *format,
                               const rawi_write_options *opts, rawi_write_fn fn,
                               void *ctx, rawi_error *err);
RAWI_API int rawi_write_footer(const rawi_model *model, const char *format,
                               const rawi_write_options *opts, rawi_write_fn fn,
                               void *ctx, rawi_error *err);

/**
 * Normalise a string exactly as tokens are normalised (NFKC with case
 * folding, Arabic diacritics and tatweel removed, alef/yaa/taa marbuta
 * unified, digits to ASCII), tokens joined by one space. The result is
 * NUL-terminated, owned by the session and valid until the next call on it.
 */
RAWI_API int rawi_normalize(rawi_session *session, const char *text, size_t len,
                            const char **out, size_t *out_len, rawi_error *err);

/* ------------------------------------------------------------------ */
/* Checking rule files and compiling lists                             */
/* ------------------------------------------------------------------ */

/**
 * One example (or counter-example) of a rule, as rawi_run_examples() ran
 * it. Every string belongs to the model or to the call: valid during the
 * callback only.
 */
typedef struct rawi_example {
  const char *rule_file;   /**< "ar/entities.rules", or a user file's path */
  const char *rule;        /**< the rule's name */
  unsigned long line;      /**< the example's line in rule_file */
  int relation;            /**< 1: a relation rule (it produces edges) */
  int negative;            /**< 1: a counter-example (must not produce it) */
  const char *sentence;    /**< the example's text */
  const char *expect;      /**< the mention text, or "A -> B" for an edge
                                (A and B a name or mention of each end),
                                that must (not) be produced; NULL: anything */
  int passed;              /**< 1 when the rule did what the example says */
  const char *produced;    /**< what the rule produced in the sentence:
                                "'text', ..." or "'A -> B', ..."; "" for
                                nothing (cut short past 1 KiB) */
  const rawi_doc *doc;     /**< the example's document (its relation views
                                when the model was built with explain), or
                                NULL when extraction failed */
  const rawi_error *error; /**< why extraction failed, or NULL */
} rawi_example;

/** Receives each example run; a non-zero return stops the run and is
 *  returned by rawi_run_examples(). */
typedef int (*rawi_example_fn)(void *ctx, const rawi_example *example);

/** What rawi_run_examples() ran. */
typedef struct rawi_example_counts {
  size_t rules;    /**< rules of every language (a user rule once per
                        language it was loaded for) */
  size_t examples; /**< examples run */
  size_t failed;   /**< examples not passed (extraction failures too) */
} rawi_example_counts;

/**
 * Run the examples written in the model's rule files (docs/rules.md,
 * "Examples"): each sentence is extracted with the session, as
 * rawi_extract() with RAWI_LANG_AUTO would, and what the example's rule
 * produced there (entity candidates, winners or not; edges) is compared
 * with what the example expects. A rule loaded for several languages is
 * tested on the examples detected as each one. fn is called for every
 * example, passed or failed, on the calling thread; counts receives the
 * totals (a macro passing sizeof *(counts); for no totals call
 * rawi_run_examples_sized() with NULL and 0). Returns RAWI_OK
 * when every example ran, whatever their outcome, or what fn returned.
 */
#define rawi_run_examples(session, fn, ctx, counts, err)                       \
  rawi_run_examples_sized((session), (fn), (ctx), (counts), sizeof *(counts),  \
                          (err))
RAWI_API int rawi_run_examples_sized(rawi_session *session, rawi_example_fn fn,
                                     void *ctx, rawi_example_counts *counts,
                                     size_t size, rawi_error *err);

/** Compiles gazetteer lists into one image (see rawi_compiler_new()). */
typedef struct rawi_compiler rawi_compiler;

/** What a compiled image holds. */
typedef struct rawi_image_stats {
  uint32_t entries;  /**< list lines (surface forms) */
  uint32_t entities; /**< distinct ids */
  uint32_t words;    /**< distinct normalised words */
  uint32_t nodes;    /**< trie nodes */
  size_t bytes;      /**< size of the image file */
} rawi_image_stats;

/**
 * A compiler of gazetteer lists (docs/gazetteers.md) into the image that
 * rawi_config_add_gazetteer() maps without compiling again (what `rawi
 * compile` writes). cfg (may be NULL: the defaults) gives the allocator,
 * the tokenizer lists are normalised with, and the lenient flag and
 * warning callback of rawi_config_set_lenient(): strict, a malformed line
 * is reported to the callback and makes rawi_compiler_add_list() fail with
 * RAWI_ERR_FORMAT once the whole list has been read (every bad line
 * reported); lenient, it is reported and skipped. cfg may be freed once
 * this returns. Owned by the caller; NULL on failure.
 */
RAWI_API rawi_compiler *rawi_compiler_new(const rawi_config *cfg,
                                          rawi_error *err);
RAWI_API void rawi_compiler_free(rawi_compiler *compiler);

/**
 * Add one list's text (TSV, len bytes) under name, the file name that
 * messages and the image's sources give (the staleness check reads the
 * sources back by these names). The text is read during the call only.
 */
RAWI_API int rawi_compiler_add_list(rawi_compiler *compiler, const char *name,
                                    const char *data, size_t len,
                                    rawi_error *err);

/**
 * Build the image of every list added and write it to path (a temporary
 * file, then renamed, so a reader never sees half an image); stats
 * receives its figures (a macro passing sizeof *(stats); for none call
 * rawi_compiler_write_sized() with NULL and 0). The
 * compiler can write only once: a second call is RAWI_ERR_INVALID.
 */
#define rawi_compiler_write(compiler, path, stats, err)                        \
  rawi_compiler_write_sized((compiler), (path), (stats), sizeof *(stats), (err))
RAWI_API int rawi_compiler_write_sized(rawi_compiler *compiler,
                                       const char *path,
                                       rawi_image_stats *stats, size_t size,
                                       rawi_error *err);

#ifdef __cplusplus
}
#endif

#endif /* RAWI_RAWI_H */
