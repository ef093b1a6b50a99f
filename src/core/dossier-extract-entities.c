/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <string.h>

#include "dossier-extract.h"
#include "dossier-extract-learned.h"
#include "dossier-extract-headlines.h"
#include "dossier-extract-particles.h"
#include "dossier-extract-sports.h"
#include "dossier-extract-scoreboards.h"
#include "dossier-extract-datelines.h"
#include "dossier-gazetteer.h"
#include "dossier-text-scan.h"

/*
 * Entities in one pass over the text, line by line, plus a pass over what was found:
 *
 * 1. Each line is cut into words (tokens: runs of letters, digits and marks) and the
 *    separator before each word is classified (space, hyphen, apostrophe, comma, sentence
 *    break...).  Words that appear in lower case are remembered in a bit set, to tell later
 *    whether a capitalized word at the start of a sentence is an ordinary word.
 * 2. The gazetteer automaton finds countries, demonyms, capitals, cities, regions,
 *    organisations, outlets and titles; overlapping matches are resolved leftmost-longest.
 * 3. The remaining capitalized words form runs ("Abbas Araghchi", "Mohammed bin Abdulrahman
 *    Al Thani", "Board of Governors").  A run is an organisation or a place when it ends in a
 *    head word ("Council", "Ministry", "Province"), otherwise a candidate name, with its cue:
 *    a title just before it, a first name at its start, a speech verb after it, a photo
 *    credit around it.
 * 4. After the whole text: full names (two words or more, with a cue) are grouped when their
 *    transliteration keys agree; surnames and other partial names are joined to the full name
 *    they end ("Araghchi", "Bagheri Kani", "Al Thani"), to the nearest one before them when
 *    several fit; a partial name with a cue and no full name becomes a person of its own.
 *
 * Everything is linear in the text except the grouping, which is linear in the number of
 * names found through hash tables.  Offsets are counted in code points as the words are cut.
 */

/* Lexicon: ordinary words of English news, not names.  Lists of names are data
 * (data/gazetteer/); these are grammar. */

/* Capitalized, these are never part of a name: function words, sentence adverbs and
 * connectives, pronouns, days and months, headline verbs, and plural nouns that start
 * sentences before a speech verb ("Officials said"). */
static const char * const stop_words[] = {
  "a", "about", "above", "according", "across", "acting", "after", "again", "against", "ago",
  "all", "also", "although", "among", "an", "analysts", "and", "another", "any", "are",
  "around", "as", "asked", "at", "authorities", "be", "because", "been", "before", "being",
  "below", "besides", "between", "both", "breaking", "but", "by", "can", "could", "critics",
  "despite", "did", "diplomats", "do", "does", "during", "each", "earlier", "either", "even",
  "ever", "every", "exclusive", "experts", "following", "for", "former", "from", "further",
  "had", "has", "have", "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if",
  "in", "including", "inside", "instead", "into", "is", "it", "its", "just", "late", "later",
  "latest", "less", "live", "many", "may", "meanwhile", "might", "more", "moreover", "most",
  "much", "must", "my", "neither", "nevertheless", "new", "next", "no", "nor", "not",
  "now", "observers", "of", "officials", "on", "once", "one", "only", "opinion", "or",
  "other", "others", "our", "out", "over", "own", "per", "perhaps", "please", "protesters",
  "read", "related", "reporters", "reports", "residents", "said", "says", "she", "should",
  "since", "so", "some", "sources", "still", "subscribe", "such", "than", "that", "the",
  "their", "them", "then", "there", "therefore", "these", "they", "this", "those", "though",
  "through", "thus", "to", "today", "tomorrow", "too", "under", "unlike", "until", "update",
  "updated", "upon", "us", "very", "via", "was", "watch", "we", "were", "what", "when",
  "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
  "within", "without", "witnesses", "would", "yesterday", "yet", "you", "your",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "january", "february", "march", "april", "june", "july", "august", "september",
  "october", "november", "december", "sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
  "sep", "oct", "nov", "dec",
  "say", "tell", "tells", "warns", "urges", "denies", "vows", "slams", "calls", "seeks",
  "meets", "hits", "backs", "rejects", "claims", "accuses", "threatens", "agree", "agrees",
  "photo", "video", "credit", "file", "image", "images", "caption", "newsletter",
  "western", "eastern", "northern", "southern", "central",
  NULL,
};

/* Verbs that make the words before them a speaker ("Araghchi said"). */
static const char * const speech_verbs[] = {
  "said", "says", "told", "tells", "added", "adds", "noted", "notes", "stressed", "stresses",
  "wrote", "writes", "explained", "asked", "emphasized", "emphasised", "insisted", "warned",
  "warns", "argued", "stated", "declared", "announced", "tweeted", "posted", "replied",
  "urged", "claimed", "confirmed", "denied", "acknowledged", "recalled", "remarked",
  "suggested", "underlined", "highlighted", "reiterated", "cautioned", "vowed", "pledged",
  "praised", "criticized", "criticised", "condemned", "accused", "met", "spoke", "visited",
  "arrived", "discussed",
  NULL,
};

/* Between a name and its speech verb ("Araghchi also said"). */
static const char * const speech_fillers[] = {
  "also", "later", "earlier", "then", "has", "had", "have", "was", "further", "again",
  "previously", "recently", "separately", "reportedly", "repeatedly", "would", "will",
  "himself", "herself", "once", "had", "publicly", "privately",
  NULL,
};

/* Last words of organisation names ("Supreme National Security Council"). */
static const char * const organization_heads[] = {
  "Academy", "Administration", "Agency", "Airlines", "Airways", "Alliance", "Army", "Assembly", "Association",
  "Authority", "Bank", "Battalion", "Bhd", "Board", "Brigade", "Brigades", "Bureau",
  "Cabinet", "Cartel", "Center", "Centre", "Chamber", "Clinic", "Clinics", "Coalition",
  "College", "Command", "Commission", "Committee", "Company", "Congress", "Consortium", "Corp",
  "Constabulary", "Consulate", "Cooperative", "Corporation", "Corps", "Council",
  "Court", "Department", "Directorate", "Division", "Embassy", "Exchange", "Federation",
  "Force", "Forces", "Forum", "Foundation", "Front", "Fund", "Government", "Group", "Guard",
  "Guards", "Holdings", "Hospital", "Hospitals", "Inc", "Industries", "Institute",
  "Institution", "Insurance", "League", "Limited", "Logistics", "Ltd", "Militia", "Ministry",
  "Mission", "Motors", "Movement", "Navy", "Office", "Organisation",
  "Organization", "Parliament", "Party", "Petroleum", "Pharmaceuticals", "PLC", "Police",
  "Programme", "Program", "Railways", "Regiment", "Secretariat", "Securities", "Sekuritas", "Senate",
  "Service", "Services", "Shipping", "Society", "Syndicate", "Tbk", "Technologies",
  "Telecom", "Tribunal", "Trust", "Union", "Unit", "University",
  NULL,
};

/* Nouns that make the name after them an organisation's ("the insurer Harwell Marine"). */
static const char * const organization_nouns[] = {
  "company", "firm", "insurer", "lender", "bank", "carrier", "operator", "manufacturer",
  "maker", "airline", "broker", "conglomerate", "contractor", "charity", "group", "agency",
  "organisation", "organization", "militia", "movement", "party", "union", "startup",
  "consultancy", "shipper", "supplier", "producer", "developer", "retailer", "regulator",
  NULL,
};

/* Last words of place names ("Hormozgan Province"). */
static const char * const place_heads[] = {
  "Airport", "Avenue", "Base", "Bay", "Bridge", "Canal", "Crossing", "Dam", "Desert",
  "City", "District", "Governorate", "Harbor", "Harbour", "Heights", "Hills", "Island", "Islands",
  "Lake", "Mosque", "Mountain", "Mountains", "Oblast", "Ocean", "Palace", "Peninsula",
  "Plain", "Port", "Prefecture", "Province", "Region", "River", "Road", "Sea", "Square",
  "Stadium", "Strait", "Straits", "Street", "Territory", "Valley",
  NULL,
};

/* First words of place names ("Strait of Tiran", "Mount Hermon"). */
static const char * const place_first_heads[] = {
  "Bay", "Cape", "Fort", "Gulf", "Isle", "Lake", "Mount", "Port", "Sea", "Strait", NULL,
};

/* Lower-case particles inside names ("Mohammed bin Salman", "Bashar al-Assad"). */
static const char * const name_particles[] = {
  "al", "el", "ul", "bin", "bint", "ibn", "ben", "abu", "de", "da", "di", "du", "del", "della",
  "der", "den", "van", "von", "la", "le", "dos", "das", "ter", "zu",
  NULL,
};

/* Capitalized particles: name words that do not make a name by themselves ("Al Thani"). */
static const char * const capital_particles[] = {
  "Al", "El", "Bin", "Bint", "Ibn", "Abu", "Abd", "De", "Da", "Di", "Du", "Van", "Von", "La",
  "Le", "Der",
  NULL,
};

/* A period after these does not end a sentence. */
static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "brig", "capt", "sgt", "adm", "gov",
  "sen", "rep", "prof", "st", "jr", "sr", "rev", "no", "mt", "ft", "vs", "inc", "corp", "co",
  "ltd", "jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec",
  NULL,
};

/* Words next to an ambiguous outlet name that show it is the outlet ("Fars reported"). */
static const char * const outlet_cues_before[] = {
  "to", "told", "by", "from", "via", "on", "cited", "quoted", "credit", "agency", "outlet",
  "channel", "daily", "newspaper", NULL,
};
static const char * const outlet_cues_after[] = {
  "reported", "reports", "report", "said", "says", "quoted", "cited", "noted", "wrote",
  "news", "agency", "added", "published", "broadcast", "aired", "carried", "tv",
  "television", "radio", "channel", "correspondent", "reporter", "website", "daily",
  NULL,
};

/* What a word is, from one lookup in Lexicon.words.  The LEX_ flags belong to words as
 * capitalized ("The", "Council"), the others to words in lower case ("said", "al"). */
typedef enum {
  LEX_STOP = 1 << 0,              /* "The", "According" */
  LEX_ORGANIZATION_HEAD = 1 << 1, /* "Council" */
  LEX_PLACE_HEAD = 1 << 2,        /* "Province" */
  LEX_PLACE_FIRST = 1 << 3,       /* "Strait" of ... */
  LEX_CAPITAL_PARTICLE = 1 << 4,  /* "Al", "Abu" */
  LEX_GIVEN_NAME = 1 << 5,        /* "Abbas": data/gazetteer/given-names.tsv */
  LEX_SPEECH_VERB = 1 << 8,
  LEX_SPEECH_FILLER = 1 << 9,
  LEX_ORGANIZATION_NOUN = 1 << 10,
  LEX_NAME_PARTICLE = 1 << 11,
  LEX_ABBREVIATION = 1 << 12,
} LexFlags;

#define LEX_CAPITALIZED_FLAGS 0xFFu

/* Words longer than this are in no set as far as the lookups go. */
#define MAX_LEX_BYTES 31

/* FNV-1a, folding ASCII case; other code points are taken as they come (upper and title
 * case lowered).  tokenize_line() computes the same hash of every word as it reads it. */
#define HASH_SEED G_GUINT64_CONSTANT (14695981039346656037)
#define HASH_PRIME G_GUINT64_CONSTANT (1099511628211)

typedef struct {
  guint32 hash;             /* the low half of the word's */
  guint32 flags;            /* LexFlags, never 0 but in an empty slot */
} LexSlot;

/* Every word of the lists in an open-addressing table keyed by the hash of the word as
 * tokenize_line() computes it: a word of the text is looked up without being copied or
 * hashed again, and its bytes are compared only on a hash match.  The slots the probes
 * read are small, so that the table stays in the first-level cache. */
typedef struct {
  LexSlot     *words;
  const char **word_text;
  guint32     *word_len;
  guint        mask;
  GHashTable  *outlet_cues_before;
  GHashTable  *outlet_cues_after;
} Lexicon;

static GHashTable *
string_set (const char * const *words)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; words[i] != NULL; i++)
    g_hash_table_add (set, (gpointer) words[i]);
  return set;
}

/* The hash tokenize_line() gives the word @word[0, @len). */
static guint64
word_hash (const char *word,
           gsize       len)
{
  const char *end = word + len;
  guint64 hash = HASH_SEED;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      guint8 b = (guint8) *p;

      if (b < 0x80)
        hash = (hash ^ (b | 0x20)) * HASH_PRIME;
      else
        {
          gunichar c = g_utf8_get_char (p);

          if (dossier_unichar_is_capital (c))
            c = g_unichar_tolower (c);
          hash = (hash ^ c) * HASH_PRIME;
        }
    }
  return hash;
}

static void
lexicon_add (Lexicon    *lexicon,
             const char *word,
             LexFlags    flag)
{
  gsize len = strlen (word);
  guint64 hash = word_hash (word, len);

  g_assert (flag != 0);
  for (guint i = (guint) hash & lexicon->mask;; i = (i + 1) & lexicon->mask)
    {
      LexSlot *slot = &lexicon->words[i];

      if (slot->flags == 0)
        {
          lexicon->word_text[i] = word;
          lexicon->word_len[i] = (guint32) len;
          slot->hash = (guint32) hash;
          slot->flags = flag;
          return;
        }
      if (slot->hash == (guint32) hash && lexicon->word_len[i] == len &&
          memcmp (lexicon->word_text[i], word, len) == 0)
        {
          slot->flags |= flag;
          return;
        }
    }
}

static void
lexicon_add_words (Lexicon            *lexicon,
                   const char * const *words,
                   gboolean            capitalize,
                   LexFlags            flag)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (capitalize)
        {
          /* Kept for the life of the process, as the lexicon is. */
          char *word = g_strdup (words[i]);

          word[0] = g_ascii_toupper (word[0]);
          lexicon_add (lexicon, word, flag);
        }
      else
        lexicon_add (lexicon, words[i], flag);
    }
}

static gpointer
lexicon_new (gpointer data)
{
  const DossierGazetteer *gazetteer = data;
  Lexicon *lexicon = g_new0 (Lexicon, 1);
  GHashTableIter iter;
  gpointer name;
  guint size = 64;

  /* At most half full, so that a word not in the lists meets an empty slot soon. */
  while (size < 2 * (g_hash_table_size (gazetteer->given_names) + 1024))
    size *= 2;
  lexicon->words = g_new0 (LexSlot, size);
  lexicon->word_text = g_new0 (const char *, size);
  lexicon->word_len = g_new0 (guint32, size);
  lexicon->mask = size - 1;
  lexicon_add_words (lexicon, stop_words, TRUE, LEX_STOP);
  lexicon_add_words (lexicon, organization_heads, FALSE, LEX_ORGANIZATION_HEAD);
  lexicon_add_words (lexicon, place_heads, FALSE, LEX_PLACE_HEAD);
  lexicon_add_words (lexicon, place_first_heads, FALSE, LEX_PLACE_FIRST);
  lexicon_add_words (lexicon, capital_particles, FALSE, LEX_CAPITAL_PARTICLE);
  /* The gazetteer, loaded once, outlives the lexicon: its names are not copied. */
  g_hash_table_iter_init (&iter, gazetteer->given_names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    lexicon_add (lexicon, name, LEX_GIVEN_NAME);
  lexicon_add_words (lexicon, speech_verbs, FALSE, LEX_SPEECH_VERB);
  lexicon_add_words (lexicon, speech_fillers, FALSE, LEX_SPEECH_FILLER);
  lexicon_add_words (lexicon, organization_nouns, FALSE, LEX_ORGANIZATION_NOUN);
  lexicon_add_words (lexicon, name_particles, FALSE, LEX_NAME_PARTICLE);
  lexicon_add_words (lexicon, abbreviations, FALSE, LEX_ABBREVIATION);

  lexicon->outlet_cues_before = string_set (outlet_cues_before);
  lexicon->outlet_cues_after = string_set (outlet_cues_after);
  return lexicon;
}

static const Lexicon *
get_lexicon (const DossierGazetteer *gazetteer)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, lexicon_new, (gpointer) gazetteer);
}

/* The flags of the word @word[0, @len) whose hash is @hash, as written. */
static guint32
lexicon_lookup (const Lexicon *lexicon,
                const char    *word,
                gsize          len,
                guint64        hash)
{
  if (len > MAX_LEX_BYTES)
    return 0;
  for (guint i = (guint) hash & lexicon->mask;; i = (i + 1) & lexicon->mask)
    {
      const LexSlot *slot = &lexicon->words[i];

      if (slot->flags == 0)
        return 0;
      if (slot->hash == (guint32) hash && lexicon->word_len[i] == len &&
          dossier_scan_same_bytes (lexicon->word_text[i], word, len))
        return slot->flags;
    }
}

/* Whether the word @word[0, @len), in ASCII lower case, has @flag. */
static gboolean
lexicon_has_lower (const Lexicon *lexicon,
                   const char    *word,
                   gsize          len,
                   guint64        hash,
                   LexFlags       flag)
{
  if (len > MAX_LEX_BYTES)
    return FALSE;
  for (guint i = (guint) hash & lexicon->mask;; i = (i + 1) & lexicon->mask)
    {
      const LexSlot *slot = &lexicon->words[i];
      gboolean same = TRUE;

      if (slot->flags == 0)
        return FALSE;
      if (slot->hash != (guint32) hash || lexicon->word_len[i] != len || !(slot->flags & flag))
        continue;
      for (gsize k = 0; same && k < len; k++)
        {
          char c = word[k];

          if (c >= 'A' && c <= 'Z')
            c = (char) (c | 0x20);
          same = c == lexicon->word_text[i][k];
        }
      if (same)
        return TRUE;
    }
}

/* Spans of text as keys */

/* An open-addressing table from a string (with a tag) to a number, looked up with a span of
 * the text, so that the many mentions of one name are recognized without copying it. */
typedef struct {
  const char *text;         /* NULL: an empty slot */
  guint32     len;
  guint32     hash;
  guint32     tag;
  guint32     value;
} SpanSlot;

typedef struct {
  SpanSlot *slots;
  guint     mask;
  guint     used;
} SpanMap;

#define SPAN_MAP_MIN_SLOTS 32
/* Above this, a map goes back to the allocator rather than wait for the next text. */
#define SPAN_MAP_KEEP_SLOTS 4096

/* Empties @map (kept from one text to the next) or sets it up. */
static void
span_map_reset (SpanMap *map)
{
  /* Emptying costs its size: a map grown for a long text is not kept for short ones. */
  if (map->slots != NULL &&
      (map->mask + 1 > SPAN_MAP_KEEP_SLOTS ||
       (map->mask + 1 > SPAN_MAP_MIN_SLOTS && map->used * 8 < map->mask + 1)))
    g_clear_pointer (&map->slots, g_free);
  if (map->slots == NULL)
    {
      map->slots = g_new0 (SpanSlot, SPAN_MAP_MIN_SLOTS);
      map->mask = SPAN_MAP_MIN_SLOTS - 1;
    }
  else if (map->used > 0)
    memset (map->slots, 0, (map->mask + 1) * sizeof (SpanSlot));
  map->used = 0;
}

static void
span_map_clear (SpanMap *map)
{
  g_clear_pointer (&map->slots, g_free);
}

static guint32
span_hash (const char *text,
           gsize       len,
           guint32     tag)
{
  guint32 h = 2166136261u ^ tag;

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guint8) text[i]) * 16777619u;
  return h;
}

static SpanSlot *
span_map_slot (SpanMap    *map,
               const char *text,
               gsize       len,
               guint32     hash,
               guint32     tag)
{
  for (guint i = hash & map->mask;; i = (i + 1) & map->mask)
    {
      SpanSlot *slot = &map->slots[i];

      if (slot->text == NULL ||
          (slot->hash == hash && slot->tag == tag && slot->len == len &&
           memcmp (slot->text, text, len) == 0))
        return slot;
    }
}

/* The value of @text[0, @len) under @tag, or 0. */
static guint32
span_map_lookup (SpanMap    *map,
                 const char *text,
                 gsize       len,
                 guint32     tag)
{
  return span_map_slot (map, text, len, span_hash (text, len, tag), tag)->value;
}

/* Adds @text (which must outlive the map's use) under @tag, not there yet, with @value
 * (not 0). */
static void
span_map_insert (SpanMap    *map,
                 const char *text,
                 gsize       len,
                 guint32     tag,
                 guint32     value)
{
  guint32 hash = span_hash (text, len, tag);
  SpanSlot *slot;

  /* At most half full. */
  if (2 * (map->used + 1) > map->mask + 1)
    {
      SpanSlot *old = map->slots;
      guint old_size = map->mask + 1;

      map->slots = g_new0 (SpanSlot, 2 * old_size);
      map->mask = 2 * old_size - 1;
      for (guint i = 0; i < old_size; i++)
        if (old[i].text != NULL)
          *span_map_slot (map, old[i].text, old[i].len, old[i].hash, old[i].tag) = old[i];
      g_free (old);
    }
  slot = span_map_slot (map, text, len, hash, tag);
  g_assert (slot->text == NULL && value != 0);
  slot->text = text;
  slot->len = (guint32) len;
  slot->hash = hash;
  slot->tag = tag;
  slot->value = value;
  map->used++;
}

/* Words */

typedef enum {
  SHAPE_LOWER,        /* "said", "al" */
  SHAPE_CAPITALIZED,  /* "Araghchi", "McDonald" */
  SHAPE_UPPER,        /* "IRNA", "X", "THAIER" */
  SHAPE_OTHER,        /* "2024", "7th" */
} Shape;

typedef enum {
  GAP_SPACE,          /* white space only */
  GAP_HYPHEN,
  GAP_APOSTROPHE,
  GAP_COMMA,          /* ", " */
  GAP_PERIOD,         /* ". " or "." */
  GAP_SLASH,
  GAP_OPEN_PAREN,     /* " (" */
  GAP_OTHER,
} Gap;

typedef struct {
  guint32 start;          /* bytes into the text */
  guint32 end;
  guint32 cp_start;       /* code points */
  guint32 cp_end;
  guint64 hash;           /* of the word in lower case */
  gint32  match;          /* index of the gazetteer match covering it, or -1 */
  guint8  shape;
  guint8  gap;            /* separator before the word */
  guint8  sentence_start;
  guint8  close_paren;    /* ")" right after the word */
  guint8  lex;            /* LexFlags of a capitalized word */
} Token;

typedef struct {
  guint32 start;          /* bytes into the text */
  guint32 end;
  guint   pattern;
} Match;

/* What a mention refers to, decided after the whole text is read. */
typedef enum {
  TARGET_GAZETTEER,       /* an entry of the gazetteer */
  TARGET_CANDIDATE,       /* a run: see Candidate */
} TargetType;

typedef struct {
  guint32 start;          /* bytes */
  guint32 end;
  guint32 cp_start;
  guint32 cp_end;
  guint32 target;         /* entry or candidate index */
  guint32 pattern;        /* gazetteer pattern, or G_MAXUINT32 */
  guint8  type;
} Mention;

typedef enum {
  CAND_PERSON,
  CAND_ORGANIZATION,
  CAND_PLACE,
  CAND_OUTLET,            /* "Saba News Agency": not in the registry */
  CAND_ACRONYM,           /* an acronym defined after an organisation: see acronym_of */
} CandidateKind;

/* resolve_named_bodies() writes a kind as one digit. */
G_STATIC_ASSERT (CAND_ACRONYM < 10);

typedef enum {
  CUE_NONE,
  CUE_BYLINE,
  CUE_TITLE,
  CUE_GIVEN_NAME,
  CUE_SPEECH,
  CUE_CREDIT,
} Cue;

typedef struct {
  guint32  start;         /* bytes */
  guint32  end;
  guint32  second_start;  /* bytes: where the run starts without its first word */
  guint32  second_cp;
  guint32  mention;       /* index into mentions */
  guint64  first_hash;
  char    *display;       /* the canonical form when it is not the text itself (credits) */
  guint    n_words;       /* name words, particles not counted */
  int      group;         /* person, organisation or place group; -1 until resolved */
  guint32  acronym_of;    /* for CAND_ACRONYM: the candidate it stands for */
  guint8   kind;
  guint8   cue;
  guint8   first_sentence_initial;
  guint8   first_given;
  gboolean dropped;
} Candidate;

typedef struct {
  const char             *text;
  gsize                   length;
  const DossierGazetteer *gazetteer;
  const Lexicon          *lexicon;
  GArray                 *regions;
  guint                   next_region;
  guint32                 next_region_start; /* its start, G_MAXUINT32 past the last */

  /* Reused line by line. */
  GArray                 *tokens;        /* Token */
  GArray                 *found;         /* Match: every match of the automaton */
  GArray                 *matches;       /* Match: the ones kept, in text order */

  GArray                 *mentions;      /* Mention, text order */
  GArray                 *candidates;    /* Candidate */
  GHashTable             *acronyms;      /* acronym → candidate index + 1 */
  GHashTable             *absorbed;      /* place names taken as surnames ("Golan") */
  GArray                 *reserved;      /* DossierSpan: read and left unmarked on purpose
                                          * (demonyms, peoples, faiths); NULL if none */

  guint64                *lower_words;   /* bit set of words seen in lower case */
  guint64                 lower_mask;    /* number of bits - 1 */
  SpanMap                *spans;         /* names and aliases already seen: see ALIAS_TAG */
  GArray                 *slots;         /* int: build_result() */
} Extractor;

static inline void
lower_words_add (Extractor *self,
                 guint64    hash)
{
  guint64 a = hash & self->lower_mask;
  guint64 b = (hash >> 32) & self->lower_mask;

  self->lower_words[a >> 6] |= G_GUINT64_CONSTANT (1) << (a & 63);
  self->lower_words[b >> 6] |= G_GUINT64_CONSTANT (1) << (b & 63);
}

static inline gboolean
lower_words_has (const Extractor *self,
                 guint64          hash)
{
  guint64 a = hash & self->lower_mask;
  guint64 b = (hash >> 32) & self->lower_mask;

  return (self->lower_words[a >> 6] & (G_GUINT64_CONSTANT (1) << (a & 63))) != 0 &&
         (self->lower_words[b >> 6] & (G_GUINT64_CONSTANT (1) << (b & 63))) != 0;
}

static inline gboolean
is_word_unichar (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Whether @token has the lexicon's @flag, as written or (with @lower) in ASCII lower case. */
static gboolean
token_has (const Extractor *self,
           const Token     *token,
           LexFlags         flag,
           gboolean         lower)
{
  const char *word = self->text + token->start;
  gsize len = token->end - token->start;

  if (lower)
    return lexicon_has_lower (self->lexicon, word, len, token->hash, flag);
  return (lexicon_lookup (self->lexicon, word, len, token->hash) & flag) != 0;
}

static gboolean
token_is (const Extractor *self,
          const Token     *token,
          const char      *word)
{
  gsize len = strlen (word);

  return token->end - token->start == len &&
         g_ascii_strncasecmp (self->text + token->start, word, len) == 0;
}

static gboolean
token_is_one_of (const Extractor    *self,
                 const Token        *token,
                 const char * const *words)
{
  for (guint k = 0; words[k] != NULL; k++)
    if (token_is (self, token, words[k]))
      return TRUE;
  return FALSE;
}

static gboolean
is_stop_word (const Extractor *self,
              const Token     *token)
{
  return (token->lex & LEX_STOP) != 0;
}

static gboolean
is_lower_particle (const Extractor *self,
                   const Token     *token)
{
  return token->shape == SHAPE_LOWER && token_has (self, token, LEX_NAME_PARTICLE, FALSE);
}

static gboolean
is_capital_particle (const Extractor *self,
                     const Token     *token)
{
  return token->shape == SHAPE_CAPITALIZED && (token->lex & LEX_CAPITAL_PARTICLE) != 0;
}

/* The LexFlags of @token, a capitalized word. */
static guint8
lookup_lex (const Extractor *self,
            const Token     *token)
{
  return (guint8) (lexicon_lookup (self->lexicon, self->text + token->start,
                                   token->end - token->start, token->hash) &
                   LEX_CAPITALIZED_FLAGS);
}

/* Tokenizing */

static Gap
classify_gap (const char *gap,
              gsize       len,
              gboolean   *sentence_break,
              gboolean   *opening)
{
  gboolean only_space = TRUE;

  *sentence_break = FALSE;
  *opening = FALSE;
  /* Most words are one space apart. */
  if (len == 1 && gap[0] == ' ')
    return GAP_SPACE;
  for (gsize i = 0; i < len; i++)
    {
      guint8 b = (guint8) gap[i];

      if (b == '.' || b == '!' || b == '?' || b == ':' || b == ';')
        *sentence_break = TRUE;
      else if (b == '(' || b == '[')
        *opening = TRUE;
      else if (b == '"' && (i == 0 || g_ascii_isspace (gap[i - 1])))
        *opening = TRUE;
      else if (b == 0xE2 && i + 2 < len && (guint8) gap[i + 1] == 0x80 &&
               ((guint8) gap[i + 2] == 0x9C || (guint8) gap[i + 2] == 0x98))
        *opening = TRUE;     /* “ ‘ */
      if (!g_ascii_isspace (b))
        only_space = FALSE;
    }
  if (only_space)
    return GAP_SPACE;
  if (len == 1)
    {
      switch (gap[0])
        {
        case '-': return GAP_HYPHEN;
        case '\'': return GAP_APOSTROPHE;
        case ',': return GAP_COMMA;
        case '.': return GAP_PERIOD;
        case '/': return GAP_SLASH;
        default: return GAP_OTHER;
        }
    }
  if (len == 2 && gap[0] == ',' && gap[1] == ' ')
    return GAP_COMMA;
  if (len == 2 && gap[0] == '.' && gap[1] == ' ')
    return GAP_PERIOD;
  if (len == 2 && gap[0] == ' ' && gap[1] == '(')
    return GAP_OPEN_PAREN;
  if (len == 3 && (guint8) gap[0] == 0xE2 && (guint8) gap[1] == 0x80)
    {
      switch ((guint8) gap[2])
        {
        case 0x99: return GAP_APOSTROPHE;                 /* ’ */
        case 0x90: case 0x91: return GAP_HYPHEN;          /* ‐ ‑ */
        default: return GAP_OTHER;
        }
    }
  return GAP_OTHER;
}

/* Whether a period after @token is an abbreviation's or an initial's ("Gen.", "J."). */
static gboolean
is_abbreviation (const Extractor *self,
                 const Token     *token)
{
  if (token->shape == SHAPE_UPPER && token->cp_end - token->cp_start == 1)
    return TRUE;
  return token_has (self, token, LEX_ABBREVIATION, TRUE);
}

/* The start of the next region that region_starts_before() will meet. */
static void
find_next_region_start (Extractor *self)
{
  self->next_region_start = self->regions != NULL && self->next_region < self->regions->len
                              ? g_array_index (self->regions, DossierRegion,
                                               self->next_region).start
                              : G_MAXUINT32;
}

/* Whether a region (taken in order) starts at or before @cp since the last call: the first
 * word of a region starts a sentence, even where no line break marks it (a headline spliced
 * into a paragraph). */
static inline gboolean
region_starts_before (Extractor *self,
                      guint32    cp)
{
  gboolean starts = FALSE;

  /* Most words are not the first of a region: one comparison for them. */
  if (G_LIKELY (cp < self->next_region_start))
    return FALSE;
  while (self->regions != NULL && self->next_region < self->regions->len &&
         g_array_index (self->regions, DossierRegion, self->next_region).start <= cp)
    {
      starts = TRUE;
      self->next_region++;
    }
  find_next_region_start (self);
  return starts;
}

#define CASE_LOWER 1u
#define CASE_UPPER 2u
#define CASE_DIGIT 4u

/* ASCII letters and digits by case; 0 for the rest. */
static const guint8 ascii_kinds[128] = {
  ['0'] = CASE_DIGIT, ['1'] = CASE_DIGIT, ['2'] = CASE_DIGIT, ['3'] = CASE_DIGIT,
  ['4'] = CASE_DIGIT, ['5'] = CASE_DIGIT, ['6'] = CASE_DIGIT, ['7'] = CASE_DIGIT,
  ['8'] = CASE_DIGIT, ['9'] = CASE_DIGIT,
  ['A'] = CASE_UPPER, ['B'] = CASE_UPPER, ['C'] = CASE_UPPER, ['D'] = CASE_UPPER,
  ['E'] = CASE_UPPER, ['F'] = CASE_UPPER, ['G'] = CASE_UPPER, ['H'] = CASE_UPPER,
  ['I'] = CASE_UPPER, ['J'] = CASE_UPPER, ['K'] = CASE_UPPER, ['L'] = CASE_UPPER,
  ['M'] = CASE_UPPER, ['N'] = CASE_UPPER, ['O'] = CASE_UPPER, ['P'] = CASE_UPPER,
  ['Q'] = CASE_UPPER, ['R'] = CASE_UPPER, ['S'] = CASE_UPPER, ['T'] = CASE_UPPER,
  ['U'] = CASE_UPPER, ['V'] = CASE_UPPER, ['W'] = CASE_UPPER, ['X'] = CASE_UPPER,
  ['Y'] = CASE_UPPER, ['Z'] = CASE_UPPER,
  ['a'] = CASE_LOWER, ['b'] = CASE_LOWER, ['c'] = CASE_LOWER, ['d'] = CASE_LOWER,
  ['e'] = CASE_LOWER, ['f'] = CASE_LOWER, ['g'] = CASE_LOWER, ['h'] = CASE_LOWER,
  ['i'] = CASE_LOWER, ['j'] = CASE_LOWER, ['k'] = CASE_LOWER, ['l'] = CASE_LOWER,
  ['m'] = CASE_LOWER, ['n'] = CASE_LOWER, ['o'] = CASE_LOWER, ['p'] = CASE_LOWER,
  ['q'] = CASE_LOWER, ['r'] = CASE_LOWER, ['s'] = CASE_LOWER, ['t'] = CASE_LOWER,
  ['u'] = CASE_LOWER, ['v'] = CASE_LOWER, ['w'] = CASE_LOWER, ['x'] = CASE_LOWER,
  ['y'] = CASE_LOWER, ['z'] = CASE_LOWER,
};

typedef struct {
  Extractor *self;
  gsize      line;
  gsize      line_end;
} ScanData;

static void match_found_cb (guint    pattern_id,
                            gsize    start,
                            gsize    end,
                            gpointer user_data);

/* Feeds the byte at @at to the gazetteer automaton (see tokenize_line()). */
#define FEED(at) \
  G_STMT_START { \
    if (G_UNLIKELY (dossier_aho_corasick_cursor_feed (&cursor, self->text[at]))) \
      dossier_aho_corasick_cursor_report (automaton, &cursor, self->text + line, (at) - line, \
                                          line_end - line, match_found_cb, &data); \
  } G_STMT_END

/* Cuts [@line, @line_end) into tokens; *cp is the code point offset of @line and is advanced
 * to that of @line_end.  Each byte goes through the gazetteer automaton as it is read, so
 * that its table lookups, one after the other, overlap with the tokenizer's work: the
 * matches are in self->found, as dossier_aho_corasick_scan() of the line gives them. */
static void
tokenize_line (Extractor *self,
               gsize      line,
               gsize      line_end,
               guint32   *cp)
{
  const guint8 *text = (const guint8 *) self->text;
  const DossierAhoCorasick *automaton = self->gazetteer->automaton;
  DossierAhoCorasickCursor cursor;
  ScanData data = { self, line, line_end };
  gsize pos = line;
  gsize prev_end = line;
  guint32 cps = *cp;
  Token *tokens;
  guint n_tokens = 0;

  dossier_aho_corasick_cursor_init (automaton, &cursor);

  /* A word takes a byte and a separator: room for every word of the line, written in place
   * (the array does not clear what it grows by) and cut to size at the end. */
  g_array_set_size (self->tokens, (guint) ((line_end - line) / 2 + 1));
  tokens = (Token *) (gpointer) self->tokens->data;
  while (pos < line_end)
    {
      Token token;
      gboolean has_upper;
      gboolean has_lower;
      gboolean first_upper;
      gboolean first_lower;
      gboolean first = TRUE;
      guint cases = 0;
      guint first_cases = 0;
      gboolean sentence_break;
      gboolean opening;
      guint64 hash = HASH_SEED;
      guint8 b = text[pos];

      if (b < 0x80)
        {
          if (ascii_kinds[b] == 0)
            {
              FEED (pos);
              pos++;
              cps++;
              continue;
            }
        }
      else
        {
          gunichar c = g_utf8_get_char ((const char *) text + pos);

          if (!is_word_unichar (c))
            {
              gsize next = (gsize) (g_utf8_next_char ((const char *) text + pos) - self->text);

              for (; pos < next; pos++)
                FEED (pos);
              cps++;
              continue;
            }
        }

      token.start = (guint32) pos;
      token.cp_start = cps;
      while (pos < line_end)
        {
          guint kind;

          b = text[pos];
          if (b < 0x80)
            {
              /* ASCII, the common case: one table lookup; OR-ing 0x20 lowers a letter and
               * leaves a digit as it is.  A run of it at once. */
              kind = ascii_kinds[b];
              if (kind == 0)
                break;
              if (first)
                first_cases = kind;
              do
                {
                  cases |= kind;
                  hash = (hash ^ (b | 0x20)) * HASH_PRIME;
                  FEED (pos);
                  pos++;
                  cps++;
                  if (pos >= line_end)
                    break;
                  b = text[pos];
                  kind = b < 0x80 ? ascii_kinds[b] : 0;
                }
              while (kind != 0);
              first = FALSE;
              continue;
            }
          else
            {
              gunichar c = g_utf8_get_char ((const char *) text + pos);

              if (!is_word_unichar (c))
                break;
              kind = 0;
              if (dossier_unichar_is_capital (c))
                {
                  kind = CASE_UPPER;
                  c = g_unichar_tolower (c);
                }
              else if (g_unichar_islower (c))
                kind = CASE_LOWER;
              cases |= kind;
              if (first)
                first_cases = kind;
              hash = (hash ^ c) * HASH_PRIME;
              {
                gsize next = (gsize) (g_utf8_next_char ((const char *) text + pos) - self->text);

                for (; pos < next; pos++)
                  FEED (pos);
              }
            }
          first = FALSE;
          cps++;
        }
      has_upper = (cases & CASE_UPPER) != 0;
      has_lower = (cases & CASE_LOWER) != 0;
      first_upper = (first_cases & CASE_UPPER) != 0;
      first_lower = (first_cases & CASE_LOWER) != 0;
      token.end = (guint32) pos;
      token.cp_end = cps;
      token.hash = hash;
      token.match = -1;
      token.close_paren = pos < line_end && text[pos] == ')';
      if (first_upper && has_lower)
        token.shape = SHAPE_CAPITALIZED;
      else if (first_upper)
        token.shape = SHAPE_UPPER;
      else if (first_lower)
        token.shape = SHAPE_LOWER;
      else
        token.shape = SHAPE_OTHER;
      if (has_upper && !has_lower && !first_upper)
        token.shape = SHAPE_OTHER;

      token.gap = classify_gap (self->text + prev_end, token.start - prev_end,
                                &sentence_break, &opening);
      if (n_tokens == 0)
        token.sentence_start = TRUE;
      else if (opening)
        token.sentence_start = TRUE;
      else if (sentence_break)
        {
          const Token *prev = &tokens[n_tokens - 1];

          /* "Gen. Smith", "J. Smith": a period after an abbreviation or initial. */
          token.sentence_start = !(token.gap == GAP_PERIOD && is_abbreviation (self, prev));
        }
      else
        token.sentence_start = FALSE;
      if (region_starts_before (self, token.cp_start))
        token.sentence_start = TRUE;

      token.lex = 0;
      if (token.shape == SHAPE_LOWER && token.end - token.start > 1)
        lower_words_add (self, hash);
      else if (token.shape == SHAPE_CAPITALIZED)
        token.lex = lookup_lex (self, &token);
      tokens[n_tokens++] = token;
      prev_end = pos;
    }
  dossier_aho_corasick_cursor_finish (automaton, &cursor, self->text + line, line_end - line,
                                      match_found_cb, &data);
  g_array_set_size (self->tokens, n_tokens);
  *cp = cps;
}

#undef FEED

/* Gazetteer matches */

static gboolean
is_capitals_of (const char *text,
                const char *pattern,
                gsize       len)
{
  gboolean has_lower = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char p = pattern[i];

      if (p >= 'a' && p <= 'z')
        {
          has_lower = TRUE;
          if (text[i] != p - 'a' + 'A')
            return FALSE;
        }
      else if (text[i] != p)
        return FALSE;
    }
  return has_lower;
}

/* The ASCII word before @pos (after skipping spaces), lower-cased into @buffer. */
static const char *
word_before (const char *text,
             gsize       line,
             gsize       pos,
             char       *buffer,
             gsize       size,
             char       *just_before)
{
  gsize end = pos;
  gsize start;

  while (end > line && text[end - 1] == ' ')
    end--;
  *just_before = end > line ? text[end - 1] : '\0';
  start = end;
  while (start > line && g_ascii_isalpha (text[start - 1]) && end - start < size - 1)
    start--;
  for (gsize i = start; i < end; i++)
    buffer[i - start] = dossier_ascii_lower (text[i]);
  buffer[end - start] = '\0';
  return buffer;
}

static const char *
word_after (const char *text,
            gsize       line_end,
            gsize       pos,
            char       *buffer,
            gsize       size,
            char       *just_after)
{
  gsize start = pos;
  gsize end;

  while (start < line_end && text[start] == ' ')
    start++;
  *just_after = start < line_end ? text[start] : '\0';
  end = start;
  while (end < line_end && g_ascii_isalpha (text[end]) && end - start < size - 1)
    end++;
  for (gsize i = start; i < end; i++)
    buffer[i - start] = dossier_ascii_lower (text[i]);
  buffer[end - start] = '\0';
  return buffer;
}

/* Whether @lower, a word in lower case, is the head word of a place or an organisation
 * other than a news cue ("province", "avenue", "group", but not "agency"): after an outlet
 * name that needs a cue it makes the words one name ("Granma province", "on Reforma
 * Avenue", "from Vanguard Group"), whatever cue comes before. */
static gboolean
is_name_head_after (const Lexicon *lexicon,
                    const char    *lower)
{
  char word[16];
  gsize len = strlen (lower);
  guint32 flags;

  if (len == 0 || len >= sizeof word ||
      g_hash_table_contains (lexicon->outlet_cues_after, lower))
    return FALSE;
  memcpy (word, lower, len + 1);
  word[0] = g_ascii_toupper (word[0]);
  flags = lexicon_lookup (lexicon, word, len, word_hash (word, len));
  return (flags & (LEX_PLACE_HEAD | LEX_ORGANIZATION_HEAD)) != 0;
}

static void
match_found_cb (guint    pattern_id,
                gsize    start,
                gsize    end,
                gpointer user_data)
{
  ScanData *data = user_data;
  Extractor *self = data->self;
  const DossierGazetteerPattern *pattern = &g_array_index (self->gazetteer->patterns,
                                                           DossierGazetteerPattern,
                                                           pattern_id);
  const char *at = self->text + data->line + start;
  gsize len = end - start;
  Match match;

  if (!(pattern->flags & DOSSIER_GAZETTEER_FLAG_ANY_CASE) &&
      memcmp (at, pattern->text, len) != 0 && !is_capitals_of (at, pattern->text, len))
    return;

  if (pattern->flags & (DOSSIER_GAZETTEER_FLAG_NEEDS_CUE | DOSSIER_GAZETTEER_FLAG_AFTER_ON))
    {
      char before[16];
      char after[16];
      char just_before;
      char just_after;

      word_before (self->text, data->line, data->line + start, before, sizeof before,
                   &just_before);
      if (pattern->flags & DOSSIER_GAZETTEER_FLAG_AFTER_ON)
        {
          if (strcmp (before, "on") != 0)
            return;
        }
      else
        {
          word_after (self->text, data->line_end, data->line + end, after, sizeof after,
                      &just_after);
          if (just_before != '(' && just_before != '/' && just_after != ')' &&
              just_after != '/' &&
              !g_hash_table_contains (self->lexicon->outlet_cues_before, before) &&
              !g_hash_table_contains (self->lexicon->outlet_cues_after, after))
            return;
          if (is_name_head_after (self->lexicon, after))
            return;
        }
    }

  match.start = (guint32) (data->line + start);
  match.end = (guint32) (data->line + end);
  match.pattern = pattern_id;
  g_array_append_val (self->found, match);
}

static gboolean
is_title_match (const Extractor *self,
                const Match     *match)
{
  const DossierGazetteerPattern *pattern = &g_array_index (self->gazetteer->patterns,
                                                           DossierGazetteerPattern,
                                                           match->pattern);
  const DossierGazetteerEntry *entry = g_ptr_array_index (self->gazetteer->entries,
                                                          pattern->entry);

  return entry->klass == DOSSIER_GAZETTEER_TITLE;
}

/* Keeps the leftmost-longest of overlapping matches.  The automaton reports them by end; a
 * match that contains the last kept ones replaces them, one that starts inside a kept one
 * is dropped.  Among equal spans a name wins over a title. */
static void
select_matches (Extractor *self)
{
  GArray *kept = self->matches;

  g_array_set_size (kept, 0);
  for (guint i = 0; i < self->found->len; i++)
    {
      const Match *match = &g_array_index (self->found, Match, i);
      guint first_overlap = kept->len;
      gboolean keep = TRUE;

      while (first_overlap > 0 &&
             g_array_index (kept, Match, first_overlap - 1).end > match->start)
        first_overlap--;
      for (guint j = first_overlap; keep && j < kept->len; j++)
        {
          const Match *other = &g_array_index (kept, Match, j);

          if (other->start < match->start)
            keep = FALSE;
          else if (other->start == match->start && other->end == match->end &&
                   is_title_match (self, match) && !is_title_match (self, other))
            keep = FALSE;
        }
      if (keep)
        {
          g_array_set_size (kept, first_overlap);
          g_array_append_val (kept, *match);
        }
    }
}

/* Marks the tokens each kept match covers; a match that does not start at a word is
 * dropped (the automaton's boundaries agree with the tokenizer's, so this is defensive). */
static void
assign_matches (Extractor *self)
{
  guint t = 0;

  for (guint m = 0; m < self->matches->len; m++)
    {
      const Match *match = &g_array_index (self->matches, Match, m);

      while (t < self->tokens->len && g_array_index (self->tokens, Token, t).start < match->start)
        t++;
      if (t >= self->tokens->len || g_array_index (self->tokens, Token, t).start != match->start)
        continue;
      for (; t < self->tokens->len && g_array_index (self->tokens, Token, t).start < match->end;
           t++)
        g_array_index (self->tokens, Token, t).match = (gint32) m;
    }
}

static const DossierGazetteerEntry *
match_entry (const Extractor *self,
             const Match     *match)
{
  const DossierGazetteerPattern *pattern = &g_array_index (self->gazetteer->patterns,
                                                           DossierGazetteerPattern,
                                                           match->pattern);

  return g_ptr_array_index (self->gazetteer->entries, pattern->entry);
}

/* Index past the last token of the match covering token @t. */
static inline guint
match_token_end (const Extractor *self,
                 guint            t)
{
  gint32 m = g_array_index (self->tokens, Token, t).match;

  while (t < self->tokens->len && g_array_index (self->tokens, Token, t).match == m)
    t++;
  return t;
}

static guint32
match_cp_end (const Extractor *self,
              const Match     *match,
              guint            last_token)
{
  const Token *token = &g_array_index (self->tokens, Token, last_token);

  /* A form may end in periods after its last word ("U.S."): ASCII, one code point each. */
  return token->cp_end + (match->end - token->end);
}

static guint
add_mention (Extractor  *self,
             guint32     start,
             guint32     end,
             guint32     cp_start,
             guint32     cp_end,
             TargetType  type,
             guint32     target,
             guint32     pattern)
{
  Mention mention = { start, end, cp_start, cp_end, target, pattern, (guint8) type };

  g_array_append_val (self->mentions, mention);
  return self->mentions->len - 1;
}

/* Runs of capitalized words */

static inline const Token *
token_at (const Extractor *self,
          guint            i)
{
  return &g_array_index (self->tokens, Token, i);
}

static inline gboolean
is_name_word (const Extractor *self,
              guint            i)
{
  const Token *token = token_at (self, i);

  if (token->match >= 0)
    return FALSE;
  if (token->shape == SHAPE_CAPITALIZED)
    return !is_stop_word (self, token);
  /* An initial: "J. Robert Oppenheimer". */
  if (token->shape == SHAPE_UPPER && token->cp_end - token->cp_start == 1 &&
      i + 1 < self->tokens->len && token_at (self, i + 1)->gap == GAP_PERIOD &&
      !token_at (self, i + 1)->sentence_start)
    return TRUE;
  return FALSE;
}

/* Whether token @i, a lower-case particle, leads into a name word: "bin Salman", "al-Assad".
 * A particle joined by a hyphen to a gazetteer word takes it into the name ("al-Houthi"). */
static inline gboolean
particle_leads_on (const Extractor *self,
                   guint            i)
{
  const Token *next;

  /* Cheap tests first: this runs for every lower-case word. */
  if (i + 1 >= self->tokens->len)
    return FALSE;
  next = token_at (self, i + 1);
  if (next->shape != SHAPE_CAPITALIZED || next->sentence_start ||
      (next->gap != GAP_SPACE && next->gap != GAP_HYPHEN) ||
      token_at (self, i)->end - token_at (self, i)->start > 5 ||
      !is_lower_particle (self, token_at (self, i)))
    return FALSE;
  if (is_name_word (self, i + 1))
    return TRUE;
  return next->gap == GAP_HYPHEN && next->match >= 0 && next->shape == SHAPE_CAPITALIZED &&
         match_token_end (self, i + 1) == i + 2 &&
         match_entry (self, &g_array_index (self->matches, Match, next->match))->klass !=
           DOSSIER_GAZETTEER_TITLE;
}

/* The lower-case second syllable of a Korean given name inside a run ("Kim Jong-un", "Moon
 * Jae-in", "Ban Ki-moon"): two to four letters after a hyphen, joined to a capitalized word
 * that is not the run's first, and not a suffix that makes an adjective ("-led", "-based"). */
static gboolean
is_hyphenated_syllable (const Extractor *self,
                        guint            i,
                        guint            j)
{
  static const char * const suffixes[] = { "led", "run", "born", "held", "made", "like",
                                           "era", "wide", "type", "bred", "owned", NULL };
  const Token *token = token_at (self, j);
  gsize len = token->end - token->start;

  if (token->gap != GAP_HYPHEN || token->shape != SHAPE_LOWER || j - 1 <= i ||
      token_at (self, j - 1)->shape != SHAPE_CAPITALIZED || len < 2 || len > 4)
    return FALSE;
  for (guint k = 0; suffixes[k] != NULL; k++)
    if (strlen (suffixes[k]) == len && memcmp (self->text + token->start, suffixes[k], len) == 0)
      return FALSE;
  return TRUE;
}

/* Past the end of the run of name words that starts at @i. */
/* "Sheikh" between two words of a name is part of it, as in Somali names ("Hassan Sheikh
 * Mohamud", "Sharif Sheikh Ahmed"); before a name it stays an honorific. */
static gboolean
is_inner_sheikh (const Extractor *self,
                 guint            j)
{
  const Token *token = token_at (self, j);

  return token->shape == SHAPE_CAPITALIZED && token_is (self, token, "Sheikh") &&
         j + 1 < self->tokens->len && token_at (self, j + 1)->gap == GAP_SPACE &&
         !token_at (self, j + 1)->sentence_start && is_name_word (self, j + 1);
}

static guint
extend_run (const Extractor *self,
            guint            i)
{
  guint j = i + 1;

  while (j < self->tokens->len)
    {
      const Token *token = token_at (self, j);

      if (token->sentence_start)
        break;
      if (token->gap == GAP_SPACE || token->gap == GAP_HYPHEN)
        {
          if (is_name_word (self, j))
            j++;
          else if (particle_leads_on (self, j))
            j += 2;
          else if (is_inner_sheikh (self, j))
            j += 2;
          else if (is_hyphenated_syllable (self, i, j))
            j++;
          else
            break;
        }
      else if (token->gap == GAP_APOSTROPHE)
        {
          /* "O'Brien", "Khamene'i"; but "Araghchi's" ends the name. */
          if (token->match >= 0 || token->shape == SHAPE_OTHER ||
              (token->end - token->start == 1 && (self->text[token->start] | 0x20) == 's'))
            break;
          j++;
        }
      else if (token->gap == GAP_PERIOD && token_at (self, j - 1)->shape == SHAPE_UPPER &&
               token_at (self, j - 1)->cp_end - token_at (self, j - 1)->cp_start == 1 &&
               is_name_word (self, j))
        j++;
      else
        break;
    }
  return j;
}

/* "of", "for" or "on", then perhaps "the", then a name word or a gazetteer place or
 * organisation: returns the index past what follows the connector, or 0. */
static guint
connector_extension (const Extractor *self,
                     guint            j)
{
  guint k;

  if (j + 1 >= self->tokens->len)
    return 0;
  if (token_at (self, j)->gap != GAP_SPACE || token_at (self, j)->match >= 0 ||
      (!token_is (self, token_at (self, j), "of") && !token_is (self, token_at (self, j), "for") &&
       !token_is (self, token_at (self, j), "on")) ||
      token_at (self, j)->shape != SHAPE_LOWER)
    return 0;
  k = j + 1;
  if (token_at (self, k)->gap != GAP_SPACE)
    return 0;
  if (token_is (self, token_at (self, k), "the") && token_at (self, k)->shape == SHAPE_LOWER)
    {
      k++;
      if (k >= self->tokens->len || token_at (self, k)->gap != GAP_SPACE)
        return 0;
    }
  if (is_name_word (self, k))
    {
      guint end = extend_run (self, k);

      /* A place the gazetteers know ends some complements: "University of the South
       * Pacific". */
      if (end < self->tokens->len && token_at (self, end)->gap == GAP_SPACE &&
          !token_at (self, end)->sentence_start && token_at (self, end)->match >= 0)
        {
          const DossierGazetteerEntry *entry =
            match_entry (self, &g_array_index (self->matches, Match, token_at (self, end)->match));

          if (entry->klass == DOSSIER_GAZETTEER_REGION || entry->klass == DOSSIER_GAZETTEER_CITY ||
              entry->klass == DOSSIER_GAZETTEER_COUNTRY)
            return match_token_end (self, end);
        }
      return end;
    }
  if (token_at (self, k)->match >= 0)
    {
      const DossierGazetteerEntry *entry =
        match_entry (self, &g_array_index (self->matches, Match, token_at (self, k)->match));

      if (entry->klass != DOSSIER_GAZETTEER_TITLE && entry->klass != DOSSIER_GAZETTEER_OUTLET)
        {
          guint end = match_token_end (self, k);

          /* And the words after it: "Association of Muslim Scholars". */
          if (end < self->tokens->len && token_at (self, end)->gap == GAP_SPACE &&
              is_name_word (self, end))
            end = extend_run (self, end);
          return end;
        }
    }
  return 0;
}

static gboolean
is_speech_verb (const Extractor *self,
                guint            i)
{
  const Token *token;

  if (i >= self->tokens->len)
    return FALSE;
  token = token_at (self, i);
  return token->shape == SHAPE_LOWER && token->gap == GAP_SPACE &&
         token_has (self, token, LEX_SPEECH_VERB, FALSE);
}

/* The cue that makes the run [@i, @j) a person's name, if any. */
static Cue
find_cue (const Extractor *self,
          guint            i,
          guint            j,
          gboolean         given_first)
{
  const Token *first = token_at (self, i);

  /* A title just before: "Foreign Minister Abbas Araghchi", "Sheikh Mohammed",
   * "Acting Foreign Minister, Ali Bagheri Kani". */
  if (i > 0 && token_at (self, i - 1)->match >= 0 &&
      (first->gap == GAP_SPACE || first->gap == GAP_COMMA ||
       (first->gap == GAP_PERIOD && !first->sentence_start)) &&
      is_title_match (self, &g_array_index (self->matches, Match, token_at (self, i - 1)->match)))
    return CUE_TITLE;
  /* A title, its complement and a comma: "the UN special coordinator for Lebanon, Hanna
   * Lindqvist", "Minister of Foreign Affairs of Qatar, Sheikh ...". */
  if (i > 1 && first->gap == GAP_COMMA && token_at (self, i - 1)->match >= 0)
    {
      guint k = i - 1;
      gint32 m = token_at (self, k)->match;

      while (k > 0 && token_at (self, k - 1)->match == m)
        k--;
      if (k >= 2 && token_at (self, k)->gap == GAP_SPACE &&
          token_at (self, k - 1)->shape == SHAPE_LOWER &&
          (token_is (self, token_at (self, k - 1), "for") ||
           token_is (self, token_at (self, k - 1), "of") ||
           token_is (self, token_at (self, k - 1), "to")))
        {
          guint t = k - 2;

          if (token_is (self, token_at (self, t), "the") && t > 0)
            t--;
          if (token_at (self, t)->match >= 0 &&
              is_title_match (self, &g_array_index (self->matches, Match,
                                                    token_at (self, t)->match)))
            return CUE_TITLE;
        }
    }
  /* A byline: "By Lina Haddad" on a line of its own. */
  if (i == 1 && token_is (self, token_at (self, 0), "by") &&
      token_at (self, 0)->shape == SHAPE_CAPITALIZED && j == self->tokens->len)
    return CUE_BYLINE;
  /* A photo credit: "(credit: Amir Cohen/Reuters)". */
  if (j < self->tokens->len && token_at (self, j)->gap == GAP_SLASH &&
      token_at (self, j)->match >= 0 &&
      match_entry (self, &g_array_index (self->matches, Match, token_at (self, j)->match))->klass
        == DOSSIER_GAZETTEER_OUTLET)
    return CUE_CREDIT;
  if (given_first)
    return CUE_GIVEN_NAME;
  /* A speech verb after ("Araghchi said", "Araghchi also said") or before ("said Araghchi"). */
  if (is_speech_verb (self, j))
    return CUE_SPEECH;
  if (j + 1 < self->tokens->len && token_at (self, j)->shape == SHAPE_LOWER &&
      token_at (self, j)->gap == GAP_SPACE &&
      token_has (self, token_at (self, j), LEX_SPEECH_FILLER, FALSE) &&
      is_speech_verb (self, j + 1))
    return CUE_SPEECH;
  if (i > 0 && first->gap == GAP_SPACE && !first->sentence_start &&
      (token_is (self, token_at (self, i - 1), "said") ||
       token_is (self, token_at (self, i - 1), "says")) &&
      token_at (self, i - 1)->shape == SHAPE_LOWER)
    return CUE_SPEECH;
  return CUE_NONE;
}

/* "Enron Corp.", "Varnel Holdings Ltd.": the period of an abbreviated company suffix is part
 * of the name, as the annotated corpora have it. */
static gboolean
has_suffix_period (const Extractor *self,
                   const Token     *last)
{
  static const char * const suffixes[] = { "Corp", "Inc", "Ltd", "Co", "Bhd", "Tbk", NULL };

  return last->end < self->length && self->text[last->end] == '.' &&
         token_is_one_of (self, last, suffixes);
}

/* Words that end companies' names ("Qantas Airways", "Toyota Motor Corp"): an organisation
 * of the gazetteers before them makes a longer name; before other head words ("IAEA Board of
 * Governors") it stays a name of its own. */
static gboolean
is_company_head (const Extractor *self,
                 const Token     *token)
{
  static const char * const heads[] = {
    "Airlines", "Airways", "Bhd", "Chemicals", "Company", "Corp", "Corporation", "Group",
    "Holdings", "Inc", "Industries", "Limited", "Ltd", "Motors", "Petroleum",
    "Pharmaceuticals", "PLC", "Securities", "Shipping", "Tbk", "Technologies", "Telecom", NULL,
  };

  return token_is_one_of (self, token, heads);
}

static guint
add_candidate (Extractor     *self,
               CandidateKind  kind,
               guint          i,
               guint          j,
               Cue            cue,
               guint          n_words)
{
  const Token *first = token_at (self, i);
  const Token *last = token_at (self, j - 1);
  Candidate candidate = { 0 };
  guint period = kind == CAND_ORGANIZATION && has_suffix_period (self, last) ? 1 : 0;

  candidate.start = first->start;
  candidate.end = last->end + period;
  candidate.first_hash = first->hash;
  candidate.first_sentence_initial = first->sentence_start;
  candidate.n_words = n_words;
  candidate.group = -1;
  candidate.kind = (guint8) kind;
  candidate.cue = (guint8) cue;
  if (j - i > 1)
    {
      candidate.second_start = token_at (self, i + 1)->start;
      candidate.second_cp = token_at (self, i + 1)->cp_start;
    }
  candidate.mention = add_mention (self, first->start, last->end + period, first->cp_start,
                                   last->cp_end + period, TARGET_CANDIDATE,
                                   self->candidates->len, G_MAXUINT32);
  g_array_append_val (self->candidates, candidate);
  return self->candidates->len - 1;
}

/* An acronym in parentheses right after an organisation: "(SNSC)". */
static void
note_acronym (Extractor *self,
              guint      j,
              guint      candidate)
{
  const Token *token;
  g_autofree char *acronym = NULL;

  if (j >= self->tokens->len)
    return;
  token = token_at (self, j);
  if (token->gap != GAP_OPEN_PAREN || token->shape != SHAPE_UPPER || token->match >= 0 ||
      !token->close_paren || token->end - token->start < 2 || token->end - token->start > 8)
    return;
  acronym = g_strndup (self->text + token->start, token->end - token->start);
  if (!g_hash_table_contains (self->acronyms, acronym))
    g_hash_table_insert (self->acronyms, g_steal_pointer (&acronym),
                         GUINT_TO_POINTER (candidate + 1));
}

/* First words of organisations' names in Spanish, Portuguese and French, which news in
 * English keeps as they are: "Partido Revolucionario Institucional", "Grupo Televisa",
 * "Universidade de São Paulo". */
static gboolean
is_organization_first_word (const Extractor *self,
                            const Token     *token)
{
  static const char * const words[] = {
    "Asociación", "Banco", "Comisión", "Companhia", "Compañía", "Congreso", "Consejo",
    "Conselho", "Corporación", "Ejército", "Empresa", "Frente", "Fuerzas", "Fundación",
    "Fundação", "Grupo", "Instituto", "Ministerio", "Ministério", "Ministère", "Movimento",
    "Movimiento", "Partido", "Parti", "Petróleos", "Policía", "Sindicato", "Universidad",
    "Universidade", "Université", NULL,
  };

  return token->shape == SHAPE_CAPITALIZED && token_is_one_of (self, token, words);
}

/* Past the small words and the names after them that continue such a name: "Universidad
 * Nacional de Educación a Distancia", "Partido de la Revolución Democrática". */
static guint
extend_romance_connectors (const Extractor *self,
                           guint            j)
{
  static const char * const connectors[] = {
    "a", "da", "das", "de", "del", "des", "do", "dos", "du", "e", "et", "la", "las", "le",
    "les", "los", "para", "pour", "y", NULL,
  };

  while (j + 1 < self->tokens->len)
    {
      guint k = j, next;
      gboolean connector = FALSE;

      /* One or two small words: "de la". */
      while (k < j + 2 && k + 1 < self->tokens->len && token_at (self, k)->shape == SHAPE_LOWER &&
             token_at (self, k)->gap == GAP_SPACE)
        {
          connector = token_is_one_of (self, token_at (self, k), connectors);
          if (!connector)
            break;
          k++;
        }
      if (k == j || !connector || token_at (self, k)->gap != GAP_SPACE)
        break;
      next = token_at (self, k)->match >= 0 ? match_token_end (self, k) :
             is_name_word (self, k) ? extend_run (self, k) : k;
      if (next == k)
        break;
      j = next;
    }
  return j;
}

/* Whether token @i begins a gazetteer place name ("New Zealand"), not a demonym or title. */
static gboolean
is_place_match (const Extractor *self,
                guint            i)
{
  const Token *token = token_at (self, i);
  const Match *match;
  const DossierGazetteerPattern *pattern;
  const DossierGazetteerEntry *entry;

  if (token->match < 0)
    return FALSE;
  match = &g_array_index (self->matches, Match, token->match);
  if (match->start != token->start)
    return FALSE;
  pattern = &g_array_index (self->gazetteer->patterns, DossierGazetteerPattern, match->pattern);
  entry = g_ptr_array_index (self->gazetteer->entries, pattern->entry);
  return entry->kind == DOSSIER_ENTITY_PLACE && entry->klass != DOSSIER_GAZETTEER_TITLE &&
         pattern->form != DOSSIER_GAZETTEER_FORM_DEMONYM;
}

/* Whether token @i is a place name of one word in the gazetteer ("Golan", "Jordan"). */
static gboolean
is_single_place_name (const Extractor *self,
                      guint            i)
{
  const Token *token = token_at (self, i);

  return token->match >= 0 && token->shape == SHAPE_CAPITALIZED &&
         match_token_end (self, i) == i + 1 &&
         g_array_index (self->matches, Match, token->match).end == token->end &&
         is_place_match (self, i);
}

/* Whether the words [@i, @j) end like a news agency's name ("Saba News Agency"). */
static gboolean
is_agency_name (const Extractor *self,
                guint            i,
                guint            j)
{
  return j - i >= 2 && token_is (self, token_at (self, j - 1), "Agency") &&
         (token_is (self, token_at (self, j - 2), "News") ||
          token_is (self, token_at (self, j - 2), "Press"));
}

/* Records the organisation, outlet or place [@i, @end) whose head word is at @head. */
static guint
add_body (Extractor *self,
          guint      i,
          guint      head,
          guint      end)
{
  CandidateKind kind;
  guint candidate;

  if (token_at (self, head)->lex & LEX_ORGANIZATION_HEAD)
    kind = is_agency_name (self, i, head + 1) ? CAND_OUTLET : CAND_ORGANIZATION;
  else
    kind = CAND_PLACE;
  /* Gazetteer matches taken in ("University of Tehran") yield no mention of their own: the
   * main loop resumes past them. */
  candidate = add_candidate (self, kind, i, end, CUE_NONE, end - i);
  if (kind == CAND_ORGANIZATION)
    note_acronym (self, end, candidate);
  return end;
}

/* "of the Study of War": connectors and the names after them, as far as they go. */
static guint
extend_connectors (const Extractor *self,
                   guint            j)
{
  guint extended;

  while ((extended = connector_extension (self, j)) > 0)
    j = extended;
  return j;
}

/* Government bodies whose complement often joins two subjects ("Ministry of Energy and
 * Mineral Resources", "Department of Housing and Urban Development"). */
static gboolean
is_portfolio_head (const Extractor *self,
                   const Token     *token)
{
  static const char *const heads[] = {
    "Ministry", "Department", "Office", "Commission", "Committee", "Council", "Authority",
    "Agency", "Bureau", "Directorate", "Secretariat", "Board", "Institute",
  };

  for (gsize k = 0; k < G_N_ELEMENTS (heads); k++)
    if (token_is (self, token, heads[k]))
      return TRUE;
  return FALSE;
}

/* Keeps the tagger off [@start, @end) (code points), words the rules read and chose to
 * leave unmarked. */
static void
reserve (Extractor *self,
         guint32    start,
         guint32    end)
{
  DossierSpan span = { start, end };

  if (self->reserved == NULL)
    self->reserved = g_array_new (FALSE, FALSE, sizeof (DossierSpan));
  g_array_append_val (self->reserved, span);
}

/* "and" and one to three capitalized words that are neither a given name nor in a
 * gazetteer, up to the end of the run: returns the index past them, or 0. */
static guint
and_extension (const Extractor *self,
               guint            j)
{
  guint k, end;

  if (j + 1 >= self->tokens->len || token_at (self, j)->gap != GAP_SPACE ||
      token_at (self, j)->shape != SHAPE_LOWER || !token_is (self, token_at (self, j), "and") ||
      token_at (self, j + 1)->gap != GAP_SPACE || !is_name_word (self, j + 1))
    return 0;
  k = j + 1;
  end = extend_run (self, k);
  if (end - k > 3)
    return 0;
  for (guint t = k; t < end; t++)
    if ((token_at (self, t)->lex & LEX_GIVEN_NAME) || token_at (self, t)->match >= 0 ||
        token_at (self, t)->shape != SHAPE_CAPITALIZED)
      return 0;
  return end;
}

/* If the run of words [@i, @j) ends in an organisation's or a place's head word, records the
 * name from @start (before @i when a gazetteer place begins it: "Oman News Agency") and
 * returns the index past it; otherwise 0. */
static guint
handle_body (Extractor *self,
             guint      start,
             guint      i,
             guint      j)
{
  guint last = j - 1;
  gboolean organization = (token_at (self, last)->lex & LEX_ORGANIZATION_HEAD) != 0;
  gboolean place = (token_at (self, last)->lex & LEX_PLACE_HEAD) != 0;
  gboolean place_first = j - i == 1 && (token_at (self, i)->lex & LEX_PLACE_FIRST) != 0;
  guint end;

  if (!organization && !place && !place_first)
    return 0;
  end = extend_connectors (self, j);
  if (organization && end > j && is_portfolio_head (self, token_at (self, last)))
    {
      guint more = and_extension (self, end);

      if (more > 0)
        end = more;
    }
  /* A head word alone ("Office", "Ministry") is not a name, unless a place comes before it
   * ("Suez Canal Authority") or a complement after it ("Board of Governors"). */
  if (j - start < 2 && end == j)
    return 0;
  if (place_first && !organization && !place && end == j)
    return 0;
  return add_body (self, start, last, end);
}

/* Words without a head word, "and", and words that end in an organisation's head word are
 * one name: "Disaster Management and Mitigation Unit", "Food and Drug Administration".
 * Records it and returns the index past it, or 0. */
static guint
and_body (Extractor *self,
          guint      i,
          guint      j)
{
  guint end;

  if (j - i > 3 || j >= self->tokens->len)
    return 0;
  for (guint t = i; t < j; t++)
    if ((token_at (self, t)->lex & LEX_GIVEN_NAME) || token_at (self, t)->match >= 0 ||
        token_at (self, t)->shape != SHAPE_CAPITALIZED)
      return 0;
  end = and_extension (self, j);
  if (end == 0 || !(token_at (self, end - 1)->lex & LEX_ORGANIZATION_HEAD))
    return 0;
  return add_body (self, i, end - 1, extend_connectors (self, end));
}

/* Words that begin companies' names before a place: "Bank Indonesia", "Air New Zealand",
 * "Banco Santander". */
static gboolean
is_company_first_word (const Extractor *self,
                       const Token     *token)
{
  static const char * const words[] = { "Air", "Banca", "Banco", "Bank", "Banque", NULL };

  return token->shape == SHAPE_CAPITALIZED && token_is_one_of (self, token, words);
}

/* Classifies the run starting at @i and records it; returns the index past it. */
static guint
handle_run (Extractor *self,
            guint      i)
{
  guint j = extend_run (self, i);
  guint n_words = 0;
  guint body;
  gboolean given_first;
  Cue cue;

  /* Organisations and places: "Board of Governors", "Supreme National Security Council",
   * "Institute for the Study of War", "Strait of Tiran", "Hormozgan Province". */
  if (j == i + 1 && j < self->tokens->len && is_company_first_word (self, token_at (self, i)) &&
      token_at (self, j)->gap == GAP_SPACE && is_place_match (self, j))
    {
      guint end = match_token_end (self, j);
      guint candidate = add_candidate (self, CAND_ORGANIZATION, i, end, CUE_NONE, end - i);

      note_acronym (self, end, candidate);
      return end;
    }
  /* A first word of an organisation's name in Spanish, Portuguese or French and at least one
   * more ("Grupo Televisa", "Universidad de Chile"); an Indonesian company after "PT" ("PT
   * Perusahaan Gas Negara"). */
  {
    guint start = G_MAXUINT;

    if (is_organization_first_word (self, token_at (self, i)) &&
        (j - i >= 2 || extend_romance_connectors (self, j) > j))
      start = i;
    else if (i > 0 && token_at (self, i)->gap == GAP_SPACE &&
             token_at (self, i - 1)->shape == SHAPE_UPPER &&
             token_is (self, token_at (self, i - 1), "PT"))
      start = i - 1;
    if (start != G_MAXUINT)
      {
        guint candidate;

        j = extend_romance_connectors (self, j);
        candidate = add_candidate (self, CAND_ORGANIZATION, start, j, CUE_NONE, j - start);

        note_acronym (self, j, candidate);
        return j;
      }
  }
  /* Words before a place that begins an organisation's name: "Royal Papua New Guinea
   * Constabulary", "Greater Manchester Police". */
  if (j < self->tokens->len && token_at (self, j)->gap == GAP_SPACE && is_place_match (self, j))
    {
      guint place_end = match_token_end (self, j);

      if (place_end < self->tokens->len && token_at (self, place_end)->gap == GAP_SPACE &&
          is_name_word (self, place_end))
        {
          body = handle_body (self, i, place_end, extend_run (self, place_end));
          if (body > 0)
            return body;
        }
    }
  body = handle_body (self, i, i, j);
  if (body == 0)
    body = and_body (self, i, j);
  if (body > 0)
    return body;

  for (guint k = i; k < j; k++)
    {
      const Token *token = token_at (self, k);

      if (token->shape == SHAPE_CAPITALIZED && !is_capital_particle (self, token))
        n_words++;
      else if (token->shape == SHAPE_UPPER)
        n_words++;
    }
  if (n_words == 0 || n_words > 6)
    return j;
  /* An organisation's head word alone after a title is nobody: "Premier League". */
  if (j - i == 1 && (token_at (self, i)->lex & LEX_ORGANIZATION_HEAD) && i > 0 &&
      token_at (self, i - 1)->match >= 0 &&
      is_title_match (self, &g_array_index (self->matches, Match, token_at (self, i - 1)->match)))
    return j;

  /* After "the insurer", "the company": an organisation. */
  if (i > 0 && token_at (self, i)->gap == GAP_SPACE && token_at (self, i - 1)->match < 0 &&
      token_at (self, i - 1)->shape == SHAPE_LOWER &&
      token_has (self, token_at (self, i - 1), LEX_ORGANIZATION_NOUN, FALSE))
    {
      add_candidate (self, CAND_ORGANIZATION, i, j, CUE_NONE, n_words);
      return j;
    }

  given_first = (token_at (self, i)->lex & LEX_GIVEN_NAME) != 0;
  /* "Avi Golan", "Jordan" in "Michael Jordan": a first name and a place name alone after it
   * make a person's name; the place name, alone, later means the person too. */
  if (given_first && n_words == 1 && j < self->tokens->len && is_single_place_name (self, j) &&
      token_at (self, j)->gap == GAP_SPACE &&
      (j + 1 >= self->tokens->len || !is_name_word (self, j + 1)))
    {
      const Token *surname = token_at (self, j);

      g_hash_table_add (self->absorbed, g_strndup (self->text + surname->start,
                                                   surname->end - surname->start));
      j++;
      n_words++;
    }
  if (n_words < 2)
    given_first = FALSE;
  cue = find_cue (self, i, j, given_first);
  {
    guint candidate = add_candidate (self, CAND_PERSON, i, j, cue, n_words);

    g_array_index (self->candidates, Candidate, candidate).first_given = (guint8) given_first;
  }
  return j;
}

/* "(credit: REUTERS/THAIER AL-SUDANI)": capitals after an outlet and a slash. */
static guint
handle_credit (Extractor *self,
               guint      i)
{
  g_autoptr(GString) display = g_string_new (NULL);
  guint j = i;
  guint n_words = 0;
  guint candidate;

  while (j < self->tokens->len)
    {
      const Token *token = token_at (self, j);

      if (token->shape != SHAPE_UPPER || (j > i && token->gap != GAP_SPACE &&
                                          token->gap != GAP_HYPHEN))
        break;
      if (token->match >= 0 && j > i)
        break;
      if (j > i)
        g_string_append_len (display, self->text + token_at (self, j - 1)->end,
                             token->start - token_at (self, j - 1)->end);
      /* Title case: "AL-SUDANI" is "Al-Sudani". */
      {
        g_autofree char *word = g_utf8_strdown (self->text + token->start,
                                                token->end - token->start);
        gunichar c = g_unichar_totitle (g_utf8_get_char (word));
        char head[8];
        int n = g_unichar_to_utf8 (c, head);

        g_string_append_len (display, head, n);
        g_string_append (display, g_utf8_next_char (word));
      }
      n_words++;
      j++;
    }
  if (n_words < 2)
    return i + 1;
  candidate = add_candidate (self, CAND_PERSON, i, j, CUE_CREDIT, n_words);
  g_array_index (self->candidates, Candidate, candidate).display =
    g_string_free (g_steal_pointer (&display), FALSE);
  return j;
}

/* Whether token @end comes right after @match, a space apart, or after its own period and a
 * space ("U.S. Department of Energy"). */
static gboolean
follows_match (const Extractor *self,
               const Match     *match,
               guint            end)
{
  const Token *token = token_at (self, end);

  if (token->sentence_start)
    return FALSE;
  if (token->gap == GAP_SPACE)
    return TRUE;
  return token->gap == GAP_PERIOD && match->end > 0 && self->text[match->end - 1] == '.' &&
         match->end < token->start && self->text[match->end] == ' ';
}

/* "Defense Minister Israel Katz": a place name after a title and before a capitalized word
 * is a first name. */
static gboolean
is_name_after_title (const Extractor *self,
                     guint            i)
{
  const Token *token = token_at (self, i);
  const Match *match = &g_array_index (self->matches, Match, token->match);
  const DossierGazetteerPattern *pattern = &g_array_index (self->gazetteer->patterns,
                                                           DossierGazetteerPattern,
                                                           match->pattern);
  const DossierGazetteerEntry *entry = g_ptr_array_index (self->gazetteer->entries,
                                                          pattern->entry);

  return entry->kind == DOSSIER_ENTITY_PLACE && entry->klass != DOSSIER_GAZETTEER_TITLE &&
         pattern->form == DOSSIER_GAZETTEER_FORM_NAME && token->shape == SHAPE_CAPITALIZED &&
         match_token_end (self, i) == i + 1 && i > 0 && i + 1 < self->tokens->len &&
         token->gap == GAP_SPACE && token_at (self, i - 1)->match >= 0 &&
         is_title_match (self, &g_array_index (self->matches, Match,
                                               token_at (self, i - 1)->match)) &&
         token_at (self, i + 1)->gap == GAP_SPACE && is_name_word (self, i + 1);
}

static void
process_line (Extractor *self,
              gsize      line,
              gsize      line_end,
              guint32   *cp)
{
  guint i = 0;

  /* The gazetteer's matches are found as the line is tokenized. */
  g_array_set_size (self->found, 0);
  tokenize_line (self, line, line_end, cp);
  if (self->tokens->len == 0)
    return;

  select_matches (self);
  assign_matches (self);

  while (i < self->tokens->len)
    {
      const Token *token = token_at (self, i);

      if (token->match >= 0)
        {
          const Match *match = &g_array_index (self->matches, Match, token->match);
          const DossierGazetteerPattern *pattern =
            &g_array_index (self->gazetteer->patterns, DossierGazetteerPattern, match->pattern);
          const DossierGazetteerEntry *entry = g_ptr_array_index (self->gazetteer->entries,
                                                                  pattern->entry);
          guint end = match_token_end (self, i);

          if (entry->klass == DOSSIER_GAZETTEER_TITLE)
            {
              i = end;
              continue;
            }
          /* "Iranian officials": a nationality, not a name of the country (CoNLL's MISC,
           * OntoNotes' NORP).  Kept aside so that the tagger does not make it a place. */
          if (pattern->form == DOSSIER_GAZETTEER_FORM_DEMONYM)
            {
              guint32 cp_end = match_cp_end (self, match, end - 1);

              /* Unless it begins an organisation's name: "Iraqi Islamic Party", "Cuban
               * Consulate", "British Airways". */
              if (end < self->tokens->len && token_at (self, end)->gap == GAP_SPACE &&
                  is_name_word (self, end))
                {
                  guint body = handle_body (self, i, end, extend_run (self, end));

                  if (body > 0)
                    {
                      i = body;
                      continue;
                    }
                }

              /* A people's or faith's word before a capitalized one may begin a name the
               * tagger knows better ("Asian Times", "Jewish Chronicle"). */
              if (entry->klass != DOSSIER_GAZETTEER_REGION || end >= self->tokens->len ||
                  token_at (self, end)->gap != GAP_SPACE || !is_name_word (self, end))
                reserve (self, token->cp_start, cp_end);
              i = end;
              continue;
            }
          if (is_name_after_title (self, i))
            {
              /* Treat the place name as an ordinary word of the name. */
              g_array_index (self->tokens, Token, i).match = -1;
              i = handle_run (self, i);
              continue;
            }
          /* A place name before an organisation's: "Oman News Agency", "Suez Canal
           * Authority", "Gulf Research Center"; an organisation's before a longer one:
           * "Qantas Airways", "Toyota Motor Corp". */
          if ((entry->kind == DOSSIER_ENTITY_PLACE || entry->kind == DOSSIER_ENTITY_ORGANIZATION) &&
              pattern->form != DOSSIER_GAZETTEER_FORM_DEMONYM && end < self->tokens->len &&
              follows_match (self, match, end) && is_name_word (self, end))
            {
              guint run_end = extend_run (self, end);
              guint body = entry->kind == DOSSIER_ENTITY_ORGANIZATION &&
                           !is_company_head (self, token_at (self, run_end - 1)) ? 0 :
                           handle_body (self, i, end, run_end);

              if (body > 0)
                {
                  i = body;
                  continue;
                }
            }
          add_mention (self, match->start, match->end, token->cp_start,
                       match_cp_end (self, match, end - 1), TARGET_GAZETTEER, pattern->entry,
                       match->pattern);
          if (entry->klass == DOSSIER_GAZETTEER_OUTLET && end < self->tokens->len &&
              token_at (self, end)->gap == GAP_SLASH && token_at (self, end)->shape == SHAPE_UPPER)
            {
              i = handle_credit (self, end);
              continue;
            }
          i = end;
          continue;
        }
      /* "(credit: WANA/HAMED ROSTAMI)": capitals after capitals and a slash. */
      if (token->shape == SHAPE_UPPER && token->gap == GAP_SLASH && i > 0 &&
          token_at (self, i - 1)->shape == SHAPE_UPPER)
        {
          i = handle_credit (self, i);
          continue;
        }
      if (token->shape == SHAPE_UPPER && g_hash_table_size (self->acronyms) > 0)
        {
          g_autofree char *word = g_strndup (self->text + token->start, token->end - token->start);
          guint candidate = GPOINTER_TO_UINT (g_hash_table_lookup (self->acronyms, word));

          if (candidate > 0)
            {
              Candidate acronym = { 0 };

              acronym.start = token->start;
              acronym.end = token->end;
              acronym.kind = CAND_ACRONYM;
              acronym.acronym_of = candidate - 1;
              acronym.group = -1;
              acronym.mention = add_mention (self, token->start, token->end, token->cp_start,
                                             token->cp_end, TARGET_CANDIDATE,
                                             self->candidates->len, G_MAXUINT32);
              g_array_append_val (self->candidates, acronym);
              i++;
              continue;
            }
        }
      if (is_name_word (self, i) ||
          (particle_leads_on (self, i) && token_at (self, i + 1)->gap == GAP_HYPHEN))
        {
          i = handle_run (self, i);
          continue;
        }
      i++;
    }
}

/* Transliteration keys */

/* Letters that do not decompose into a base letter and a mark, and the Turkish and Slavic
 * letters that stand for digraphs in English spellings ("Şahin" is "Shahin"). */
static const char *
special_letter (gunichar c)
{
  switch (c)
    {
    case 0x00DF: return "ss";                       /* ß */
    case 0x00E6: case 0x00C6: return "ae";          /* æ */
    case 0x0153: case 0x0152: return "oe";          /* œ */
    case 0x00F8: case 0x00D8: return "o";           /* ø */
    case 0x0142: case 0x0141: return "l";           /* ł */
    case 0x0111: case 0x0110: return "d";           /* đ */
    case 0x00F0: case 0x00D0: return "d";           /* ð */
    case 0x00FE: case 0x00DE: return "th";          /* þ */
    case 0x0131: return "i";                        /* dotless ı */
    case 0x015F: case 0x015E: return "sh";          /* ş */
    case 0x0219: case 0x0218: return "sh";          /* ș */
    case 0x00E7: case 0x00C7: return "ch";          /* ç */
    case 0x010D: case 0x010C: return "ch";          /* č */
    case 0x0161: case 0x0160: return "sh";          /* š */
    case 0x017E: case 0x017D: return "zh";          /* ž */
    case 0x011F: case 0x011E: return "g";           /* ğ */
    default: return NULL;
    }
}

/* Apostrophes and the ayn and hamza signs of romanized Arabic vanish inside a word
 * ("Khamene'i", "Ma'ariv"); other non-letters separate words. */
static gboolean
is_vanishing (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB ||
         c == 0x02BF || c == 0x02BE || c == 0x02B9 || c == '`' || c == 0x00B4;
}

/* @name in lower case, diacritics stripped, its words separated by single spaces, into
 * @plain. */
static void
plain_words (const char *name,
             GString    *plain)
{
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c;
      const char *special;

      if (g_ascii_isalnum (*p))
        {
          /* A run of ASCII letters and digits, the bulk of any name, at once, in place
           * when the string has room (it is reused from one name to the next). */
          gsize at = plain->len;
          gsize run = 1;

          while ((guchar) p[run] < 0x80 && dossier_scan_ascii_alnum[(guchar) p[run]])
            run++;
          if (at + run < plain->allocated_len)
            {
              plain->len = at + run;
              plain->str[at + run] = '\0';
            }
          else
            g_string_set_size (plain, at + run);
          for (gsize k = 0; k < run; k++)
            plain->str[at + k] = p[k] >= 'A' && p[k] <= 'Z' ? (char) (p[k] | 0x20) : p[k];
          p += run - 1;
          continue;
        }
      c = g_utf8_get_char (p);
      special = special_letter (c);
      if (special != NULL)
        g_string_append (plain, special);
      else if (is_vanishing (c) || g_unichar_ismark (c))
        continue;
      else if (g_unichar_isalnum (c))
        {
          gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
          gsize n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));

          for (gsize k = 0; k < n; k++)
            {
              gunichar d = g_unichar_tolower (decomposed[k]);

              if (d < 0x80 && g_ascii_isalnum (d))
                g_string_append_c (plain, (char) d);
              else if (g_unichar_isalnum (d))
                g_string_append_unichar (plain, d);
            }
        }
      else if (plain->len > 0 && plain->str[plain->len - 1] != ' ')
        g_string_append_c (plain, ' ');
    }
  if (plain->len > 0 && plain->str[plain->len - 1] == ' ')
    g_string_truncate (plain, plain->len - 1);
}

static gboolean
is_article_particle (const char *word,
                     gsize       len)
{
  return len == 2 && word[1] == 'l' &&
         (word[0] == 'a' || word[0] == 'e' || word[0] == 'u' || word[0] == 'o');
}

static gboolean
word_is (const char *word,
         gsize       len,
         const char *literal)
{
  return strlen (literal) == len && memcmp (word, literal, len) == 0;
}

/* Writes the folded spelling of @s[0, @n) to @out and returns its length: "abdul", "abdel",
 * "abdol" and "abdil" as "abdal", "kh", "gh", "q", "ck" and hard "c" as "k", "ph" as "f",
 * "w" as "v", "y" as "i", "dj" as "j", "tch" and "sch" as "ch" and "sh", then "o" as "u"
 * and "e" as "i", and doubled letters as one. */
static gsize
fold_word (const char *s,
           gsize       n,
           char       *out)
{
  char *o = out;
  char prev = '\0';

/* Appends @c unless it doubles the letter before it. */
#define EMIT(c) G_STMT_START { char e_ = (c); if (e_ != prev) *o++ = e_; prev = e_; } G_STMT_END

  /* No piece is longer than what it replaces: @out has room for @n bytes. */
  for (gsize i = 0; i < n; i++)
    {
      char c = s[i];
      char next = i + 1 < n ? s[i + 1] : '\0';

      switch (c)
        {
        case 'a':
          if (i + 4 < n && next == 'b' && s[i + 2] == 'd' && s[i + 4] == 'l' &&
              (s[i + 3] == 'u' || s[i + 3] == 'e' || s[i + 3] == 'o' || s[i + 3] == 'i'))
            {
              EMIT ('a');
              EMIT ('b');
              EMIT ('d');
              EMIT ('a');
              EMIT ('l');
              i += 4;
            }
          else
            EMIT ('a');
          break;
        case 'k':
        case 'g':
          if (next == 'h')
            {
              EMIT ('k');
              i++;
            }
          else
            EMIT (c);
          break;
        case 'c':
          if (next == 'k')
            {
              EMIT ('k');
              i++;
            }
          else if (next == 'h')
            {
              EMIT ('c');
              EMIT ('h');
              i++;
            }
          else
            EMIT ((next == 'e' || next == 'i' || next == 'y') ? 's' : 'k');
          break;
        case 't':
        case 's':
          if (next == 'c' && i + 2 < n && s[i + 2] == 'h')
            {
              EMIT (c == 't' ? 'c' : 's');
              EMIT ('h');
              i += 2;
            }
          else
            EMIT (c);
          break;
        case 'p':
          if (next == 'h')
            {
              EMIT ('f');
              i++;
            }
          else
            EMIT ('p');
          break;
        case 'd':
          if (next == 'j')
            {
              EMIT ('j');
              i++;
            }
          else
            EMIT ('d');
          break;
        case 'q':
          EMIT ('k');
          break;
        case 'w':
          EMIT ('v');
          break;
        case 'y':
          EMIT ('i');
          break;
        case 'o':
          EMIT ('u');
          break;
        case 'e':
          EMIT ('i');
          break;
        default:
          EMIT (c);
          break;
        }
    }
#undef EMIT
  return (gsize) (o - out);
}

/* Strings of one text (names and their keys), in blocks kept from one text to the next. */
#define ARENA_BLOCK 4096
/* Blocks kept for the next text; more are given back. */
#define ARENA_KEEP_BLOCKS 16

typedef struct {
  GPtrArray *blocks;        /* char[ARENA_BLOCK] */
  GPtrArray *large;         /* strings longer than a block, freed with the text */
  int        current;       /* the block being filled, or -1 */
  gsize      used;          /* bytes of it */
} Arena;

static void
arena_init (Arena *arena)
{
  arena->blocks = g_ptr_array_new_with_free_func (g_free);
  arena->large = g_ptr_array_new_with_free_func (g_free);
  arena->current = -1;
  arena->used = 0;
}

static void
arena_reset (Arena *arena)
{
  g_ptr_array_set_size (arena->large, 0);
  if (arena->blocks->len > ARENA_KEEP_BLOCKS)
    g_ptr_array_set_size (arena->blocks, ARENA_KEEP_BLOCKS);
  arena->current = -1;
  arena->used = 0;
}

static void
arena_clear (Arena *arena)
{
  g_clear_pointer (&arena->blocks, g_ptr_array_unref);
  g_clear_pointer (&arena->large, g_ptr_array_unref);
}

/* Room for @size bytes, valid until the arena is reset. */
static char *
arena_alloc (Arena *arena,
             gsize  size)
{
  char *room;

  if (size > ARENA_BLOCK)
    {
      room = g_malloc (size);
      g_ptr_array_add (arena->large, room);
      return room;
    }
  if (arena->current < 0 || arena->used + size > ARENA_BLOCK)
    {
      arena->current++;
      if ((guint) arena->current == arena->blocks->len)
        g_ptr_array_add (arena->blocks, g_malloc (ARENA_BLOCK));
      arena->used = 0;
    }
  room = (char *) g_ptr_array_index (arena->blocks, arena->current) + arena->used;
  arena->used += size;
  return room;
}

/* Gives back the @unused bytes at the end of the last arena_alloc () of @size bytes. */
static void
arena_shrink_last (Arena *arena,
                   gsize  size,
                   gsize  unused)
{
  if (size <= ARENA_BLOCK)
    arena->used -= unused;
}

/* A copy of @s[0, @len), NUL-terminated, valid until the arena is reset. */
static const char *
arena_strndup (Arena      *arena,
               const char *s,
               gsize       len)
{
  char *copy = arena_alloc (arena, len + 1);

  memcpy (copy, s, len);
  copy[len] = '\0';
  return copy;
}

/* Working strings for fold_name(), reused from one name to the next. */
typedef struct {
  GString *plain;
  GString *joined;
  Arena   *arena;           /* where the keys go: see add_folded() */
} KeyBuffers;

static void
key_buffers_init (KeyBuffers *buffers,
                  Arena      *arena)
{
  buffers->plain = g_string_sized_new (64);
  buffers->joined = g_string_sized_new (32);
  buffers->arena = arena;
}

static void
key_buffers_clear (KeyBuffers *buffers)
{
  g_string_free (buffers->plain, TRUE);
  g_string_free (buffers->joined, TRUE);
}

/* Folds the word @joined[0, @len): into a new item of @keys (in buffers->arena), or at the
 * end of @whole. */
static void
add_folded (GPtrArray  *keys,
            GString    *whole,
            KeyBuffers *buffers,
            const char *joined,
            gsize       len)
{
  if (keys != NULL)
    {
      char *key = arena_alloc (buffers->arena, len + 1);
      gsize folded = fold_word (joined, len, key);

      key[folded] = '\0';
      arena_shrink_last (buffers->arena, len + 1, len - folded);
      g_ptr_array_add (keys, key);
    }
  else
    {
      gsize at = whole->len;

      g_string_set_size (whole, at + len);
      g_string_truncate (whole, at + fold_word (joined, len, whole->str + at));
    }
}

/* The folded words of a name, with "al"/"el" joined to the word after it ("Al Thani" and
 * "Al-Thani" both give "althani"), "abd" to an "al" word ("Abd al-Rahman"), and "bin",
 * "ibn" and "bint" left out when @drop_patronymic_particles.  Each word is folded whole
 * after joining, so that "abd" + "al" + "rahman" folds like "abdulrahman".  The words are
 * added to @keys, or joined at the end of @whole when @keys is NULL. */
static void
fold_name (const char *name,
           gboolean    drop_patronymic_particles,
           KeyBuffers *buffers,
           GPtrArray  *keys,
           GString    *whole)
{
  const char *p;
  const char *end;
  char *joined;
  gsize joined_len = 0;

  g_string_truncate (buffers->plain, 0);
  plain_words (name, buffers->plain);
  p = buffers->plain->str;
  end = p + buffers->plain->len;
  /* A word joined to particles before it is no longer than they were, spaces aside: room
   * for the whole of the plain words, written in place. */
  g_string_set_size (buffers->joined, buffers->plain->len + 1);
  joined = buffers->joined->str;
  while (p < end)
    {
      const char *space = memchr (p, ' ', (gsize) (end - p));
      gsize len = space != NULL ? (gsize) (space - p) : (gsize) (end - p);
      gboolean last = space == NULL;

      if (!last && is_article_particle (p, len))
        {
          memcpy (joined + joined_len, "al", 2);
          joined_len += 2;
        }
      else if (!last && word_is (p, len, "abd"))
        {
          memcpy (joined + joined_len, "abd", 3);
          joined_len += 3;
        }
      else if (!(drop_patronymic_particles &&
                 (word_is (p, len, "bin") || word_is (p, len, "ibn") ||
                  word_is (p, len, "bint") || word_is (p, len, "binti"))))
        {
          memcpy (joined + joined_len, p, len);
          joined_len += len;
          add_folded (keys, whole, buffers, joined, joined_len);
          joined_len = 0;
        }
      p += len;
      if (p < end && *p == ' ')
        p++;
    }
  if (joined_len > 0)
    add_folded (keys, whole, buffers, joined, joined_len);
}

char *
dossier_name_variant_key (const char *name)
{
  KeyBuffers buffers;
  GString *key;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (name, -1, NULL), NULL);

  key_buffers_init (&buffers, NULL);
  key = g_string_new (NULL);
  fold_name (name, FALSE, &buffers, NULL, key);
  key_buffers_clear (&buffers);
  return g_string_free (key, FALSE);
}

/* Keys this long or longer are taken as the same when one edit apart ("araghchi" and the
 * typo "araghchib"): by then a one-letter difference is a spelling, not another name. */
#define LONG_KEY 7

/* Whether @a and @b are at most one insertion, deletion, substitution or transposition of
 * neighbours apart. */
static gboolean
within_one_edit (const char *a,
                 const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);
  gsize i = 0;

  if (la > lb)
    {
      const char *t = a;
      gsize tl = la;

      a = b;
      b = t;
      la = lb;
      lb = tl;
    }
  if (lb - la > 1)
    return FALSE;
  while (i < la && a[i] == b[i])
    i++;
  if (i == la)
    return TRUE;
  if (la == lb)
    return strcmp (a + i + 1, b + i + 1) == 0 ||
           (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
            strcmp (a + i + 2, b + i + 2) == 0);
  return strcmp (a + i, b + i + 1) == 0;
}

static gboolean
keys_agree (const char *a,
            const char *b)
{
  if (strcmp (a, b) == 0)
    return TRUE;
  return strlen (a) >= LONG_KEY && strlen (b) >= LONG_KEY && within_one_edit (a, b);
}

/* Person groups */

/* The tags of Extractor.spans besides a candidate's kind and ALIAS_TAG: interned keys (a
 * KeyInfo index + 1) and the joined keys of full names (a group + 1). */
#define KEY_TAG 8
#define FULL_TAG 9

/* A person's name as written, with its keys: computed once for each spelling in the text. */
typedef struct {
  const char *text;         /* in People.arena */
  guint       first_key;    /* its keys (name_key_words ()) in People.keys */
  guint       n_keys;
  const char *joined;       /* the keys end to end */
  guint       letters;      /* letters of the keys */
  guint       last_id;      /* the interned last key (People.key_info), when n_keys > 0 */
} NameKeys;

/* A list of groups, linked through People.nodes. */
typedef struct {
  int head;                 /* -1: empty */
  int tail;
} GroupList;

typedef struct {
  guint group;
  int   next;
} GroupNode;

/* What is known of one interned key. */
typedef struct {
  GroupList by_last;        /* the groups whose last key it is */
  guint     generation;     /* of the lookup kept in People.kept, 0 for none */
  guint     kept_start;
  guint     kept_len;
} KeyInfo;

typedef struct {
  guint       names;        /* NameKeys of the longest name so far */
  const char *name;         /* canonical, in People.arena */
  guint       name_letters; /* letters of its key */
  guint32     name_cp;      /* where it is in the text */
  guint       stamp;        /* of the last lookup that found it */
  guint       starts;       /* its full names' positions in People.starts, in order */
  guint       n_starts;
} Group;

typedef struct {
  guint   group;
  guint32 cp;
} GroupStart;

/* The person groups of one text.  Everything is kept by each thread (in Scratch) from one
 * text to the next and emptied in between, so that grouping allocates nothing once warm. */
typedef struct {
  Arena       arena;
  KeyBuffers  buffers;
  GPtrArray  *keys;         /* const char *: the keys of every NameKeys, back to back */
  GArray     *names;        /* NameKeys */
  GArray     *groups;       /* Group */
  GArray     *key_info;     /* KeyInfo */
  GArray     *nodes;        /* GroupNode */
  GHashTable *by_edge;      /* edge_bucket () of long last keys → index + 1 into edges */
  GArray     *edges;        /* GroupList */
  GArray     *kept;         /* guint: lookups kept until a group is added or renamed */
  GArray     *found;        /* guint: the answer of lookup_groups() */
  GArray     *pending;      /* GroupStart: the full names, until they are sorted */
  GArray     *starts;       /* guint32: the full names' positions, by group */
  guint       generation;
  guint       stamp;
} People;

#define NAMES(people, i) (&g_array_index ((people)->names, NameKeys, (i)))
#define GROUP(people, i) (&g_array_index ((people)->groups, Group, (i)))

static void
people_init (People *people)
{
  arena_init (&people->arena);
  key_buffers_init (&people->buffers, &people->arena);
  people->keys = g_ptr_array_new ();
  people->names = g_array_new (FALSE, FALSE, sizeof (NameKeys));
  people->groups = g_array_new (FALSE, FALSE, sizeof (Group));
  people->key_info = g_array_new (FALSE, FALSE, sizeof (KeyInfo));
  people->nodes = g_array_new (FALSE, FALSE, sizeof (GroupNode));
  people->by_edge = g_hash_table_new (g_direct_hash, g_direct_equal);
  people->edges = g_array_new (FALSE, FALSE, sizeof (GroupList));
  people->kept = g_array_new (FALSE, FALSE, sizeof (guint));
  people->found = g_array_new (FALSE, FALSE, sizeof (guint));
  people->pending = g_array_new (FALSE, FALSE, sizeof (GroupStart));
  people->starts = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/* Empties @people for the next text. */
static void
people_reset (People *people)
{
  arena_reset (&people->arena);
  g_ptr_array_set_size (people->keys, 0);
  g_array_set_size (people->names, 0);
  g_array_set_size (people->groups, 0);
  g_array_set_size (people->key_info, 0);
  g_array_set_size (people->nodes, 0);
  if (people->edges->len > 0)
    g_hash_table_remove_all (people->by_edge);
  g_array_set_size (people->edges, 0);
  g_array_set_size (people->kept, 0);
  g_array_set_size (people->found, 0);
  g_array_set_size (people->pending, 0);
  g_array_set_size (people->starts, 0);
  people->generation = 1;
  people->stamp = 0;
}

static void
people_clear (People *people)
{
  arena_clear (&people->arena);
  key_buffers_clear (&people->buffers);
  g_ptr_array_unref (people->keys);
  g_array_unref (people->names);
  g_array_unref (people->groups);
  g_array_unref (people->key_info);
  g_array_unref (people->nodes);
  g_hash_table_unref (people->by_edge);
  g_array_unref (people->edges);
  g_array_unref (people->kept);
  g_array_unref (people->found);
  g_array_unref (people->pending);
  g_array_unref (people->starts);
}

/* The bytes of @people's state: more than a text of a megabyte needs and it goes back to
 * the allocator. */
static gsize
people_size (const People *people)
{
  return people->keys->len * sizeof (gpointer) + people->names->len * sizeof (NameKeys) +
         people->groups->len * sizeof (Group) + people->key_info->len * sizeof (KeyInfo) +
         people->nodes->len * sizeof (GroupNode) + people->kept->len * sizeof (guint) +
         people->pending->len * sizeof (GroupStart);
}

static const char * const *
names_keys (const People   *people,
            const NameKeys *names)
{
  return (const char * const *) people->keys->pdata + names->first_key;
}

static const char *
names_last_key (const People   *people,
                const NameKeys *names)
{
  return names_keys (people, names)[names->n_keys - 1];
}

/* The id of the key @key (which must live as long as the text's state), made on first
 * sight. */
static guint
intern_key (Extractor  *self,
            People     *people,
            const char *key)
{
  gsize len = strlen (key);
  guint32 id = span_map_lookup (self->spans, key, len, KEY_TAG);

  if (id == 0)
    {
      KeyInfo info = { { -1, -1 }, 0, 0, 0 };

      g_array_append_val (people->key_info, info);
      id = people->key_info->len;
      span_map_insert (self->spans, key, len, KEY_TAG, id);
    }
  return id - 1;
}

/* Appends @group to @list unless it ends the list already. */
static void
list_add (People    *people,
          GroupList *list,
          guint      group)
{
  GroupNode node = { group, -1 };

  if (list->tail >= 0 && g_array_index (people->nodes, GroupNode, list->tail).group == group)
    return;
  g_array_append_val (people->nodes, node);
  if (list->tail >= 0)
    g_array_index (people->nodes, GroupNode, list->tail).next = (int) people->nodes->len - 1;
  else
    list->head = (int) people->nodes->len - 1;
  list->tail = (int) people->nodes->len - 1;
}

/* One edit leaves the first or the last letter of a key of three letters or more in place
 * and changes its length by one at most, so the groups a long key may be one edit from are
 * among those sharing its first or its last letter, with a length within one of its own. */
static guint
edge_bucket (gboolean last,
             char     letter,
             gsize    len)
{
  return (last ? 0x1000000u : 0x2000000u) | (guint) MIN (len, 0xFFFF) << 8 | (guint8) letter;
}

static void
index_edge (People *people,
            guint   bucket,
            guint   group)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (people->by_edge,
                                                       GUINT_TO_POINTER (bucket)));

  if (index == 0)
    {
      GroupList list = { -1, -1 };

      g_array_append_val (people->edges, list);
      index = people->edges->len;
      g_hash_table_insert (people->by_edge, GUINT_TO_POINTER (bucket), GUINT_TO_POINTER (index));
    }
  list_add (people, &g_array_index (people->edges, GroupList, index - 1), group);
}

static void
index_group (Extractor      *self,
             People         *people,
             const NameKeys *names,
             guint           group)
{
  const char *key = names_last_key (people, names);
  gsize len = strlen (key);

  list_add (people, &g_array_index (people->key_info, KeyInfo, names->last_id).by_last, group);
  /* "Assad" for "al-Assad". */
  if (len > 4 && key[0] == 'a' && key[1] == 'l')
    {
      guint id = intern_key (self, people, key + 2);

      list_add (people, &g_array_index (people->key_info, KeyInfo, id).by_last, group);
    }
  if (len < LONG_KEY)
    return;
  index_edge (people, edge_bucket (FALSE, key[0], len), group);
  index_edge (people, edge_bucket (TRUE, key[len - 1], len), group);
}

static void
collect_groups (People     *people,
                guint       bucket,
                const char *key)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (people->by_edge,
                                                       GUINT_TO_POINTER (bucket)));

  if (index == 0)
    return;
  for (int n = g_array_index (people->edges, GroupList, index - 1).head; n >= 0;
       n = g_array_index (people->nodes, GroupNode, n).next)
    {
      guint g = g_array_index (people->nodes, GroupNode, n).group;
      Group *group = GROUP (people, g);

      if (group->stamp != people->stamp &&
          keys_agree (key, names_last_key (people, NAMES (people, group->names))))
        {
          group->stamp = people->stamp;
          g_array_append_val (people->found, g);
        }
    }
}

/* Groups whose last key is the last key of @names or, failing any, one edit from it (long
 * keys only).  The answer is in People.found until the next lookup; a fuzzy one is kept
 * until a group is added or renamed. */
static GArray *
lookup_groups (People         *people,
               const NameKeys *names)
{
  KeyInfo *info = &g_array_index (people->key_info, KeyInfo, names->last_id);
  const char *key = names_last_key (people, names);
  gsize len = strlen (key);

  g_array_set_size (people->found, 0);
  if (info->by_last.head >= 0)
    {
      for (int n = info->by_last.head; n >= 0; n = g_array_index (people->nodes, GroupNode, n).next)
        g_array_append_val (people->found, g_array_index (people->nodes, GroupNode, n).group);
      return people->found;
    }
  if (info->generation == people->generation)
    {
      /* (kept may still be empty: no pointer into it then) */
      if (info->kept_len > 0)
        g_array_append_vals (people->found,
                             &g_array_index (people->kept, guint, info->kept_start),
                             info->kept_len);
      return people->found;
    }
  people->stamp++;
  if (len >= LONG_KEY)
    for (gsize other = len - 1; other <= len + 1; other++)
      {
        collect_groups (people, edge_bucket (FALSE, key[0], other), key);
        collect_groups (people, edge_bucket (TRUE, key[len - 1], other), key);
      }
  info->generation = people->generation;
  info->kept_start = people->kept->len;
  info->kept_len = people->found->len;
  g_array_append_vals (people->kept, people->found->data, people->found->len);
  return people->found;
}

/* The lookups kept are out of date: a group was added or renamed. */
static void
forget_lookups (People *people)
{
  people->generation++;
  g_array_set_size (people->kept, 0);
}

/* Whether @shorter's words appear in @longer in order, first and last words agreeing
 * ("Mohammed bin Abdulrahman Al Thani" in "Mohammed bin Abdulrahman bin Jassim Al Thani"). */
static gboolean
is_contained_name (const People   *people,
                   const NameKeys *shorter_names,
                   const NameKeys *longer_names)
{
  const char * const *shorter = names_keys (people, shorter_names);
  const char * const *longer = names_keys (people, longer_names);
  guint n_shorter = shorter_names->n_keys;
  guint n_longer = longer_names->n_keys;
  guint j = 0;

  if (n_shorter == 0 || n_shorter > n_longer)
    return FALSE;
  if (!keys_agree (shorter[0], longer[0]) ||
      !keys_agree (shorter[n_shorter - 1], longer[n_longer - 1]))
    return FALSE;
  for (guint i = 0; i < n_shorter; i++)
    {
      while (j < n_longer && !keys_agree (shorter[i], longer[j]))
        j++;
      if (j == n_longer)
        return FALSE;
      j++;
    }
  return TRUE;
}

/* Whether the words join into the same key ("Abdul-Malik" and "Abdulmalik"). */
static gboolean
same_joined_keys (const NameKeys *a,
                  const NameKeys *b)
{
  return strcmp (a->joined, b->joined) == 0;
}

/* Whether @part is the end of @whole ("Bagheri Kani" of "Ali Bagheri Kani"), the article
 * of the surname aside ("Assad" of "Bashar al-Assad"). */
static gboolean
is_name_suffix (const People   *people,
                const NameKeys *part_names,
                const NameKeys *whole_names)
{
  const char * const *part = names_keys (people, part_names);
  const char * const *whole = names_keys (people, whole_names);
  guint n_part = part_names->n_keys;
  guint n_whole = whole_names->n_keys;
  const char *part_last;
  const char *whole_last;

  if (n_part == 0 || n_part > n_whole)
    return FALSE;
  for (guint i = 1; i < n_part; i++)
    if (!keys_agree (part[n_part - 1 - i], whole[n_whole - 1 - i]))
      return FALSE;
  part_last = part[n_part - 1];
  whole_last = whole[n_whole - 1];
  if (keys_agree (part_last, whole_last))
    return TRUE;
  return strlen (whole_last) > 4 && whole_last[0] == 'a' && whole_last[1] == 'l' &&
         strcmp (part_last, whole_last + 2) == 0;
}

static char *
candidate_text (const Extractor *self,
                const Candidate *candidate)
{
  if (candidate->display != NULL)
    return g_strdup (candidate->display);
  return g_strndup (self->text + candidate->start, candidate->end - candidate->start);
}

/* The text of @candidate, as candidate_text() but not copied: a span of *len bytes. */
static const char *
candidate_span (const Extractor *self,
                const Candidate *candidate,
                gsize           *len)
{
  if (candidate->display != NULL)
    {
      *len = strlen (candidate->display);
      return candidate->display;
    }
  *len = candidate->end - candidate->start;
  return self->text + candidate->start;
}

static guint32
candidate_cp_start (const Extractor *self,
                    const Candidate *candidate)
{
  return g_array_index (self->mentions, Mention, candidate->mention).cp_start;
}

/* A better canonical name: the most complete (most letters in its key, so that the way a
 * name is cut into words does not count), then the first in the text. */
static void
offer_name (People *people,
            guint   group_index,
            guint32 cp,
            guint   names)
{
  Group *group = GROUP (people, group_index);
  guint letters = NAMES (people, names)->letters;

  if (letters > group->name_letters || (letters == group->name_letters && cp < group->name_cp))
    {
      forget_lookups (people);
      group->name = NAMES (people, names)->text;
      group->name_letters = letters;
      group->name_cp = cp;
      group->names = names;
    }
}

static guint
new_group (Extractor *self,
           People    *people,
           guint32    cp,
           guint      names)
{
  Group group = { 0, };
  guint index = people->groups->len;

  group.names = names;
  group.name = NAMES (people, names)->text;
  group.name_letters = NAMES (people, names)->letters;
  group.name_cp = cp;
  g_array_append_val (people->groups, group);
  forget_lookups (people);
  if (NAMES (people, names)->n_keys > 0)
    index_group (self, people, NAMES (people, names), index);
  return index;
}

static int
compare_group_starts (gconstpointer a,
                      gconstpointer b)
{
  const GroupStart *x = a;
  const GroupStart *y = b;

  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* Of the groups in @found, the one whose full name was last given before @cp, or failing
 * that the first given after it.  Full-name positions are sorted. */
static int
nearest_group (People *people,
               GArray *found,
               guint32 cp)
{
  int best_before = -1;
  guint32 best_before_cp = 0;
  int best_after = -1;
  guint32 best_after_cp = G_MAXUINT32;

  for (guint i = 0; i < found->len; i++)
    {
      guint index = g_array_index (found, guint, i);
      const Group *group = GROUP (people, index);
      const guint32 *starts = &g_array_index (people->starts, guint32, group->starts);
      guint lo = 0;
      guint hi = group->n_starts;

      if (group->n_starts == 0)
        {
          if (best_after < 0)
            best_after = (int) index;
          continue;
        }
      /* The first position after @cp. */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (starts[mid] <= cp)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo > 0 && (best_before < 0 || starts[lo - 1] >= best_before_cp))
        {
          best_before = (int) index;
          best_before_cp = starts[lo - 1];
        }
      if (lo < group->n_starts && starts[lo] < best_after_cp)
        {
          best_after = (int) index;
          best_after_cp = starts[lo];
        }
    }
  return best_before >= 0 ? best_before : best_after;
}

/* Drops the first word of a run that starts a sentence and is an ordinary word elsewhere in
 * the text ("Officials", "Taken"), and the run with it when nothing is left. */
static void
trim_sentence_initial (Extractor *self,
                       Candidate *candidate)
{
  Mention *mention;

  if (!candidate->first_sentence_initial || candidate->first_given ||
      candidate->kind == CAND_ACRONYM || !lower_words_has (self, candidate->first_hash))
    return;
  /* "Al-Mahdi said": "al" is in the text in lower case, but as a particle of names. */
  {
    Token first = { 0 };

    first.start = candidate->start;
    first.end = candidate->start;
    while (first.end < candidate->end && g_ascii_isalpha (self->text[first.end]))
      first.end++;
    first.shape = SHAPE_CAPITALIZED;
    first.hash = word_hash (self->text + first.start, first.end - first.start);
    first.lex = lookup_lex (self, &first);
    if (is_capital_particle (self, &first))
      return;
  }
  if (candidate->n_words <= 1 || candidate->second_start == 0)
    {
      candidate->dropped = TRUE;
      return;
    }
  mention = &g_array_index (self->mentions, Mention, candidate->mention);
  candidate->start = candidate->second_start;
  mention->cp_start = candidate->second_cp;
  candidate->n_words--;
  if (candidate->cue == CUE_GIVEN_NAME)
    candidate->cue = CUE_NONE;
}

/* More name words first; stable for equal counts (g_array_sort_with_data is a merge sort). */
static int
compare_by_key_count (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const People *people = ((gpointer *) user_data)[0];
  const guint *names_of = ((gpointer *) user_data)[1];
  guint ka = NAMES (people, names_of[*(const guint *) a] - 1)->n_keys;
  guint kb = NAMES (people, names_of[*(const guint *) b] - 1)->n_keys;

  if (ka != kb)
    return ka > kb ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* The NameKeys of @candidate's text (an index + 1 into People.names), made on first sight. */
static guint
names_of_candidate (Extractor       *self,
                    People          *people,
                    const Candidate *candidate)
{
  gsize len;
  const char *text = candidate_span (self, candidate, &len);
  guint32 index = span_map_lookup (self->spans, text, len, CAND_PERSON);
  NameKeys names = { 0, };
  gsize joined_len = 0;
  char *joined;

  if (index > 0)
    return index;
  names.text = arena_strndup (&people->arena, text, len);
  names.first_key = people->keys->len;
  fold_name (names.text, TRUE, &people->buffers, people->keys, NULL);
  names.n_keys = people->keys->len - names.first_key;
  for (guint k = 0; k < names.n_keys; k++)
    joined_len += strlen (names_keys (people, &names)[k]);
  joined = arena_alloc (&people->arena, joined_len + 1);
  joined[0] = '\0';
  for (guint k = 0, at = 0; k < names.n_keys; k++)
    {
      const char *key = names_keys (people, &names)[k];
      gsize key_len = strlen (key);

      memcpy (joined + at, key, key_len + 1);
      at += key_len;
    }
  names.letters = (guint) joined_len;
  names.joined = joined;
  if (names.n_keys > 0)
    names.last_id = intern_key (self, people, names_last_key (people, &names));
  g_array_append_val (people->names, names);
  index = people->names->len;
  span_map_insert (self->spans, names.text, len, CAND_PERSON, index);
  return index;
}

static void
resolve_people (Extractor *self,
                People    *people)
{
  g_autofree guint *names_of = g_new0 (guint, self->candidates->len + 1);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) fitting = g_array_new (FALSE, FALSE, sizeof (guint));
  gpointer sort_data[2] = { people, NULL };

  /* Keys of every person candidate (an index + 1 into People.names), left out: 0.  Names
   * repeat: each spelling is keyed once. */
  for (guint i = 0; i < self->candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (self->candidates, Candidate, i);

      if (candidate->kind == CAND_PERSON && !candidate->dropped)
        names_of[i] = names_of_candidate (self, people, candidate);
    }

  /* Full names: two words or more and a cue other than a speech verb (after which a
   * surname of two words is common: "Bagheri Kani said").  Longest first, so that shorter
   * forms find the group of the longer one whatever their order in the text. */
  for (guint i = 0; i < self->candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (self->candidates, Candidate, i);

      if (names_of[i] > 0 && NAMES (people, names_of[i] - 1)->n_keys >= 2 &&
          candidate->n_words >= 2 && candidate->cue != CUE_NONE && candidate->cue != CUE_SPEECH)
        g_array_append_val (order, i);
    }
  sort_data[1] = names_of;
  g_array_sort_with_data (order, compare_by_key_count, sort_data);
  for (guint o = 0; o < order->len; o++)
    {
      guint i = g_array_index (order, guint, o);
      Candidate *candidate = &g_array_index (self->candidates, Candidate, i);
      guint names = names_of[i] - 1;
      const NameKeys *keys = NAMES (people, names);
      gsize joined_len = strlen (keys->joined);
      GArray *found;
      guint32 cp = candidate_cp_start (self, candidate);
      GroupStart start;
      int group;

      group = (int) span_map_lookup (self->spans, keys->joined, joined_len, FULL_TAG) - 1;
      found = lookup_groups (people, keys);
      for (guint k = 0; k < found->len && group < 0; k++)
        {
          const NameKeys *other = NAMES (people, GROUP (people, g_array_index (found, guint,
                                                                               k))->names);

          if (is_contained_name (people, keys, other) || is_contained_name (people, other, keys) ||
              is_name_suffix (people, keys, other) || same_joined_keys (keys, other))
            group = (int) g_array_index (found, guint, k);
        }
      if (group < 0)
        group = (int) new_group (self, people, cp, names);
      else
        offer_name (people, (guint) group, cp, names);
      if (span_map_lookup (self->spans, keys->joined, joined_len, FULL_TAG) == 0)
        span_map_insert (self->spans, keys->joined, joined_len, FULL_TAG, (guint32) group + 1);
      candidate->group = group;
      start.group = (guint) group;
      start.cp = cp;
      g_array_append_val (people->pending, start);
    }

  /* The positions of each group's full names, in order. */
  g_array_sort (people->pending, compare_group_starts);
  for (guint k = 0; k < people->pending->len; k++)
    {
      const GroupStart *start = &g_array_index (people->pending, GroupStart, k);
      Group *group = GROUP (people, start->group);

      if (group->n_starts == 0)
        group->starts = people->starts->len;
      group->n_starts++;
      g_array_append_val (people->starts, start->cp);
    }

  /* Partial names: first those with a cue, which may start a group of their own, then the
   * rest, which only join one. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->candidates->len; i++)
      {
        Candidate *candidate = &g_array_index (self->candidates, Candidate, i);
        const NameKeys *names;
        GArray *found;
        gboolean cued = candidate->cue != CUE_NONE;
        int group;

        if (names_of[i] == 0 || candidate->group >= 0 || cued != (pass == 0))
          continue;
        names = NAMES (people, names_of[i] - 1);
        if (names->n_keys == 0)
          continue;
        found = lookup_groups (people, names);
        g_array_set_size (fitting, 0);
        for (guint k = 0; k < found->len; k++)
          {
            guint index = g_array_index (found, guint, k);

            if (is_name_suffix (people, names, NAMES (people, GROUP (people, index)->names)))
              g_array_append_val (fitting, index);
          }
        group = nearest_group (people, fitting, candidate_cp_start (self, candidate));
        if (group < 0 && cued)
          {
            guint32 cp = candidate_cp_start (self, candidate);

            group = (int) new_group (self, people, cp, names_of[i] - 1);
            GROUP (people, group)->starts = people->starts->len;
            GROUP (people, group)->n_starts = 1;
            g_array_append_val (people->starts, cp);
          }
        if (group < 0)
          candidate->dropped = TRUE;
        else
          candidate->group = group;
      }
}

/* Organisations and places found by their head word, grouped by key; acronyms follow the
 * organisation they stand for. */
static void
resolve_named_bodies (Extractor *self,
                      People    *people,
                      GPtrArray *names)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; i < self->candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (self->candidates, Candidate, i);
      g_autofree char *text = NULL;
      const char *span;
      gsize span_len;
      guint32 seen;
      gpointer found;

      if (candidate->dropped)
        continue;
      if (candidate->kind == CAND_ACRONYM)
        {
          const Candidate *of = &g_array_index (self->candidates, Candidate,
                                                candidate->acronym_of);

          candidate->group = of->group;
          candidate->dropped = of->dropped;
          continue;
        }
      if (candidate->kind != CAND_ORGANIZATION && candidate->kind != CAND_PLACE &&
          candidate->kind != CAND_OUTLET)
        continue;
      /* A spelling seen before is in the group it went to: its key is the same, and it is
       * no longer than the group's name. */
      span = candidate_span (self, candidate, &span_len);
      seen = span_map_lookup (self->spans, span, span_len, candidate->kind);
      if (seen > 0)
        {
          candidate->group = (int) seen - 1;
          continue;
        }
      text = candidate_text (self, candidate);
      /* As g_string_printf (key, "%d:", kind) writes a kind of one digit (CAND_ACRONYM is
       * the last). */
      g_string_truncate (key, 0);
      g_string_append_c (key, (char) ('0' + candidate->kind));
      g_string_append_c (key, ':');
      fold_name (text, FALSE, &people->buffers, NULL, key);
      if (g_hash_table_lookup_extended (by_key, key->str, NULL, &found))
        {
          char **name = (char **) &g_ptr_array_index (names, GPOINTER_TO_UINT (found));

          candidate->group = (int) GPOINTER_TO_UINT (found);
          if (strlen (text) > strlen (*name))
            {
              g_free (*name);
              *name = g_steal_pointer (&text);
            }
        }
      else
        {
          candidate->group = (int) names->len;
          g_hash_table_insert (by_key, g_strdup (key->str), GUINT_TO_POINTER (names->len));
          g_ptr_array_add (names, g_steal_pointer (&text));
        }
      span_map_insert (self->spans, span, span_len, candidate->kind,
                       (guint32) candidate->group + 1);
    }
}

/* A place name that was a person's surname elsewhere in the text ("Avi Golan") is the
 * person when it stands alone ("Golan said"): it becomes a partial name. */
static void
reassign_absorbed (Extractor *self)
{
  for (guint m = 0; m < self->mentions->len; m++)
    {
      Mention *mention = &g_array_index (self->mentions, Mention, m);
      const DossierGazetteerEntry *entry;
      g_autofree char *word = NULL;
      Candidate candidate = { 0 };

      if (mention->type != TARGET_GAZETTEER)
        continue;
      entry = g_ptr_array_index (self->gazetteer->entries, mention->target);
      if (entry->kind != DOSSIER_ENTITY_PLACE)
        continue;
      word = g_strndup (self->text + mention->start, mention->end - mention->start);
      if (!g_hash_table_contains (self->absorbed, word))
        continue;
      candidate.start = mention->start;
      candidate.end = mention->end;
      candidate.n_words = 1;
      candidate.group = -1;
      candidate.kind = CAND_PERSON;
      candidate.mention = m;
      mention->type = TARGET_CANDIDATE;
      mention->target = self->candidates->len;
      mention->pattern = G_MAXUINT32;
      g_array_append_val (self->candidates, candidate);
    }
}

/* Output */

void
dossier_entity_mention_free (DossierEntityMention *entity)
{
  if (entity == NULL)
    return;
  g_free (entity->name);
  g_clear_pointer (&entity->aliases, g_ptr_array_unref);
  g_clear_pointer (&entity->mentions, g_array_unref);
  g_free (entity);
}

DossierEntityMention *
dossier_entity_mention_new (const char        *name,
                            DossierEntityKind  kind)
{
  DossierEntityMention *entity = g_new0 (DossierEntityMention, 1);

  entity->name = g_strdup (name);
  entity->kind = kind;
  entity->aliases = g_ptr_array_new_with_free_func (g_free);
  entity->mentions = g_array_sized_new (FALSE, FALSE, sizeof (DossierSpan), 4);
  return entity;
}

static gboolean
is_ascii (const char *str)
{
  for (; *str != '\0'; str++)
    if ((guint8) *str >= 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
same_but_case (const char *a,
               const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (is_ascii (a) && is_ascii (b))
    return g_ascii_strcasecmp (a, b) == 0;
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return strcmp (fa, fb) == 0;
}

/* The tags of Extractor.spans: a candidate's kind for the names of people (an index into
 * People.names) and other bodies (a group), this plus an entity's index for the forms
 * offered to it as aliases. */
#define ALIAS_TAG 16

/* Adds @alias[0, @len) unless it is the name or an alias already, case aside ("REUTERS").
 * @seen holds the forms already offered to each entity (by its index, @slot), so that a
 * name mentioned a hundred times is folded once. */
static void
entity_add_alias (DossierEntityMention *entity,
                  SpanMap              *seen,
                  guint                 slot,
                  const char           *alias,
                  gsize                 len)
{
  g_autofree char *copy = NULL;

  if (strncmp (alias, entity->name, len) == 0 && entity->name[len] == '\0')
    return;
  if (span_map_lookup (seen, alias, len, ALIAS_TAG + slot) != 0)
    return;
  span_map_insert (seen, alias, len, ALIAS_TAG + slot, 1);
  copy = g_strndup (alias, len);
  if (same_but_case (copy, entity->name))
    return;
  for (guint i = 0; i < entity->aliases->len; i++)
    if (same_but_case (copy, g_ptr_array_index (entity->aliases, i)))
      return;
  g_ptr_array_add (entity->aliases, g_steal_pointer (&copy));
}

static const DossierEntityKind candidate_kinds[] = {
  [CAND_PERSON] = DOSSIER_ENTITY_PERSON,
  [CAND_ORGANIZATION] = DOSSIER_ENTITY_ORGANIZATION,
  [CAND_PLACE] = DOSSIER_ENTITY_PLACE,
  [CAND_OUTLET] = DOSSIER_ENTITY_OUTLET,
  [CAND_ACRONYM] = DOSSIER_ENTITY_ORGANIZATION,
};

/* Creates an entity on first sight of its key; @slots maps keys to result indices. */
static DossierEntityMention *
entity_for (GPtrArray         *result,
            int               *slots,
            guint              slot,
            const char        *name,
            DossierEntityKind  kind)
{
  if (slots[slot] < 0)
    {
      slots[slot] = (int) result->len;
      g_ptr_array_add (result, dossier_entity_mention_new (name, kind));
    }
  return g_ptr_array_index (result, slots[slot]);
}

static guint
slot_of (const int *slots,
         guint      slot)
{
  g_assert (slots[slot] >= 0);
  return (guint) slots[slot];
}

static GPtrArray *
build_result (Extractor *self,
              People    *people,
              GPtrArray *body_names)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_entity_mention_free);
  guint n_entries = self->gazetteer->entries->len;
  gsize n_slots = (gsize) n_entries + people->groups->len + 1 + body_names->len + 1;
  int *entry_slots;
  int *person_slots;
  int *body_slots;

  /* -1 everywhere: no entity yet. */
  g_array_set_size (self->slots, (guint) n_slots);
  memset (self->slots->data, 0xFF, n_slots * sizeof (int));
  entry_slots = (int *) (gpointer) self->slots->data;
  person_slots = entry_slots + n_entries;
  body_slots = person_slots + people->groups->len + 1;

  for (guint m = 0; m < self->mentions->len; m++)
    {
      const Mention *mention = &g_array_index (self->mentions, Mention, m);
      DossierSpan span = { mention->cp_start, mention->cp_end };
      DossierEntityMention *entity;

      if (mention->type == TARGET_GAZETTEER)
        {
          const DossierGazetteerEntry *entry = g_ptr_array_index (self->gazetteer->entries,
                                                                  mention->target);
          const DossierGazetteerPattern *pattern =
            &g_array_index (self->gazetteer->patterns, DossierGazetteerPattern, mention->pattern);

          entity = entity_for (result, entry_slots, mention->target, entry->name, entry->kind);
          if (pattern->form != DOSSIER_GAZETTEER_FORM_NAME)
            entity_add_alias (entity, self->spans, slot_of (entry_slots, mention->target),
                              pattern->text, strlen (pattern->text));
        }
      else
        {
          const Candidate *candidate = &g_array_index (self->candidates, Candidate,
                                                       mention->target);
          const char *text;
          gsize len;
          const int *slots;

          if (candidate->dropped || candidate->group < 0)
            continue;
          if (candidate->kind == CAND_PERSON)
            {
              const Group *group = GROUP (people, candidate->group);

              entity = entity_for (result, person_slots, (guint) candidate->group, group->name,
                                   DOSSIER_ENTITY_PERSON);
              slots = person_slots;
            }
          else
            {
              entity = entity_for (result, body_slots, (guint) candidate->group,
                                   g_ptr_array_index (body_names, candidate->group),
                                   candidate_kinds[candidate->kind]);
              slots = body_slots;
            }
          text = candidate_span (self, candidate, &len);
          entity_add_alias (entity, self->spans, slot_of (slots, candidate->group), text, len);
        }
      g_array_append_val (entity->mentions, span);
    }
  return result;
}

/* The buffers of one extraction, kept by each thread for the next one: an article takes
 * a few dozen microseconds, and allocating them anew was a good part of that. */
typedef struct {
  GArray  *tokens;
  GArray  *found;
  GArray  *matches;
  GArray  *mentions;
  GArray  *candidates;
  GArray  *slots;
  guint64 *bits;
  gsize    n_bits;
  SpanMap  spans;
  People   people;
} Scratch;

/* Above this, buffers go back to the allocator rather than wait for the next text. */
#define SCRATCH_KEEP_BYTES (1 << 20)

static void
scratch_free (gpointer data)
{
  Scratch *scratch = data;

  if (scratch == NULL)
    return;
  g_array_unref (scratch->tokens);
  g_array_unref (scratch->found);
  g_array_unref (scratch->matches);
  g_array_unref (scratch->mentions);
  g_array_unref (scratch->candidates);
  g_array_unref (scratch->slots);
  g_free (scratch->bits);
  span_map_clear (&scratch->spans);
  people_clear (&scratch->people);
  g_free (scratch);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

static Scratch *
scratch_take (gsize n_bits,
              gsize length)
{
  Scratch *scratch = g_private_get (&scratch_key);

  if (scratch != NULL)
    g_private_set (&scratch_key, NULL);
  else
    {
      scratch = g_new0 (Scratch, 1);
      scratch->tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), 256);
      scratch->found = g_array_sized_new (FALSE, FALSE, sizeof (Match), 64);
      scratch->matches = g_array_sized_new (FALSE, FALSE, sizeof (Match), 64);
      scratch->mentions = g_array_sized_new (FALSE, FALSE, sizeof (Mention), 256);
      scratch->candidates = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), 128);
      scratch->slots = g_array_new (FALSE, FALSE, sizeof (int));
      people_init (&scratch->people);
    }
  if (scratch->n_bits < n_bits)
    {
      g_free (scratch->bits);
      scratch->bits = g_new (guint64, n_bits / 64);
      scratch->n_bits = n_bits;
    }
  memset (scratch->bits, 0, n_bits / 8);
  g_array_set_size (scratch->tokens, 0);
  g_array_set_size (scratch->found, 0);
  g_array_set_size (scratch->matches, 0);
  /* Room for the mentions and names of an ordinary text, once, rather than by doubling. */
  g_array_set_size (scratch->mentions, length / 40);
  g_array_set_size (scratch->candidates, length / 80);
  g_array_set_size (scratch->mentions, 0);
  g_array_set_size (scratch->candidates, 0);
  span_map_reset (&scratch->spans);
  people_reset (&scratch->people);
  return scratch;
}

static void
scratch_give_back (Scratch *scratch)
{
  if (scratch->n_bits / 8 > SCRATCH_KEEP_BYTES ||
      scratch->tokens->len * sizeof (Token) > SCRATCH_KEEP_BYTES ||
      scratch->mentions->len * sizeof (Mention) > SCRATCH_KEEP_BYTES ||
      scratch->candidates->len * sizeof (Candidate) > SCRATCH_KEEP_BYTES ||
      scratch->slots->len * sizeof (int) > SCRATCH_KEEP_BYTES ||
      people_size (&scratch->people) > SCRATCH_KEEP_BYTES)
    {
      scratch_free (scratch);
      return;
    }
  /* Another extraction on this thread in between (none today) would have left its own. */
  scratch_free (g_private_get (&scratch_key));
  g_private_set (&scratch_key, scratch);
}

GPtrArray *
dossier_extract_entities (const char *text,
                          GArray     *regions)
{
  g_autofree gunichar *u = NULL;
  gsize length;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  length = strlen (text);
  g_return_val_if_fail (length < G_MAXUINT32, NULL);
  u = dossier_scan_decode_len (text, length, &n);
  return dossier_scan_extract_entities (text, length, u, n, regions);
}

GPtrArray *
dossier_scan_extract_entities (const char     *text,
                               gsize           length,
                               const gunichar *u,
                               guint           n,
                               GArray         *regions)
{
  Scratch *scratch;
  Extractor self = { 0 };
  People *people;
  g_autoptr(GPtrArray) body_names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *result;
  gsize bits = 1u << 12;
  gsize line = 0;
  guint32 cp = 0;

  self.text = text;
  self.length = length;
  self.gazetteer = dossier_gazetteer_get_default ();
  self.lexicon = get_lexicon (self.gazetteer);
  self.regions = regions;
  find_next_region_start (&self);
  /* About two bits per byte of text keeps false positives near 2%. */
  while (bits < 2 * self.length && bits < ((gsize) 1 << 31))
    bits <<= 1;
  scratch = scratch_take (bits, self.length);
  self.tokens = scratch->tokens;
  self.found = scratch->found;
  self.matches = scratch->matches;
  self.mentions = scratch->mentions;
  self.candidates = scratch->candidates;
  self.lower_words = scratch->bits;
  self.lower_mask = bits - 1;
  self.spans = &scratch->spans;
  self.slots = scratch->slots;
  self.acronyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.absorbed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (line < self.length)
    {
      const char *eol = memchr (text + line, '\n', self.length - line);
      gsize line_end = eol != NULL ? (gsize) (eol - text) : self.length;

      process_line (&self, line, line_end, &cp);
      line = line_end + 1;
      cp++;
    }

  if (g_hash_table_size (self.absorbed) > 0)
    reassign_absorbed (&self);
  for (guint i = 0; i < self.candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (self.candidates, Candidate, i);

      if (candidate->kind == CAND_PERSON)
        trim_sentence_initial (&self, candidate);
    }
  people = &scratch->people;
  resolve_people (&self, people);
  resolve_named_bodies (&self, people, body_names);
  result = build_result (&self, people, body_names);
  dossier_extract_add_learned (result, text, length, regions, self.reserved,
                               dossier_ner_model_get_default ());
  g_clear_pointer (&self.reserved, g_array_unref);
  dossier_extract_find_clubs (result, u, n);
  dossier_extract_scoreboard_people (result, u, n);
  dossier_extract_dateline_places (result, u, n);
  dossier_extract_extend_particles (result, u, n);
  dossier_extract_place_first_names (result, u, n);
  dossier_extract_headline_names (result, u, n);
  g_debug ("%" G_GSIZE_FORMAT " bytes: %u mentions, %u candidate names, %u people, %u entities",
           self.length, self.mentions->len, self.candidates->len, people->groups->len, result->len);

  for (guint i = 0; i < self.candidates->len; i++)
    if (g_array_index (self.candidates, Candidate, i).display != NULL)
      g_free (g_array_index (self.candidates, Candidate, i).display);
  scratch_give_back (scratch);
  g_hash_table_unref (self.acronyms);
  g_hash_table_unref (self.absorbed);
  return result;
}
