/*
 * gen_countries.c - write rawi's country gazetteer for one language from ICU's
 * CLDR data.
 *
 * Build and run (from the repository root):
 *
 *   cc tools/gen_countries.c $(pkg-config --cflags --libs icu-uc icu-i18n) -o
 * /tmp/gen_countries /tmp/gen_countries ar > gazetteers/ar/countries.tsv
 *   /tmp/gen_countries en > gazetteers/en/countries.tsv
 *
 * For every code of uloc_getISOCountries() it writes the CLDR display name
 * uloc_getDisplayCountry("und_XX", LANG) as a COUNTRY line with id "country/xx"
 * (ISO 3166-1 alpha-2, lowercased).  It then adds CLDR's alternative names from
 * the region bundle ("Countries%short", "Countries%variant"), splits names like
 * "Myanmar (Burma)" into both parts, and for Latin-script languages adds an
 * ASCII-folded spelling ("Curaçao" -> "Curacao").  A surface that would point
 * to two different countries, or that is listed in the ambiguity table below,
 * is left out with a comment saying why; hand-written replacements live in
 * countries-extra.tsv.
 *
 * The output is deterministic for a given ICU version: re-run after an ICU
 * upgrade and commit the result.  Licence of the generated data: Unicode
 * License v3 (CLDR); this program: same licence as rawi.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

#define MAX_ENTRIES 4096
#define NAME_BYTES 256

struct entry {
  char code[4]; /* lowercased alpha-2 */
  char name[NAME_BYTES];
  const char *attrs; /* "" or "alt=..." */
  int dropped;       /* 1: ambiguous between countries */
};

static struct entry entries[MAX_ENTRIES];
static int n_entries;

/*
 * Surfaces that CLDR gives as a country name but that news text uses far more
 * often for something else.  They are not written; countries-extra.tsv has an
 * unambiguous long form instead.
 */
struct skip {
  const char *lang;
  const char *code;
  const char *reason;
};

static const struct skip skips[] = {
    {"ar", "om",
     "عمان is also Amman, the capital of Jordan (location/amman); use سلطنة "
     "عمان"},
    {"ar", "ml",
     "مالي is also the common adjective 'financial'; use جمهورية مالي"},
    {NULL, NULL, NULL},
};

/* Surfaces that are kept but can also mean something else: printed as a warning
 * comment. */
static const struct skip notes[] = {
    {"ar", "ge",
     "جورجيا is also the US state (ولاية جورجيا) and a given name (جورجيا "
     "ميلوني)"},
    {"ar", "bj", "بنين is also the plural 'sons, boys' (مدرسة بنين)"},
    {"ar", "qa", "قطر is also 'diameter' (rare in news)"},
    {"ar", "dz",
     "الجزائر is also Algiers; the city is location/algiers (الجزائر العاصمة)"},
    {"ar", "tn",
     "تونس is also Tunis; the city is location/tunis (تونس العاصمة)"},
    {"ar", "kw",
     "الكويت is also Kuwait City; the city is location/kuwait-city (مدينة "
     "الكويت)"},
    {"en", "ge", "Georgia is also the US state"},
    {"en", "jo", "Jordan is also a given and family name"},
    {"en", "td", "Chad is also a given name"},
    {"en", "tr", "Turkey is also the bird"},
    {"en", "je",
     "Jersey is also a garment; New Jersey is matched as a longer name"},
    {"en", "kw", "Kuwait is also Kuwait City (location/kuwait-city)"},
    {NULL, NULL, NULL},
};

static const char *skip_reason(const char *lang, const char *code) {
  for (const struct skip *s = skips; s->lang; s++)
    if (strcmp(s->lang, lang) == 0 && strcmp(s->code, code) == 0)
      return s->reason;
  return NULL;
}

static void trim(char *s) {
  size_t len = strlen(s);
  while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    s[--len] = '\0';
  size_t start = 0;
  while (s[start] == ' ' || s[start] == '\t')
    start++;
  if (start > 0)
    memmove(s, s + start, len - start + 1);
}

/* Spellings never written: ordinary words once accents are gone ("reunion"). */
static const char *bad_surfaces[] = {"Reunion", NULL};

static void add(const char *code, const char *name, const char *attrs) {
  char buf[NAME_BYTES];
  snprintf(buf, sizeof buf, "%s", name);
  trim(buf);
  if (buf[0] == '\0' || strchr(buf, '\t') || strchr(buf, '\n'))
    return;
  for (const char **b = bad_surfaces; *b; b++)
    if (strcmp(*b, buf) == 0)
      return;
  for (int i = 0; i < n_entries; i++)
    if (strcmp(entries[i].name, buf) == 0 && strcmp(entries[i].code, code) == 0)
      return; /* same surface, same country: already there */
  if (n_entries >= MAX_ENTRIES) {
    fprintf(stderr, "gen_countries: too many entries\n");
    exit(1);
  }
  struct entry *e = &entries[n_entries++];
  snprintf(e->code, sizeof e->code, "%s", code);
  snprintf(e->name, sizeof e->name, "%s", buf);
  e->attrs = attrs;
  e->dropped = 0;
}

/*
 * "Myanmar (Burma)" -> "Myanmar", "Burma"; "Cocos (Keeling) Islands" -> "Cocos
 * Islands". A parenthesised part is an alias of its own only at the end of the
 * name and when it is a name, not a qualifier ("Congo (Republic)").  Other
 * names are added as they are.
 */
static void add_reading(const char *code, const char *name, const char *attrs) {
  static const char *qualifiers[] = {"Republic", "جمهورية", "SAR",
                                     "Keeling",  "كيلينغ",  "منطقة إدارية خاصة",
                                     NULL};
  const char *open = strstr(name, " (");
  const char *close = open ? strchr(open, ')') : NULL;
  if (!open || !close) {
    add(code, name, attrs);
    return;
  }
  char outer[NAME_BYTES], inner[NAME_BYTES];
  snprintf(outer, sizeof outer, "%.*s%s", (int)(open - name), name, close + 1);
  snprintf(inner, sizeof inner, "%.*s", (int)(close - open - 2), open + 2);
  add(code, outer, attrs);
  if (close[1] != '\0')
    return;
  for (const char **q = qualifiers; *q; q++)
    if (strcmp(inner, *q) == 0)
      return;
  add(code, inner, attrs);
}

static int u_to_utf8(const UChar *u, int32_t ulen, char *out, int32_t cap) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = 0;
  u_strToUTF8(out, cap, &n, u, ulen, &st);
  if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
    return -1;
  return n;
}

/* Read one table of alternative names ("Countries%short", ...) from the region
 * bundle. */
static void add_alternatives(const char *lang, const char *table,
                             const char *attrs, const char **codes) {
  UErrorCode st = U_ZERO_ERROR;
  UResourceBundle *bundle = ures_open(U_ICUDATA_NAME "-region", lang, &st);
  if (U_FAILURE(st))
    return;
  UResourceBundle *tab = ures_getByKey(bundle, table, NULL, &st);
  if (U_FAILURE(st)) {
    ures_close(bundle);
    return;
  }
  for (const char **c = codes; *c; c++) {
    UErrorCode st2 = U_ZERO_ERROR;
    int32_t len = 0;
    const UChar *u = ures_getStringByKey(tab, *c, &len, &st2);
    if (U_FAILURE(st2))
      continue;
    char name[NAME_BYTES], lower[4];
    if (u_to_utf8(u, len, name, sizeof name) < 0)
      continue;
    snprintf(lower, sizeof lower, "%c%c", tolower((unsigned char)(*c)[0]),
             tolower((unsigned char)(*c)[1]));
    add_reading(lower, name, attrs);
  }
  ures_close(tab);
  ures_close(bundle);
}

/* For Latin-script output, add an ASCII spelling of names with accents or curly
 * quotes. */
static void add_ascii_folds(void) {
  UErrorCode st = U_ZERO_ERROR;
  UTransliterator *tr =
      utrans_openU(u"Latin-ASCII", -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
  if (U_FAILURE(st)) {
    fprintf(stderr, "gen_countries: Latin-ASCII: %s\n", u_errorName(st));
    exit(1);
  }
  int n = n_entries;
  for (int i = 0; i < n; i++) {
    int ascii = 1;
    for (const unsigned char *p = (const unsigned char *)entries[i].name; *p;
         p++)
      if (*p >= 0x80)
        ascii = 0;
    if (ascii)
      continue;
    UChar u[NAME_BYTES];
    int32_t ulen = 0;
    st = U_ZERO_ERROR;
    u_strFromUTF8(u, NAME_BYTES, &ulen, entries[i].name, -1, &st);
    if (U_FAILURE(st))
      continue;
    int32_t limit = ulen;
    utrans_transUChars(tr, u, &ulen, NAME_BYTES, 0, &limit, &st);
    if (U_FAILURE(st))
      continue;
    char out[NAME_BYTES];
    if (u_to_utf8(u, ulen, out, sizeof out) < 0)
      continue;
    add(entries[i].code, out, entries[i].attrs);
  }
  utrans_close(tr);
}

/* Replace the first occurrence of from by to in s (capacity NAME_BYTES); 1 if
 * replaced. */
static int replace(char *s, const char *from, const char *to) {
  char *at = strstr(s, from);
  if (!at)
    return 0;
  char tmp[NAME_BYTES];
  snprintf(tmp, sizeof tmp, "%.*s%s%s", (int)(at - s), s, to,
           at + strlen(from));
  snprintf(s, NAME_BYTES, "%s", tmp);
  return 1;
}

/* English news writes "Bosnia and Herzegovina", "Saint Lucia" where CLDR has
 * "&", "St.". */
static void add_english_spellings(void) {
  int n = n_entries;
  for (int i = 0; i < n; i++) {
    char buf[NAME_BYTES];
    snprintf(buf, sizeof buf, "%s", entries[i].name);
    int changed = 0;
    while (replace(buf, " & ", " and "))
      changed = 1;
    if (changed)
      add(entries[i].code, buf, entries[i].attrs);
    if (replace(buf, "St. ", "Saint "))
      add(entries[i].code, buf, entries[i].attrs);
  }
}

/*
 * "US", "UK", "DRC": an abbreviation in capitals.  Case-folded, some are
 * ordinary words
 * ("us"), so they carry case=exact: the matcher compares them case-sensitively.
 */
static int is_acronym(const char *s) {
  int upper = 0;
  size_t len = strlen(s);
  if (len > 7)
    return 0;
  for (const char *p = s; *p; p++) {
    if (*p >= 'A' && *p <= 'Z')
      upper++;
    else if (*p != '.')
      return 0;
  }
  return upper >= 2;
}

int main(int argc, char **argv) {
  if (argc != 2 || strlen(argv[1]) < 2 || strlen(argv[1]) > 3) {
    fprintf(stderr,
            "usage: gen_countries LANG > gazetteers/LANG/countries.tsv\n");
    return 2;
  }
  const char *lang = argv[1];
  const char *const *iso = uloc_getISOCountries();
  const char *codes[512];
  static struct entry deferred[64];
  int n_deferred = 0;
  int n_codes = 0;
  for (; n_codes < 511 && iso[n_codes]; n_codes++)
    codes[n_codes] = iso[n_codes];
  codes[n_codes] = NULL;

  /* Standard display names first: the first line of an id is its canonical
   * name. */
  for (int i = 0; i < n_codes; i++) {
    char loc[16], lower[4], name[NAME_BYTES];
    UChar u[NAME_BYTES];
    UErrorCode st = U_ZERO_ERROR;
    snprintf(loc, sizeof loc, "und_%s", codes[i]);
    snprintf(lower, sizeof lower, "%c%c", tolower((unsigned char)codes[i][0]),
             tolower((unsigned char)codes[i][1]));
    int32_t len = uloc_getDisplayCountry(loc, lang, u, NAME_BYTES, &st);
    if (U_FAILURE(st) || len <= 0)
      continue;
    if (u_to_utf8(u, len, name, sizeof name) < 0)
      continue;
    if (strcmp(name, codes[i]) == 0)
      continue; /* no name in CLDR: ICU echoed the code */
    if (strstr(name, " - ")) {
      /* "Congo - Kinshasa": a CLDR disambiguation, not a news name; let a
         variant ("جمهورية الكونغو الديمقراطية") come first as canonical name */
      snprintf(deferred[n_deferred].code, sizeof deferred[0].code, "%s", lower);
      snprintf(deferred[n_deferred].name, sizeof deferred[0].name, "%s", name);
      n_deferred++;
      continue;
    }
    add_reading(lower, name, "");
  }
  add_alternatives(lang, "Countries%short", "alt=short", codes);
  add_alternatives(lang, "Countries%variant", "alt=variant", codes);
  for (int i = 0; i < n_deferred; i++)
    add(deferred[i].code, deferred[i].name, "");
  if (strcmp(lang, "en") == 0) {
    add_english_spellings();
    add_ascii_folds();
  }

  /* CLDR names some places by their status ("الأراضي الفلسطينية",
     "Palestinian Territories", "Hong Kong SAR China"); news names them
     by their short form, which then comes first as the canonical name. */
  /* the first two are الأراضي and الإدارية (a comment of its own:
     clang-format misjudges the width of Arabic ending a line) */
  static const char *const status_words[] = {
      "\xd8\xa7\xd9\x84\xd8\xa3\xd8\xb1\xd8\xa7\xd8\xb6\xd9\x8a",
      "\xd8\xa7\xd9\x84\xd8\xa5\xd8\xaf\xd8\xa7\xd8\xb1\xd9\x8a\xd8\xa9",
      "Territories", "SAR", NULL};
  for (int j = 0; j < n_entries; j++) {
    if (strcmp(entries[j].attrs, "alt=short") != 0 ||
        is_acronym(entries[j].name))
      continue;
    for (int i = 0; i < j; i++) {
      if (strcmp(entries[i].code, entries[j].code) != 0)
        continue;
      int status = 0;
      for (const char *const *w = status_words; *w; w++)
        status |= strstr(entries[i].name, *w) != NULL;
      if (status) { /* the short form takes the first line's place */
        struct entry t = entries[j];
        memmove(&entries[i + 1], &entries[i],
                (size_t)(j - i) * sizeof *entries);
        entries[i] = t;
      }
      break;
    }
  }

  /* A surface naming two countries ("Congo") helps nobody: drop it everywhere.
   */
  for (int i = 0; i < n_entries; i++)
    for (int j = i + 1; j < n_entries; j++)
      if (strcmp(entries[i].name, entries[j].name) == 0 &&
          strcmp(entries[i].code, entries[j].code) != 0)
        entries[i].dropped = entries[j].dropped = 1;

  UErrorCode st = U_ZERO_ERROR;
  UVersionInfo cldr;
  char cldr_s[U_MAX_VERSION_STRING_LENGTH];
  ulocdata_getCLDRVersion(cldr, &st);
  u_versionToString(cldr, cldr_s);

  printf("# rawi gazetteer: country names (%s)\n", lang);
  printf("# GENERATED by tools/gen_countries.c from ICU %s / CLDR %s display "
         "names\n",
         U_ICU_VERSION, U_FAILURE(st) ? "?" : cldr_s);
  printf("# (uloc_getDisplayCountry(\"und_XX\", \"%s\") plus CLDR's short and "
         "variant forms).\n",
         lang);
  printf("# Do not edit by hand: regenerate with\n");
  printf("#   cc tools/gen_countries.c $(pkg-config --cflags --libs icu-uc "
         "icu-i18n) -o /tmp/gen_countries\n");
  printf("#   /tmp/gen_countries %s > gazetteers/%s/countries.tsv\n", lang,
         lang);
  printf("# News spellings that CLDR lacks are in countries-extra.tsv "
         "(hand-written).\n");
  printf("# Licence: Unicode License v3 (CLDR data, "
         "https://www.unicode.org/license.txt).\n");
  printf("# Columns: surface<TAB>type<TAB>id[<TAB>attributes]\n");
  printf("# case=exact: an abbreviation to match case-sensitively (\"US\" is "
         "not \"us\").\n");
  for (const struct skip *s = skips; s->lang; s++)
    if (strcmp(s->lang, lang) == 0)
      printf("# left out: country/%s: %s\n", s->code, s->reason);
  for (const struct skip *s = notes; s->lang; s++)
    if (strcmp(s->lang, lang) == 0)
      printf("# ambiguous, kept: country/%s: %s\n", s->code, s->reason);
  for (int i = 0; i < n_entries; i++)
    if (entries[i].dropped)
      printf("# left out: \"%s\" names more than one country (country/%s)\n",
             entries[i].name, entries[i].code);

  int written = 0;
  for (int i = 0; i < n_entries; i++) {
    const struct entry *e = &entries[i];
    if (e->dropped || skip_reason(lang, e->code))
      continue;
    char attrs[64];
    snprintf(attrs, sizeof attrs, "%s%s%s", e->attrs,
             e->attrs[0] && is_acronym(e->name) ? ";" : "",
             is_acronym(e->name) ? "case=exact" : "");
    if (attrs[0])
      printf("%s\tCOUNTRY\tcountry/%s\t%s\n", e->name, e->code, attrs);
    else
      printf("%s\tCOUNTRY\tcountry/%s\n", e->name, e->code);
    written++;
  }
  fprintf(stderr, "gen_countries: %d lines for %s\n", written, lang);
  return 0;
}
