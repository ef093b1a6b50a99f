/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dossier-extract"

#include <string.h>

#include "dossier-extract.h"
#include "dossier-source-registry.h"
#include "dossier-text-scan.h"

/*
 * Direct quotations and who they come from.
 *
 * The text is decoded to code points and cut into tokens once.  Quote marks are paired in
 * one pass that knows paragraphs (a quotation may run on into the next one, with or without
 * a fresh opening mark) and skips captions and other furniture inside a paragraph.  Names
 * (capitalized sequences with titles and particles) and outlets (the source registry's names
 * and aliases) become mentions in a second pass.  Each quotation is then attributed from a
 * bounded window of tokens around it: a cue verb after it ("…," he said) or before it in the
 * same sentence (Cruz warned that the "…"), "according to", an outlet as the subject ("IRNA
 * reported") or named as the carrier ("wrote on X", "told Reuters"), and inside an outlet's
 * text the person it reports ("…Bagheri Kani said…," IRNA noted).  Pronouns and
 * descriptions ("he", "the Qatari minister") are resolved to a person named earlier with a
 * small salience model that walks forward with the quotations, so the whole is linear in
 * the text.  The regions are taken as dossier_extract_regions() made them: nothing is read
 * from a caption or boilerplate region.
 */

/* Windows, in tokens: each quotation looks at a bounded stretch around it. */
#define PRE_WINDOW 60
#define POST_WINDOW 40
#define INNER_WINDOW 160
#define NP_MAX 6
#define APPOSITIVE_WINDOW 30
#define RECENT_PERSONS 16
#define MAX_CONTEXT 24
#define CONTEXT_BEFORE 12
#define CONTEXT_AFTER 10
#define CONTEXT_MENTIONS 3
#define MAX_WORD_BYTES 24
#define STEM_BYTES 12

/* Lexicon */

enum {
  W_CUE      = 1 << 0,   /* a verb of saying: said, told, wrote, according (to) */
  W_CUE_IN   = 1 << 1,   /* attributes only inside an outlet's text: expressed, considered */
  W_HE       = 1 << 2,
  W_SHE      = 1 << 3,
  W_PLURAL   = 1 << 4,   /* they, we */
  W_DET      = 1 << 5,
  W_SKIP     = 1 << 6,   /* also, then, later: between a subject and its verb */
  W_STOP     = 1 << 7,   /* a capitalized word that is not part of a name */
  W_TITLE    = 1 << 8,
  W_PARTICLE = 1 << 9,   /* bin, al, de, von inside a name */
  W_ROLE     = 1 << 10,  /* minister, senator: a description of a person */
  W_MEDIA    = 1 << 11,  /* report, agency, media: a description of an outlet */
  W_PLACE    = 1 << 12,  /* a word that makes a name an organisation or a place */
  W_FEMALE   = 1 << 13,
  W_MALE     = 1 << 14,
  W_RELATIVE = 1 << 15,  /* who, which: an appositive clause follows */
  W_COORD    = 1 << 16,  /* and, but, then: a verb whose subject came earlier */
  W_ON       = 1 << 17,  /* on, via: "wrote on X" */
  W_PLURAL_NOUN = 1 << 18, /* set on lookup for a plural role ("officials") */
  W_PREP     = 1 << 19,  /* like, with, for: a name after one is no subject */
};

static const char * const cue_words[] = {
  "said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds",
  "adding", "noted", "notes", "noting", "stressed", "stresses", "stressing", "wrote",
  "writes", "writing", "reported", "reports", "reporting", "according", "asked", "asks",
  "argued", "argues", "arguing", "explained", "explains", "explaining", "warned", "warns",
  "warning", "insisted", "insists", "insisting", "declared", "declares", "declaring",
  "announced", "announces", "continued", "continues", "replied", "replies", "responded",
  "responds", "tweeted", "tweets", "posted", "stated", "emphasized", "emphasised",
  "emphasizes", "emphasises", "emphasizing", "recalled", "recalls", "recalling",
  "acknowledged", "acknowledges", "admitted", "admits", "conceded", "concedes", "claimed",
  "claims", "claiming", "shouted", "yelled", "chanted", "chanting", "quipped", "joked",
  "predicted", "predicts", "promised", "promises", "promising", "vowed", "vows", "vowing",
  "urged", "urges", "urging", "called", "calls", "calling", "described", "describes",
  "describing", "accused", "accuses", "accusing", "demanded", "demands", "interjected",
  "countered", "counters", "reiterated", "reiterates", "repeated", "mused", "observed",
  "complained", "complains", "boasted", "boasts", "suggested", "suggests", "cautioned",
  "concluded", "affirmed", "asserted", "asserts", "confirmed", "confirms", "denied", "denies",
  "objected", "pleaded", "whispered", "wondered", "remarked", "retorted", "agreed", "agrees",
  "lamented", "laments", "praised", "praising", "criticized", "criticised", "slammed",
  "blasted", "dismissed", "dismissing", "testified", "quoted", "quoting", "echoed",
  "recounted", "recounts", "acknowledging", "insisted", "thundered", "exclaimed", "added",
  "explain", "write", "tweet", "post", "posting", "wrote", "maintained", "maintains",
  "contended", "contends", "charged", "scoffed", "snapped", "sighed", "jokes", "joking",
  "sniped", "snipes", "characterized", "characterizes", "characterised", "decried", "decries",
  "questioned", "questioning", "predicting", "remembered", "remembers", "vented", "expressed",
  "expresses", "likened", "branded", "labeled", "labelled", "dubbed", "termed", "blamed",
  "mocked", "derided", "hailed", "pledged", "touted", "touting", "chided", "scolded",
  "proclaimed", "texted", "emailed", "messaged", "penned", "cited", "citing", "shot",
  "fired", "answered", "replying", "telling", "asking", "adds", "wondering", "warning",
};

static const char * const inner_cue_words[] = {
  "expressed", "expresses", "considered", "considers", "touched", "highlighted",
  "highlights", "underlined", "underlines", "underscored", "underscores", "pointed",
  "referred", "hoped", "welcomed", "welcomes", "condemned", "condemns", "voiced", "conveyed",
  "discussed", "discusses", "emphasised", "described", "criticized", "announced", "called",
};

static const char * const det_words[] = {
  "the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those",
  "my", "your", "another", "one",
};

static const char * const skip_words[] = {
  "also", "then", "later", "further", "recently", "once", "again", "has", "had", "have",
  "previously", "repeatedly", "earlier", "simply", "just", "finally", "still", "reportedly",
  "both", "all", "would", "will", "already", "publicly", "privately", "separately",
  "quickly", "flatly", "initially", "subsequently", "similarly", "specifically", "often",
  "never", "always", "only", "even", "famously", "once", "angrily", "bluntly", "did",
  "does", "do", "is", "was", "had", "could", "may", "might", "can", "should", "been", "are",
  "were", "being", "now", "currently", "since",
};

static const char * const stop_words[] = {
  "the", "a", "an", "and", "but", "or", "nor", "so", "yet", "in", "on", "at", "for", "with",
  "by", "from", "to", "of", "as", "if", "when", "while", "after", "before", "since", "until",
  "although", "though", "because", "meanwhile", "however", "also", "still", "now", "then",
  "there", "here", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we",
  "i", "you", "his", "her", "their", "our", "my", "your", "him", "them", "us", "me", "who",
  "what", "where", "why", "how", "which", "whose", "both", "all", "some", "many", "most",
  "several", "each", "every", "no", "not", "yes", "thank", "thanks", "please", "even",
  "only", "just", "today", "yesterday", "tomorrow", "tonight", "last", "next", "first",
  "second", "third", "under", "over", "during", "despite", "according", "asked", "speaking",
  "referring", "taken", "including", "like", "unlike", "instead", "indeed", "moreover",
  "furthermore", "overall", "later", "earlier", "once", "finally", "again", "otherwise",
  "perhaps", "maybe", "among", "between", "against", "without", "within", "through",
  "across", "about", "above", "below", "around", "behind", "beyond", "near", "per", "via",
  "whether", "let", "do", "does", "did", "is", "are", "was", "were", "be", "been", "has",
  "have", "had", "will", "would", "can", "could", "should", "must", "might", "shall", "one",
  "two", "three", "four", "five", "ten", "into", "onto", "up", "down", "out", "off", "other",
  "another", "such", "than", "therefore", "thus", "hence", "sources", "monday", "tuesday",
  "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
  "april", "june", "july", "august", "september", "october", "november", "december", "jan",
  "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "am", "pm",
  "breaking", "update", "updated", "editor", "note", "photo", "video", "watch", "read",
  "said", "says", "told", "wrote", "added", "noted", "reported", "latest", "new", "more",
  "everyone", "everybody", "nobody", "someone", "somebody", "anyone", "anybody", "folks",
  "ok", "okay", "oh", "well", "look", "listen", "tragically", "sadly", "together",
  "regardless", "whatever", "wherever", "whenever", "ultimately", "clearly", "obviously",
};

static const char * const title_words[] = {
  "president", "vice", "prime", "minister", "foreign", "defense", "defence", "interior",
  "finance", "deputy", "acting", "former", "late", "secretary", "general", "gen", "lt", "col",
  "maj", "capt", "sgt", "adm", "admiral", "commander", "chief", "sen", "senator", "rep",
  "representative", "congressman", "congresswoman", "gov", "governor", "mayor", "judge",
  "justice", "ambassador", "envoy", "special", "spokesman", "spokeswoman", "spokesperson",
  "director", "chairman", "chairwoman", "speaker", "leader", "supreme", "king", "queen",
  "prince", "princess", "crown", "emir", "sheikh", "sheik", "sheikha", "sultan", "ayatollah",
  "imam", "rabbi", "pope", "cardinal", "bishop", "mr", "mrs", "ms", "miss", "dr", "prof",
  "professor", "sir", "dame", "lord", "lady", "mullah", "hojatoleslam", "marshal", "brig",
  "brigadier", "major", "colonel", "lieutenant", "sergeant", "captain", "attorney",
  "chancellor", "premier", "sec", "atty", "inspector", "senior", "grand", "mufti", "ceo",
  "rev", "reverend", "president-elect", "first", "lady", "field", "state",
  "majority", "minority", "whip", "commissioner", "superintendent", "sheriff", "detective",
  "officer", "pastor", "father", "sister", "brother", "madam", "excellency",
  "highness", "majesty", "new", "gubernatorial", "presidential", "candidate", "nominee",
  "republican", "democratic", "democrat", "independent", "gop", "labor", "labour",
  "conservative", "liberal", "councillor", "councilor", "councilman", "councilwoman",
  "alderman", "alderwoman", "assemblyman", "assemblywoman", "magistrate", "prosecutor",
};

static const char * const particle_words[] = {
  "bin", "bint", "ibn", "al", "el", "de", "da", "di", "du", "del", "della", "der", "den",
  "van", "von", "le", "la", "abu", "bu", "dos", "das", "ben", "ter", "zu", "y", "st",
  "mc", "ul", "ud", "ad", "as", "an", "af",
};

static const char * const role_words[] = {
  "minister", "president", "senator", "governor", "candidate", "spokesman", "spokeswoman",
  "spokesperson", "official", "diplomat", "leader", "chief", "envoy", "ambassador",
  "secretary", "general", "commander", "lawyer", "attorney", "director", "chairman",
  "chairwoman", "businessman", "businesswoman", "mogul", "nominee", "congressman",
  "congresswoman", "lawmaker", "legislator", "councillor", "councilor", "councilman",
  "councilwoman", "alderman", "alderwoman", "assemblyman", "assemblywoman", "magistrate",
  "prosecutor", "representative", "premier", "king", "queen",
  "prince", "emir", "sheikh", "judge", "mayor", "founder", "executive", "ceo", "moderator",
  "host", "anchor", "analyst", "expert", "professor", "researcher", "activist", "adviser",
  "advisor", "aide", "strategist", "manager", "frontrunner", "front-runner", "rival",
  "opponent", "challenger", "incumbent", "billionaire", "author", "writer", "journalist",
  "reporter", "correspondent", "editor", "columnist", "officer", "agent", "negotiator",
  "counterpart", "pastor", "cleric", "ayatollah", "rabbi", "imam", "priest", "bishop",
  "pope", "witness", "woman", "man", "mother", "father", "son", "daughter", "wife",
  "husband", "owner", "employee", "staffer", "student", "graduate", "voter", "supporter",
  "farmer", "salesman", "instructor", "teacher", "doctor", "nurse", "soldier", "militant",
  "fighter", "chancellor", "deputy", "head", "boss", "star", "actor", "actress", "singer",
  "player", "coach", "prosecutor", "defendant", "plaintiff", "economist", "scientist",
  "historian", "commentator", "pollster", "organizer", "resident", "neighbor", "friend",
  "colleague", "partner", "veteran", "occupier", "rancher", "sheriff", "investigator",
  "protester", "demonstrator", "worker", "consultant", "surrogate", "donor", "speaker",
  "chairperson", "diplomat", "politician", "operative", "insider", "source", "lawyers",
  "mogul", "entrepreneur", "principal", "superintendent", "commissioner", "governor-elect",
  "president-elect", "minister-designate", "clergyman", "general", "admiral", "colonel",
  "captain", "representative", "delegate", "monarch", "crown",
};

static const char * const media_words[] = {
  "report", "agency", "media", "outlet", "newspaper", "paper", "daily", "broadcaster",
  "channel", "network", "website", "site", "wire", "tv", "television", "radio", "station",
  "magazine", "publication", "newswire", "tabloid", "weekly", "broadcast", "bulletin",
  "dispatch", "article", "readout", "communique", "communiqué",
};

static const char * const place_words[] = {
  "university", "college", "school", "house", "senate", "congress", "parliament", "party",
  "committee", "council", "department", "ministry", "agency", "news", "post", "times",
  "journal", "press", "media", "network", "channel", "television", "tv", "radio", "court",
  "republic", "kingdom", "emirates", "states", "united", "union", "nations", "airlines",
  "airways", "group", "company", "corporation", "corp", "inc", "ltd", "bank", "fund",
  "foundation", "institute", "center", "centre", "organization", "organisation",
  "association", "league", "army", "forces", "force", "guard", "guards", "corps", "navy",
  "office", "board", "commission", "administration", "authority", "police", "service",
  "city", "county", "province", "region", "street", "avenue", "square", "island", "islands",
  "gulf", "sea", "ocean", "river", "lake", "mountains", "valley", "beach", "airport",
  "station", "hospital", "church", "mosque", "palace", "hall", "tower", "building",
  "embassy", "hotel", "park", "club", "museum", "library", "cabinet", "government",
  "federation", "alliance", "coalition", "movement", "front", "brigades", "north", "south",
  "east", "west", "middle", "northern", "southern", "eastern", "western", "central", "saint",
  "san", "los", "las", "fort", "mount", "carolina", "dakota", "jersey", "york", "hampshire",
  "mexico", "virginia", "arabia", "korea", "zealand", "africa", "america", "europe", "asia",
  "strip", "aviv", "hill", "bay", "coast", "lanka", "kong", "rica", "salvador", "angeles",
  "vegas", "moines", "francisco", "diego", "antonio", "orleans", "jerusalem", "gaza",
  "lebanon", "syria", "iran", "iraq", "israel", "qatar", "russia", "china", "ukraine",
  "turkey", "egypt", "tehran", "doha", "moscow", "kyiv", "beijing", "baghdad", "damascus",
  "beirut", "cairo", "london", "paris", "berlin", "hamas", "hezbollah", "nato",
  "irgc", "eu", "un", "us", "uk", "usa", "iaea", "fbi", "cia", "gop", "isis", "pentagon",
  "kremlin", "capitol", "obamacare", "super",
  "democrats", "republicans", "democratic", "republican", "caucus", "caucuses", "primary",
  "convention", "debate", "campaign", "facebook", "twitter", "google", "amazon", "apple",
  "microsoft", "reuters", "act", "law", "bill", "plan", "program", "project", "initiative",
  "summit", "conference", "forum", "war", "crisis", "day", "week", "year", "era",
  "revolution", "accord", "agreement", "treaty", "deal", "iranian", "israeli", "american",
  "russian", "chinese", "arab", "qatari", "iraqi", "syrian", "lebanese", "turkish",
  "egyptian", "saudi", "european", "british", "french", "german", "ukrainian", "palestinian",
  "jewish", "muslim", "christian", "islamic", "western", "federal", "national",
  "international", "global", "world", "county", "district", "township", "village", "valley",
};

static const char * const female_words[] = {
  "mrs", "ms", "miss", "queen", "princess", "lady", "dame", "madam", "sheikha",
  "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "she", "her",
  "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica",
  "sarah", "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly",
  "emily", "donna", "michelle", "carol", "amanda", "melissa", "deborah", "stephanie",
  "rebecca", "laura", "sharon", "cynthia", "kathleen", "amy", "shirley", "angela", "helen",
  "anna", "brenda", "pamela", "nicole", "samantha", "katherine", "emma", "ruth", "christine",
  "catherine", "debra", "rachel", "carolyn", "janet", "virginia", "maria", "heather",
  "diane", "julie", "joyce", "victoria", "kelly", "christina", "joan", "evelyn", "lauren",
  "judith", "olivia", "martha", "cheryl", "megan", "andrea", "hannah", "jacqueline", "ann",
  "jean", "alice", "kathryn", "gloria", "teresa", "doris", "sara", "janice", "julia",
  "marie", "madison", "grace", "judy", "theresa", "beverly", "denise", "marilyn", "amber",
  "danielle", "abigail", "brittany", "rose", "diana", "natalie", "sophia", "alexis", "lori",
  "kayla", "jane", "hillary", "carly", "nikki", "sarah", "condoleezza", "louise", "nancy",
  "kamala", "ursula", "angela", "theresa", "golda", "tzipi", "ayelet", "miri", "fatima",
  "aisha", "maryam", "zahra", "leila", "layla", "nour", "noor", "rania", "huda", "mona",
  "yasmin", "zainab", "shirin", "narges", "masih", "farah", "natalia", "olga", "svetlana",
  "tatiana", "irina", "elena", "yulia", "maria", "marine", "annalena", "giorgia", "kaja",
  "samantha", "nikki", "kristi", "marsha", "elise", "liz", "kellyanne", "sheryl", "ivanka",
  "melania", "michele", "debbie", "tammy", "kirsten", "elizabeth", "hope", "kate", "claire",
  "sophie", "isabelle", "anne", "sandra", "alexandria", "ilhan", "rashida", "tulsi",
  "stacey", "stacy", "tarla", "jill", "laura", "barbara", "cindy", "heidi", "gretchen",
};

static const char * const male_words[] = {
  "mr", "king", "prince", "sir", "lord", "sheikh", "sheik", "emir", "sultan",
  "congressman", "spokesman", "chairman", "businessman", "ayatollah", "pope", "imam",
  "mullah", "he", "his", "him",
  "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
  "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven",
  "paul", "andrew", "joshua", "kenneth", "kevin", "brian", "george", "timothy", "ronald",
  "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan",
  "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory",
  "alexander", "frank", "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron",
  "jose", "adam", "nathan", "henry", "douglas", "zachary", "peter", "kyle", "ethan",
  "walter", "noah", "jeremy", "christian", "keith", "roger", "terry", "gerald", "harold",
  "sean", "austin", "carl", "arthur", "lawrence", "dylan", "jesse", "jordan", "bryan",
  "billy", "joe", "bruce", "gabriel", "logan", "albert", "willie", "alan", "juan", "wayne",
  "elijah", "randy", "roy", "vincent", "ralph", "eugene", "russell", "bobby", "mason",
  "philip", "louis", "bob", "bill", "jeb", "ted", "marco", "chris", "ben", "mike", "rand",
  "bernie", "barack", "mitt", "rick", "jim", "tom", "tim", "newt", "dick", "al", "harry",
  "dean", "joe", "jeff", "mitch", "lindsey", "rudy", "steve", "tony", "vladimir", "sergei",
  "sergey", "dmitry", "mikhail", "ivan", "alexei", "viktor", "volodymyr", "recep", "emmanuel",
  "olaf", "boris", "rishi", "keir", "benjamin", "yair", "naftali", "bezalel", "itamar",
  "yoav", "isaac", "yitzhak", "shimon", "ariel", "ehud", "avigdor", "ali", "mohammed",
  "muhammad", "mohammad", "ahmed", "ahmad", "mahmoud", "hassan", "hussein", "hossein",
  "abbas", "ebrahim", "ibrahim", "javad", "hassan", "mahmoud", "masoud", "khaled", "khalid",
  "ismail", "yahya", "hamad", "tamim", "abdullah", "abdulrahman", "salman", "faisal", "fuad",
  "omar", "umar", "yusuf", "youssef", "mustafa", "nasser", "nasrallah", "qassem", "amos",
  "antony", "lloyd", "jake", "xi", "wang", "li", "narendra", "shinzo", "fumio", "kim",
  "carlos", "luis", "jorge", "pedro", "miguel", "javier", "francisco", "amir", "reza",
  "mojtaba", "saeed", "said", "rafael", "mariano", "javad", "ehsan", "ammar", "cory", "gary",
  "lincoln", "newt", "ryan", "kasich", "ben", "ammon", "ryan", "lavoy", "marco", "jeb",
  "rand", "carson", "chris", "mario", "tom", "lou", "corey", "sam", "nate", "rex", "kurt",
};

static const char * const relative_words[] = { "who", "whose", "which", "whom" };
static const char * const prep_words[] = {
  "like", "with", "for", "of", "in", "on", "at", "by", "from", "to", "about", "against",
  "between", "among", "after", "before", "during", "under", "over", "through", "without",
  "unlike", "including", "despite", "toward", "towards", "into", "onto", "upon", "behind",
  "beyond", "near", "via", "per", "than", "as", "alongside", "besides",
};
static const char * const coord_words[] = { "and", "but", "then", "or", "before", "after" };
static const char * const on_words[] = { "on", "via" };

typedef struct {
  int       source;      /* index into Lexicon.sources */
  gboolean  platform;    /* a social platform: X, Telegram */
  guint     n_tokens;
  guint     skip;        /* 1 when indexed under the word after a leading "The" */
  gunichar *cps;
  guint    *offsets;     /* n_tokens + 1 offsets into cps */
} OutletEntry;

/* The word lists in an open-addressing table: every capitalized word of a text is looked
 * up, so the lookup hashes while it lowercases and compares strings only on a hash match.
 * The slots the probes read hold the hash and the class alone (a class is never 0, which
 * marks an empty slot), so that they fit in the first-level cache. */
#define WORD_SLOTS 4096

typedef struct {
  guint32 hash;
  guint32 cls;
} WordSlot;

typedef struct {
  GPtrArray  *sources;   /* DossierSourceEntry */
  GArray     *entries;   /* OutletEntry */
  GHashTable *by_token;  /* hash of a token's code points -> GArray of guint entry indices */
  WordSlot    words[WORD_SLOTS];
  const char *word_text[WORD_SLOTS];
  gsize       word_len[WORD_SLOTS];
} Lexicon;

static guint32
hash_cps (const gunichar *cps,
          guint           len)
{
  guint32 h = 2166136261u;

  for (guint i = 0; i < len; i++)
    {
      h ^= cps[i];
      h *= 16777619u;
    }
  return h;
}

static guint32
hash_word (const char *word,
           gsize       len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) word[i];
      h *= 16777619u;
    }
  return h;
}

static guint32
lookup_word (const Lexicon *lex,
             const char    *word,
             gsize          len,
             guint32        hash)
{
  for (guint32 i = hash & (WORD_SLOTS - 1);; i = (i + 1) & (WORD_SLOTS - 1))
    {
      const WordSlot *slot = &lex->words[i];

      if (slot->cls == 0)
        return 0;
      if (slot->hash == hash && lex->word_len[i] == len &&
          dossier_scan_same_bytes (lex->word_text[i], word, len))
        return slot->cls;
    }
}

static void
add_words (Lexicon            *lex,
           const char * const *words,
           guint               n_words,
           guint32             cls)
{
  for (guint k = 0; k < n_words; k++)
    {
      gsize len = strlen (words[k]);
      guint32 hash = hash_word (words[k], len);

      for (guint32 i = hash & (WORD_SLOTS - 1);; i = (i + 1) & (WORD_SLOTS - 1))
        {
          WordSlot *slot = &lex->words[i];

          g_assert (cls != 0);
          if (slot->cls == 0)
            {
              lex->word_text[i] = words[k];
              lex->word_len[i] = len;
              slot->hash = hash;
              slot->cls = cls;
              break;
            }
          if (slot->hash == hash && strcmp (lex->word_text[i], words[k]) == 0)
            {
              slot->cls |= cls;
              break;
            }
        }
    }
}

/* The token boundaries the whole file uses: letters and digits, with apostrophes, hyphens
 * and inner full stops ("U.S") between them.  Returns the end of the token at @i (a word,
 * or a single character of punctuation). */
static inline guint
scan_token (const gunichar *u,
            guint           n,
            guint           i,
            gboolean       *word)
{
  guint j = i + 1;

  *word = dossier_scan_is_word_char (u[i]);
  if (!*word)
    return j;
  while (j < n)
    {
      gunichar c;

      /* Plain ASCII letters and digits, the bulk of any word, without a call. */
      while (j < n && u[j] < 0x80 && dossier_scan_ascii_alnum[u[j]])
        j++;
      if (j >= n)
        break;
      c = u[j];
      if (c == ' ' || c == ',' || c == '\n')
        break;
      if (c >= 0x80 && dossier_scan_is_word_char (c))
        j++;
      else if ((dossier_scan_is_apostrophe (c) || c == '-' || c == 0x2011 ||
                (c == '.' && j - i == 1 && j + 1 < n && dossier_scan_is_upper (u[j + 1]))) &&
               j + 1 < n && dossier_scan_is_word_char (u[j + 1]))
        j += 2;
      else
        break;
    }
  return j;
}

static void
add_outlet_entry (Lexicon    *lex,
                  int         source,
                  gboolean    platform,
                  const char *name)
{
  OutletEntry entry = { source, platform, 0, 0, NULL, NULL };
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *cps = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autofree gunichar *u = NULL;
  glong n = 0;

  u = g_utf8_to_ucs4_fast (name, -1, &n);
  for (guint i = 0; i < (guint) n;)
    {
      gboolean word;
      guint end, off;

      if (dossier_scan_is_space (u[i]))
        {
          i++;
          continue;
        }
      end = scan_token (u, (guint) n, i, &word);
      off = cps->len;
      g_array_append_val (offsets, off);
      g_array_append_vals (cps, u + i, end - i);
      i = end;
    }
  entry.n_tokens = offsets->len;
  g_array_append_val (offsets, cps->len);
  if (entry.n_tokens == 0)
    {
      g_array_unref (cps);
      return;
    }
  entry.cps = (gunichar *) (void *) g_array_free (cps, FALSE);
  entry.offsets = (guint *) (void *) g_array_free (g_steal_pointer (&offsets), FALSE);

  /* Index under the first token, and under the second too when the first is "The", so
   * that "the Guardian" and "The Times" are found from their distinctive word. */
  for (guint skip = 0; skip < 2 && skip < entry.n_tokens; skip++)
    {
      const gunichar *tok = entry.cps + entry.offsets[skip];
      guint len = entry.offsets[skip + 1] - entry.offsets[skip];
      guint32 h = hash_cps (tok, len);
      GArray *list = g_hash_table_lookup (lex->by_token, GUINT_TO_POINTER (h));
      guint index;

      if (skip == 1 && !(len > 0 && entry.offsets[1] == 3 && entry.cps[0] == 'T' &&
                         entry.cps[1] == 'h' && entry.cps[2] == 'e'))
        break;
      entry.skip = skip;
      index = lex->entries->len;
      g_array_append_val (lex->entries, entry);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (lex->by_token, GUINT_TO_POINTER (h), list);
        }
      g_array_append_val (list, index);
    }
}

static gpointer
load_lexicon (gpointer data)
{
  Lexicon *lex = g_new0 (Lexicon, 1);
  g_autoptr(GError) error = NULL;

  lex->entries = g_array_new (FALSE, FALSE, sizeof (OutletEntry));
  lex->by_token = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                         (GDestroyNotify) g_array_unref);
  /* The lists hold about 1,500 words: the table stays under half full. */
  add_words (lex, cue_words, G_N_ELEMENTS (cue_words), W_CUE);
  add_words (lex, inner_cue_words, G_N_ELEMENTS (inner_cue_words), W_CUE_IN);
  add_words (lex, det_words, G_N_ELEMENTS (det_words), W_DET);
  add_words (lex, skip_words, G_N_ELEMENTS (skip_words), W_SKIP);
  add_words (lex, stop_words, G_N_ELEMENTS (stop_words), W_STOP);
  add_words (lex, title_words, G_N_ELEMENTS (title_words), W_TITLE);
  add_words (lex, particle_words, G_N_ELEMENTS (particle_words), W_PARTICLE);
  add_words (lex, role_words, G_N_ELEMENTS (role_words), W_ROLE);
  add_words (lex, media_words, G_N_ELEMENTS (media_words), W_MEDIA);
  add_words (lex, place_words, G_N_ELEMENTS (place_words), W_PLACE);
  add_words (lex, female_words, G_N_ELEMENTS (female_words), W_FEMALE);
  add_words (lex, male_words, G_N_ELEMENTS (male_words), W_MALE);
  add_words (lex, relative_words, G_N_ELEMENTS (relative_words), W_RELATIVE);
  add_words (lex, coord_words, G_N_ELEMENTS (coord_words), W_COORD);
  add_words (lex, on_words, G_N_ELEMENTS (on_words), W_ON);
  add_words (lex, prep_words, G_N_ELEMENTS (prep_words), W_PREP);
  {
    static const char * const he[] = { "he" }, * const she[] = { "she" };
    static const char * const plural[] = { "they", "we" };

    add_words (lex, he, 1, W_HE);
    add_words (lex, she, 1, W_SHE);
    add_words (lex, plural, 2, W_PLURAL);
  }

  lex->sources = dossier_source_registry_load_default (&error);
  if (lex->sources == NULL)
    {
      g_warning ("The source registry did not load, outlets will not be named: %s",
                 error->message);
      lex->sources = g_ptr_array_new ();
    }
  for (guint i = 0; i < lex->sources->len; i++)
    {
      const DossierSourceEntry *source = g_ptr_array_index (lex->sources, i);
      gboolean platform = g_strcmp0 (source->kind, "social-platform") == 0;

      add_outlet_entry (lex, (int) i, platform, source->name);
      for (guint k = 0; source->aliases[k] != NULL; k++)
        add_outlet_entry (lex, (int) i, platform, source->aliases[k]);
    }
  return lex;
}

static const Lexicon *
get_lexicon (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_lexicon, NULL);
}

static const char *
outlet_name (const Lexicon *lex,
             int            source)
{
  const DossierSourceEntry *entry = g_ptr_array_index (lex->sources, (guint) source);

  return entry->name;
}

/* Tokens */

typedef enum {
  TOKEN_WORD,
  TOKEN_PUNCT,
  TOKEN_MARK,   /* a quote mark, double or single */
} TokenKind;

enum {
  TOKEN_CAPITAL    = 1 << 0,
  TOKEN_ALL_CAPS   = 1 << 1,
  TOKEN_POSSESSIVE = 1 << 2,   /* "Iran’s": the name ends two code points earlier */
  TOKEN_PARAGRAPH  = 1 << 3,   /* first token of a paragraph */
  TOKEN_SENTENCE   = 1 << 4,   /* first token of a sentence */
  TOKEN_QUOTED     = 1 << 5,
  TOKEN_FURNITURE  = 1 << 6,   /* caption or boilerplate */
  TOKEN_HEADLINE   = 1 << 7,
  TOKEN_LOOKED_UP  = 1 << 8,
  TOKEN_SPLICED    = 1 << 9,   /* a headline inside a body paragraph */
  TOKEN_OWNER      = 1 << 10,  /* a possessive that owns what follows, not "Christie's been" */
  TOKEN_KEYED      = 1 << 11,  /* Token.key is name_key()'s */
};

typedef struct {
  guint   start;
  guint   end;
  guint   para;
  guint   sentence;
  guint32 cls;
  guint32 key;     /* name_key (), once computed */
  int     mention;
  guint16 flags;
  guint16 kind;
} Token;

typedef enum {
  MENTION_NAME,     /* a capitalized word or two, not known to be a person */
  MENTION_PERSON,
  MENTION_GROUP,    /* an organisation or a place */
  MENTION_OUTLET,
  MENTION_DESCRIPTION, /* "The Iranian foreign minister" starting a sentence */
  MENTION_TITLE,    /* titles without a name: "Foreign Minister" */
} MentionKind;

typedef struct {
  guint       first;     /* tokens, inclusive */
  guint       last;
  guint       start;     /* code points, a possessive "’s" excluded */
  guint       end;
  MentionKind kind;
  int         entity;
  int         outlet;    /* registry index */
  gboolean    platform;
  guint32     key;       /* name_key() of the last word */
} Mention;

typedef struct {
  guint32 key;                 /* the surname's */
  guint32 names[4];            /* the name's words, folded, last four */
  guint   n_names;
  int     prev_same;           /* the entity made before with the same surname, or -1 */
  guint32 gender;              /* W_HE, W_SHE or 0 */
  int     last_mention;        /* outside quotations */
  int     last_mention_any;
  guint   last_tok;            /* token of last_mention */
  guint   last_subject_tok;    /* last time it began a sentence or was given a quotation */
  guint   last_subject_para;
  guint   n_mentions;
  guint   n_context;
  char    context[MAX_CONTEXT][STEM_BYTES];
} Entity;

typedef struct {
  guint    open_tok;     /* the opening mark */
  guint    close_tok;    /* the closing mark, or G_MAXUINT */
  guint    last_tok;     /* the last token inside */
  guint    start;        /* code points, marks excluded */
  guint    end;
  gboolean single;
  gboolean headline;
} Quote;

typedef enum {
  ZONE_BODY,
  ZONE_HEADLINE,
  ZONE_FURNITURE,
} Zone;

/* The working memory of one extraction, kept by each thread for the next one, so that a
 * text of a few kilobytes is read without a large allocation (and the allocator's merging
 * of free blocks that each one sets off). */
typedef struct {
  guint8     *zone;
  gsize       zone_size;
  GArray     *tokens;
  GArray     *para_has_body;
  GArray     *quotes;
  GArray     *mentions;
  GArray     *merged;       /* find_descriptions () */
  GArray     *extra;
  GArray     *entities;
  GArray     *own;
  GArray     *sentences;
  GHashTable *entity_by_key;
  GString    *text;         /* quote_text () */
} QuoteScratch;

typedef struct {
  QuoteScratch   *scratch;
  const Lexicon  *lex;
  const gunichar *u;
  guint           n;
  guint8         *zone;
  GArray         *tokens;
  GArray         *para_has_body;   /* gboolean per paragraph */
  GArray         *quotes;
  GArray         *mentions;
  GArray         *entities;
  GHashTable     *entity_by_key;

  /* The salience state, moved forward through the mentions as quotations are attributed. */
  guint next_mention;
  int   recent[RECENT_PERSONS];     /* entities by last mention outside quotations */
  guint n_recent;
  int   recent_any[RECENT_PERSONS]; /* the same, quotations included */
  guint n_recent_any;
  int   last_outlet;
  int   last_speaker;
  guint last_speaker_tok;
  guint last_speaker_para;
  guint subject_sentence;          /* the sentence whose subject was last taken */
} Scan;

#define TOK(s, i) (&g_array_index ((s)->tokens, Token, (i)))
#define MENTION(s, i) (&g_array_index ((s)->mentions, Mention, (i)))
#define ENTITY(s, i) (&g_array_index ((s)->entities, Entity, (i)))

static guint32
compute_token_class (Scan  *s,
                     guint  t)
{
  Token *tok = TOK (s, t);
  char word[MAX_WORD_BYTES];
  guint len = 0, end;
  guint32 cls, hash = 2166136261u;

  tok->flags |= TOKEN_LOOKED_UP;
  tok->cls = 0;
  if (tok->kind != TOKEN_WORD)
    return 0;
  end = (tok->flags & TOKEN_POSSESSIVE) ? tok->end - 2 : tok->end;
  if (end - tok->start >= sizeof word)
    return 0;
  for (guint i = tok->start; i < end; i++)
    {
      gunichar c = s->u[i];

      if (c == 0x2019)
        c = '\'';
      if (c >= 0x80)
        return 0;
      word[len] = (char) dossier_scan_ascii_lower (c);
      hash = (hash ^ (guchar) word[len]) * 16777619u;
      len++;
    }
  word[len] = '\0';
  cls = lookup_word (s->lex, word, len, hash);
  /* Plural descriptions: "officials said", "her lawyers". */
  if (cls == 0 && len > 3 && word[len - 1] == 's')
    {
      word[len - 1] = '\0';
      if (lookup_word (s->lex, word, len - 1, hash_word (word, len - 1)) & (W_ROLE | W_MEDIA))
        cls = W_ROLE | W_PLURAL_NOUN;
      else if (len > 4 && word[len - 2] == 'e' && word[len - 3] == 'i')
        {
          word[len - 3] = 'y';
          word[len - 2] = '\0';
          if (lookup_word (s->lex, word, len - 2, hash_word (word, len - 2)) & W_ROLE)
            cls = W_ROLE | W_PLURAL_NOUN;
        }
    }
  else if (cls == 0 && len > 3 && strcmp (word + len - 3, "men") == 0)
    cls = W_ROLE | W_PLURAL_NOUN; /* spokesmen, congressmen */
  tok->cls = cls;
  return cls;
}

/* The word classes of token @t, looked up once. */
static inline guint32
token_class (Scan  *s,
             guint  t)
{
  const Token *tok = TOK (s, t);

  return (tok->flags & TOKEN_LOOKED_UP) ? tok->cls : compute_token_class (s, t);
}

static inline gboolean
token_is (Scan       *s,
          guint       t,
          const char *ascii)
{
  const Token *tok = TOK (s, t);
  guint i = tok->start;

  for (; *ascii != '\0'; ascii++, i++)
    if (i >= tok->end || dossier_scan_ascii_lower (s->u[i]) != (guchar) *ascii)
      return FALSE;
  return i == tok->end;
}

static inline gboolean
token_is_char (Scan     *s,
               guint     t,
               gunichar  c)
{
  const Token *tok = TOK (s, t);

  return tok->kind != TOKEN_WORD && s->u[tok->start] == c;
}

static inline gboolean
is_lowercase_word (Scan  *s,
                   guint  t)
{
  const Token *tok = TOK (s, t);

  return tok->kind == TOKEN_WORD && dossier_scan_is_lower (s->u[tok->start]);
}

/* Adverbs in -ly between a subject and its verb: "he said flatly", "Trump angrily said". */
static gboolean
is_skippable (Scan  *s,
              guint  t)
{
  const Token *tok = TOK (s, t);

  if (tok->kind != TOKEN_WORD)
    return FALSE;
  if (token_class (s, t) & W_SKIP)
    return TRUE;
  return is_lowercase_word (s, t) && tok->end - tok->start > 4 && s->u[tok->end - 1] == 'y' &&
         s->u[tok->end - 2] == 'l';
}

/* Whether a verb follows a subject ending at @last: a lower-case word that is not a
 * preposition or a conjunction ("Trump says", "Clinton has increasingly decried"), or a
 * comma opening an appositive. */
static gboolean
verb_follows (Scan  *s,
              guint  last,
              guint  limit)
{
  guint t = last + 1;
  guint32 cls;

  while (t < limit && is_skippable (s, t))
    t++;
  if (t >= limit)
    return FALSE;
  if (token_is_char (s, t, ','))
    return TRUE;
  if (!is_lowercase_word (s, t))
    return FALSE;
  cls = token_class (s, t);
  return (cls & W_CUE) || !(cls & (W_STOP | W_COORD | W_DET | W_RELATIVE));
}

/* "Christie's been", "Trump's a": after these the "’s" is "is" or "has". */
static gboolean
is_clitic (Scan  *s,
           guint  t)
{
  static const char * const words[] = {
    "been", "got", "gotten", "going", "not", "never", "very", "now", "still", "also", "just",
    "done", "become", "always", "taken", "made", "said", "told", "already", "long", "clearly",
    "really", "a", "an", "the", "no", "in", "on", "at", "here", "there", "about", "right",
    "had", "being", "out", "up", "back", "getting", "trying", "saying", "telling",
  };

  if (t >= s->tokens->len || TOK (s, t)->kind != TOKEN_WORD)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (token_is (s, t, words[i]))
      return TRUE;
  return FALSE;
}

static void
tokenize (Scan *s)
{
  const gunichar *u = s->u;
  guint para = 0, next_sentence = 0, sentence = 0, n_tokens = 0, capacity;
  gboolean new_para = TRUE, body = FALSE;
  Token *tokens;

  /* Written in place: one token for every five code points is what news text gives, and the
   * array grows when a text has more. */
  capacity = s->n / 4 + 16;
  g_array_set_size (s->tokens, capacity);
  tokens = (Token *) (void *) s->tokens->data;
  for (guint i = 0; i < s->n;)
    {
      Token *tok;
      gboolean word;
      guint end, after;
      gunichar c = u[i];

      if (c == ' ' || (c < 0x80 ? c == '\t' || c == '\r' || c == '\f' || c == '\v'
                                : dossier_scan_is_space (c)))
        {
          i++;
          continue;
        }
      if (c == '\n')
        {
          if (!new_para)
            {
              g_array_append_val (s->para_has_body, body);
              para++;
              new_para = TRUE;
              body = FALSE;
            }
          i++;
          continue;
        }
      if (n_tokens == capacity)
        {
          capacity *= 2;
          g_array_set_size (s->tokens, capacity);
          tokens = (Token *) (void *) s->tokens->data;
        }
      /* A region boundary without a newline (a caption cut out of a paragraph) is not a
       * new paragraph; one whose zone differs after a gap is handled by the newline. */
      if (c < 0x80 && dossier_scan_ascii_alnum[c])
        {
          /* A plain ASCII word followed by a space, a comma or a line break, the most
           * common token, without the call; anything else as scan_token() reads it. */
          end = i + 1;
          while (end < s->n && u[end] < 0x80 && dossier_scan_ascii_alnum[u[end]])
            end++;
          word = TRUE;
          if (end < s->n && u[end] != ' ' && u[end] != ',' && u[end] != '\n')
            end = scan_token (u, s->n, i, &word);
        }
      else
        end = scan_token (u, s->n, i, &word);
      tok = &tokens[n_tokens++];
      tok->start = i;
      tok->end = end;
      tok->para = para;
      tok->cls = 0;
      tok->mention = -1;
      tok->flags = 0;
      tok->kind = word ? TOKEN_WORD : dossier_scan_is_double_mark (c) ||
                                      dossier_scan_is_single_mark (c) ? TOKEN_MARK : TOKEN_PUNCT;
      if (new_para)
        tok->flags |= TOKEN_PARAGRAPH | TOKEN_SENTENCE;
      else if (i == next_sentence)
        tok->flags |= TOKEN_SENTENCE;
      if ((tok->flags & TOKEN_SENTENCE) && n_tokens > 1)
        sentence++;
      tok->sentence = sentence;
      new_para = FALSE;
      switch ((Zone) s->zone[i])
        {
        case ZONE_FURNITURE:
          tok->flags |= TOKEN_FURNITURE;
          break;
        case ZONE_HEADLINE:
          tok->flags |= TOKEN_HEADLINE;
          break;
        case ZONE_BODY:
        default:
          body = TRUE;
          break;
        }
      if (word)
        {
          if (dossier_scan_is_upper (c))
            {
              guint upper = 0;
              gboolean lower = FALSE;

              tok->flags |= TOKEN_CAPITAL;
              /* Up to the first lower-case letter, which settles it ("Araghchi"). */
              for (guint k = i; k < end && !lower; k++)
                {
                  if (dossier_scan_is_upper (u[k]))
                    upper++;
                  else if (dossier_scan_is_lower (u[k]))
                    lower = TRUE;
                }
              if (upper >= 2 && !lower)
                tok->flags |= TOKEN_ALL_CAPS;
            }
          if (end - i > 2 && (u[end - 1] == 's' || u[end - 1] == 'S') &&
              dossier_scan_is_apostrophe (u[end - 2]))
            tok->flags |= TOKEN_POSSESSIVE;
        }
      else if ((c == '.' || c == '!' || c == '?' || c == 0x2026) &&
               dossier_scan_ends_sentence (u, i, s->n, &after))
        {
          next_sentence = after;
          while (next_sentence < s->n && dossier_scan_is_space (u[next_sentence]))
            next_sentence++;
        }
      i = end;
    }
  g_array_set_size (s->tokens, n_tokens);
  g_array_append_val (s->para_has_body, body);

  for (guint t = 0; t < s->tokens->len; t++)
    {
      Token *tok = TOK (s, t);

      /* Headline pieces inside a body paragraph are spliced in: read around them. */
      if ((tok->flags & TOKEN_HEADLINE) &&
          g_array_index (s->para_has_body, gboolean, tok->para))
        tok->flags |= TOKEN_SPLICED;
      if ((tok->flags & TOKEN_POSSESSIVE) && !is_clitic (s, t + 1))
        tok->flags |= TOKEN_OWNER;
    }
}

/* Quote marks */

typedef enum {
  MARK_NONE,
  MARK_OPEN,
  MARK_CLOSE,
  MARK_EITHER,
} MarkRole;

static gboolean
is_punct (gunichar c)
{
  return !dossier_scan_is_space (c) && !dossier_scan_is_word_char (c);
}

/* Whether a mark opens or closes, from its shape and what is on either side of it (the
 * "flanking" rules of CommonMark). */
static MarkRole
classify_mark (Scan     *s,
               guint     t,
               gboolean *single)
{
  const Token *tok = TOK (s, t);
  guint i = tok->start;
  gunichar c = s->u[i];
  gunichar prev = i > 0 ? s->u[i - 1] : ' ';
  gunichar next = i + 1 < s->n ? s->u[i + 1] : ' ';
  gboolean prev_space = dossier_scan_is_space (prev), next_space = dossier_scan_is_space (next);
  gboolean left = !next_space && (!is_punct (next) || prev_space || is_punct (prev));
  gboolean right = !prev_space && (!is_punct (prev) || next_space || is_punct (next));

  *single = !dossier_scan_is_double_mark (c);
  /* key="value": markup left in the text, not a quotation. */
  if (c == '"' && prev == '=')
    return MARK_NONE;
  if (!*single)
    {
      switch (c)
        {
        case 0x201C: case 0x201E: case 0x201F: case 0xAB: case 0x301D:
          return right && !left ? MARK_CLOSE : MARK_OPEN;
        case 0x201D: case 0xBB: case 0x301E:
          return left && !right ? MARK_OPEN : MARK_CLOSE;
        default:
          if (left && !right)
            return MARK_OPEN;
          if (right && !left)
            return MARK_CLOSE;
          return left && right ? MARK_EITHER : MARK_NONE;
        }
    }
  /* Single marks: an apostrophe inside a word is never one (O'Brien, don’t, Ra'anana). */
  if (dossier_scan_is_word_char (prev) && dossier_scan_is_word_char (next))
    return MARK_NONE;
  if (c == 0x2018 || c == 0x201B || c == 0x201A || c == 0x2039)
    return left ? MARK_OPEN : MARK_NONE;
  if (c == 0x203A)
    return right ? MARK_CLOSE : MARK_NONE;
  if (left && !right)
    {
      /* '90s, ’em, 'til: elisions, not openings. */
      if (g_unichar_isdigit (next) || c == 0x2019)
        return MARK_NONE;
      return MARK_OPEN;
    }
  if (right && !left)
    return MARK_CLOSE;
  return MARK_NONE;
}

/* "Meet the Press", "The Apprentice", "Tough Choices.": a name of a work in quote marks,
 * every word capitalized but the small ones, is no quotation. */
static gboolean
is_title (Scan        *s,
          const Quote *q)
{
  static const char * const small[] = {
    "a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "with", "by", "from",
    "is", "not", "vs",
  };
  guint words = 0;

  for (guint t = q->open_tok + 1; t <= q->last_tok; t++)
    {
      const Token *tok = TOK (s, t);
      gboolean is_small = FALSE;

      if (tok->kind != TOKEN_WORD)
        {
          gunichar c = s->u[tok->start];

          /* "USA! USA!", "Merger today, Chapter 11 tomorrow." are said, not titles. */
          if (c == '!' || c == '?' || c == ';' || ((c == '.' || c == ',') && t != q->last_tok))
            return FALSE;
          continue;
        }
      words++;
      /* The small words have four letters at most. */
      for (guint i = 0; i < G_N_ELEMENTS (small) && !is_small && words > 1 &&
                        tok->end - tok->start <= 4; i++)
        is_small = token_is (s, t, small[i]);
      if (!is_small && !(tok->flags & TOKEN_CAPITAL) && !g_unichar_isdigit (s->u[tok->start]))
        return FALSE;
    }
  return words >= 2 && words <= 8;
}

static void
finish_quote (Scan     *s,
              guint     open_tok,
              guint     close_tok,
              guint     last_tok,
              guint     end,
              gboolean  single)
{
  Quote q = { open_tok, close_tok, last_tok, 0, 0, single, FALSE };
  const Token *open = TOK (s, open_tok);
  guint start = open->end;

  while (start < end && dossier_scan_is_space (s->u[start]))
    start++;
  while (end > start && dossier_scan_is_space (s->u[end - 1]))
    end--;
  /* The comma American style puts inside the marks belongs to the sentence around them. */
  while (end > start && (s->u[end - 1] == ',' || dossier_scan_is_space (s->u[end - 1])))
    end--;
  if (end <= start || last_tok <= open_tok)
    return;
  q.start = start;
  q.end = end;
  q.headline = (open->flags & TOKEN_HEADLINE) && !(open->flags & TOKEN_SPLICED);
  if (is_title (s, &q))
    return;
  /* Something to read: at least one word. */
  for (guint t = open_tok + 1; t <= last_tok; t++)
    if (TOK (s, t)->kind == TOKEN_WORD)
      {
        g_array_append_val (s->quotes, q);
        for (guint k = open_tok + 1; k <= last_tok; k++)
          TOK (s, k)->flags |= TOKEN_QUOTED;
        return;
      }
}

/* Pairs the marks in one pass.  A quotation still open at the end of its paragraph goes on
 * into the next one when that paragraph begins with an opening mark (the usual convention)
 * or when its first mark closes; otherwise it ends with its paragraph, unterminated.
 * Captions, boilerplate and spliced headlines inside are passed over; inside a double
 * quotation single marks are nested quotes or apostrophes, and the other way round. */
static void
pair_quotes (Scan *s)
{
  guint open_tok = G_MAXUINT, cur_para = G_MAXUINT;
  guint pending_end = 0, pending_last = 0, body_end = 0, body_last = 0;
  gboolean single = FALSE, pending = FALSE, first_in_para = FALSE;

  for (guint t = 0; t < s->tokens->len; t++)
    {
      const Token *tok = TOK (s, t);
      MarkRole role;
      gboolean mark_single;

      if (tok->flags & (TOKEN_FURNITURE | TOKEN_SPLICED))
        continue;

      if (tok->para != cur_para)
        {
          gboolean headline_para = !g_array_index (s->para_has_body, gboolean, tok->para);

          if (open_tok != G_MAXUINT)
            {
              if (single)
                open_tok = G_MAXUINT;
              else if (pending || headline_para)
                {
                  finish_quote (s, open_tok, G_MAXUINT, pending ? pending_last : body_last,
                                pending ? pending_end : body_end, FALSE);
                  open_tok = G_MAXUINT;
                  pending = FALSE;
                }
              else
                {
                  pending = TRUE;
                  pending_end = body_end;
                  pending_last = body_last;
                }
            }
          cur_para = tok->para;
          first_in_para = TRUE;
        }

      if (tok->kind == TOKEN_MARK && (role = classify_mark (s, t, &mark_single)) != MARK_NONE)
        {
          if (open_tok == G_MAXUINT)
            {
              if (mark_single ? role == MARK_OPEN : role != MARK_CLOSE)
                {
                  open_tok = t;
                  single = mark_single;
                }
            }
          else if (mark_single == single)
            {
              if (pending)
                {
                  /* The first mark of the paragraph after an unfinished quotation. */
                  if (role == MARK_OPEN && first_in_para)
                    pending = FALSE; /* continued with a fresh opening mark */
                  else if (role == MARK_OPEN)
                    {
                      finish_quote (s, open_tok, G_MAXUINT, pending_last, pending_end, FALSE);
                      open_tok = t;
                      pending = FALSE;
                    }
                  else
                    {
                      finish_quote (s, open_tok, t, t - 1, tok->start, single);
                      open_tok = G_MAXUINT;
                      pending = FALSE;
                    }
                }
              else if (role == MARK_OPEN && !single && s->u[tok->start] != '"')
                {
                  /* A second opening mark: the first quotation was never closed. */
                  finish_quote (s, open_tok, G_MAXUINT, t - 1, tok->start, FALSE);
                  open_tok = t;
                }
              else if (role != MARK_OPEN)
                {
                  finish_quote (s, open_tok, t, t - 1, tok->start, single);
                  open_tok = G_MAXUINT;
                }
            }
        }
      first_in_para = FALSE;
      body_end = tok->end;
      body_last = t;
    }
  if (open_tok != G_MAXUINT && !single)
    finish_quote (s, open_tok, G_MAXUINT, pending ? pending_last : body_last,
                  pending ? pending_end : body_end, FALSE);
}

/* Mentions */

static inline gunichar
fold_char (gunichar c)
{
  return c < 0x80 ? dossier_scan_ascii_lower (c) : g_unichar_tolower (c);
}

static guint32
compute_name_key (Scan  *s,
                  guint  t)
{
  Token *tok = TOK (s, t);
  guint start = tok->start, end = (tok->flags & TOKEN_POSSESSIVE) ? tok->end - 2 : tok->end;
  /* The hash of the folded word (at most 40 code points), made as it is folded. */
  guint32 h = 2166136261u;
  gunichar last = 0;
  guint len = 0;

  /* "Al-Thani" and "Al Thani" meet at "thani". */
  for (guint i = end; i > start; i--)
    if (s->u[i - 1] == '-')
      {
        start = i;
        break;
      }
  /* Transliteration variants meet too: Araghchi and Araqchi, Hussein and Husein.  Each
   * character is folded once, as the next one and then as the current one. */
  {
    gunichar next = start < end ? fold_char (s->u[start]) : 0;

    for (guint i = start; i < end && len < 40; i++)
      {
        gunichar c = next;

        next = i + 1 < end ? fold_char (s->u[i + 1]) : 0;
        if (c == 'q')
          c = 'g';
        if ((c == 'g' || c == 'k' || c == 'd' || c == 't' || c == 's') && next == 'h')
          {
            i++;
            next = i + 1 < end ? fold_char (s->u[i + 1]) : 0;
          }
        if (len > 0 && last == c)
          continue;
        last = c;
        len++;
        h = (h ^ c) * 16777619u;
      }
  }
  tok->key = h;
  tok->flags |= TOKEN_KEYED;
  return h;
}

/* A name's words are keyed again each time the name is met: once is enough. */
static inline guint32
name_key (Scan  *s,
          guint  t)
{
  const Token *tok = TOK (s, t);

  return (tok->flags & TOKEN_KEYED) ? tok->key : compute_name_key (s, t);
}

/* A word as descriptions are compared with what was said of a person: lowercased, without
 * a possessive, cut to STEM_BYTES - 1. */
static void
word_stem (Scan  *s,
           guint  t,
           char   stem[STEM_BYTES])
{
  const Token *tok = TOK (s, t);
  guint len = 0, end = (tok->flags & TOKEN_POSSESSIVE) ? tok->end - 2 : tok->end;

  memset (stem, 0, STEM_BYTES);
  for (guint i = tok->start; i < end && len < STEM_BYTES - 1; i++)
    {
      gunichar c = fold_char (s->u[i]);

      stem[len++] = c < 0x80 ? (char) c : '_';
    }
}

/* The length of a stem (at most STEM_BYTES - 1), without a call for so few bytes. */
static inline gsize
stem_length (const char *stem)
{
  gsize len = 0;

  while (len < STEM_BYTES - 1 && stem[len] != '\0')
    len++;
  return len;
}

/* "Qatari" and "Qatar", "Iranian" and "Iran", "Russian" and "Russia" meet: one is the start
 * of the other, four letters at least.  "officer" and "official" do not. */
static gboolean
stems_match (const char *a,
             const char *b)
{
  gsize la = stem_length (a), lb = stem_length (b);

  if (MIN (la, lb) < 4)
    return la == lb && memcmp (a, b, la) == 0;
  return memcmp (a, b, MIN (la, lb)) == 0;
}

static guint
add_mention (Scan        *s,
             MentionKind  kind,
             guint        first,
             guint        last)
{
  Mention m = { first, last, TOK (s, first)->start, TOK (s, last)->end, kind, -1, -1, FALSE,
                name_key (s, last) };
  guint index = s->mentions->len;

  if (TOK (s, last)->flags & TOKEN_POSSESSIVE)
    m.end -= 2;
  g_array_append_val (s->mentions, m);
  for (guint t = first; t <= last; t++)
    TOK (s, t)->mention = (int) index;
  return index;
}

/* The longest registry name starting at token @t.  Returns the last token, or G_MAXUINT. */
static guint
match_outlet (Scan  *s,
              guint  t,
              int   *source,
              gboolean *platform)
{
  const Token *tok = TOK (s, t);
  guint len = ((tok->flags & TOKEN_POSSESSIVE) ? tok->end - 2 : tok->end) - tok->start;
  GArray *list = g_hash_table_lookup (s->lex->by_token,
                                      GUINT_TO_POINTER (hash_cps (s->u + tok->start, len)));
  guint best = G_MAXUINT, best_tokens = 0;

  if (list == NULL)
    return G_MAXUINT;
  for (guint k = 0; k < list->len; k++)
    {
      const OutletEntry *e = &g_array_index (s->lex->entries, OutletEntry,
                                             g_array_index (list, guint, k));
      guint n_tokens = e->n_tokens - e->skip, last = G_MAXUINT;
      gboolean ok = TRUE;

      if (t + n_tokens > s->tokens->len || n_tokens <= best_tokens)
        continue;
      for (guint j = 0; j < n_tokens && ok; j++)
        {
          const Token *x = TOK (s, t + j);
          const gunichar *want = e->cps + e->offsets[e->skip + j];
          guint want_len = e->offsets[e->skip + j + 1] - e->offsets[e->skip + j];
          guint have_len = x->end - x->start;

          /* The last word may carry a possessive: "IRNA’s report". */
          if (j + 1 == n_tokens && (x->flags & TOKEN_POSSESSIVE))
            have_len -= 2;
          if (x->para != tok->para || have_len != want_len ||
              memcmp (s->u + x->start, want, want_len * sizeof (gunichar)) != 0 ||
              (j + 1 < n_tokens && (x->flags & TOKEN_POSSESSIVE)))
            ok = FALSE;
          last = t + j;
        }
      if (!ok)
        continue;
      /* "X" alone is a letter unless a platform phrase names it: "wrote on X". */
      if (e->n_tokens == 1 && e->offsets[1] == 1 &&
          !(t > 0 && (token_class (s, t - 1) & W_ON)))
        continue;
      best = last;
      best_tokens = n_tokens;
      *source = e->source;
      *platform = e->platform;
    }
  return best;
}

static inline gboolean
is_name_word (Scan  *s,
              guint  t)
{
  const Token *tok = TOK (s, t);

  return tok->kind == TOKEN_WORD && (tok->flags & TOKEN_CAPITAL) &&
         !(token_class (s, t) & W_STOP);
}

/* "Sen." "Lt." "W.": a stop inside a name. */
static gboolean
is_name_stop (Scan  *s,
              guint  t)
{
  const Token *prev, *tok = TOK (s, t);

  if (t == 0 || t + 1 >= s->tokens->len || !token_is_char (s, t, '.'))
    return FALSE;
  prev = TOK (s, t - 1);
  if (prev->kind != TOKEN_WORD || prev->end != tok->start)
    return FALSE;
  if (!(TOK (s, t + 1)->flags & TOKEN_CAPITAL))
    return FALSE;
  /* "W." and "J.J." are initials. */
  if ((prev->flags & TOKEN_CAPITAL) &&
      (prev->end - prev->start == 1 || (prev->end - prev->start == 3 && s->u[prev->start + 1] == '.')))
    return TRUE;
  return (token_class (s, t - 1) & W_TITLE) != 0;
}

static MentionKind
classify_name (Scan    *s,
               guint    first,
               guint    last,
               guint32  key)
{
  guint titles = 0, words = 0, places = 0, caps = 0;

  for (guint t = first; t <= last; t++)
    {
      guint32 cls;

      if (TOK (s, t)->kind != TOKEN_WORD)
        continue;
      cls = token_class (s, t);
      if (cls & W_PARTICLE && !(TOK (s, t)->flags & TOKEN_CAPITAL))
        continue;
      words++;
      if (cls & W_TITLE)
        titles++;
      if (cls & (W_PLACE | W_MEDIA))
        places++;
      if (TOK (s, t)->flags & TOKEN_ALL_CAPS)
        caps++;
    }
  if (titles == words)
    return MENTION_TITLE;
  if (titles > 0 && words > titles && !(token_class (s, last) & (W_PLACE | W_TITLE)) &&
      places <= titles)
    return MENTION_PERSON;
  if (places > 0 || caps == words)
    return MENTION_GROUP;
  if (g_hash_table_contains (s->entity_by_key, GUINT_TO_POINTER (key)))
    return MENTION_PERSON;
  if (words >= 2 && words <= 5)
    return MENTION_PERSON;
  /* "Bob", "Melania": a given name alone. */
  if (words == 1 && (token_class (s, last) & (W_FEMALE | W_MALE)) &&
      !(TOK (s, last)->flags & TOKEN_ALL_CAPS))
    return MENTION_PERSON;
  return MENTION_NAME;
}

/* The words of a person's name without titles and particles, folded like name_key(). */
static guint
name_words (Scan    *s,
            guint    m,
            guint32  words[4])
{
  const Mention *mention = MENTION (s, m);
  guint n = 0;

  for (guint t = mention->first; t <= mention->last; t++)
    {
      const Token *tok = TOK (s, t);
      guint32 cls;

      if (tok->kind != TOKEN_WORD || !(tok->flags & TOKEN_CAPITAL))
        continue;
      cls = token_class (s, t);
      if ((cls & (W_TITLE | W_PLACE)) && t != mention->last)
        continue;
      if (n == 4)
        memmove (words, words + 1, 3 * sizeof (guint32));
      words[MIN (n, 3)] = name_key (s, t);
      n = MIN (n + 1, 4);
    }
  return n;
}

/* Whether one name ends the other: "Bagheri Kani" and "Ali Bagheri Kani", "Trump" and
 * "Donald Trump"; not "Melania Trump" and "Donald Trump". */
static gboolean
names_agree (const guint32 *a,
             guint          na,
             const guint32 *b,
             guint          nb)
{
  guint n = MIN (na, nb);

  for (guint i = 1; i <= n; i++)
    if (a[na - i] != b[nb - i])
      return FALSE;
  return TRUE;
}

/* The person a name mention is: the most recently mentioned one with the same surname whose
 * name agrees, or someone new. */
static int
ensure_entity (Scan  *s,
               guint  m)
{
  Mention *mention = MENTION (s, m);
  guint32 key = mention->key;
  guint32 words[4];
  guint n_words = name_words (s, m, words);
  gpointer value;
  Entity e = { 0, };
  int best = -1, newest = -1;

  if (g_hash_table_lookup_extended (s->entity_by_key, GUINT_TO_POINTER (key), NULL, &value))
    newest = GPOINTER_TO_INT (value);
  for (int i = newest; i >= 0; i = ENTITY (s, i)->prev_same)
    {
      Entity *other = ENTITY (s, i);

      if (!names_agree (words, n_words, other->names, other->n_names))
        continue;
      if (best < 0 || other->last_mention_any > ENTITY (s, best)->last_mention_any)
        best = i;
    }
  if (best >= 0)
    {
      Entity *found = ENTITY (s, best);

      /* Keep the fullest form of the name. */
      if (n_words > found->n_names)
        {
          memcpy (found->names, words, sizeof words);
          found->n_names = n_words;
        }
      return best;
    }
  e.key = key;
  memcpy (e.names, words, sizeof words);
  e.n_names = n_words;
  e.prev_same = newest;
  e.last_mention = -1;
  e.last_mention_any = -1;
  e.last_tok = G_MAXUINT;
  e.last_subject_tok = G_MAXUINT;
  g_array_append_val (s->entities, e);
  g_hash_table_insert (s->entity_by_key, GUINT_TO_POINTER (key),
                       GINT_TO_POINTER ((int) s->entities->len - 1));
  return (int) s->entities->len - 1;
}

static void
add_context (Scan   *s,
             Entity *e,
             guint   t)
{
  char stem[STEM_BYTES];

  word_stem (s, t, stem);
  if (stem_length (stem) < 2 || (token_class (s, t) & (W_DET | W_COORD)) || token_is (s, t, "of"))
    return;
  for (guint i = 0; i < e->n_context; i++)
    if (memcmp (e->context[i], stem, STEM_BYTES) == 0)
      return;
  if (e->n_context < MAX_CONTEXT)
    memcpy (e->context[e->n_context++], stem, STEM_BYTES);
}

/* What the text says of a person where it names them: the titles in the name, the words
 * before it in its sentence ("Qatar’s Prime Minister and Minister of Foreign Affairs,
 * Sheikh …") and an appositive after it (", the Russian President's Special
 * Representative").  Descriptions are matched against this. */
static void
learn_entity (Scan  *s,
              guint  m)
{
  Mention *mention = MENTION (s, m);
  Entity *e = ENTITY (s, mention->entity);
  guint t;

  if (e->n_mentions++ >= CONTEXT_MENTIONS)
    return;
  for (t = mention->first; t <= mention->last; t++)
    {
      guint32 cls = token_class (s, t);

      if (TOK (s, t)->kind == TOKEN_WORD && (cls & (W_TITLE | W_PLACE)))
        add_context (s, e, t);
      if (cls & (W_FEMALE | W_MALE) && e->gender == 0 && !(cls & W_PARTICLE))
        e->gender = (cls & W_FEMALE) ? W_SHE : W_HE;
    }
  for (t = mention->first; t > 0 && mention->first - t < CONTEXT_BEFORE;)
    {
      const Token *tok;

      t--;
      tok = TOK (s, t);
      if (tok->para != TOK (s, mention->first)->para || (tok->kind != TOKEN_WORD &&
          !token_is_char (s, t, ',')))
        break;
      if (tok->kind == TOKEN_WORD)
        add_context (s, e, t);
      if (tok->flags & TOKEN_SENTENCE)
        break;
    }
  /* An appositive starts with a determiner, a title or a role ("Mikhail Bogdanov, the
   * Russian President's Special Representative"); "Ali Bagheri Kani, went to Qatar" is the
   * sentence going on. */
  t = mention->last + 1;
  if (t + 1 < s->tokens->len && token_is_char (s, t, ',') && TOK (s, t + 1)->kind == TOKEN_WORD &&
      (token_class (s, t + 1) & (W_DET | W_TITLE | W_ROLE | W_PLACE) ||
       (TOK (s, t + 1)->flags & TOKEN_CAPITAL)))
    for (t++; t < s->tokens->len && t - mention->last <= CONTEXT_AFTER; t++)
      {
        const Token *tok = TOK (s, t);

        if (tok->kind != TOKEN_WORD || (token_class (s, t) & (W_CUE | W_RELATIVE)))
          break;
        add_context (s, e, t);
      }
}

static void
find_mentions (Scan *s)
{
  guint n = s->tokens->len;

  for (guint t = 0; t < n;)
    {
      const Token *tok = TOK (s, t);
      guint e, pos;

      if (tok->kind != TOKEN_WORD || !(tok->flags & TOKEN_CAPITAL) ||
          (tok->flags & TOKEN_FURNITURE))
        {
          /* "the Times", "dpa": outlets need not start with a capital after "the". */
          t++;
          continue;
        }

      /* The run of capitalized words, with particles and title stops inside. */
      e = t;
      while (!(TOK (s, e)->flags & TOKEN_POSSESSIVE) && e + 1 < n)
        {
          guint next = e + 1;
          const Token *x = TOK (s, next);

          if (x->para != tok->para || (x->flags & TOKEN_FURNITURE))
            break;
          if (x->kind == TOKEN_WORD && (x->flags & TOKEN_CAPITAL) && !(x->flags & TOKEN_SENTENCE))
            e = next;
          else if (x->kind == TOKEN_WORD && (token_class (s, next) & W_PARTICLE) &&
                   next + 1 < n && (TOK (s, next + 1)->flags & TOKEN_CAPITAL) &&
                   TOK (s, next + 1)->kind == TOKEN_WORD)
            e = next + 1;
          else if (is_name_stop (s, next))
            e = next + 1;
          else if (token_is (s, next, "of") && (token_class (s, e) & W_TITLE) && next + 1 < n &&
                   (TOK (s, next + 1)->flags & TOKEN_CAPITAL) && TOK (s, next + 1)->kind == TOKEN_WORD)
            e = next + 1; /* "Secretary of State", "Minister of Foreign Affairs" */
          else
            break;
        }

      for (pos = t; pos <= e;)
        {
          int source = -1;
          gboolean platform = FALSE;
          guint last, first, m;

          /* An outlet where a run begins: "IRNA", "Iranian state media", "The Times". */
          if (pos == t && (last = match_outlet (s, pos, &source, &platform)) != G_MAXUINT)
            {
              /* A one-word outlet followed by more of a name is a person: "Petra Kvitova". */
              if (!(last == pos && last < e && !(TOK (s, pos)->flags & TOKEN_ALL_CAPS) &&
                    !(token_class (s, last + 1) & (W_STOP | W_TITLE))))
                {
                  m = add_mention (s, MENTION_OUTLET, pos, last);
                  MENTION (s, m)->outlet = source;
                  MENTION (s, m)->platform = platform;
                  pos = last + 1;
                  if (last > e)
                    e = last;
                  continue;
                }
            }
          /* Leading and trailing words that are not names: "But", "Meanwhile", "Tuesday". */
          while (pos <= e && (TOK (s, pos)->kind != TOKEN_WORD || !is_name_word (s, pos)))
            pos++;
          if (pos > e)
            break;
          first = pos;
          last = pos;
          while (last + 1 <= e && (is_name_word (s, last + 1) || TOK (s, last + 1)->kind != TOKEN_WORD ||
                                   !(TOK (s, last + 1)->flags & TOKEN_CAPITAL)))
            last++;
          while (last > first && (TOK (s, last)->kind != TOKEN_WORD ||
                                  !(TOK (s, last)->flags & TOKEN_CAPITAL)))
            last--;
          m = add_mention (s, MENTION_NAME, first, last);
          MENTION (s, m)->kind = classify_name (s, first, last, MENTION (s, m)->key);
          pos = last + 1;
        }
      t = e + 1;
    }

}

/* Salience */

static void
touch_recent (int   *recent,
              guint *n_recent,
              int    entity)
{
  guint i;

  for (i = 0; i < *n_recent; i++)
    if (recent[i] == entity)
      break;
  if (i == *n_recent)
    {
      if (*n_recent < RECENT_PERSONS)
        (*n_recent)++;
      i = *n_recent - 1;
    }
  memmove (recent + 1, recent, i * sizeof (int));
  recent[0] = entity;
}

static int resolve_description (Scan *s, guint first, guint last, gboolean any);

/* A person named: who it is, what the text says of them, and how salient they now are. */
static void
note_person (Scan  *s,
             guint  m)
{
  Mention *mention = MENTION (s, m);
  const Token *first = TOK (s, mention->first);
  gboolean quoted = (first->flags & TOKEN_QUOTED) != 0;
  Entity *e;

  /* "Iran’s Foreign Minister …": a possessive is not the person. */
  if (TOK (s, mention->last)->flags & TOKEN_OWNER && mention->first == mention->last)
    return;
  mention->entity = ensure_entity (s, m);
  learn_entity (s, m);
  e = ENTITY (s, mention->entity);
  e->last_mention_any = (int) m;
  touch_recent (s->recent_any, &s->n_recent_any, mention->entity);
  if (quoted)
    return;
  e->last_mention = (int) m;
  e->last_tok = mention->first;
  /* The first person of a sentence followed by a verb is what the sentence is about;
   * "Like Makaeff, Roffman doesn't" is about Roffman. */
  if (first->sentence != s->subject_sentence && !(TOK (s, mention->last)->flags & TOKEN_OWNER) &&
      !(mention->first > 0 && (token_class (s, mention->first - 1) & W_PREP)) &&
      verb_follows (s, mention->last, s->tokens->len))
    {
      s->subject_sentence = first->sentence;
      e->last_subject_tok = mention->first;
      e->last_subject_para = first->para;
    }
  touch_recent (s->recent, &s->n_recent, mention->entity);
}

/* Moves the salience state forward over the mentions that end before token @t. */
static void
advance (Scan  *s,
         guint  t)
{
  while (s->next_mention < s->mentions->len && MENTION (s, s->next_mention)->last < t)
    {
      guint m = s->next_mention++;
      Mention *mention = MENTION (s, m);
      const Token *first = TOK (s, mention->first);
      gboolean quoted = (first->flags & TOKEN_QUOTED) != 0;
      Entity *e;

      if (first->flags & (TOKEN_FURNITURE | TOKEN_HEADLINE))
        continue;
      if (mention->kind == MENTION_OUTLET)
        {
          if (!quoted)
            s->last_outlet = mention->outlet;
          continue;
        }
      if (mention->kind == MENTION_DESCRIPTION)
        {
          int entity = resolve_description (s, mention->first, mention->last, TRUE);

          if (entity >= 0 && !quoted)
            {
              s->subject_sentence = first->sentence;
              e = ENTITY (s, entity);
              e->last_subject_tok = mention->first;
              e->last_subject_para = first->para;
              touch_recent (s->recent, &s->n_recent, entity);
              touch_recent (s->recent_any, &s->n_recent_any, entity);
            }
          continue;
        }
      if (mention->kind == MENTION_NAME &&
          g_hash_table_contains (s->entity_by_key,
                                 GUINT_TO_POINTER (mention->key)))
        mention->kind = MENTION_PERSON;
      if (mention->kind == MENTION_PERSON)
        note_person (s, m);
    }
}

static gboolean
gender_fits (const Entity *e,
             guint32       gender)
{
  return e->gender == 0 || gender == 0 || e->gender == gender;
}

/* "he", "she": the person the text is about.  A person given the last quotation or the
 * subject of a recent sentence comes first, then the most recent name. */
static int
resolve_pronoun (Scan    *s,
                 guint    t,
                 guint32  gender,
                 gboolean any)
{
  int *recent = any ? s->recent_any : s->recent;
  guint n_recent = any ? s->n_recent_any : s->n_recent;
  guint para = TOK (s, t)->para;
  int best = -1;
  guint best_tok = 0;

  advance (s, t);
  for (guint i = 0; i < n_recent; i++)
    {
      const Entity *e = ENTITY (s, recent[i]);

      if (!gender_fits (e, gender))
        continue;
      if (e->last_subject_tok != G_MAXUINT && e->last_subject_para + 1 >= para &&
          e->last_subject_tok < t && (best < 0 || e->last_subject_tok > best_tok))
        {
          best = recent[i];
          best_tok = e->last_subject_tok;
        }
    }
  if (s->last_speaker >= 0 && s->last_speaker_para + 1 >= para &&
      gender_fits (ENTITY (s, s->last_speaker), gender) &&
      (best < 0 || s->last_speaker_tok > best_tok))
    best = s->last_speaker;
  if (best >= 0)
    return best;
  for (guint i = 0; i < n_recent; i++)
    if (gender_fits (ENTITY (s, recent[i]), gender))
      return recent[i];
  return -1;
}

/* "the Qatari minister", "the Florida senator": the recent person whose titles and
 * surroundings share the most words with the description, its head noun first. */
static int
resolve_description (Scan     *s,
                     guint     first,
                     guint     last,
                     gboolean  any)
{
  int *recent = any ? s->recent_any : s->recent;
  guint n_recent = any ? s->n_recent_any : s->n_recent;
  char head[STEM_BYTES], stem[STEM_BYTES];
  int best = -1, best_score = 0;

  word_stem (s, last, head);
  /* "officials" is matched as "official". */
  if (token_class (s, last) & W_PLURAL_NOUN && strlen (head) > 4)
    head[strlen (head) - 1] = '\0';
  for (guint i = 0; i < n_recent; i++)
    {
      const Entity *e = ENTITY (s, recent[i]);
      int score = 0;

      for (guint c = 0; c < e->n_context; c++)
        if (stems_match (e->context[c], head))
          score += 3;
      if (score == 0)
        continue;
      for (guint t = first; t < last; t++)
        {
          if (TOK (s, t)->kind != TOKEN_WORD || (token_class (s, t) & W_DET))
            continue;
          word_stem (s, t, stem);
          for (guint c = 0; c < e->n_context; c++)
            if (stems_match (e->context[c], stem))
              score += 2;
        }
      if (score > best_score)
        {
          best = recent[i];
          best_score = score;
        }
    }
  return best;
}

/* Subjects */

typedef enum {
  SUBJECT_NONE,
  SUBJECT_MENTION,      /* a name or an outlet */
  SUBJECT_PRONOUN,
  SUBJECT_DESCRIPTION,  /* "the minister": a person described */
  SUBJECT_MEDIA,        /* "the report": the outlet last named */
  SUBJECT_GROUP,        /* "her lawyers": reported as written */
} SubjectKind;

typedef struct {
  SubjectKind kind;
  guint       first;
  guint       last;
  int         mention;
} Subject;

static gboolean
is_person_mention (Scan *s,
                   int   m)
{
  MentionKind kind;

  if (m < 0)
    return FALSE;
  kind = MENTION (s, m)->kind;
  return kind == MENTION_PERSON || kind == MENTION_NAME || kind == MENTION_GROUP;
}

static gboolean
subject_is_person (Scan          *s,
                   const Subject *subject)
{
  return subject->kind == SUBJECT_PRONOUN || subject->kind == SUBJECT_DESCRIPTION ||
         subject->kind == SUBJECT_GROUP ||
         (subject->kind == SUBJECT_MENTION && is_person_mention (s, subject->mention));
}

/* A description ending with the noun at @head, read backwards to its determiner: "the
 * Iranian report", "Iran’s IRNA government media", "the Florida senator". */
static gboolean
parse_description_back (Scan    *s,
                        guint    head,
                        guint    limit,
                        Subject *subject)
{
  guint32 cls = token_class (s, head);
  guint first = head;
  int outlet_mention = -1;

  if (!(cls & (W_ROLE | W_MEDIA)) || (TOK (s, head)->flags & TOKEN_OWNER))
    return FALSE;
  while (first > limit && head - first < NP_MAX)
    {
      guint prev = first - 1;
      const Token *tok = TOK (s, prev);
      guint32 pcls;

      if (tok->kind != TOKEN_WORD || tok->para != TOK (s, head)->para)
        break;
      pcls = token_class (s, prev);
      if (pcls & (W_CUE | W_RELATIVE | W_COORD | W_SKIP | W_HE | W_SHE | W_PLURAL))
        break;
      first = prev;
      if (tok->mention >= 0 && MENTION (s, tok->mention)->kind == MENTION_OUTLET)
        outlet_mention = tok->mention;
      if (pcls & W_DET)
        break;
      if (tok->flags & TOKEN_SENTENCE)
        break;
    }
  subject->first = first;
  subject->last = head;
  if (outlet_mention >= 0)
    {
      subject->kind = SUBJECT_MENTION;
      subject->mention = outlet_mention;
    }
  else if (cls & W_MEDIA && !(cls & W_PLURAL_NOUN))
    subject->kind = SUBJECT_MEDIA;
  else if (cls & W_PLURAL_NOUN)
    subject->kind = SUBJECT_GROUP;
  else
    subject->kind = SUBJECT_DESCRIPTION;
  return TRUE;
}

/* "Stacy Baker of Columbia, South Carolina says": a place right before the verb may be
 * where the person named before it comes from. */
static int
person_before_place (Scan  *s,
                     int    m,
                     guint  limit)
{
  for (guint steps = 0; steps < 4 && MENTION (s, m)->kind == MENTION_GROUP; steps++)
    {
      guint k = MENTION (s, m)->first;

      if (k < limit + 2)
        return -1;
      if (!(token_is_char (s, k - 1, ',') || token_is (s, k - 1, "of") ||
            token_is (s, k - 1, "from") || token_is (s, k - 1, "in")))
        return -1;
      m = TOK (s, k - 2)->mention;
      if (m < 0 || MENTION (s, m)->last != k - 2 || (TOK (s, k - 2)->flags & TOKEN_OWNER))
        return -1;
      /* "Baker of Columbia, South Carolina": a single unknown word after "of" is a place
       * too. */
      if (MENTION (s, m)->kind == MENTION_NAME && MENTION (s, m)->first >= 1 &&
          (token_is (s, MENTION (s, m)->first - 1, "of") ||
           token_is (s, MENTION (s, m)->first - 1, "from") ||
           token_is (s, MENTION (s, m)->first - 1, "in")))
        {
          MENTION (s, m)->kind = MENTION_GROUP;
          continue;
        }
      if (MENTION (s, m)->kind == MENTION_PERSON || MENTION (s, m)->kind == MENTION_NAME)
        return m;
    }
  return -1;
}

/* The subject of the cue verb at @cue, read backwards, not before @limit. */
static gboolean
parse_subject_before (Scan    *s,
                      guint    cue,
                      guint    limit,
                      Subject *subject)
{
  guint j = cue, skipped = 0;
  const Token *tok;

  memset (subject, 0, sizeof *subject);
  while (j > limit && skipped < 3 && is_skippable (s, j - 1))
    {
      j--;
      skipped++;
    }
  if (j <= limit)
    return FALSE;
  j--;
  tok = TOK (s, j);

  if (token_is_char (s, j, ','))
    {
      /* "Dean Johnson, a salesman from Sumter, South Carolina, says": the first name in the
       * window followed by a comma and an appositive. */
      guint from = j > limit + APPOSITIVE_WINDOW ? j - APPOSITIVE_WINDOW : limit;

      for (guint k = from; k + 2 < j; k++)
        {
          const Token *x = TOK (s, k);
          int m = x->mention;

          if (m < 0 || MENTION (s, m)->last != k || !token_is_char (s, k + 1, ',') ||
              (x->flags & TOKEN_OWNER))
            continue;
          if (!(is_lowercase_word (s, k + 2) || (token_class (s, k + 2) & (W_DET | W_RELATIVE)) ||
                g_unichar_isdigit (s->u[TOK (s, k + 2)->start]) ||
                (TOK (s, k + 2)->mention >= 0 &&
                 (TOK (s, MENTION (s, TOK (s, k + 2)->mention)->last)->flags & TOKEN_OWNER))))
            continue;
          if (MENTION (s, m)->kind == MENTION_GROUP)
            continue;
          subject->kind = SUBJECT_MENTION;
          subject->mention = m;
          subject->first = MENTION (s, m)->first;
          subject->last = k;
          return TRUE;
        }
      return FALSE;
    }
  if (tok->mention >= 0 && MENTION (s, tok->mention)->last == j &&
      !(tok->flags & TOKEN_OWNER))
    {
      int person = person_before_place (s, tok->mention, limit);

      if (person >= 0)
        {
          subject->kind = SUBJECT_MENTION;
          subject->mention = person;
          subject->first = MENTION (s, person)->first;
          subject->last = MENTION (s, person)->last;
          return TRUE;
        }
      /* "Foreign Minister" without a name describes someone. */
      subject->kind = MENTION (s, tok->mention)->kind == MENTION_TITLE ? SUBJECT_DESCRIPTION
                                                                       : SUBJECT_MENTION;
      subject->mention = tok->mention;
      subject->first = MENTION (s, tok->mention)->first;
      subject->last = j;
      return TRUE;
    }
  if (token_class (s, j) & (W_HE | W_SHE))
    {
      subject->kind = SUBJECT_PRONOUN;
      subject->first = subject->last = j;
      return TRUE;
    }
  return parse_description_back (s, j, limit, subject);
}

/* "pollster Frank Luntz", "CIA spokesman Ryan Trapani", "his lawyer, Thomas Coan": the
 * name right after a description is the subject. */
static gboolean
name_after_description (Scan    *s,
                        guint    head,
                        guint    limit,
                        Subject *subject)
{
  guint k = head + 1;
  int m;

  if (k < limit && token_is_char (s, k, ','))
    k++;
  /* "the base chief known as Bob" */
  if (k + 1 < limit && (token_is (s, k, "known") || token_is (s, k, "identified")) &&
      token_is (s, k + 1, "as"))
    k += 2;
  else if (k < limit && token_is (s, k, "named"))
    k++;
  if (k >= limit || k >= s->tokens->len)
    return FALSE;
  m = TOK (s, k)->mention;
  if (m < 0 || MENTION (s, m)->first != k || (TOK (s, MENTION (s, m)->last)->flags & TOKEN_OWNER))
    return FALSE;
  if (MENTION (s, m)->kind != MENTION_PERSON && MENTION (s, m)->kind != MENTION_NAME)
    return FALSE;
  subject->kind = SUBJECT_MENTION;
  subject->mention = m;
  subject->first = k;
  subject->last = MENTION (s, m)->last;
  return TRUE;
}

static gboolean parse_subject_at (Scan *s, guint t, guint limit, Subject *subject);

/* A subject that starts at @t: a name, an outlet (possibly after a possessive: "Iran’s
 * IRNA government media"), a pronoun or a description, not reaching @limit. */
static gboolean
parse_subject_at (Scan    *s,
                  guint    t,
                  guint    limit,
                  Subject *subject)
{
  guint n = MIN (limit, s->tokens->len);
  int m;

  memset (subject, 0, sizeof *subject);
  if (t >= n || TOK (s, t)->kind != TOKEN_WORD)
    return FALSE;
  m = TOK (s, t)->mention;
  if (m >= 0 && MENTION (s, m)->first == t)
    {
      Mention *mention = MENTION (s, m);

      /* "Iran’s IRNA", "CNN’s Jake Tapper": the possessor is not the subject. */
      if ((TOK (s, mention->last)->flags & TOKEN_OWNER) && mention->last + 1 < n &&
          parse_subject_at (s, mention->last + 1, limit, subject))
        return TRUE;
      if (TOK (s, mention->last)->flags & TOKEN_OWNER)
        return FALSE;
      /* "Rubio spokesman Alex Conant": a name, a role, then the person. */
      if (mention->kind != MENTION_OUTLET && mention->last + 2 < n &&
          (token_class (s, mention->last + 1) & W_ROLE) &&
          name_after_description (s, mention->last + 1, n, subject))
        return TRUE;
      subject->kind = mention->kind == MENTION_TITLE ? SUBJECT_DESCRIPTION : SUBJECT_MENTION;
      subject->mention = m;
      subject->first = t;
      subject->last = mention->last;
      /* "IRNA government media": the outlet's descriptive words belong to it. */
      while (mention->kind == MENTION_OUTLET && subject->last + 1 < n &&
             subject->last - t < NP_MAX && is_lowercase_word (s, subject->last + 1) &&
             (token_class (s, subject->last + 1) & W_MEDIA ||
              token_is (s, subject->last + 1, "government") || token_is (s, subject->last + 1, "state") ||
              token_is (s, subject->last + 1, "official") || token_is (s, subject->last + 1, "news")))
        subject->last++;
      return TRUE;
    }
  if (token_class (s, t) & (W_HE | W_SHE))
    {
      subject->kind = SUBJECT_PRONOUN;
      subject->first = subject->last = t;
      return TRUE;
    }
  /* A description: up to NP_MAX words ending with a role or media noun. */
  for (guint k = t; k < n && k - t < NP_MAX; k++)
    {
      const Token *tok = TOK (s, k);
      guint32 cls;

      if (tok->kind != TOKEN_WORD)
        return FALSE;
      cls = token_class (s, k);
      if (k > t && (cls & (W_CUE | W_RELATIVE | W_COORD | W_DET)))
        return FALSE;
      if (cls & (W_ROLE | W_MEDIA) && !(tok->flags & TOKEN_OWNER) &&
          !(k + 1 < n && TOK (s, k + 1)->kind == TOKEN_WORD &&
            (token_class (s, k + 1) & (W_ROLE | W_MEDIA))))
        {
          /* "the billionaire real estate mogul": the last noun of a role is its head. */
          for (guint j = k + 1; j < n && j <= k + 3 && is_lowercase_word (s, j) &&
                                !(token_class (s, j) & (W_CUE | W_SKIP | W_PREP | W_COORD | W_DET | W_RELATIVE));
               j++)
            if ((token_class (s, j) & W_ROLE) && !(TOK (s, j)->flags & TOKEN_OWNER))
              k = j;
          if (name_after_description (s, k, n, subject))
            return TRUE;
          return parse_description_back (s, k, t > 0 ? t - 1 : 0, subject) &&
                 subject->first >= t;
        }
    }
  return FALSE;
}

/* Cue verbs; "according to" is two words.  *last is the cue's last token. */
static gboolean
is_cue (Scan     *s,
        guint     t,
        gboolean  inner,
        guint    *last)
{
  guint32 cls;

  if (TOK (s, t)->kind != TOKEN_WORD)
    return FALSE;
  cls = token_class (s, t);
  if (!(cls & (inner ? (W_CUE | W_CUE_IN) : W_CUE)))
    return FALSE;
  *last = t;
  /* "shot back", "fired back" */
  if (token_is (s, t, "shot") || token_is (s, t, "fired"))
    {
      if (t + 1 < s->tokens->len && token_is (s, t + 1, "back"))
        {
          *last = t + 1;
          return TRUE;
        }
      return FALSE;
    }
  if (token_is (s, t, "according"))
    {
      if (t + 1 < s->tokens->len && token_is (s, t + 1, "to"))
        {
          *last = t + 1;
          return TRUE;
        }
      return FALSE;
    }
  return TRUE;
}

/* Attribution */

typedef struct {
  int   speaker;          /* entity, when a person was resolved */
  int   speaker_mention;  /* the mention reported */
  guint group_first;      /* a description reported as written */
  guint group_last;
  gboolean group;
  int   outlet;
  guint cue_first;
  guint cue_last;
  gboolean has_cue;
  gboolean inside;        /* the speaker was found inside the quotation */
  gboolean inherited;
} Attribution;

static void
attribution_init (Attribution *a)
{
  memset (a, 0, sizeof *a);
  a->speaker = -1;
  a->speaker_mention = -1;
  a->outlet = -1;
}

static gboolean
has_speaker (const Attribution *a)
{
  return a->speaker_mention >= 0 || a->group;
}

/* Fills @a from @subject with its cue; returns whether anything was taken. */
static gboolean
take_subject (Scan          *s,
              const Subject *subject,
              guint          cue_first,
              guint          cue_last,
              gboolean       any,
              Attribution   *a)
{
  gboolean taken = FALSE;

  switch (subject->kind)
    {
    case SUBJECT_MENTION:
      {
        Mention *m = MENTION (s, subject->mention);

        if (m->kind == MENTION_OUTLET)
          {
            if (a->outlet < 0)
              {
                a->outlet = m->outlet;
                taken = TRUE;
              }
            break;
          }
        if (has_speaker (a))
          break;
        advance (s, subject->last + 1);
        if (m->kind == MENTION_NAME || m->kind == MENTION_PERSON)
          {
            /* Someone who speaks is a person: "Bob said" makes Bob one from here on. */
            if (m->entity < 0)
              {
                m->kind = MENTION_PERSON;
                if ((guint) subject->mention < s->next_mention)
                  note_person (s, (guint) subject->mention);
                else
                  m->entity = ensure_entity (s, (guint) subject->mention);
              }
            a->speaker = m->entity;
          }
        a->speaker_mention = subject->mention;
        taken = TRUE;
      }
      break;

    case SUBJECT_PRONOUN:
      if (!has_speaker (a))
        {
          guint32 cls = token_class (s, subject->first);
          int entity = resolve_pronoun (s, subject->first, cls & (W_HE | W_SHE), any);

          if (entity >= 0)
            {
              Entity *e = ENTITY (s, entity);

              /* Learn the gender the text gives a person. */
              if (e->gender == 0)
                e->gender = cls & (W_HE | W_SHE);
              a->speaker = entity;
              a->speaker_mention = any && e->last_mention_any >= 0 ? e->last_mention_any
                                                                   : e->last_mention;
              if (a->speaker_mention < 0)
                a->speaker_mention = e->last_mention_any;
              taken = a->speaker_mention >= 0;
            }
        }
      break;

    case SUBJECT_DESCRIPTION:
      if (!has_speaker (a))
        {
          int entity = -1;

          advance (s, subject->first);
          /* "one former senior agency official", "a woman in Worcester": someone new. */
          if (!(token_is (s, subject->first, "a") || token_is (s, subject->first, "an") ||
                token_is (s, subject->first, "one") || token_is (s, subject->first, "another") ||
                token_is (s, subject->first, "some")))
            entity = resolve_description (s, subject->first, subject->last, any);
          if (entity >= 0)
            {
              Entity *e = ENTITY (s, entity);

              a->speaker = entity;
              a->speaker_mention = e->last_mention >= 0 && !any ? e->last_mention
                                                                : e->last_mention_any;
              taken = a->speaker_mention >= 0;
            }
          else
            {
              a->group = TRUE;
              a->group_first = subject->first;
              a->group_last = subject->last;
              taken = TRUE;
            }
        }
      break;

    case SUBJECT_GROUP:
      if (!has_speaker (a))
        {
          a->group = TRUE;
          a->group_first = subject->first;
          a->group_last = subject->last;
          taken = TRUE;
        }
      break;

    case SUBJECT_MEDIA:
      /* "the report said": the outlet last named; with none named, at least the cue. */
      advance (s, subject->first);
      if (a->outlet < 0 && s->last_outlet >= 0)
        a->outlet = s->last_outlet;
      taken = TRUE;
      break;

    case SUBJECT_NONE:
    default:
      break;
    }
  if (taken && !a->has_cue)
    {
      a->has_cue = TRUE;
      a->cue_first = cue_first;
      a->cue_last = cue_last;
    }
  return taken;
}

/* Whether @t is still in the same sentence as the quotation, reading forward. */
static gboolean
forward_ok (Scan  *s,
            guint  t,
            guint  para)
{
  const Token *tok;

  if (t >= s->tokens->len)
    return FALSE;
  tok = TOK (s, t);
  return tok->para == para && !(tok->flags & (TOKEN_QUOTED | TOKEN_FURNITURE | TOKEN_SENTENCE)) &&
         !(tok->kind == TOKEN_MARK);
}

/* After the closing mark: "…," he said / said Louise Sunshine / Trump, a …, said /
 * IRNA reported / the report said / according to IRNA. */
static gboolean
attribute_after (Scan        *s,
                 const Quote *q,
                 Attribution *a)
{
  guint t = q->close_tok + 1, para, limit, cue_last;
  Subject subject;

  if (q->close_tok == G_MAXUINT || t >= s->tokens->len)
    return FALSE;
  para = TOK (s, q->close_tok)->para;
  limit = MIN (s->tokens->len, t + POST_WINDOW);
  while (t < limit && TOK (s, t)->para == para &&
         (token_is_char (s, t, ',') || token_is_char (s, t, 0x2014) ||
          token_is_char (s, t, 0x2013) || token_is_char (s, t, '-')))
    t++;
  /* "…?" he asked; "…!" Trump said: a question or an exclamation may end the quotation
   * without ending the sentence; a full stop does. */
  if (!forward_ok (s, t, para) &&
      !(t < limit && TOK (s, t)->para == para && (TOK (s, t)->flags & TOKEN_SENTENCE) &&
        !(TOK (s, t)->flags & TOKEN_QUOTED) && (s->u[q->end - 1] == '?' || s->u[q->end - 1] == '!')))
    return FALSE;

  /* Inverted: said Louise Sunshine, said the minister, according to IRNA. */
  if (is_cue (s, t, FALSE, &cue_last))
    {
      if (parse_subject_at (s, cue_last + 1, limit, &subject))
        return take_subject (s, &subject, t, cue_last, FALSE, a);
      return FALSE;
    }

  /* Subject first. */
  if (parse_subject_at (s, t, limit, &subject))
    {
      guint k = subject.last + 1, skipped = 0;

      while (k < limit && skipped < 3 && forward_ok (s, k, para) && is_skippable (s, k))
        {
          k++;
          skipped++;
        }
      if (k < limit && token_is_char (s, k, ','))
        {
          /* An appositive: "Dean Johnson, a salesman from Sumter, said". */
          for (guint j = k + 1; j < limit && j - k < APPOSITIVE_WINDOW && forward_ok (s, j, para); j++)
            if (token_is_char (s, j, ',') && j + 1 < limit && is_cue (s, j + 1, FALSE, &cue_last))
              return take_subject (s, &subject, j + 1, cue_last, FALSE, a);
          return FALSE;
        }
      if (k < limit && forward_ok (s, k, para) && is_cue (s, k, FALSE, &cue_last))
        return take_subject (s, &subject, k, cue_last, FALSE, a);
    }

  /* Later in the sentence, after a comma: "…" than that of the CIA chief, Zuckoff said. */
  for (guint j = t; j < limit && j - t < APPOSITIVE_WINDOW / 2 && forward_ok (s, j, para); j++)
    {
      guint k, skipped = 0;

      if (!token_is_char (s, j, ',') || !parse_subject_at (s, j + 1, limit, &subject))
        continue;
      k = subject.last + 1;
      while (k < limit && skipped < 3 && forward_ok (s, k, para) && is_skippable (s, k))
        {
          k++;
          skipped++;
        }
      if (k < limit && forward_ok (s, k, para) && is_cue (s, k, FALSE, &cue_last) &&
          (k + 1 >= limit || !forward_ok (s, k + 1, para) || token_is_char (s, k + 1, '.') ||
           token_is_char (s, k + 1, ',')))
        return take_subject (s, &subject, k, cue_last, FALSE, a);
    }
  return FALSE;
}

/* The sentence before, ending with its attribution: "…, dos Santos says. "…"" or "He
 * added: "…"" across a sentence break. */
static gboolean
attribute_previous_sentence (Scan        *s,
                             const Quote *q,
                             guint        floor,
                             Attribution *a)
{
  guint t = q->open_tok, cue_last;
  Subject subject;

  if (t < 3 || t - 3 < floor || !(TOK (s, t)->flags & TOKEN_SENTENCE))
    return FALSE;
  t--;
  if (!(token_is_char (s, t, '.') || token_is_char (s, t, ':')) || TOK (s, t)->para != TOK (s, q->open_tok)->para)
    return FALSE;
  t--;
  if (!is_cue (s, t, FALSE, &cue_last) || cue_last != t || token_is (s, t, "according"))
    return FALSE;
  if (!parse_subject_before (s, t, floor, &subject) || !subject_is_person (s, &subject))
    return FALSE;
  return take_subject (s, &subject, t, cue_last, FALSE, a);
}

/* The start of the sentence holding token @t, not before @floor. */
static guint
sentence_start_before (Scan  *s,
                       guint  t,
                       guint  floor)
{
  /* A run-on "sentence" (a list, a text without full stops) is read back a window's length,
   * so no quotation reads the whole text. */
  if (t > PRE_WINDOW && floor < t - PRE_WINDOW)
    floor = t - PRE_WINDOW;
  while (t > floor && !(TOK (s, t)->flags & TOKEN_SENTENCE))
    t--;
  return t;
}

/* A person subject at @t, followed by a verb. */
static gboolean
subject_with_verb (Scan    *s,
                   guint    t,
                   guint    limit,
                   Subject *subject)
{
  if (!parse_subject_at (s, t, limit, subject))
    return FALSE;
  if (!subject_is_person (s, subject) || subject->kind == SUBJECT_GROUP ||
      (subject->kind == SUBJECT_MENTION && MENTION (s, subject->mention)->kind == MENTION_GROUP))
    return FALSE;
  /* An unknown capitalized word ("Thirteen years earlier") is no subject on its own. */
  if (subject->kind == SUBJECT_MENTION && MENTION (s, subject->mention)->kind == MENTION_NAME &&
      !g_hash_table_contains (s->entity_by_key,
                              GUINT_TO_POINTER (MENTION (s, subject->mention)->key)))
    return FALSE;
  return verb_follows (s, subject->last, limit);
}

/* The subject of the sentence from @start: a person named or referred to ("he") at its
 * start, after words like "But" or "Later,", or right after an opening phrase ("And in those
 * last nights, Fiorina wrote"; "Filling in for Sanders at the event, West landed"). */
static gboolean
sentence_subject (Scan    *s,
                  guint    start,
                  guint    limit,
                  Subject *subject)
{
  guint t = start, end = MIN (limit, start + APPOSITIVE_WINDOW);

  while (t < end && (TOK (s, t)->kind != TOKEN_WORD || (token_class (s, t) & W_STOP)) &&
         !(TOK (s, t)->flags & (TOKEN_QUOTED | TOKEN_FURNITURE)) && t - start < 3 &&
         !(token_class (s, t) & (W_HE | W_SHE)))
    t++;
  if (t < end && subject_with_verb (s, t, limit, subject))
    return TRUE;
  for (t = start; t < end; t++)
    {
      const Token *tok = TOK (s, t);

      if (tok->flags & (TOKEN_QUOTED | TOKEN_FURNITURE) || tok->kind == TOKEN_MARK)
        return FALSE;
      if (token_is_char (s, t, ','))
        return t + 1 < limit && subject_with_verb (s, t + 1, limit, subject);
    }
  return FALSE;
}

/* Before the opening mark, in the same sentence: Cruz warned that the "…"; Clinton says,
 * "…"; Speaking to supporters, Cruz said that there is "…". */
static gboolean
attribute_before (Scan        *s,
                  const Quote *q,
                  guint        floor,
                  Attribution *a)
{
  guint open = q->open_tok, start, para = TOK (s, open)->para;
  Subject subject;

  if (open == 0 || open <= floor)
    return FALSE;
  start = sentence_start_before (s, open, floor);
  if (start == open)
    return FALSE;
  if (open - start > PRE_WINDOW)
    start = open - PRE_WINDOW;

  /* "TRUMP: …" or "Trump: …": a name and a colon. */
  if (open >= 2 && token_is_char (s, open - 1, ':'))
    {
      const Token *tok = TOK (s, open - 2);

      if (tok->mention >= 0 && is_person_mention (s, tok->mention) &&
          MENTION (s, tok->mention)->last == open - 2 && MENTION (s, tok->mention)->first == start)
        {
          subject.kind = SUBJECT_MENTION;
          subject.mention = tok->mention;
          subject.first = MENTION (s, tok->mention)->first;
          subject.last = open - 2;
          if (take_subject (s, &subject, 0, 0, FALSE, a))
            {
              a->has_cue = FALSE;
              return TRUE;
            }
        }
    }

  for (guint t = open; t > start;)
    {
      guint cue_last;
      const Token *tok;

      t--;
      tok = TOK (s, t);
      if (tok->para != para || (tok->flags & TOKEN_QUOTED))
        break;
      if (!is_cue (s, t, FALSE, &cue_last) && !(t > 0 && token_is (s, t, "to") &&
                                                 token_is (s, t - 1, "according")))
        continue;
      if (token_is (s, t, "to"))
        t--;
      is_cue (s, t, FALSE, &cue_last);
      if (token_is (s, t, "according"))
        {
          if (parse_subject_at (s, cue_last + 1, open, &subject))
            return take_subject (s, &subject, t, cue_last, FALSE, a);
          continue;
        }
      if (parse_subject_before (s, t, start, &subject))
        return take_subject (s, &subject, t, cue_last, FALSE, a);
      /* "…, calling her a …", "and then tweeted that": the subject of the sentence. */
      if (sentence_subject (s, start, t, &subject))
        return take_subject (s, &subject, t, cue_last, FALSE, a);
      /* "Said Trump: "…"", "adds Cruz, "…"": a name right after the verb, then the
       * quotation. */
      if (parse_subject_at (s, cue_last + 1, open, &subject) && subject.kind == SUBJECT_MENTION &&
          (subject.last + 1 == open ||
           (subject.last + 2 == open && TOK (s, subject.last + 1)->kind == TOKEN_PUNCT)))
        return take_subject (s, &subject, t, cue_last, FALSE, a);
      return FALSE;
    }
  return FALSE;
}

/* Outlets named around the quotation as its carrier: "…, IRNA reported", "according to
 * Iran’s IRNA", "told Reuters", "wrote on X", "in an interview with CNN". */
static void
find_outlet (Scan        *s,
             guint        from,
             guint        to,
             Attribution *a)
{
  for (guint t = from; t < to && a->outlet < 0; t++)
    {
      const Token *tok = TOK (s, t);
      Mention *m;
      guint cue_last;

      if (tok->flags & (TOKEN_QUOTED | TOKEN_FURNITURE))
        continue;
      if (tok->mention < 0 || (m = MENTION (s, tok->mention))->kind != MENTION_OUTLET ||
          m->first != t)
        continue;
      if (m->platform && t > 0 && (token_class (s, t - 1) & W_ON))
        {
          a->outlet = m->outlet;
          break;
        }
      /* "IRNA reported", "IRNA government media noted" */
      {
        guint k = m->last + 1;

        while (k < to && k - m->last < 4 && is_lowercase_word (s, k) &&
               !(token_class (s, k) & W_CUE))
          k++;
        if (k < to && is_cue (s, k, FALSE, &cue_last))
          {
            a->outlet = m->outlet;
            break;
          }
      }
      /* "according to IRNA", "told Reuters", "said in an interview with CNN" */
      for (guint k = t; k > from && t - k < 6;)
        {
          k--;
          if (is_cue (s, k, FALSE, &cue_last) || token_is (s, k, "with") ||
              token_is (s, k, "to"))
            {
              a->outlet = m->outlet;
              break;
            }
          if (TOK (s, k)->kind != TOKEN_WORD)
            break;
        }
    }
}

/* Inside an outlet's text: the person it reports ("…Bagheri Kani said…," IRNA noted; "The
 * Qatari minister also touched on Gaza and said …"). */
static gboolean
attribute_inside (Scan        *s,
                  const Quote *q,
                  Attribution *a)
{
  guint first = q->open_tok + 1, last = MIN (q->last_tok, q->open_tok + INNER_WINDOW);

  for (guint t = first; t <= last; t++)
    {
      guint cue_last, start;
      Subject subject;

      if (TOK (s, t)->flags & (TOKEN_FURNITURE | TOKEN_SPLICED))
        continue;
      if (!is_cue (s, t, TRUE, &cue_last) || token_is (s, t, "according"))
        continue;
      start = sentence_start_before (s, t, first);
      if (parse_subject_before (s, t, start, &subject) && subject_is_person (s, &subject) &&
          subject.kind != SUBJECT_GROUP)
        {
          if (take_subject (s, &subject, t, cue_last, TRUE, a))
            {
              a->inside = TRUE;
              return TRUE;
            }
        }
      else if (t > first && (token_class (s, t - 1) & W_COORD) &&
               parse_subject_at (s, start, t, &subject) && subject_is_person (s, &subject) &&
               subject.kind != SUBJECT_GROUP)
        {
          if (take_subject (s, &subject, t, cue_last, TRUE, a))
            {
              a->inside = TRUE;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static guint
sentence_end_after (Scan  *s,
                    guint  t,
                    guint  para)
{
  guint limit = MIN (s->tokens->len, t + POST_WINDOW);

  while (t < limit && TOK (s, t)->para == para && !(TOK (s, t)->flags & TOKEN_SENTENCE))
    t++;
  return t;
}

/* Whether the quotation opening at @q goes on from the one that closed at @prev_close: it
 * begins a sentence or a paragraph ("…," he said. "…"), or follows the attribution after a
 * comma ("…," he said, "…"), not a quoted word in a sentence of its own. */
static gboolean
continues_previous (Scan        *s,
                    const Quote *q,
                    guint        prev_close)
{
  const Token *open = TOK (s, q->open_tok);

  if (open->flags & (TOKEN_SENTENCE | TOKEN_PARAGRAPH))
    return TRUE;
  /* Two quotations in one sentence share its attribution: "says there's a "…" but he feels
   * confident that Cruz will "…"". */
  {
    guint t = prev_close + 1;

    while (t < q->open_tok && !(TOK (s, t)->flags & TOKEN_SENTENCE))
      t++;
    if (t == q->open_tok)
      return TRUE;
  }
  return q->open_tok > 0 && q->open_tok - prev_close <= 6 &&
         (token_is_char (s, q->open_tok - 1, ',') || token_is_char (s, q->open_tok - 1, ':'));
}

/* Output */

static char *
cps_to_utf8 (const gunichar *u,
             guint           start,
             guint           end)
{
  return g_ucs4_to_utf8 (u + start, (glong) (end - start), NULL, NULL, NULL);
}

/* The quoted words as a reader takes them: without the captions and spliced headlines
 * inside, the paragraph breaks and their continuation marks turned into spaces. */
static char *
quote_text (Scan        *s,
            const Quote *q)
{
  /* Six bytes of UTF-8 at most per code point, written straight into the scratch buffer,
   * then copied at its size. */
  GString *buffer = s->scratch->text;
  char *text;
  gsize len = 0;
  gboolean space = FALSE, broke = FALSE;

  g_string_set_size (buffer, (gsize) (q->end - q->start) * 6 + 1);
  text = buffer->str;

  for (guint i = q->start; i < q->end; i++)
    {
      gunichar c = s->u[i];

      if (s->zone[i] == ZONE_FURNITURE || (s->zone[i] == ZONE_HEADLINE && !q->headline))
        continue;
      if (dossier_scan_is_space (c))
        {
          space = TRUE;
          if (c == '\n')
            broke = TRUE;
          continue;
        }
      if (broke && dossier_scan_is_double_mark (c))
        {
          broke = FALSE;
          continue;
        }
      if (space && len > 0)
        text[len++] = ' ';
      space = FALSE;
      broke = FALSE;
      if (c < 0x80)
        text[len++] = (char) c;
      else
        len += (gsize) g_unichar_to_utf8 (c, text + len);
    }
  text[len] = '\0';
  return g_strndup (text, len);
}

static char *
cue_text (Scan              *s,
          const Attribution *a)
{
  g_autofree char *raw = NULL;

  if (!a->has_cue)
    return NULL;
  raw = cps_to_utf8 (s->u, TOK (s, a->cue_first)->start, TOK (s, a->cue_last)->end);
  return raw != NULL ? g_utf8_strdown (raw, -1) : NULL;
}

static DossierQuoteMention *
make_mention (Scan              *s,
              const Quote       *q,
              const Attribution *a)
{
  DossierQuoteMention *mention = g_new0 (DossierQuoteMention, 1);

  mention->start = q->start;
  mention->end = q->end;
  mention->text = quote_text (s, q);
  mention->speaker_start = -1;
  mention->speaker_end = -1;
  if (a->speaker_mention >= 0)
    {
      const Mention *m = MENTION (s, a->speaker_mention);

      mention->speaker = cps_to_utf8 (s->u, m->start, m->end);
      mention->speaker_start = (int) m->start;
      mention->speaker_end = (int) m->end;
    }
  else if (a->group)
    {
      guint start = TOK (s, a->group_first)->start, end = TOK (s, a->group_last)->end;

      mention->speaker = cps_to_utf8 (s->u, start, end);
      mention->speaker_start = (int) start;
      mention->speaker_end = (int) end;
    }
  if (a->outlet >= 0)
    mention->outlet = g_strdup (outlet_name (s->lex, a->outlet));
  mention->cue = cue_text (s, a);
  return mention;
}

/* Regions and zones */

static void
fill_zones (Scan   *s,
            GArray *regions)
{
  memset (s->zone, ZONE_BODY, s->n);
  for (guint k = 0; k < regions->len; k++)
    {
      const DossierRegion *r = &g_array_index (regions, DossierRegion, k);
      guint start = MIN (r->start, s->n), end = MIN (r->end, s->n);
      guint8 zone;

      switch (r->kind)
        {
        case DOSSIER_REGION_CAPTION:
        case DOSSIER_REGION_BOILERPLATE:
          zone = ZONE_FURNITURE;
          break;
        case DOSSIER_REGION_HEADLINE:
          zone = ZONE_HEADLINE;
          break;
        case DOSSIER_REGION_PARAGRAPH:
        default:
          zone = ZONE_BODY;
          break;
        }
      if (end > start && zone != ZONE_BODY)
        memset (s->zone + start, zone, end - start);
    }
}

/* Descriptions that begin a sentence outside quotations ("The Iranian foreign minister
 * stressed …") keep the person they describe in mind, as a name would. */
static void
find_descriptions (Scan *s)
{
  GArray *extra = s->scratch->extra;
  GArray *merged;
  guint a = 0, b = 0;

  g_array_set_size (extra, 0);
  for (guint t = 0; t + 1 < s->tokens->len; t++)
    {
      const Token *tok = TOK (s, t);
      Subject subject;

      if (!(tok->flags & TOKEN_SENTENCE) || !(tok->flags & TOKEN_CAPITAL) ||
          (tok->flags & (TOKEN_QUOTED | TOKEN_FURNITURE | TOKEN_HEADLINE)) || !token_is (s, t, "the"))
        continue;
      if (parse_subject_at (s, t, s->tokens->len, &subject) &&
          subject.kind == SUBJECT_DESCRIPTION && subject.last + 1 < s->tokens->len &&
          is_lowercase_word (s, subject.last + 1))
        {
          Mention m = { subject.first, subject.last, tok->start, TOK (s, subject.last)->end,
                        MENTION_DESCRIPTION, -1, -1, FALSE };

          g_array_append_val (extra, m);
        }
    }
  if (extra->len == 0)
    return;
  /* Merge in text order; token->mention indices are rebuilt for the names. */
  merged = s->scratch->merged;
  g_array_set_size (merged, 0);
  while (a < s->mentions->len || b < extra->len)
    {
      gboolean take_a = b >= extra->len ||
                        (a < s->mentions->len &&
                         MENTION (s, a)->first <= g_array_index (extra, Mention, b).first);

      if (take_a)
        g_array_append_val (merged, *MENTION (s, a++));
      else
        g_array_append_val (merged, g_array_index (extra, Mention, b++));
    }
  /* The scratch keeps both arrays for the next text. */
  s->scratch->merged = s->mentions;
  s->scratch->mentions = merged;
  s->mentions = merged;
  for (guint m = 0; m < s->mentions->len; m++)
    {
      const Mention *mention = MENTION (s, m);

      if (mention->kind == MENTION_DESCRIPTION)
        continue;
      for (guint t = mention->first; t <= mention->last; t++)
        TOK (s, t)->mention = (int) m;
    }
}

/* Public */

void
dossier_quote_mention_free (DossierQuoteMention *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->text);
  g_free (quote->speaker);
  g_free (quote->outlet);
  g_free (quote->cue);
  g_free (quote);
}

/* Above this, scratch memory goes back to the allocator rather than wait for the next
 * text. */
#define SCRATCH_KEEP_BYTES (1 << 20)

static void
quote_scratch_free (gpointer data)
{
  QuoteScratch *scratch = data;

  if (scratch == NULL)
    return;
  g_free (scratch->zone);
  g_array_unref (scratch->tokens);
  g_array_unref (scratch->para_has_body);
  g_array_unref (scratch->quotes);
  g_array_unref (scratch->mentions);
  g_array_unref (scratch->merged);
  g_array_unref (scratch->extra);
  g_array_unref (scratch->entities);
  g_array_unref (scratch->own);
  g_array_unref (scratch->sentences);
  g_hash_table_unref (scratch->entity_by_key);
  g_string_free (scratch->text, TRUE);
  g_free (scratch);
}

static GPrivate quote_scratch_key = G_PRIVATE_INIT (quote_scratch_free);

/* The thread's scratch, emptied, with a zone for @n code points. */
static QuoteScratch *
quote_scratch_take (guint n)
{
  QuoteScratch *scratch = g_private_get (&quote_scratch_key);

  if (scratch != NULL)
    g_private_set (&quote_scratch_key, NULL);
  else
    {
      scratch = g_new0 (QuoteScratch, 1);
      scratch->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
      scratch->para_has_body = g_array_new (FALSE, FALSE, sizeof (gboolean));
      scratch->quotes = g_array_new (FALSE, FALSE, sizeof (Quote));
      scratch->mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
      scratch->merged = g_array_new (FALSE, FALSE, sizeof (Mention));
      scratch->extra = g_array_new (FALSE, FALSE, sizeof (Mention));
      scratch->entities = g_array_new (FALSE, FALSE, sizeof (Entity));
      scratch->own = g_array_new (FALSE, FALSE, sizeof (gboolean));
      scratch->sentences = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
      scratch->entity_by_key = g_hash_table_new (g_direct_hash, g_direct_equal);
      scratch->text = g_string_new (NULL);
    }
  if (scratch->zone_size < MAX (n, 1))
    {
      g_free (scratch->zone);
      scratch->zone_size = MAX (n, 1);
      scratch->zone = g_malloc (scratch->zone_size);
    }
  g_array_set_size (scratch->tokens, 0);
  g_array_set_size (scratch->para_has_body, 0);
  g_array_set_size (scratch->quotes, 0);
  g_array_set_size (scratch->mentions, 0);
  g_array_set_size (scratch->entities, 0);
  g_array_set_size (scratch->own, 0);
  g_array_set_size (scratch->sentences, 0);
  g_hash_table_remove_all (scratch->entity_by_key);
  return scratch;
}

static void
quote_scratch_give_back (QuoteScratch *scratch)
{
  if (scratch->zone_size > SCRATCH_KEEP_BYTES ||
      scratch->tokens->len * sizeof (Token) > SCRATCH_KEEP_BYTES ||
      MAX (scratch->mentions->len, scratch->merged->len) * sizeof (Mention) > SCRATCH_KEEP_BYTES ||
      scratch->entities->len * sizeof (Entity) > SCRATCH_KEEP_BYTES ||
      scratch->text->allocated_len > SCRATCH_KEEP_BYTES)
    {
      quote_scratch_free (scratch);
      return;
    }
  /* Another extraction on this thread in between (none today) would have left its own. */
  quote_scratch_free (g_private_get (&quote_scratch_key));
  g_private_set (&quote_scratch_key, scratch);
}

GPtrArray *
dossier_extract_quotes (const char *text,
                        GArray     *regions)
{
  g_autofree gunichar *u = NULL;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  u = dossier_scan_decode (text, &n);
  return dossier_scan_extract_quotes (u, n, regions);
}

GPtrArray *
dossier_scan_extract_quotes (const gunichar *u,
                             guint           n,
                             GArray         *regions)
{
  GPtrArray *result;
  g_autoptr(GArray) refined = NULL;
  Scan s = { 0, };
  Attribution prev;
  gboolean have_prev = FALSE;
  guint prev_close = 0, attributed_close = 0;
  QuoteScratch *scratch;
  GArray *own;
  GArray *sentences;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) dossier_quote_mention_free);
  /* The regions are taken as dossier_extract_regions() made them, as the other extractors
   * take them (refining them again would read the text once more for nothing); without
   * any, paragraphs are found from blank lines and refined here. */
  refined = regions != NULL ? g_array_ref (regions) : dossier_scan_refine_regions (u, n, NULL);

  scratch = quote_scratch_take (n);
  own = scratch->own;
  sentences = scratch->sentences;
  s.scratch = scratch;
  s.lex = get_lexicon ();
  s.u = u;
  s.n = n;
  s.zone = scratch->zone;
  s.tokens = scratch->tokens;
  s.para_has_body = scratch->para_has_body;
  s.quotes = scratch->quotes;
  s.mentions = scratch->mentions;
  s.entities = scratch->entities;
  s.entity_by_key = scratch->entity_by_key;
  s.last_outlet = -1;
  s.last_speaker = -1;
  s.subject_sentence = G_MAXUINT;

  fill_zones (&s, refined);
  tokenize (&s);
  pair_quotes (&s);
  find_mentions (&s);
  find_descriptions (&s);
  attribution_init (&prev);

  for (guint k = 0; k < s.quotes->len; k++)
    {
      const Quote *q = &g_array_index (s.quotes, Quote, k);
      const Token *open = TOK (&s, q->open_tok);
      Attribution a, before;
      gboolean after_found, before_found;
      /* A sentence is read back to the last quotation given to someone, not to a title in
       * quote marks inside it ("a contestant on "The Apprentice," …, said"). */
      guint floor = attributed_close;
      guint sent_start, sent_end;

      attribution_init (&a);
      attribution_init (&before);
      advance (&s, q->open_tok);

      after_found = attribute_after (&s, q, &a);
      before_found = attribute_before (&s, q, floor, &before);
      if (before_found)
        {
          /* A person before, an outlet after: "Araghchi said Iran will … '…,' IRNA noted". */
          if (!has_speaker (&a) && has_speaker (&before))
            {
              a.speaker = before.speaker;
              a.speaker_mention = before.speaker_mention;
              a.group = before.group;
              a.group_first = before.group_first;
              a.group_last = before.group_last;
              if (!after_found || !a.has_cue)
                {
                  a.has_cue = before.has_cue;
                  a.cue_first = before.cue_first;
                  a.cue_last = before.cue_last;
                }
            }
          if (a.outlet < 0)
            a.outlet = before.outlet;
          if (!a.has_cue && before.has_cue)
            {
              a.has_cue = TRUE;
              a.cue_first = before.cue_first;
              a.cue_last = before.cue_last;
            }
        }

      /* The carrier named elsewhere in the sentence. */
      sent_start = sentence_start_before (&s, q->open_tok, floor);
      sent_end = q->close_tok != G_MAXUINT ? sentence_end_after (&s, q->close_tok + 1, open->para)
                                           : q->last_tok;
      if (a.outlet < 0)
        find_outlet (&s, q->close_tok != G_MAXUINT ? q->close_tok + 1 : q->last_tok, sent_end, &a);
      if (a.outlet < 0)
        find_outlet (&s, sent_start, q->open_tok, &a);
      if (a.outlet < 0 && a.has_cue && token_is (&s, a.cue_first, "tweeted"))
        {
          for (guint i = 0; i < s.lex->sources->len; i++)
            if (g_strcmp0 (outlet_name (s.lex, (int) i), "X") == 0)
              a.outlet = (int) i;
        }

      if (!has_speaker (&a) && a.outlet < 0)
        attribute_previous_sentence (&s, q, floor, &a);

      /* An outlet's text: the person it reports is inside. */
      if (!has_speaker (&a) && a.outlet >= 0)
        attribute_inside (&s, q, &a);

      /* Nothing around it: the quotation goes on from the one before ("…," he said. "…"). */
      if (!has_speaker (&a) && a.outlet < 0 && have_prev && !q->single &&
          open->para <= TOK (&s, prev_close)->para + 1 &&
          (open->para == TOK (&s, prev_close)->para || (open->flags & TOKEN_PARAGRAPH)) &&
          continues_previous (&s, q, prev_close))
        {
          gboolean someone_else = FALSE;
          guint boundary = prev_close + 1;

          /* People named in the attribution's own sentence ("she told moderator John
           * Dickerson") do not interrupt; someone named in a later sentence does. */
          while (boundary < q->open_tok && !(TOK (&s, boundary)->flags & TOKEN_SENTENCE))
            boundary++;
          advance (&s, q->open_tok);
          for (guint i = 0; i < s.n_recent && !someone_else; i++)
            {
              const Entity *e = ENTITY (&s, s.recent[i]);

              if (e->last_tok != G_MAXUINT && e->last_tok >= boundary && e->last_tok < q->open_tok &&
                  s.recent[i] != prev.speaker)
                someone_else = TRUE;
            }
          if (!someone_else)
            {
              a.outlet = prev.outlet;
              if (!prev.inside)
                {
                  a.speaker = prev.speaker;
                  a.speaker_mention = prev.speaker_mention;
                  a.group = prev.group;
                  a.group_first = prev.group_first;
                  a.group_last = prev.group_last;
                  a.has_cue = prev.has_cue;
                  a.cue_first = prev.cue_first;
                  a.cue_last = prev.cue_last;
                }
              a.inherited = TRUE;
            }
        }

      /* A phrase quoted inside a sentence about someone: "Clinton has increasingly decried
       * the issue of "…"", "Santilli expressed a desire to "…"". */
      if (!has_speaker (&a) && a.outlet < 0 && !a.inherited && !(open->flags & TOKEN_SENTENCE))
        {
          Subject subject;

          if (sentence_subject (&s, sentence_start_before (&s, q->open_tok, floor), q->open_tok,
                                &subject))
            take_subject (&s, &subject, 0, 0, FALSE, &a);
          a.has_cue = FALSE;
        }

      /* Single marks count only as a quotation someone is given: elsewhere they are scare
       * quotes in a headline or apostrophes. */
      if (q->single && !(has_speaker (&a) || a.outlet >= 0))
        continue;
      if (q->single && q->headline)
        continue;

      if (a.speaker >= 0 && !a.inside)
        {
          s.last_speaker = a.speaker;
          s.last_speaker_tok = q->open_tok;
          s.last_speaker_para = open->para;
          ENTITY (&s, a.speaker)->last_subject_tok = q->open_tok;
          ENTITY (&s, a.speaker)->last_subject_para = open->para;
        }
      g_ptr_array_add (result, make_mention (&s, q, &a));
      prev = a;
      have_prev = TRUE;
      prev_close = q->close_tok != G_MAXUINT ? q->close_tok : q->last_tok;
      if (has_speaker (&a) || a.outlet >= 0)
        attributed_close = prev_close;
      {
        gboolean mine = (has_speaker (&a) || a.outlet >= 0) && !a.inherited;
        guint span[2] = { open->sentence, TOK (&s, prev_close)->sentence };

        g_array_append_val (own, mine);
        g_array_append_vals (sentences, span, 1);
      }
    }

  /* A quotation with nothing of its own takes the attribution of the next one in the same
   * sentence: ""All that Glitters is Not Gold" was to be a "cautionary tale," said Susan
   * Crawford". */
  for (guint k = result->len; k-- > 1;)
    {
      DossierQuoteMention *m = g_ptr_array_index (result, k - 1);
      const DossierQuoteMention *next = g_ptr_array_index (result, k);
      const guint *span = (const guint *) (const void *) (sentences->data + (k - 1) * 2 * sizeof (guint));
      const guint *next_span = (const guint *) (const void *) (sentences->data + k * 2 * sizeof (guint));

      if (g_array_index (own, gboolean, k - 1) || !g_array_index (own, gboolean, k) ||
          span[1] != next_span[0])
        continue;
      g_free (m->speaker);
      g_free (m->outlet);
      g_free (m->cue);
      m->speaker = g_strdup (next->speaker);
      m->speaker_start = next->speaker_start;
      m->speaker_end = next->speaker_end;
      m->outlet = g_strdup (next->outlet);
      m->cue = g_strdup (next->cue);
      g_array_index (own, gboolean, k - 1) = TRUE;
    }

  quote_scratch_give_back (scratch);
  return result;
}
