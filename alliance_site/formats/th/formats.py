# Thai (CLDR th, Buddhist calendar). `Y` is the Buddhist-era year only when rendered
# through alliance_site.dates (Gregorian + 543); Django's |date filter would print the
# Gregorian year. "น." (นาฬิกา) follows the time, as in CLDR.
DATE_FORMAT = "lที่ j F พ.ศ. Y"  # วันพฤหัสบดีที่ 23 เมษายน พ.ศ. 2569
TIME_FORMAT = "H:i น."  # 14:30 น.
DATETIME_FORMAT = "lที่ j F พ.ศ. Y H:i น."  # วันพฤหัสบดีที่ 23 เมษายน พ.ศ. 2569 14:30 น.
YEAR_MONTH_FORMAT = "F พ.ศ. Y"  # เมษายน พ.ศ. 2569
MONTH_DAY_FORMAT = "j F"  # 23 เมษายน
SHORT_DATE_FORMAT = "j/n/Y"  # 23/4/2569
SHORT_DATETIME_FORMAT = "j/n/Y H:i น."  # 23/4/2569 14:30 น.
FIRST_DAY_OF_WEEK = 0  # Sunday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
