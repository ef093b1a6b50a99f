/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A strict RFC 8259 JSON validator that never recurses.
 *
 * json-glib 1.6 parses by recursion (a page nesting 100,000 arrays overflows the stack) and
 * accepts more than JSON: C comments, single-quoted strings.  A depth check that guesses how
 * json-glib will read the text can be fooled by what it reads differently (a '"' inside a
 * comment made the old scanner take the rest of a file for one string), so the text is
 * validated strictly here first, with the depth limit, and only text this accepts is handed to
 * json-glib: the limit then covers exactly what json-glib parses. */
#define G_LOG_DOMAIN "dossier-json"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "dossier-json.h"

G_DEFINE_QUARK (dossier-json-error-quark, dossier_json_error)

typedef enum {
  STATE_VALUE,           /* a value must come (after ':' or ',' in an array) */
  STATE_VALUE_OR_CLOSE,  /* after '[' */
  STATE_KEY,             /* a member name must come (after ',' in an object) */
  STATE_KEY_OR_CLOSE,    /* after '{' */
  STATE_COLON,
  STATE_AFTER_VALUE,
} State;

/* An open array or object. */
typedef struct {
  char   kind;         /* '[' or '{' */
  guint  index;        /* in an array, the element being read, from 0 */
  gsize  key;          /* in an object, the offset and length of the member name being read */
  gsize  key_length;
} Level;

typedef struct {
  const char        *data;
  gsize              length;
  gsize              pos;
  DossierJsonFlags   flags;
  GError           **error;
  Level             *stack;
  guint              depth;
  guint              max_depth;
  /* The name of the member whose value is being read, for messages; NULL in an array. */
  const char        *key;
  gsize              key_length;
} Validator;

static gboolean fail (Validator        *v,
                      gsize             at,
                      DossierJsonError  code,
                      const char       *format,
                      ...) G_GNUC_PRINTF (4, 5);

/* Sets the error with the line and column (in characters, from 1) of byte @at. */
static gboolean
fail (Validator        *v,
      gsize             at,
      DossierJsonError  code,
      const char       *format,
      ...)
{
  g_autofree char *reason = NULL;
  gsize line = 1, line_start = 0;
  glong column;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  for (gsize i = 0; i < at; i++)
    if (v->data[i] == '\n')
      {
        line++;
        line_start = i + 1;
      }
  /* Everything before @at has been validated as UTF-8. */
  column = g_utf8_strlen (v->data + line_start, (gssize) (at - line_start)) + 1;
  g_set_error (v->error, DOSSIER_JSON_ERROR, code, "%s (line %" G_GSIZE_FORMAT ", column %ld)",
               reason, line, column);
  return FALSE;
}

/* The subject of a message about the value being read, with its @verb: "“start” is" for a
 * member with a plain name, else @otherwise ("a value is"). */
static char *
describe_value (Validator  *v,
                const char *verb,
                const char *otherwise)
{
  if (v->key == NULL || v->key_length > 64 || memchr (v->key, '\\', v->key_length) != NULL)
    return g_strdup (otherwise);
  return g_strdup_printf ("“%.*s” %s", (int) v->key_length, v->key, verb);
}

static const char *
describe_unexpected (Validator *v,
                     char       buffer[16])
{
  guchar c = (guchar) v->data[v->pos];

  if (c == '/')
    return "comments are not allowed";
  if (c == '\'')
    return "single-quoted strings are not allowed";
  if (c >= 0x20 && c < 0x7F)
    g_snprintf (buffer, 16, "‘%c’", c);
  else
    g_snprintf (buffer, 16, "byte 0x%02X", c);
  return NULL;
}

static gboolean
fail_unexpected (Validator  *v,
                 const char *expected)
{
  char buffer[16];
  const char *reason = describe_unexpected (v, buffer);

  if (reason != NULL)
    return fail (v, v->pos, DOSSIER_JSON_ERROR_SYNTAX, "%s", reason);
  return fail (v, v->pos, DOSSIER_JSON_ERROR_SYNTAX, "expected %s, found %s", expected, buffer);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads four hex digits at @at; -1 when they are not. */
static int
read_hex4 (Validator *v,
           gsize      at)
{
  int value = 0;

  if (v->length - at < 4)
    return -1;
  for (gsize i = 0; i < 4; i++)
    {
      int digit = hex_value (v->data[at + i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A string from the '"' at v->pos; on success v->pos is after the closing quote. */
static gboolean
scan_string (Validator *v,
             gboolean   is_key)
{
  gsize start = v->pos;

  v->pos++;
  while (v->pos < v->length)
    {
      guchar c = (guchar) v->data[v->pos];

      if (c == '"')
        {
          v->pos++;
          return TRUE;
        }
      if (c == '\\')
        {
          gsize escape = v->pos;
          int unit, low;

          if (v->pos + 1 >= v->length)
            break;
          switch (v->data[v->pos + 1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              v->pos += 2;
              continue;
            case 'u':
              break;
            default:
              return fail (v, escape, DOSSIER_JSON_ERROR_SYNTAX, "an invalid escape in a string");
            }
          if ((unit = read_hex4 (v, v->pos + 2)) < 0)
            return fail (v, escape, DOSSIER_JSON_ERROR_SYNTAX,
                         "“\\u” is not followed by four hex digits");
          v->pos += 6;
          if (unit == 0 && (v->flags & DOSSIER_JSON_REFUSE_NUL))
            {
              g_autofree char *subject = is_key ? g_strdup ("a member name holds")
                                                : describe_value (v, "holds", "a string holds");

              return fail (v, escape, DOSSIER_JSON_ERROR_NUL,
                           "%s a NUL character (\\u0000), which cannot be stored", subject);
            }
          /* json-glib turns a lone surrogate into bytes that are not UTF-8 and drops what
           * follows it in the string: it would not read what the text says. */
          if (unit >= 0xDC00 && unit <= 0xDFFF)
            return fail (v, escape, DOSSIER_JSON_ERROR_SYNTAX,
                         "a lone UTF-16 surrogate (\\u%04x)", (guint) unit);
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              if (v->length - v->pos < 6 || v->data[v->pos] != '\\' ||
                  v->data[v->pos + 1] != 'u' || (low = read_hex4 (v, v->pos + 2)) < 0xDC00 ||
                  low > 0xDFFF)
                return fail (v, escape, DOSSIER_JSON_ERROR_SYNTAX,
                             "a lone UTF-16 surrogate (\\u%04x)", (guint) unit);
              v->pos += 6;
            }
          continue;
        }
      if (c < 0x20)
        return fail (v, v->pos, DOSSIER_JSON_ERROR_SYNTAX,
                     "a control character (U+%04X) in a string must be escaped", (guint) c);
      if (c >= 0x80)
        {
          gunichar ch = g_utf8_get_char_validated (v->data + v->pos,
                                                   (gssize) (v->length - v->pos));

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            return fail (v, v->pos, DOSSIER_JSON_ERROR_SYNTAX, "not valid UTF-8");
          v->pos += g_utf8_skip[c];
          continue;
        }
      v->pos++;
    }
  return fail (v, start, DOSSIER_JSON_ERROR_SYNTAX, "a string is not closed");
}

static gboolean
is_digit (Validator *v,
          gsize      at)
{
  return at < v->length && v->data[at] >= '0' && v->data[at] <= '9';
}

static gboolean
scan_digits (Validator *v)
{
  if (!is_digit (v, v->pos))
    return FALSE;
  while (is_digit (v, v->pos))
    v->pos++;
  return TRUE;
}

/* A number at v->pos (a '-' or a digit), by the RFC 8259 grammar. */
static gboolean
scan_number (Validator *v)
{
  gsize start = v->pos;
  gboolean integer = TRUE;

  if (v->data[v->pos] == '-')
    v->pos++;
  if (v->pos < v->length && v->data[v->pos] == '0')
    {
      v->pos++;
      if (is_digit (v, v->pos))
        return fail (v, start, DOSSIER_JSON_ERROR_SYNTAX, "a number has a leading zero");
    }
  else if (!scan_digits (v))
    return fail (v, start, DOSSIER_JSON_ERROR_SYNTAX, "a ‘-’ not followed by a number");
  if (v->pos < v->length && v->data[v->pos] == '.')
    {
      v->pos++;
      integer = FALSE;
      if (!scan_digits (v))
        return fail (v, start, DOSSIER_JSON_ERROR_SYNTAX, "a number has no digits after ‘.’");
    }
  if (v->pos < v->length && (v->data[v->pos] == 'e' || v->data[v->pos] == 'E'))
    {
      v->pos++;
      integer = FALSE;
      if (v->pos < v->length && (v->data[v->pos] == '+' || v->data[v->pos] == '-'))
        v->pos++;
      if (!scan_digits (v))
        return fail (v, start, DOSSIER_JSON_ERROR_SYNTAX, "a number has no exponent digits");
    }

  if (v->flags & DOSSIER_JSON_EXACT_NUMBERS)
    {
      /* A number of more digits than fit anywhere is refused without parsing it. */
      gsize length = v->pos - start;
      g_autofree char *text = g_strndup (v->data + start, MIN (length, 400));
      gboolean out_of_range;

      errno = 0;
      if (integer)
        out_of_range = length > 21 || (g_ascii_strtoll (text, NULL, 10), errno == ERANGE);
      else
        out_of_range = length > 400 || !isfinite (g_ascii_strtod (text, NULL));
      if (out_of_range)
        {
          g_autofree char *subject = describe_value (v, "is", "a value is");

          return fail (v, start, DOSSIER_JSON_ERROR_NUMBER,
                       "%s not a number that can be read exactly (%.*s%s)", subject,
                       (int) MIN (length, 40), v->data + start, length > 40 ? "…" : "");
        }
    }
  return TRUE;
}

static gboolean
scan_literal (Validator *v)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (v->length - v->pos >= n && memcmp (v->data + v->pos, literals[i], n) == 0)
        {
          v->pos += n;
          return TRUE;
        }
    }
  return fail_unexpected (v, "a value");
}

static void
skip_space (Validator *v)
{
  while (v->pos < v->length &&
         (v->data[v->pos] == ' ' || v->data[v->pos] == '\t' || v->data[v->pos] == '\n' ||
          v->data[v->pos] == '\r'))
    v->pos++;
}

/* The grammar, as a state machine over an explicit stack. */
static gboolean
validate (Validator *v)
{
  State state = STATE_VALUE;
  gsize key_start = 0;

  for (;;)
    {
      char c;

      skip_space (v);
      if (v->pos == v->length)
        {
          if (state == STATE_AFTER_VALUE && v->depth == 0)
            return TRUE;
          if (v->depth == 0 && state == STATE_VALUE)
            return fail (v, v->pos, DOSSIER_JSON_ERROR_SYNTAX, "no JSON value in it");
          return fail (v, v->pos, DOSSIER_JSON_ERROR_SYNTAX, "it ends before its JSON does");
        }
      c = v->data[v->pos];
      switch (state)
        {
        case STATE_VALUE_OR_CLOSE:
          if (c == ']')
            {
              v->pos++;
              v->depth--;
              state = STATE_AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case STATE_VALUE:
          /* In an object, the member name read just before names this value in messages. */
          if (v->depth == 0 || v->stack[v->depth - 1].kind == '[')
            v->key = NULL;
          if (c == '[' || c == '{')
            {
              if (v->depth == v->max_depth)
                return fail (v, v->pos, DOSSIER_JSON_ERROR_TOO_DEEP,
                             "nested more than %u levels deep", v->max_depth);
              v->stack[v->depth].kind = c;
              v->stack[v->depth].index = 0;
              v->stack[v->depth].key = 0;
              v->stack[v->depth].key_length = 0;
              v->depth++;
              v->pos++;
              state = c == '[' ? STATE_VALUE_OR_CLOSE : STATE_KEY_OR_CLOSE;
              break;
            }
          if (c == '"')
            {
              if (!scan_string (v, FALSE))
                return FALSE;
            }
          else if (c == '-' || (c >= '0' && c <= '9'))
            {
              if (!scan_number (v))
                return FALSE;
            }
          else if (!scan_literal (v))
            return FALSE;
          state = STATE_AFTER_VALUE;
          break;

        case STATE_KEY_OR_CLOSE:
          if (c == '}')
            {
              v->pos++;
              v->depth--;
              state = STATE_AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case STATE_KEY:
          if (c != '"')
            return fail_unexpected (v, "a member name in double quotes");
          key_start = v->pos;
          if (!scan_string (v, TRUE))
            return FALSE;
          v->key = v->data + (key_start + 1);
          v->key_length = v->pos - key_start - 2;
          v->stack[v->depth - 1].key = key_start + 1;
          v->stack[v->depth - 1].key_length = v->key_length;
          state = STATE_COLON;
          break;

        case STATE_COLON:
          if (c != ':')
            return fail_unexpected (v, "‘:’ after a member name");
          v->pos++;
          state = STATE_VALUE;
          break;

        case STATE_AFTER_VALUE:
          if (v->depth == 0)
            {
              char buffer[16];
              const char *reason = describe_unexpected (v, buffer);

              return fail (v, v->pos, DOSSIER_JSON_ERROR_SYNTAX, "%s",
                           reason != NULL ? reason
                                          : "more after the end of the JSON value (two "
                                            "documents in one?)");
            }
          if (c == ',')
            {
              v->pos++;
              v->stack[v->depth - 1].index++;
              state = v->stack[v->depth - 1].kind == '[' ? STATE_VALUE : STATE_KEY;
            }
          else if ((c == ']' && v->stack[v->depth - 1].kind == '[') ||
                   (c == '}' && v->stack[v->depth - 1].kind == '{'))
            {
              v->pos++;
              v->depth--;
            }
          else
            return fail_unexpected (v, v->stack[v->depth - 1].kind == '[' ? "‘,’ or ‘]’"
                                                                          : "‘,’ or ‘}’");
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * dossier_json_validate_full:
 * @max_depth: how many arrays and objects may nest (1 or more)
 * @path: (out) (optional): on failure, a DossierJsonStep per array or object open where the
 *   fault is, outermost first (a GArray to free)
 *
 * Checks that @data is one JSON text by RFC 8259 and nothing else (no comments, no single
 * quotes, no trailing commas, no second document after the first, UTF-8 only, control
 * characters escaped, no lone UTF-16 surrogates, which json-glib misreads), nested at most
 * @max_depth deep.  Runs in constant stack space.
 *
 * Returns: TRUE, or FALSE with a DOSSIER_JSON_ERROR whose message ends with the line and
 *   column at fault.
 */
gboolean
dossier_json_validate_full (const char        *data,
                            gsize              length,
                            guint              max_depth,
                            DossierJsonFlags   flags,
                            GArray           **path,
                            GError           **error)
{
  g_autofree Level *stack = NULL;
  Validator v = { 0, };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (max_depth > 0, FALSE);

  if (path != NULL)
    *path = NULL;
  stack = g_new (Level, max_depth);
  v.data = data;
  v.length = length;
  v.flags = flags;
  v.error = error;
  v.stack = stack;
  v.max_depth = max_depth;
  if (validate (&v))
    return TRUE;
  if (path != NULL)
    {
      *path = g_array_sized_new (FALSE, FALSE, sizeof (DossierJsonStep), v.depth);
      for (guint i = 0; i < v.depth; i++)
        {
          DossierJsonStep step = { NULL, 0, 0 };

          if (stack[i].kind == '[')
            step.index = stack[i].index;
          else if (stack[i].key > 0 &&
                   memchr (data + stack[i].key, '\\', stack[i].key_length) == NULL)
            {
              step.key = data + stack[i].key;
              step.key_length = stack[i].key_length;
            }
          g_array_append_val (*path, step);
        }
    }
  return FALSE;
}

/**
 * dossier_json_validate:
 *
 * dossier_json_validate_full() without the path.
 */
gboolean
dossier_json_validate (const char        *data,
                       gsize              length,
                       guint              max_depth,
                       DossierJsonFlags   flags,
                       GError           **error)
{
  return dossier_json_validate_full (data, length, max_depth, flags, NULL, error);
}
