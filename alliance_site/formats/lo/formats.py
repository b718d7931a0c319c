# Lao (CLDR lo; Django has no Lao formats). Weekday names carry "ວັນ" (day), as in CLDR.
DATE_FORMAT = "l, j F Y"  # ວັນພະຫັດ, 23 ເມສາ 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "l, j F Y, H:i"  # ວັນພະຫັດ, 23 ເມສາ 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # ເມສາ 2026
MONTH_DAY_FORMAT = "j F"  # 23 ເມສາ
SHORT_DATE_FORMAT = "j/n/Y"  # 23/4/2026
SHORT_DATETIME_FORMAT = "j/n/Y, H:i"  # 23/4/2026, 14:30
FIRST_DAY_OF_WEEK = 0  # Sunday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
