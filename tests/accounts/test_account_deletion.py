"""After deleting their account a visitor stays in their language: they land on the home
page of the language they were using (the URL's prefix, whatever the browser prefers),
with the confirmation in that language."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from tests import factories
from tests.conftest import translate

pytestmark = pytest.mark.django_db

DELETED = "Your account and your personal data are deleted."


@pytest.mark.parametrize("language", ["zh-hans", "th", "my", "en"])
def test_deleting_the_account_lands_on_the_home_page_of_the_language(client, home, language):
    translate(home, "th", title="สมาคมส่งเสริมการอ่านกว่างซี")
    user = factories.UserFactory(username="leaving")
    client.force_login(user)
    page = client.get(f"/{language}/account/delete/")
    assert f'<html lang="{language}"' in page.content.decode()
    # The browser prefers another language (English, or Chinese for an English page).
    browser = "zh-CN,zh;q=0.9" if language == "en" else "en-US,en;q=0.9"
    response = client.post(
        f"/{language}/account/delete/",
        {"confirm": "leaving"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE=browser,
    )
    assert not get_user_model().objects.filter(username="leaving").exists()
    assert response.redirect_chain == [(f"/{language}/", 302)]
    assert response.status_code == 200
    with translation.override(language):
        message = translation.gettext(DELETED)
    if language != "en":
        assert message != DELETED  # the catalogue has it: the check below means something
    assert [str(m) for m in response.context["messages"]] == [message]
    assert message in response.content.decode()
    if language == "th":  # the Thai home page itself
        assert '<html lang="th"' in response.content.decode()
        assert "สมาคมส่งเสริมการอ่านกว่างซี" in response.content.decode()
