# Simplified Chinese (CLDR zh-Hans, China). The weekday follows the date after a space.
DATE_FORMAT = "Y年n月j日 l"  # 2026年4月23日 星期四
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "Y年n月j日 l H:i"  # 2026年4月23日 星期四 14:30
YEAR_MONTH_FORMAT = "Y年n月"  # 2026年4月
MONTH_DAY_FORMAT = "n月j日"  # 4月23日
SHORT_DATE_FORMAT = "Y/n/j"  # 2026/4/23
SHORT_DATETIME_FORMAT = "Y/n/j H:i"  # 2026/4/23 14:30
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
