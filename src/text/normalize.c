/*
 * Token normalisation: NFKC with case folding (ICU's NFKC_Casefold, which
 * also drops default-ignorable characters such as ZWNJ and bidi marks),
 * then the Arabic folds news spelling needs: diacritics and tatweel
 * removed, أ إ آ ٱ -> ا, ى -> ي, ة -> ه, Persian yeh and keheh to their
 * Arabic letters, Arabic-Indic and Persian digits to ASCII.
 *
 * Most characters of news text are ASCII or plain Arabic, for which
 * NFKC_Casefold is the identity (or ASCII lower-casing), so a fast path
 * maps them one by one. Any cluster (base plus combining marks) holding
 * another character goes through ICU, cluster by cluster so that every
 * output character can still be traced to its place in the original. A
 * unit test checks that both paths agree on every fast-path code point.
 */
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "text/text.h"
#include "util/mem.h"
#include "util/utf8.h"

#define REMOVE TEXT_FOLD_REMOVE /* the character vanishes */
#define SLOW 0xFFFFFFFEu        /* ICU must decide */

/* The Arabic folds, applied after NFKC_Casefold. Returns cp itself when
 * nothing applies, REMOVE for characters that vanish. */
uint32_t text_arabic_fold(uint32_t cp) {
  if (cp < 0x0610 || cp > 0x06FF)
    return cp;
  if (cp <= 0x061A || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
      cp == 0x0640 || (cp >= 0x06D6 && cp <= 0x06DC) ||
      (cp >= 0x06DF && cp <= 0x06E8) || (cp >= 0x06EA && cp <= 0x06ED))
    return REMOVE;
  switch (cp) {
  case 0x0622:
  case 0x0623:
  case 0x0625:
  case 0x0671:
    return 0x0627;
  case 0x0649:
  case 0x06CC:
    return 0x064A;
  case 0x06A9:
    return 0x0643;
  case 0x0629:
    return 0x0647;
  case 0x061C:
    return REMOVE;
  case 0x066B:
    return '.';
  case 0x066C:
    return ',';
  default:
    break;
  }
  if (cp >= 0x0660 && cp <= 0x0669)
    return '0' + (cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9)
    return '0' + (cp - 0x06F0);
  return cp;
}

/* Fast-path result for cp: the folded code point, REMOVE, or SLOW when
 * ICU must decide (anything NFKC_Casefold may change or compose). Used to
 * fill the model's table, and for code points beyond it. */
static uint32_t fast_rule(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0x0600 && cp <= 0x06FF) {
    /* combining hamza and madda compose with the letter before them;
     * U+0675..U+0678 have compatibility decompositions */
    if ((cp >= 0x0653 && cp <= 0x0655) || (cp >= 0x0675 && cp <= 0x0678))
      return SLOW;
    return text_arabic_fold(cp);
  }
  /* default-ignorable format characters NFKC_Casefold drops */
  if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || cp == 0x00AD)
    return REMOVE;
  return SLOW;
}

static inline uint32_t fast_map(const text_model *m, uint32_t cp) {
  if (cp < TEXT_TABLE_CPS) {
    uint16_t f = m->fold[cp];
    return f == FOLD_REMOVE ? REMOVE : f == FOLD_SLOW ? SLOW : f;
  }
  return fast_rule(cp);
}

static int pool_reserve(text_doc *d, size_t extra) {
  return rawi_mem_grow(d->alloc, (void **)&d->pool, &d->cap_pool,
                       d->n_pool + extra, 1);
}

/* Record where normalised code point number map->n_cp came from. */
static void map_note(text_norm_map *map, uint32_t sb, uint32_t sc) {
  if (!map)
    return;
  if (map->n_cp < TEXT_MAP_MAX) {
    map->src_byte[map->n_cp] = sb;
    map->src_cp[map->n_cp] = sc;
  }
  map->n_cp++;
}

/* Append cp (room already reserved). */
static inline void put_cp(text_doc *d, uint32_t cp, text_norm_map *map,
                          uint32_t sb, uint32_t sc) {
  if (cp == REMOVE)
    return;
  d->n_pool += (size_t)rawi_utf8_encode(cp, d->pool + d->n_pool);
  map_note(map, sb, sc);
}

static int u16_reserve(text_scratch *s, size_t n) {
  if (rawi_mem_grow(s->alloc, (void **)&s->u16, &s->cap_u16, n, 2))
    return RAWI_ERR_NOMEM;
  return rawi_mem_grow(s->alloc, (void **)&s->u16_out, &s->cap_u16_out,
                       n * 18 + 16, 2);
}

/* NFKC_Casefold of one cluster into the pool, then the Arabic folds. */
static int slow_cluster(const text_model *m, text_scratch *s, text_doc *d,
                        const char *src, size_t len, text_norm_map *map,
                        uint32_t sb, uint32_t sc) {
  if (u16_reserve(s, len + 1))
    return RAWI_ERR_NOMEM;
  UErrorCode ec = U_ZERO_ERROR;
  int32_t n16 = 0;
  u_strFromUTF8((UChar *)s->u16, (int32_t)s->cap_u16, &n16, src, (int32_t)len,
                &ec);
  if (U_FAILURE(ec))
    return RAWI_ERR_UNICODE;
  int32_t nout =
      unorm2_normalize((const UNormalizer2 *)m->nfkc_cf, (const UChar *)s->u16,
                       n16, (UChar *)s->u16_out, (int32_t)s->cap_u16_out, &ec);
  if (U_FAILURE(ec))
    return RAWI_ERR_UNICODE;
  if (pool_reserve(d, (size_t)nout * 3 + 1))
    return RAWI_ERR_NOMEM;
  for (int32_t i = 0; i < nout;) {
    UChar32 c;
    U16_NEXT(s->u16_out, i, nout, c);
    put_cp(d, text_arabic_fold((uint32_t)c), map, sb, sc);
  }
  return RAWI_OK;
}

static int is_mark_icu(uint32_t cp) {
  int gc = u_charType((UChar32)cp);
  return gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
         gc == U_COMBINING_SPACING_MARK;
}

/* Does the code point start a new cluster (not a combining mark)? */
static inline int is_base(const text_model *m, uint32_t cp) {
  if (cp < TEXT_TABLE_CPS)
    return !(m->cls[cp] & CLS_MARK);
  return !is_mark_icu(cp);
}

/* Byte length of the cluster starting at p; *slow set if ICU is needed. */
static size_t cluster_len(const text_model *m, const unsigned char *p,
                          size_t len, int *slow) {
  int n;
  uint32_t cp = rawi_utf8_decode(p, &n);
  size_t i = (size_t)n;
  *slow = fast_map(m, cp) == SLOW;
  while (i < len) {
    uint32_t next = rawi_utf8_decode(p + i, &n);
    if (is_base(m, next))
      break;
    *slow |= fast_map(m, next) == SLOW;
    i += (size_t)n;
  }
  return i;
}

/* Fast path: fold each code point by table; output never outgrows input. */
static void fast_cluster(const text_model *m, text_doc *d,
                         const unsigned char *p, size_t len, text_norm_map *map,
                         uint32_t sb, uint32_t sc) {
  for (size_t i = 0; i < len; sc++) {
    int n;
    uint32_t cp = rawi_utf8_decode(p + i, &n);
    put_cp(d, fast_map(m, cp), map, sb + (uint32_t)i, sc);
    i += (size_t)n;
  }
}

int text_normalize_token(const text_model *m, text_scratch *s, text_doc *d,
                         const char *tok, size_t len, uint32_t *off,
                         uint32_t *nlen, text_norm_map *map) {
  const unsigned char *p = (const unsigned char *)tok;
  size_t start = d->n_pool;
  if (map)
    map->n_cp = 0;
  uint32_t sc = 0;
  if (pool_reserve(d, len + 1))
    return RAWI_ERR_NOMEM;
  /* optimistic pass: every character folds by table */
  for (size_t i = 0; i < len; sc++) {
    int n;
    uint32_t cp = rawi_utf8_decode(p + i, &n);
    uint32_t f = fast_map(m, cp);
    if (f == SLOW)
      break;
    put_cp(d, f, map, (uint32_t)i, sc);
    i += (size_t)n;
    if (i == len)
      goto done;
  }
  /* a character needs ICU: start over, cluster by cluster */
  d->n_pool = start;
  if (map)
    map->n_cp = 0;
  sc = 0;
  for (size_t i = 0; i < len;) {
    int slow;
    size_t cl = cluster_len(m, p + i, len - i, &slow);
    if (slow) {
      int rc = slow_cluster(m, s, d, tok + i, cl, map, (uint32_t)i, sc);
      if (rc)
        return rc;
      /* keep room for the rest of the token and its NUL */
      if (pool_reserve(d, len - i + 1))
        return RAWI_ERR_NOMEM;
    } else {
      fast_cluster(m, d, p + i, cl, map, (uint32_t)i, sc);
    }
    sc += (uint32_t)rawi_utf8_count(tok + i, cl);
    i += cl;
  }
done:
  d->pool[d->n_pool++] = '\0';
  *off = (uint32_t)start;
  *nlen = (uint32_t)(d->n_pool - start - 1);
  return RAWI_OK;
}

int text_normalize_cp_icu(const text_model *m, text_scratch *s, uint32_t cp,
                          char *out, size_t cap) {
  char src[4];
  int n = rawi_utf8_encode(cp, src);
  text_doc tmp = {.alloc = s->alloc};
  int rc = slow_cluster(m, s, &tmp, src, (size_t)n, NULL, 0, 0);
  if (rc == RAWI_OK) {
    size_t k = tmp.n_pool < cap - 1 ? tmp.n_pool : cap - 1;
    if (k)
      memcpy(out, tmp.pool, k);
    out[k] = '\0';
  }
  rawi_mem_free(s->alloc, tmp.pool);
  return rc;
}

int text_model_init(text_model *m, rawi_tokenizer t, rawi_error *err) {
  (void)err;
  UErrorCode ec = U_ZERO_ERROR;
  m->nfkc_cf = unorm2_getNFKCCasefoldInstance(&ec);
  m->tokenizer = t;
  for (uint32_t cp = 0; cp < TEXT_TABLE_CPS; cp++) {
    uint32_t f = fast_rule(cp);
    m->fold[cp] = f == REMOVE ? FOLD_REMOVE
                  : f == SLOW ? FOLD_SLOW
                              : (uint16_t)f;
    m->cls[cp] =
        (uint8_t)(text_class_icu(cp) | (is_mark_icu(cp) ? CLS_MARK : 0));
  }
  return U_FAILURE(ec) ? RAWI_ERR_UNICODE : RAWI_OK;
}
