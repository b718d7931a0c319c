"""Machine translation for wagtail-localize, from the environment, off by default.

DEEPL_API_KEY (a key ending in ":fx" uses DeepL's free API) or LIBRETRANSLATE_URL
(a self-hosted LibreTranslate, with LIBRETRANSLATE_API_KEY if it asks for one). When
both are set DeepL wins. The test settings switch it off whatever the environment says,
so tests never call a translation service."""

DEEPL = "wagtail_localize.machine_translators.deepl.DeepLTranslator"
LIBRETRANSLATE = "wagtail_localize.machine_translators.libretranslate.LibreTranslator"


def machine_translator(deepl_api_key="", libretranslate_url="", libretranslate_api_key=""):
    """The WAGTAILLOCALIZE_MACHINE_TRANSLATOR setting for these values, or None."""
    if deepl_api_key.strip():
        return {"CLASS": DEEPL, "OPTIONS": {"AUTH_KEY": deepl_api_key.strip(), "TIMEOUT": 30}}
    if libretranslate_url.strip():
        return {
            "CLASS": LIBRETRANSLATE,
            "OPTIONS": {
                "LIBRETRANSLATE_URL": libretranslate_url.strip().rstrip("/"),
                "API_KEY": libretranslate_api_key.strip(),
                "TIMEOUT": 30,
            },
        }
    return None
