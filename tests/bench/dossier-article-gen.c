/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-gen"

#include <string.h>

#include "dossier-article-gen.h"

/* Random numbers */

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void
dossier_gen_rng_init (DossierGenRng *rng,
                      guint64        seed)
{
  guint64 x = seed;

  rng->state = splitmix64 (&x);
  /* xorshift must not start from zero */
  if (rng->state == 0)
    rng->state = G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

guint64
dossier_gen_rng_next (DossierGenRng *rng)
{
  guint64 x = rng->state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  rng->state = x;
  return x * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

guint
dossier_gen_rng_below (DossierGenRng *rng,
                       guint          n)
{
  g_return_val_if_fail (n > 0, 0);
  /* The high 32 bits scaled to [0, n): no modulo bias worth speaking of for small n. */
  return (guint) (((dossier_gen_rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* TRUE with probability 1/n. */
static gboolean
one_in (DossierGenRng *rng,
        guint          n)
{
  return dossier_gen_rng_below (rng, n) == 0;
}

/* Vocabulary.  Every name below is invented for this generator. */

static const char * const nouns[] = {
  "council", "government", "city", "report", "plan", "police", "company", "court",
  "minister", "budget", "residents", "project", "water", "school", "election", "workers",
  "market", "port", "hospital", "agreement", "contract", "committee", "investigation", "road",
  "bridge", "union", "ferry", "housing", "energy", "river", "harbour", "price", "tax",
  "law", "vote", "health", "station", "festival", "museum", "storm", "flood", "fire",
  "team", "season", "coach", "league", "farmers", "harvest", "fishing", "fleet", "factory",
  "mine", "railway", "airport", "tunnel", "library", "park", "district", "village", "border",
  "tourism", "hotel", "rent", "wages", "strike", "protest", "petition", "survey", "audit",
  "inquiry", "verdict", "trial", "appeal", "permit", "licence", "grant", "loan", "debt",
  "pension", "clinic", "vaccine", "outbreak", "drought", "forecast", "coastline", "dam",
  "reservoir", "pipeline", "turbine", "grid", "network", "broadband", "software", "data",
  "privacy", "archive", "theatre", "orchestra", "exhibition", "stadium", "tournament",
  "transfer", "referendum", "coalition", "opposition", "parliament", "senate", "mayor",
  "treasury", "bank", "currency", "inflation", "exports", "shipment", "cargo", "warehouse",
  "landlord", "tenants", "students", "teachers", "nurses", "doctors", "volunteers",
  "charity", "donation", "ceremony", "anniversary", "monument", "cathedral", "island",
  "lighthouse", "glacier", "forest", "wildfire", "wetland", "species", "quarry",
};

static const char * const verbs[] = {
  "said", "announced", "approved", "rejected", "delayed", "confirmed", "reported",
  "proposed", "warned", "opened", "closed", "denied", "signed", "criticised", "defended",
  "reviewed", "questioned", "blocked", "extended", "cut", "raised", "suspended", "welcomed",
  "postponed", "cancelled", "launched", "promised", "demanded", "released", "published",
  "challenged", "investigated", "praised", "ordered", "expanded", "restored", "replaced",
  "funded", "inspected", "appealed", "doubled", "halved", "debated", "endorsed", "revised",
  "unveiled", "leaked", "audited", "renamed", "relocated",
};

static const char * const verbs_base[] = {
  "review", "delay", "expand", "fund", "replace", "repair", "reduce", "protect", "open",
  "close", "rebuild", "extend", "cancel", "approve", "restore", "revise", "support",
  "challenge", "publish", "inspect", "relocate", "double", "freeze", "modernise", "audit",
};

static const char * const verbs_present[] = {
  "delays", "approves", "rejects", "backs", "questions", "extends", "cuts", "raises",
  "suspends", "opens", "closes", "reviews", "blocks", "defends", "expands", "revives",
  "scraps", "weighs", "probes", "unveils",
};

static const char * const adjectives[] = {
  "new", "local", "national", "regional", "former", "public", "private", "senior", "major",
  "small", "early", "annual", "final", "second", "independent", "coastal", "northern",
  "southern", "municipal", "temporary", "controversial", "long", "recent", "joint",
  "emergency", "rural", "urban", "foreign", "environmental", "financial", "legal",
  "historic", "unexpected", "detailed", "revised", "cautious", "ambitious", "costly",
  "modest", "rival", "outgoing", "interim", "provincial", "seasonal", "crowded", "empty",
  "flooded", "damaged", "renovated", "disputed",
};

static const char * const adverbs[] = {
  "quietly", "sharply", "formally", "repeatedly", "publicly", "briefly", "finally",
  "narrowly", "unexpectedly", "again", "swiftly", "reluctantly",
};

static const char * const prepositions[] = {
  "over", "about", "against", "for", "near", "around", "despite", "after", "before",
};

static const char * const times[] = {
  "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
  "on Sunday", "last week", "last month", "earlier this year", "in the spring",
  "this morning", "late on Friday", "after a long debate", "for the first time",
  "last autumn", "within hours", "at the weekend",
};

static const char * const roles[] = {
  "mayor", "spokesperson", "director", "chair", "minister", "analyst", "professor",
  "treasurer", "engineer", "lawyer", "organiser", "chief executive", "deputy mayor",
  "councillor", "researcher", "inspector", "harbour master", "head teacher",
};

/* Each appears in roughly one article in 150: the "rare term" queries. */
static const char * const rare_words[] = {
  "abacus", "quagmire", "bathymetry", "hydrofoil", "ombudsman", "tungsten", "marzipan",
  "zeppelin", "mandolin", "aqueduct", "sextant", "obsidian", "kelp", "sandstone",
  "gramophone", "periscope", "catamaran", "telescope", "beekeeping", "saffron", "walrus",
  "porcelain", "cobblestone", "windmill", "lantern", "barometer", "trebuchet", "falconry",
  "harpsichord", "limestone", "meteorite", "almanac", "tapestry", "quince", "juniper",
  "anchovy", "oyster", "puffin", "glassblowing", "typewriter", "carousel", "gondola",
  "funicular", "chandelier", "scaffolding", "bellows", "cormorant", "driftwood", "ironwork",
  "lacquer", "mosaic", "nutmeg", "parchment", "quarantine", "rhubarb", "sturgeon",
  "thatch", "vellum", "wickerwork", "yodelling", "zither", "alpaca", "buttermilk",
  "cartography", "dulcimer", "embroidery", "fennel", "geyser", "hedgehog", "icebreaker",
  "jasmine", "kayak", "lichen", "marionette", "narwhal", "orrery", "pewter", "quartz",
  "rosehip", "sauerkraut", "tinsmith", "ukulele", "vineyard", "waterwheel", "xylophone",
  "yarrow", "zinc", "armadillo", "blacksmith", "candlestick", "dovecote", "eiderdown",
  "flotilla", "gargoyle", "hourglass", "inkwell", "jackdaw", "kiln", "locksmith",
  "millstone", "nettle", "oxbow", "pennant", "quill", "reindeer", "saddlery", "turnip",
  "umbrella", "velvet", "woodpecker", "yew", "anvil", "bramble", "cider", "dormouse",
  "elderflower", "ferret", "goldfinch", "heather", "isinglass", "jellyfish", "kingfisher",
  "loom", "moth", "nightjar", "otter", "pumice", "radish", "seaweed", "thistle", "urchin",
  "vole", "wren", "yak", "astrolabe", "bagpipe", "clockmaker", "dandelion", "eel",
  "foghorn", "gooseberry", "hawthorn", "ivy", "jigsaw", "kettle", "lobster", "mackerel",
};

static const char * const first_names[] = {
  "Ana", "Tomas", "Ilse", "Marek", "Sunniva", "Dario", "Oona", "Feliks", "Maren",
  "Joaquín", "Priya", "Kasimir", "Łucja", "Evander", "Noor", "Bertil", "Selma", "Radu",
  "Inès", "Olamide", "Halvard", "Zoë", "Teodor", "Miriam", "Cosmin", "Aurelie", "Bram",
  "Calla", "Dmitar", "Eskil", "Fenna", "Gideon", "Hanne", "Ivo", "Jolanda", "Kiran",
  "Leontine", "Matthias", "Nadira", "Oskar", "Paloma", "Quentin", "Rosalind", "Stellan",
  "Tamsin", "Ulrike", "Valentin", "Wiebke", "Xavier", "Yusuf", "Zofia", "Amara", "Benedek",
  "Clodagh", "Desmond", "Elif", "Florin", "Greta", "Henrik", "Ines",
};

static const char * const surnames[] = {
  "Varnholt", "Quellmark", "Drossel", "Ambrecht", "Teskovic", "Marrowby", "Halvane",
  "Oberlinde", "Castellet", "Fenwright", "Gorrindel", "Hasselquist", "Ibarrola", "Jessamine",
  "Kettleborough", "Lindqvane", "Morvaine", "Nettleford", "Ostrander", "Pellucci", "Quarrie",
  "Rosskamp", "Sallowmere", "Thorncastle", "Ulvestad", "Vandermeer", "Wexley", "Yarrowby",
  "Zelenkova", "Abernathe", "Brightwater", "Coldicott", "Dunstanville", "Everhart",
  "Falkenrath", "Grimsdottir", "Hollowell", "Ingersoll", "Jarnefelt", "Koskivaara",
  "Larkspur", "Merriwether", "Nowakowska", "Oakenshaw", "Penhaligon", "Rautavaara",
  "Strandberg", "Tillinghast", "Underhay", "Vasquenne", "Whitlock", "Yeardley", "Zabrowski",
  "Ashgrove", "Blackwood", "Crennell", "Delacourt", "Esterhazi", "Fairweather", "Gallacher",
  "Hartigan", "Ivanescu", "Jorundsen", "Kilbride", "Lowenthal", "Mantovani", "Niedermayr",
  "Orsolya", "Pemberton", "Quiller", "Ravensdale", "Szymborek", "Trevanion", "Upshall",
  "Villaret", "Wolstenholme", "Yallop", "Zamoyra", "Dvořen",
};

static const char * const places[] = {
  "Port Ellery", "Vashmoor", "Calder Reach", "Northmere", "Saltmarsh", "Kerrow",
  "Brannoch", "Tessaly", "Halden Cross", "Mirefield", "Aldwater", "Corran Vale", "Istrel",
  "Dunmore Heights", "Ferrisby", "Gallowmere", "Hethering", "Ivel Bay", "Jessop Point",
  "Kilmarra", "Lowbridge", "Marrowgate", "Nethercombe", "Orlen", "Pellmouth", "Quarrendon",
  "Rookhaven", "Stavenholm", "Tarsel", "Upper Wendle", "Velmore", "Westerhaugh",
  "Yarrow Sound", "Zellingen", "Ashcombe", "Brisk Harbour", "Coldwater Fen", "Drummel",
  "Eastwold", "Fennick Isle", "Greyport", "Hollin Ridge", "Inverlay", "Jarrow Mills",
  "Kestrel Bay", "Lanmoor", "Montaury", "Newbarrow", "Oxley Marsh", "Pinecrest",
};

static const char * const outlets[] = {
  "The Maravel Courier", "Northgate Ledger", "Harbour Evening Post", "Calder Reach Gazette",
  "Vashmoor Daily", "The Istrel Observer", "Coastline Wire", "The Meridian Dispatch",
  "Aldwater Chronicle", "Kerrow Tribune", "Radio Tessaly", "The Brannoch Herald",
  "Lowbridge Sentinel", "Westerhaugh Record", "The Pellmouth Mercury", "Greyport Bulletin",
};

static const char * const organizations[] = {
  "the Ministry of Coastal Affairs", "Tarsel Mining Group", "the Ellery Harbour Authority",
  "the Northmere Water Board", "Vashmoor Rail", "the Federation of Ferry Workers",
  "the Saltmarsh Clinic Trust", "Aldwater University", "Corran Energy",
  "the Institute for Regional Studies", "the Brannoch Chamber of Commerce",
  "the Kerrow Fishermen's Cooperative", "Istrel Municipal Transport",
  "the Tessaly Heritage Society", "Greyport Shipping", "the Lowbridge Tenants' Union",
  "the Office of the Regional Auditor", "Halden Cross Football Club",
};

/* Sentence templates.  {n} noun, {v} verb (past), {b} verb (base), {V} verb (present),
 * {a} adjective, {A} "a" or "an" and an adjective, {d} adverb, {p} preposition, {t} time,
 * {P} person, {S} surname, {L} place, {O} organization, {R} role, {M} outlet, {N} a number,
 * {Y} a year. */
static const char * const statements[] = {
  "The {a} {n} {v} the {n} {t}.",
  "{P}, the {R} of {L}, {v} that the {n} would {b} the {a} {n}.",
  "According to {M}, the {n} in {L} {v} {N} percent {p} the {n}.",
  "Officials in {L} {v} the {n} after {a} {n} {t}.",
  "The {n} {v} {d} {p} the {n} of {L}.",
  "{O} {v} the {a} {n} {t}, a move {S} {v} {p} the {n}.",
  "In {Y}, the {n} {v} {A} {n} worth {N} million.",
  "{S} {v} the {n} {p} the {a} {n}, and the {n} {v} {d}.",
  "{A} {n} near {L} was {v} {t}, {O} {v}.",
  "Critics {v} that the {n} had {v} the {n} and the {n} {p} {L}.",
  "The {R} {v} the {a} {n} {t}, saying the {n} could {b} the {n}.",
  "Residents of {L} {v} the {n}, which {O} {v} in {Y}.",
  "Neither the {n} nor the {n} {v} the {a} {n}.",
  "The {a} {n} is expected to {b} the {n} by {Y}.",
  "{P} {v} the {n} of {O} {p} the {a} {n}.",
};

static const char * const quotes[] = {
  "“The {n} will {b} the {a} {n},” said {P}, {R} at {O}.",
  "“We {v} the {n} {t},” {P} said.",
  "“Nobody {v} the {n} until the {a} {n} {v},” said {P}, the {R} in {L}.",
  "“It is {A} {n} for {L},” said {P}.",
  "\"The {n} has to {b} the {n} first,\" {S} told {M}.",
  "“If the {n} {v}, the {n} would {b} the {a} {n},” said {P}, the {R}.",
};

static const char * const headline_templates[] = {
  "{L} {n} {V} {a} {n}",
  "{O} {V} {n} in {L}",
  "{n} {V} {n} after {a} {n}",
  "{S} {V} {n} over {L} {n}",
};

static const struct {
  const char * const *words;
  guint               n_words;
} lists[DOSSIER_GEN_N_LISTS] = {
  [DOSSIER_GEN_NOUNS] = { nouns, G_N_ELEMENTS (nouns) },
  [DOSSIER_GEN_VERBS] = { verbs, G_N_ELEMENTS (verbs) },
  [DOSSIER_GEN_ADJECTIVES] = { adjectives, G_N_ELEMENTS (adjectives) },
  [DOSSIER_GEN_RARE_WORDS] = { rare_words, G_N_ELEMENTS (rare_words) },
  [DOSSIER_GEN_FIRST_NAMES] = { first_names, G_N_ELEMENTS (first_names) },
  [DOSSIER_GEN_SURNAMES] = { surnames, G_N_ELEMENTS (surnames) },
  [DOSSIER_GEN_PLACES] = { places, G_N_ELEMENTS (places) },
  [DOSSIER_GEN_OUTLETS] = { outlets, G_N_ELEMENTS (outlets) },
  [DOSSIER_GEN_ORGANIZATIONS] = { organizations, G_N_ELEMENTS (organizations) },
};

const char * const *
dossier_gen_word_list (DossierGenList  list,
                       guint          *n_words)
{
  g_return_val_if_fail (list < DOSSIER_GEN_N_LISTS, NULL);

  if (n_words != NULL)
    *n_words = lists[list].n_words;
  return lists[list].words;
}

/* Zipf distributions (weight 1/rank) over the frequent lists, as integer cumulative tables
 * so that the draws need no floating point and are the same everywhere. */

typedef struct {
  const char * const *words;
  guint               n_words;
  guint32            *cumulative;
} ZipfList;

static void
zipf_init (ZipfList           *zipf,
           const char * const *words,
           guint               n_words)
{
  guint32 total = 0;

  zipf->words = words;
  zipf->n_words = n_words;
  zipf->cumulative = g_new (guint32, n_words);
  for (guint i = 0; i < n_words; i++)
    {
      total += 1000000u / (i + 1);
      zipf->cumulative[i] = total;
    }
}

static const char *
zipf_pick (const ZipfList *zipf,
           DossierGenRng  *rng)
{
  guint32 r = (guint32) dossier_gen_rng_below (rng, zipf->cumulative[zipf->n_words - 1]);
  guint lo = 0, hi = zipf->n_words - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (zipf->cumulative[mid] > r)
        hi = mid;
      else
        lo = mid + 1;
    }
  return zipf->words[lo];
}

struct _DossierArticleGen {
  guint64  seed;
  ZipfList nouns;
  ZipfList verbs;
  ZipfList adjectives;
};

DossierArticleGen *
dossier_article_gen_new (guint64 seed)
{
  DossierArticleGen *gen = g_new0 (DossierArticleGen, 1);

  gen->seed = seed;
  zipf_init (&gen->nouns, nouns, G_N_ELEMENTS (nouns));
  zipf_init (&gen->verbs, verbs, G_N_ELEMENTS (verbs));
  zipf_init (&gen->adjectives, adjectives, G_N_ELEMENTS (adjectives));
  return gen;
}

void
dossier_article_gen_free (DossierArticleGen *gen)
{
  if (gen == NULL)
    return;
  g_free (gen->nouns.cumulative);
  g_free (gen->verbs.cumulative);
  g_free (gen->adjectives.cumulative);
  g_free (gen);
}

char *
dossier_article_gen_name (guint index)
{
  return g_strdup_printf ("article-%05u.txt", index);
}

#define PICK(rng, array) ((array)[dossier_gen_rng_below ((rng), G_N_ELEMENTS (array))])

/* The people of one article: a few recur, as they do in news stories. */
typedef struct {
  const char *first[4];
  const char *last[4];
} Cast;

static void
append_person (GString       *out,
               const Cast    *cast,
               DossierGenRng *rng,
               gboolean       surname_only)
{
  guint i = dossier_gen_rng_below (rng, G_N_ELEMENTS (cast->first));

  if (surname_only)
    g_string_append (out, cast->last[i]);
  else
    {
      g_string_append (out, cast->first[i]);
      g_string_append_c (out, ' ');
      g_string_append (out, cast->last[i]);
    }
}

/* A noun slot holds one of the rare words once in this many draws. */
#define RARE_NOUN_ONE_IN 200

static void
expand_template (DossierArticleGen *gen,
                 GString           *out,
                 const char        *template,
                 const Cast        *cast,
                 DossierGenRng     *rng)
{
  gsize start = out->len;

  for (const char *p = template; *p; p++)
    {
      if (*p != '{' || p[1] == '\0' || p[2] != '}')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (p[1])
        {
        case 'n':
          if (one_in (rng, RARE_NOUN_ONE_IN))
            g_string_append (out, PICK (rng, rare_words));
          else
            g_string_append (out, zipf_pick (&gen->nouns, rng));
          break;
        case 'v':
          g_string_append (out, zipf_pick (&gen->verbs, rng));
          break;
        case 'b':
          g_string_append (out, PICK (rng, verbs_base));
          break;
        case 'V':
          g_string_append (out, PICK (rng, verbs_present));
          break;
        case 'a':
          g_string_append (out, zipf_pick (&gen->adjectives, rng));
          break;
        case 'A':
          {
            const char *adjective = zipf_pick (&gen->adjectives, rng);

            g_string_append (out, strchr ("aeiou", adjective[0]) ? "an " : "a ");
            g_string_append (out, adjective);
          }
          break;
        case 'd':
          g_string_append (out, PICK (rng, adverbs));
          break;
        case 'p':
          g_string_append (out, PICK (rng, prepositions));
          break;
        case 't':
          g_string_append (out, PICK (rng, times));
          break;
        case 'P':
          append_person (out, cast, rng, FALSE);
          break;
        case 'S':
          append_person (out, cast, rng, TRUE);
          break;
        case 'L':
          g_string_append (out, PICK (rng, places));
          break;
        case 'O':
          g_string_append (out, PICK (rng, organizations));
          break;
        case 'R':
          g_string_append (out, PICK (rng, roles));
          break;
        case 'M':
          g_string_append (out, PICK (rng, outlets));
          break;
        case 'N':
          g_string_append_printf (out, "%u", 2 + dossier_gen_rng_below (rng, 97));
          break;
        case 'Y':
          g_string_append_printf (out, "%u", 2009 + dossier_gen_rng_below (rng, 16));
          break;
        default:
          g_assert_not_reached ();
        }
      p += 2;
    }

  /* Capitalize the first letter of the sentence ("the" → "The"; names already are). */
  for (gsize i = start; i < out->len; i++)
    {
      if (g_ascii_islower (out->str[i]))
        {
          out->str[i] = g_ascii_toupper (out->str[i]);
          break;
        }
      if (g_ascii_isupper (out->str[i]) || (guchar) out->str[i] >= 0x80)
        break;
    }
}

/* Sizes spread evenly around 4 KB. */
#define MIN_ARTICLE_BYTES 3600
#define ARTICLE_BYTES_SPREAD 1000

GBytes *
dossier_article_gen_article (DossierArticleGen *gen,
                             guint              index)
{
  GString *out = g_string_sized_new (MIN_ARTICLE_BYTES + ARTICLE_BYTES_SPREAD + 512);
  DossierGenRng rng;
  Cast cast;
  gsize target;
  gsize body_start;

  g_return_val_if_fail (gen != NULL, NULL);

  /* Each article has a stream of its own, so article N does not depend on articles < N. */
  dossier_gen_rng_init (&rng,
                        gen->seed ^ ((guint64) index * G_GUINT64_CONSTANT (0xD1B54A32D192ED03)));

  for (guint i = 0; i < G_N_ELEMENTS (cast.first); i++)
    {
      cast.first[i] = PICK (&rng, first_names);
      cast.last[i] = PICK (&rng, surnames);
    }

  g_string_append_printf (out, "date %04u-%02u-%02u\n", 2019 + dossier_gen_rng_below (&rng, 6),
                          1 + dossier_gen_rng_below (&rng, 12),
                          1 + dossier_gen_rng_below (&rng, 28));
  g_string_append (out, "title ");
  expand_template (gen, out, PICK (&rng, headline_templates), &cast, &rng);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "source %s\n\n", PICK (&rng, outlets));

  body_start = out->len;
  target = MIN_ARTICLE_BYTES + dossier_gen_rng_below (&rng, ARTICLE_BYTES_SPREAD);
  while (out->len < target)
    {
      guint n_sentences = 2 + dossier_gen_rng_below (&rng, 4);

      if (out->len > body_start)
        g_string_append (out, "\n\n");
      /* Now and then a subheading, as longer stories have. */
      if (out->len > body_start && one_in (&rng, 12))
        {
          expand_template (gen, out, PICK (&rng, headline_templates), &cast, &rng);
          g_string_append (out, "\n\n");
        }
      for (guint i = 0; i < n_sentences && out->len < target; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          if (one_in (&rng, 5))
            expand_template (gen, out, PICK (&rng, quotes), &cast, &rng);
          else
            expand_template (gen, out, PICK (&rng, statements), &cast, &rng);
        }
    }
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}
