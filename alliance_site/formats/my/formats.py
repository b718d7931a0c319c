# Burmese (CLDR my; Django has no Burmese formats): year first, "၊" before the weekday.
# CLDR writes Myanmar digits; Django's formatter only writes Western digits.
DATE_FORMAT = "Y F j၊ l"  # 2026 ဧပြီ 23၊ ကြာသပတေးနေ့
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "Y F j၊ l H:i"  # 2026 ဧပြီ 23၊ ကြာသပတေးနေ့ 14:30
YEAR_MONTH_FORMAT = "Y F"  # 2026 ဧပြီ
MONTH_DAY_FORMAT = "F j"  # ဧပြီ 23
SHORT_DATE_FORMAT = "j/n/Y"  # 23/4/2026
SHORT_DATETIME_FORMAT = "j/n/Y H:i"  # 23/4/2026 14:30
FIRST_DAY_OF_WEEK = 0  # Sunday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
