"""Date, time and number formats of the site's ten languages (FORMAT_MODULE_PATH).

Each `<locale>/formats.py` follows CLDR for its language, with three house rules:

- times are 24-hour everywhere (English too): the alliance is Chinese;
- DATETIME_FORMAT puts the date first and the time last in every language, so that a
  session reads "{start|local_datetime}–{end|local_time}";
- Thai formats are written for `alliance_site.dates`, which puts the Buddhist-era year
  (Gregorian + 543) in place of `Y` and `y`: render human-readable dates through it
  (the `local_*` filters of `alliance_dates`), never through `|date:"DATE_FORMAT"`.

Input formats are not set here: Django's own locale modules (or the settings defaults
for Lao, Burmese and Filipino) still parse form input.
"""
