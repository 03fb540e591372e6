/* test-mac.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-error.h"
#include "pa-mac.h"

static void
test_mac_spellings (void)
{
  static const char * const spellings[] = {
    "805ec0123456",
    "805EC0123456",
    "80-5E-C0-12-34-56",
    "80:5e:c0:12:34:56",
    "80:5E:C0:12:34:56",
    "805e.c012.3456",
    "805E.C012.3456",
    "  805ec0123456  ",
    "805ec0123456\r\n",
    "805ec0123456\n",
    "\t80:5e:c0:12:34:56\r\n",
    "80 5e c0 12 34 56",
    "80  5e  c0  12  34  56",
    "80 : 5e : c0 : 12 : 34 : 56",
    "80-5e-c0 -12-34-56",
    "805e c012 3456",
    "80.5e.c0.12.34.56",
    "\u00a080:5e:c0:12:34:56\u00a0",
    "80\u00a05e\u00a0c0\u00a012\u00a034\u00a056",
  };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *mac = pa_mac_normalize (spellings[i], &error);

      g_test_message ("spelling \"%s\"", spellings[i]);
      g_assert_no_error (error);
      g_assert_cmpstr (mac, ==, "80:5E:C0:12:34:56");
    }
}

static void
test_mac_other_vendors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *snom = pa_mac_normalize ("000413922d24", &error);
  g_autofree char *gs = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (snom, ==, "00:04:13:92:2D:24");

  gs = pa_mac_normalize ("00:0b:82:86:5e:6a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gs, ==, "00:0B:82:86:5E:6A");
}

/* Every failure is INVALID on field "mac" and its message contains each of
 * @needles. */
static void
assert_mac_error (const char *text,
                  ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mac = pa_mac_normalize (text, &error);
  const char *needle;
  va_list args;

  g_autofree char *escaped = text != NULL ? g_strescape (text, NULL) : g_strdup ("(null)");

  g_test_message ("input \"%s\" → %s", escaped, error != NULL ? error->message : "OK");
  g_assert_null (mac);
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_INVALID);
  g_assert_cmpstr (pa_model_error_get_field (error), ==, "mac");

  va_start (args, text);
  while ((needle = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, needle) == NULL)
        g_error ("message \"%s\" lacks \"%s\"", error->message, needle);
    }
  va_end (args);
}

static void
test_mac_empty (void)
{
  assert_mac_error (NULL, "empty", NULL);
  assert_mac_error ("", "empty", NULL);
  assert_mac_error ("   \r\n", "empty", NULL);
}

static void
test_mac_length (void)
{
  assert_mac_error ("805ec012345", "too short", "11 hex digits", "12", NULL);
  assert_mac_error ("80:5e:c0:12:34", "too short", "10 hex digits", NULL);
  assert_mac_error ("8", "too short", "1 hex digit,", NULL);
  assert_mac_error ("805ec01234567", "too long", "13 hex digits", NULL);
  assert_mac_error ("80:5e:c0:12:34:56:78", "too long", "14 hex digits", NULL);
}

static void
test_mac_not_hex (void)
{
  assert_mac_error ("805ec012345g", "“g”", "position 12", "not a hex digit", NULL);
  assert_mac_error ("x05ec0123456", "“x”", "position 1", NULL);
  /* Positions count characters, not bytes, and do not count the trimmed
   * white space before the MAC. */
  assert_mac_error ("  80:5é:c0:12:34:56", "“é”", "position 5", NULL);
  assert_mac_error ("€05ec0123456", "“€”", "position 1", NULL);
  assert_mac_error ("80_5e_c0_12_34_56", "“_”", "position 3", NULL);
  /* A control character is shown by its code point. */
  assert_mac_error ("805ec\x01" "0123456", "U+0001", "position 6", NULL);
  assert_mac_error ("805ec0\xff" "123456", "not valid text", NULL);
}

static void
test_mac_separators (void)
{
  assert_mac_error ("80:5e-c0:12:34:56", "mixes separators", "“:”", "“-”", "position 6", NULL);
  assert_mac_error ("80:5e:c0 12:34:56", "mixes separators", NULL);
  assert_mac_error ("805e:c0:12:34:56", "misplaced separator", NULL);
  assert_mac_error ("805ec0:123456", "misplaced separator", NULL);
  assert_mac_error ("805ec.0123456", "misplaced separator", NULL);
  assert_mac_error ("80::5e:c0:12:34:56", "two separators in a row", "position 4", NULL);
  assert_mac_error (":805ec0123456", "starts with a separator", NULL);
  assert_mac_error ("805ec0123456-", "ends with a separator", NULL);
}

static void
test_mac_special_addresses (void)
{
  assert_mac_error ("01:00:5E:00:00:01", "multicast", "01", NULL);
  assert_mac_error ("815ec0123456", "multicast", "81", NULL);
  assert_mac_error ("ff:ff:ff:ff:ff:ff", "broadcast", NULL);
  assert_mac_error ("FFFFFFFFFFFF", "broadcast", NULL);
  assert_mac_error ("00:00:00:00:00:00", "all zeros", NULL);
  assert_mac_error ("000000000000", "all zeros", NULL);
}

static void
test_mac_helpers (void)
{
  g_autofree char *compact = pa_mac_to_compact ("80:5E:C0:12:34:56");
  g_autofree char *oui = pa_mac_oui ("80:5E:C0:12:34:56");
  g_autofree char *bad_compact = pa_mac_to_compact ("80:5e:c0:12:34:56");
  g_autofree char *bad_oui = pa_mac_oui ("805ec0123456");

  g_assert_cmpstr (compact, ==, "805ec0123456");
  g_assert_cmpstr (oui, ==, "80:5E:C0");
  g_assert_null (bad_compact);
  g_assert_null (bad_oui);
  g_assert_null (pa_mac_to_compact (NULL));
  g_assert_null (pa_mac_oui (""));

  g_assert_true (pa_mac_is_valid ("80:5E:C0:12:34:56"));
  g_assert_false (pa_mac_is_valid ("80:5e:c0:12:34:56"));
  g_assert_false (pa_mac_is_valid ("805ec0123456"));
  g_assert_false (pa_mac_is_valid ("80-5E-C0-12-34-56"));
  g_assert_false (pa_mac_is_valid ("80:5E:C0:12:34:5"));
  g_assert_false (pa_mac_is_valid ("80:5E:C0:12:34:567"));
  g_assert_false (pa_mac_is_valid ("80:5E:C0:12:34:5G"));
  g_assert_false (pa_mac_is_valid ("FF:FF:FF:FF:FF:FF"));
  g_assert_false (pa_mac_is_valid ("00:00:00:00:00:00"));
  g_assert_false (pa_mac_is_valid ("01:5E:C0:12:34:56"));
  g_assert_false (pa_mac_is_valid (""));
  g_assert_false (pa_mac_is_valid (NULL));
}

/* What the normaliser returns must pass its own validity check, whatever
 * spelling it came from. */
static void
test_mac_roundtrip (void)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *mac = NULL;
      g_autofree char *compact = NULL;
      g_autofree char *again = NULL;
      guint8 b[6];

      for (guint j = 0; j < 6; j++)
        b[j] = g_test_rand_int_range (0, 256);
      b[0] &= 0xfe;
      b[5] |= 0x01;

      text = g_strdup_printf ("%02x-%02X-%02x-%02X-%02x-%02X", b[0], b[1], b[2], b[3], b[4], b[5]);
      mac = pa_mac_normalize (text, &error);
      g_assert_no_error (error);
      g_assert_true (pa_mac_is_valid (mac));
      compact = pa_mac_to_compact (mac);
      g_assert_cmpuint (strlen (compact), ==, 12);
      again = pa_mac_normalize (compact, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, mac);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mac/spellings", test_mac_spellings);
  g_test_add_func ("/mac/other-vendors", test_mac_other_vendors);
  g_test_add_func ("/mac/error/empty", test_mac_empty);
  g_test_add_func ("/mac/error/length", test_mac_length);
  g_test_add_func ("/mac/error/not-hex", test_mac_not_hex);
  g_test_add_func ("/mac/error/separators", test_mac_separators);
  g_test_add_func ("/mac/error/special-addresses", test_mac_special_addresses);
  g_test_add_func ("/mac/helpers", test_mac_helpers);
  g_test_add_func ("/mac/roundtrip", test_mac_roundtrip);

  return g_test_run ();
}
