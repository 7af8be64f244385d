/*
 * gen_cities.c - write rawi's ICU city list (time-zone exemplar cities) for one
 * language.
 *
 * Build and run (from the repository root):
 *
 *   cc tools/gen_cities.c $(pkg-config --cflags --libs icu-uc icu-i18n) -o
 * /tmp/gen_cities /tmp/gen_cities ar gazetteers/ar/cities.tsv >
 * gazetteers/ar/cities-icu.tsv /tmp/gen_cities en gazetteers/en/cities.tsv >
 * gazetteers/en/cities-icu.tsv
 *
 * The optional second argument is the hand-written list: cities whose id it
 * already has are left out, so it alone gives their spellings and canonical
 * names (a pack's files are read in name order, and cities-icu.tsv sorts before
 * cities.tsv).
 *
 * CLDR names one "exemplar city" per time zone (America/Bogota -> Bogotá,
 * بوغوتا). For every region of uloc_getISOCountries() this program lists the
 * region's canonical location zones (ucal_openTimeZoneIDEnumeration) and
 * formats each zone with the date pattern "VVV", which ICU renders as the
 * exemplar city in the requested language.  Each city becomes a LOCATION line
 * with id "location/<slug of the English name>" and attribute country=xx, so
 * the ids agree with the hand-written cities.tsv and across languages.
 *
 * Left out: zones whose city has no name in the language's script (ICU falls
 * back to the zone id), Antarctic stations, US county zones, exemplar names
 * that are ordinary words (see skip_zones), cities written exactly like their
 * country (تونس, Kuwait) and zones named after their territory (Malta,
 * Maldives), which would shadow the country name.
 *
 * Output is deterministic for a given ICU version.  Licence of the generated
 * data: Unicode License v3 (CLDR); this program: same licence as rawi.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#define NAME_BYTES 256
#define MAX_LINES 2048

/* Exemplar cities that are ordinary words or not places news reports on. */
static const char *skip_zones[] = {
    "Indian/Christmas", /* "Christmas" */
    "Pacific/Easter",   /* "Easter" */
    "America/Resolute", /* "Resolute" */
    "Atlantic/Stanley", /* given name */
    "America/Regina",   /* given name */
    "America/Dawson",   /* family name */
    "Pacific/Wallis",   /* family name */
    "Pacific/Midway",
    "Pacific/Wake",
    "America/Phoenix", /* kept in cities.tsv by hand with its Arabic form */
    "America/Swift_Current",
    "America/Creston",
    "America/Nome",
    "America/Boise",
    "Pacific/Chatham",
    "Pacific/Norfolk",
    "Atlantic/Canary",
    "Pacific/Marquesas",
    "Pacific/Gambier",
    "America/Thule",
    "Australia/Eucla",
    "Australia/Lord_Howe",
    "Australia/Broken_Hill",
    "Australia/Lindeman",
    "Australia/Currie", /* ar كوري is also "Korean" */
    "Pacific/Truk",     /* ar ترك is also "Turks" */
    "America/Belem",    /* ar بلم */
    "Africa/El_Aaiun",  /* ar العيون is also "the eyes"; Laayoune is in
                           cities.tsv */
    "Indian/Mahe",      /* ar ماهي is also "what is" */
    "Asia/Hebron", /* ar form carries a parenthesis; الخليل is in cities.tsv */
    "Europe/Samara", /* ar سمراء is also "brunette" and close to Samarra */
    "Asia/Oral",     /* en "oral" */
    "Indian/Reunion", /* en "reunion"; the island is a CLDR region */
    "Indian/Comoro",
    "Indian/Chagos",
    "Asia/Hong_Kong", /* a CLDR region of its own (country/hk) */
    "Asia/Macau",     /* a CLDR region of its own (country/mo) */
    "Europe/Vatican", /* a CLDR region of its own (country/va) */
    "America/Cayman",
    "Atlantic/Faeroe",
    "Indian/Cocos",
    "Pacific/Johnston",
    "Pacific/Enderbury",
    "America/Atikokan", /* ar exemplar is Coral Harbour, en Atikokan */
    "America/Santa_Isabel",
    "America/Argentina/San_Juan", /* San Juan is mostly Puerto Rico in news */
    "America/Argentina/San_Luis",
    "America/Argentina/La_Rioja",
    "Asia/Jerusalem", /* status disputed: cities.tsv lists it without a country
                       */
    NULL,
};

static const char *skip_prefixes[] = {
    "Antarctica/",
    "America/Indiana/",
    "America/Kentucky/",
    "America/North_Dakota/",
    "Etc/",
    NULL,
};

struct line {
  char surface[NAME_BYTES];
  char id[NAME_BYTES + 16];
  char code[4];
};

static struct line lines[MAX_LINES];
static int n_lines;

/* Ids of the hand-written list (third column), to leave out. */
static char (*known_ids)[NAME_BYTES + 16];
static int n_known;

static void read_known_ids(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "gen_cities: cannot open %s\n", path);
    exit(1);
  }
  char line[2048];
  int cap = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#')
      continue;
    char *t1 = strchr(line, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2)
      continue;
    char *id = t2 + 1;
    id[strcspn(id, "\t\r\n")] = '\0';
    if (n_known == cap) {
      cap = cap ? 2 * cap : 1024;
      known_ids = realloc(known_ids, (size_t)cap * sizeof *known_ids);
      if (!known_ids) {
        fprintf(stderr, "gen_cities: out of memory\n");
        exit(1);
      }
    }
    snprintf(known_ids[n_known++], sizeof known_ids[0], "%s", id);
  }
  fclose(f);
}

static int known_id(const char *id) {
  for (int i = 0; i < n_known; i++)
    if (strcmp(known_ids[i], id) == 0)
      return 1;
  return 0;
}

static int skipped_zone(const char *zone) {
  for (const char **z = skip_zones; *z; z++)
    if (strcmp(*z, zone) == 0)
      return 1;
  for (const char **p = skip_prefixes; *p; p++)
    if (strncmp(*p, zone, strlen(*p)) == 0)
      return 1;
  return 0;
}

static int to_utf8(const UChar *u, int32_t len, char *out, int32_t cap) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = 0;
  u_strToUTF8(out, cap, &n, u, len, &st);
  return (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) ? -1 : n;
}

/* Exemplar city of zone in lang, as UTF-16; length or -1. */
static int32_t exemplar(const char *lang, const UChar *zone, int32_t zlen,
                        UChar *out, int32_t cap) {
  UErrorCode st = U_ZERO_ERROR;
  UDateFormat *fmt =
      udat_open(UDAT_PATTERN, UDAT_PATTERN, lang, zone, zlen, u"VVV", -1, &st);
  if (U_FAILURE(st))
    return -1;
  int32_t len = udat_format(fmt, 0.0, out, cap, NULL, &st);
  udat_close(fmt);
  return U_FAILURE(st) ? -1 : len;
}

/* 1 if every letter of s is of the given script (Latin also allows Common
 * marks). */
static int all_letters_in_script(const UChar *s, int32_t len,
                                 UScriptCode want) {
  int letters = 0;
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U16_NEXT(s, i, len, c);
    if (!u_isalpha(c))
      continue;
    UErrorCode st = U_ZERO_ERROR;
    if (uscript_getScript(c, &st) != want)
      return 0;
    letters++;
  }
  return letters > 0;
}

static void slugify(const char *ascii, char *out, size_t cap) {
  size_t n = 0;
  int dash = 0;
  for (const unsigned char *p = (const unsigned char *)ascii; *p && n + 2 < cap;
       p++) {
    if (isalnum(*p)) {
      if (dash && n > 0)
        out[n++] = '-';
      out[n++] = (char)tolower(*p);
      dash = 0;
    } else if (*p != '\'') {
      dash = 1;
    }
  }
  out[n] = '\0';
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3 || strlen(argv[1]) < 2 || strlen(argv[1]) > 3) {
    fprintf(stderr, "usage: gen_cities LANG [gazetteers/LANG/cities.tsv] > "
                    "gazetteers/LANG/cities-icu.tsv\n");
    return 2;
  }
  const char *lang = argv[1];
  if (argc == 3)
    read_known_ids(argv[2]);
  int n_known_skipped = 0;
  UScriptCode script = strcmp(lang, "ar") == 0 ? USCRIPT_ARABIC : USCRIPT_LATIN;
  UErrorCode st = U_ZERO_ERROR;
  UTransliterator *fold =
      utrans_openU(u"Latin-ASCII", -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
  if (U_FAILURE(st)) {
    fprintf(stderr, "gen_cities: Latin-ASCII: %s\n", u_errorName(st));
    return 1;
  }
  int n_same_as_country = 0;
  char same_as_country[64][2 * NAME_BYTES];

  for (const char *const *cc = uloc_getISOCountries(); *cc; cc++) {
    char code[4], loc[16];
    snprintf(code, sizeof code, "%c%c", tolower((unsigned char)(*cc)[0]),
             tolower((unsigned char)(*cc)[1]));
    snprintf(loc, sizeof loc, "und_%s", *cc);
    UChar country[NAME_BYTES];
    st = U_ZERO_ERROR;
    int32_t clen = uloc_getDisplayCountry(loc, lang, country, NAME_BYTES, &st);
    if (U_FAILURE(st))
      clen = 0;
    UChar country_en[NAME_BYTES];
    st = U_ZERO_ERROR;
    int32_t celen =
        uloc_getDisplayCountry(loc, "en", country_en, NAME_BYTES, &st);
    if (U_FAILURE(st))
      celen = 0;

    st = U_ZERO_ERROR;
    UEnumeration *zones = ucal_openTimeZoneIDEnumeration(
        UCAL_ZONE_TYPE_CANONICAL_LOCATION, *cc, NULL, &st);
    if (U_FAILURE(st))
      continue;
    const char *zone;
    int32_t zlen;
    while ((zone = uenum_next(zones, &zlen, &st)) && U_SUCCESS(st)) {
      if (skipped_zone(zone))
        continue;
      UChar uzone[128], name[NAME_BYTES], en[NAME_BYTES];
      u_charsToUChars(zone, uzone, zlen);
      int32_t len = exemplar(lang, uzone, zlen, name, NAME_BYTES);
      int32_t elen = exemplar("en", uzone, zlen, en, NAME_BYTES);
      if (len <= 0 || elen <= 0 || !all_letters_in_script(name, len, script))
        continue;
      char surface[NAME_BYTES], ascii[NAME_BYTES], slug[NAME_BYTES];
      if (to_utf8(name, len, surface, sizeof surface) < 0)
        continue;
      /* A zone named after its territory (Malta, Maldives) or a city written
         like its country (تونس): the name is the country's, not a city's. */
      if ((clen == len && u_strncmp(country, name, len) == 0) ||
          (celen == elen && u_strncmp(country_en, en, elen) == 0)) {
        if (n_same_as_country < 64)
          snprintf(same_as_country[n_same_as_country++], 2 * NAME_BYTES,
                   "%s (%s, country/%s)", surface, zone, code);
        continue;
      }
      int32_t limit = elen;
      st = U_ZERO_ERROR;
      utrans_transUChars(fold, en, &elen, NAME_BYTES, 0, &limit, &st);
      if (U_FAILURE(st) || to_utf8(en, elen, ascii, sizeof ascii) < 0)
        continue;
      slugify(ascii, slug, sizeof slug);
      if (slug[0] == '\0' || n_lines >= MAX_LINES)
        continue;
      char full_id[NAME_BYTES + 16];
      snprintf(full_id, sizeof full_id, "location/%s", slug);
      if (known_id(full_id)) {
        n_known_skipped++;
        continue;
      }
      struct line *l = &lines[n_lines++];
      snprintf(l->surface, sizeof l->surface, "%s", surface);
      snprintf(l->id, sizeof l->id, "location/%s", slug);
      snprintf(l->code, sizeof l->code, "%s", code);
      /* English: add the ASCII spelling too (Bogotá -> Bogota). */
      if (script == USCRIPT_LATIN && strcmp(ascii, surface) != 0 &&
          n_lines < MAX_LINES) {
        struct line *a = &lines[n_lines++];
        *a = *l;
        snprintf(a->surface, sizeof a->surface, "%s", ascii);
      }
    }
    uenum_close(zones);
  }
  utrans_close(fold);

  UVersionInfo cldr;
  char cldr_s[U_MAX_VERSION_STRING_LENGTH];
  st = U_ZERO_ERROR;
  ulocdata_getCLDRVersion(cldr, &st);
  u_versionToString(cldr, cldr_s);
  printf("# rawi gazetteer: cities named by CLDR as time-zone exemplar cities "
         "(%s)\n",
         lang);
  printf("# GENERATED by tools/gen_cities.c from ICU %s / CLDR %s (date "
         "pattern \"VVV\").\n",
         U_ICU_VERSION, U_FAILURE(st) ? "?" : cldr_s);
  printf("# Do not edit by hand: regenerate with\n");
  printf("#   cc tools/gen_cities.c $(pkg-config --cflags --libs icu-uc "
         "icu-i18n) -o /tmp/gen_cities\n");
  printf("#   /tmp/gen_cities %s gazetteers/%s/cities.tsv > "
         "gazetteers/%s/cities-icu.tsv\n",
         lang, lang, lang);
  printf("# Ids are location/<English exemplar name, ASCII, lowercased>, as in "
         "cities.tsv\n");
  printf("# (hand-written, with news spellings and more places). %d cities "
         "whose id cities.tsv\n",
         n_known_skipped);
  printf("# already has are left out: that list gives their spellings and "
         "canonical names.\n");
  printf("# Licence: Unicode License v3 (CLDR data, "
         "https://www.unicode.org/license.txt).\n");
  printf("# Columns: surface<TAB>type<TAB>id<TAB>attributes\n");
  for (int i = 0; i < n_same_as_country; i++)
    printf("# left out (same as the country name): %s\n", same_as_country[i]);
  for (int i = 0; i < n_lines; i++) {
    int dup = 0;
    for (int j = 0; j < i && !dup; j++)
      dup = strcmp(lines[i].surface, lines[j].surface) == 0 &&
            strcmp(lines[i].id, lines[j].id) == 0;
    if (!dup)
      printf("%s\tLOCATION\t%s\tcountry=%s\n", lines[i].surface, lines[i].id,
             lines[i].code);
  }
  return 0;
}
